import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Snapshot, type AccountData } from '../../../../src/inventory/snapshot.ts';
import { loadChecks } from '../../../../src/posture/engine.ts';
import type { CheckContext, CheckResult } from '../../../../src/posture/check.ts';
import { patternCovers } from '../../../../src/posture/lib/filter-pattern.ts';
import { apiEvents } from '../../../../src/posture/lib/monitoring.ts';
import { GOOD, NOW, REGIONS, badBucket, data, error, goodAccount, goodBucket, manifestFor, put, resources } from '../fixtures.ts';

/** Table-driven cases for the documented semantics the checks must get exactly right. */

const checks = new Map((await loadChecks()).map((c) => [c.id, c]));

function run(id: string, account: AccountData, parameters: Record<string, unknown> = {}): CheckResult[] {
  const check = checks.get(id)!;
  const snapshot = Snapshot.fromData(manifestFor([{ id: GOOD }]), { [GOOD]: account });
  const defaults = Object.fromEntries(Object.entries(check.parameters ?? {}).map(([k, p]) => [k, p.default]));
  const ctx: CheckContext = { snapshot, account: snapshot.accounts[0]!, regions: REGIONS, parameters: { ...defaults, ...parameters }, now: new Date(NOW), org: { adminAccountIds: [], memberAccountIds: new Set() } };
  return check.evaluate(ctx);
}

function withBucket(settings: Record<string, unknown>, accountBlock?: unknown): AccountData {
  const account = goodAccount();
  const base = { ...goodBucket('b'), ...settings };
  put(account, 's3', 'ListBuckets', 'us-east-1', data({ Buckets: [{ Name: 'b' }] }));
  for (const [op, entry] of Object.entries(base)) put(account, 's3', op, 'us-east-1', resources({ b: entry }));
  if (accountBlock !== undefined) put(account, 's3-control', 'GetPublicAccessBlock', 'us-east-1', accountBlock);
  return account;
}

const noBlock = error('NoSuchPublicAccessBlockConfiguration');
const publicReadAcl = data({ Owner: { ID: 'o' }, Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] });
const publicPolicy = (action: string, condition?: unknown) => data({ Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: 'arn:aws:s3:::b/*', ...(condition ? { Condition: condition } : {}) }] }) });

const cases: Array<{ name: string; check: string; account: () => AccountData; parameters?: Record<string, unknown>; expect: CheckResult['status']; reason?: RegExp }> = [
  { name: 'public-read: ACL AllUsers READ without any Block Public Access', check: 's3-bucket-public-read-prohibited', account: () => withBucket({ GetPublicAccessBlock: noBlock, GetBucketAcl: publicReadAcl }, noBlock), expect: 'FAIL', reason: /AllUsers READ/ },
  { name: 'public-read: the same ACL neutralised by account IgnorePublicAcls', check: 's3-bucket-public-read-prohibited', account: () => withBucket({ GetPublicAccessBlock: noBlock, GetBucketAcl: publicReadAcl }, data({ PublicAccessBlockConfiguration: { IgnorePublicAcls: true } })), expect: 'PASS' },
  { name: 'public-read: BlockPublicAcls alone does not neutralise an existing public ACL', check: 's3-bucket-public-read-prohibited', account: () => withBucket({ GetPublicAccessBlock: data({ PublicAccessBlockConfiguration: { BlockPublicAcls: true } }), GetBucketAcl: publicReadAcl }, noBlock), expect: 'FAIL' },
  { name: 'public-read: policy Principal * GetObject', check: 's3-bucket-public-read-prohibited', account: () => withBucket({ GetPublicAccessBlock: noBlock, GetBucketPolicy: publicPolicy('s3:GetObject') }, noBlock), expect: 'FAIL', reason: /Principal "\*"/ },
  { name: 'public-read: policy Principal * restricted by aws:SourceVpce is not public', check: 's3-bucket-public-read-prohibited', account: () => withBucket({ GetPublicAccessBlock: noBlock, GetBucketPolicy: publicPolicy('s3:GetObject', { StringEquals: { 'aws:SourceVpce': 'vpce-1' } }) }, noBlock), expect: 'PASS' },
  { name: 'public-read: public policy neutralised by bucket RestrictPublicBuckets', check: 's3-bucket-public-read-prohibited', account: () => withBucket({ GetPublicAccessBlock: data({ PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }), GetBucketPolicy: publicPolicy('s3:*') }, noBlock), expect: 'PASS' },
  { name: 'public-write: s3:* to everyone is public write', check: 's3-bucket-public-write-prohibited', account: () => withBucket({ GetPublicAccessBlock: noBlock, GetBucketPolicy: publicPolicy('s3:*') }, noBlock), expect: 'FAIL' },
  { name: 'public-write: read-only public policy is not public write', check: 's3-bucket-public-write-prohibited', account: () => withBucket({ GetPublicAccessBlock: noBlock, GetBucketPolicy: publicPolicy('s3:GetObject') }, noBlock), expect: 'PASS' },
  { name: 'public-write: denied GetBucketAcl is ERROR naming it', check: 's3-bucket-public-write-prohibited', account: () => withBucket({ GetPublicAccessBlock: noBlock, GetBucketAcl: error('AccessDenied') }, noBlock), expect: 'ERROR', reason: /s3:GetBucketAcl failed \(AccessDenied\)/ },
  { name: 'ssl-only: NumericLessThan s3:TlsVersion deny is accepted', check: 's3-bucket-ssl-requests-only', account: () => withBucket({ GetBucketPolicy: data({ Policy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }] }) }) }), expect: 'PASS' },
  { name: 'ssl-only: Allow with SecureTransport=true does not deny HTTP', check: 's3-bucket-ssl-requests-only', account: () => withBucket({ GetBucketPolicy: data({ Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] }) }) }), expect: 'FAIL' },
  { name: 'ssl-only: no bucket policy fails', check: 's3-bucket-ssl-requests-only', account: () => withBucket({ GetBucketPolicy: error('NoSuchBucketPolicy') }), expect: 'FAIL', reason: /NoSuchBucketPolicy/ },
  { name: 'encryption: SSE configuration missing → FAIL (a fact, not an error)', check: 's3-bucket-server-side-encryption-enabled', account: () => withBucket({ GetBucketEncryption: error('ServerSideEncryptionConfigurationNotFoundError'), GetBucketPolicy: error('NoSuchBucketPolicy') }), expect: 'FAIL' },
  { name: 'versioning: isMfaDeleteEnabled=true requires MFADelete', check: 's3-bucket-versioning-enabled', account: () => withBucket({ GetBucketVersioning: data({ Status: 'Enabled' }) }), parameters: { isMfaDeleteEnabled: true }, expect: 'FAIL', reason: /MFADelete/ },
  { name: 'logging: targetBucket parameter must match', check: 's3-bucket-logging-enabled', account: () => withBucket({}), parameters: { targetBucket: 'central-logs' }, expect: 'FAIL', reason: /not central-logs/ },
  { name: 'level BPA: excludedPublicBuckets skips a website bucket', check: 's3-bucket-level-public-access-prohibited', account: () => withBucket(badBucket()), parameters: { excludedPublicBuckets: 'b' }, expect: 'PASS' },
  { name: 'password policy: every documented parameter at its default passes a strict policy', check: 'iam-password-policy', account: () => goodAccount(), expect: 'PASS' },
  { name: 'password policy: RequireSymbols=false parameter ignores missing symbols', check: 'iam-password-policy', account: () => { const a = goodAccount(); (a.iam!.GetAccountPasswordPolicy!['us-east-1'] as any).data.PasswordPolicy.RequireSymbols = false; return a; }, parameters: { RequireSymbols: false }, expect: 'PASS' },
  { name: 'password policy: ExpirePasswords=false fails MaxPasswordAge', check: 'iam-password-policy', account: () => { const a = goodAccount(); Object.assign((a.iam!.GetAccountPasswordPolicy!['us-east-1'] as any).data.PasswordPolicy, { ExpirePasswords: false }); return a; }, expect: 'FAIL', reason: /MaxPasswordAge/ },
  { name: 'password policy: denied call is ERROR, not "no policy"', check: 'iam-password-policy', account: () => { const a = goodAccount(); put(a, 'iam', 'GetAccountPasswordPolicy', 'us-east-1', error('AccessDenied')); return a; }, expect: 'ERROR', reason: /iam:GetAccountPasswordPolicy failed/ },
  { name: 'root MFA: no root password (centralized root access) passes', check: 'root-account-mfa-enabled', account: () => { const a = goodAccount(); put(a, 'iam', 'GetAccountSummary', 'us-east-1', data({ SummaryMap: { AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 0 } })); return a; }, expect: 'PASS', reason: /no password/ },
  { name: 'root keys: falls back to the credential report when the summary is denied', check: 'iam-root-access-key-check', account: () => { const a = goodAccount(); put(a, 'iam', 'GetAccountSummary', 'us-east-1', error('AccessDenied')); return a; }, expect: 'PASS', reason: /credential report/ },
  { name: 'access keys rotated: maxAccessKeyAge parameter', check: 'access-keys-rotated', account: () => goodAccount(), parameters: { maxAccessKeyAge: 30 }, expect: 'FAIL', reason: /more than 30 days/ },
  { name: 'multi-region trail: advanced selectors with a readOnly filter do not log all management events', check: 'multi-region-cloudtrail-enabled', account: () => { const a = goodAccount(); for (const r of REGIONS) put(a, 'cloudtrail', 'GetEventSelectors', r, resources({ [`arn:aws:cloudtrail:us-east-1:${GOOD}:trail/main`]: data({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }] }) })); return a; }, expect: 'FAIL', reason: /does not record ALL management events/ },
  { name: 'multi-region trail: advanced Management selector without readOnly passes', check: 'multi-region-cloudtrail-enabled', account: () => { const a = goodAccount(); for (const r of REGIONS) put(a, 'cloudtrail', 'GetEventSelectors', r, resources({ [`arn:aws:cloudtrail:us-east-1:${GOOD}:trail/main`]: data({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] }) })); return a; }, expect: 'PASS' },
  { name: 'S3 write data events: advanced selector with readOnly=false', check: 'cloudtrail-s3-object-write-logging', account: () => { const a = goodAccount(); for (const r of REGIONS) put(a, 'cloudtrail', 'GetEventSelectors', r, resources({ [`arn:aws:cloudtrail:us-east-1:${GOOD}:trail/main`]: data({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'readOnly', Equals: ['false'] }] }] }) })); return a; }, expect: 'PASS' },
  { name: 'S3 read data events: a write-only selector does not cover reads', check: 'cloudtrail-s3-object-read-logging', account: () => { const a = goodAccount(); for (const r of REGIONS) put(a, 'cloudtrail', 'GetEventSelectors', r, resources({ [`arn:aws:cloudtrail:us-east-1:${GOOD}:trail/main`]: data({ EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }) })); return a; }, expect: 'FAIL' },
  { name: 'CIS 4.3: an alarm without SNS action fails, naming the alarm', check: 'cloudwatch-alarm-root-usage', account: () => { const a = goodAccount(); const alarms = (a.cloudwatch!.DescribeAlarms!['us-east-1'] as any).data.MetricAlarms; for (const alarm of alarms) alarm.AlarmActions = []; return a; }, expect: 'FAIL', reason: /notifies no SNS topic/ },
  { name: 'CIS 4.3: an unconfirmed subscription does not count', check: 'cloudwatch-alarm-root-usage', account: () => { const a = goodAccount(); put(a, 'sns', 'ListSubscriptionsByTopic', 'us-east-1', resources({ [`arn:aws:sns:us-east-1:${GOOD}:security-alerts`]: data({ Subscriptions: [{ SubscriptionArn: 'PendingConfirmation' }] }) })); return a; }, expect: 'FAIL', reason: /no confirmed subscription/ },
  { name: 'CIS 4.3: metric filters denied → ERROR naming DescribeMetricFilters', check: 'cloudwatch-alarm-root-usage', account: () => { const a = goodAccount(); put(a, 'cloudwatch-logs', 'DescribeMetricFilters', 'us-east-1', error('AccessDeniedException')); return a; }, expect: 'ERROR', reason: /cloudwatch-logs:DescribeMetricFilters failed/ },
  { name: 'KMS rotation: asymmetric keys are not applicable', check: 'cmk-backing-key-rotation-enabled', account: () => { const a = goodAccount(); for (const r of REGIONS) put(a, 'kms', 'DescribeKey', r, resources({ k1: data({ KeyMetadata: { KeyId: 'k1', KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'RSA_2048' } }), aws1: data({ KeyMetadata: { KeyManager: 'AWS' } }) })); return a; }, expect: 'NOT_APPLICABLE' },
  { name: 'GuardDuty: legacy DataSources.S3Logs counts for S3 protection', check: 'guardduty-s3-protection-enabled', account: () => { const a = goodAccount(); for (const r of REGIONS) put(a, 'guardduty', 'GetDetector', r, resources({ d1: data({ Status: 'ENABLED', DataSources: { S3Logs: { Status: 'ENABLED' } } }) })); return a; }, expect: 'PASS' },
  { name: 'Security Hub: InvalidAccessException means not enabled (FAIL, not ERROR)', check: 'securityhub-enabled', account: () => { const a = goodAccount(); for (const r of REGIONS) put(a, 'securityhub', 'DescribeHub', r, error('InvalidAccessException')); return a; }, expect: 'FAIL' },
];

for (const c of cases) {
  test(`${c.check}: ${c.name}`, () => {
    const results = run(c.check, c.account(), c.parameters);
    const statuses = new Set(results.map((r) => r.status));
    const expected = c.expect === 'PASS' ? ['PASS', 'NOT_APPLICABLE'] : [c.expect];
    assert.ok(results.some((r) => r.status === c.expect), `expected ${c.expect}, got ${results.map((r) => `${r.status}: ${r.reason}`).join(' | ')}`);
    if (c.expect === 'PASS') assert.ok([...statuses].every((s) => expected.includes(s)), results.map((r) => `${r.status}: ${r.reason}`).join(' | '));
    if (c.reason) assert.ok(results.some((r) => r.status === c.expect && c.reason!.test(r.reason)), results.map((r) => r.reason).join(' | '));
  });
}

test('filter patterns are judged by meaning: spacing, quotes, parentheses, order', () => {
  const events = apiEvents('cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']);
  const negative = apiEvents('cloudtrail.amazonaws.com', ['DescribeTrails']);
  for (const pattern of [
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
    '{($.eventName="StopLogging")||($.eventName="StartLogging")||($.eventName="DeleteTrail")||($.eventName="UpdateTrail")||($.eventName="CreateTrail")}',
    '{ $.eventName = CreateTrail || $.eventName = UpdateTrail || $.eventName = DeleteTrail || $.eventName = StartLogging || $.eventName = StopLogging }',
    '{ ($.eventSource = cloudtrail.amazonaws.com) && (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging)) }',
  ]) assert.ok(patternCovers(pattern, events, negative), pattern);
  for (const pattern of ['{ $.eventName = * }', '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) }', '{ $.eventName = StopLogging && $.eventName = CreateTrail }', 'not a pattern']) {
    assert.ok(!patternCovers(pattern, events, negative), pattern);
  }
});
