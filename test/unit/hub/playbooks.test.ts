import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadChecks } from '../../../src/posture/engine.ts';
import { findPlaybook, PLAYBOOK_ROOT } from '../../../src/hub/playbooks.ts';
import { openTrailDatabase, type TrailDatabase } from '../../../src/trail/query/database.ts';
import { tempDir } from '../../helpers/vigil.ts';

/**
 * The shipped playbooks: every HIGH/CRITICAL posture check has one with the six sections, and
 * every `vigil trail query "…"` in any playbook runs on the real query engine (DuckDB over the
 * Athena-compatible `cloudtrail` view) against a CloudTrail file written here.
 */

const SECTIONS = ['What it means', 'Investigate', 'Contain', 'Recover', 'Prevent', 'References'];
const QUERY = /vigil trail query "([^"]*)"\s+(\S+)/g;

interface Playbook {
  file: string;
  markdown: string;
  /** Shell variables the playbook sets (`NAME=value` at the start of a line). */
  variables: Map<string, string>;
  queries: string[];
}

function readPlaybook(file: string): Playbook {
  const markdown = readFileSync(file, 'utf8');
  const variables = new Map<string, string>();
  for (const match of markdown.matchAll(/^([A-Z][A-Z0-9_]*)=(\S+)/gm)) variables.set(match[1]!, match[2]!);
  return { file, markdown, variables, queries: [...markdown.matchAll(QUERY)].map((m) => m[1]!) };
}

function playbookFiles(): string[] {
  const files: string[] = [];
  for (const folder of ['posture', 'detect']) {
    const dir = join(PLAYBOOK_ROOT, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.md')) files.push(join(dir, name));
  }
  return files;
}

/** The SQL the shell would pass after expanding the playbook's own variables. */
function expand(sql: string, playbook: Playbook): string {
  return sql.replace(/\$\{?([A-Z][A-Z0-9_]*)\}?/g, (_, name: string) => {
    const value = playbook.variables.get(name);
    if (value === undefined) throw new Error(`${playbook.file}: $${name} is used in a query but never set`);
    return value;
  });
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

const event = (eventSource: string, eventName: string, requestParameters: Record<string, unknown> | null, extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.09',
  userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLE:ops', arn: 'arn:aws:sts::111122223333:assumed-role/Ops/ops', accountId: '111122223333', accessKeyId: 'ASIAEXAMPLE' },
  eventTime: '2026-11-20T10:00:00Z',
  eventSource,
  eventName,
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.7',
  userAgent: 'aws-cli/2.15.0',
  requestParameters,
  responseElements: null,
  requestID: 'req',
  eventID: `${eventSource}-${eventName}`,
  readOnly: false,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '111122223333',
  eventCategory: 'Management',
  ...extra,
});

const root = { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE' };
const worldOpenRule = event('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', {
  groupId: 'sg-0123456789abcdef0',
  ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 3306, toPort: 3306, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] }, ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] } }] },
});

/**
 * One event per posture playbook: the change that its first query (who changed the setting)
 * must find, with the example values the playbook itself sets. Keeps the queries' event names
 * and request-parameter paths honest.
 */
const CHANGE_EVENTS: Record<string, ReturnType<typeof event>> = {
  's3-bucket-public-read-prohibited': event('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'example-bucket', bucketPolicy: { Statement: [] } }),
  's3-bucket-public-write-prohibited': event('s3.amazonaws.com', 'PutBucketAcl', { bucketName: 'example-bucket', AccessControlPolicy: {} }),
  's3-bucket-level-public-access-prohibited': event('s3.amazonaws.com', 'DeleteBucketPublicAccessBlock', { bucketName: 'example-bucket', publicAccessBlock: '' }),
  ...Object.fromEntries(
    ['restricted-ssh', 'ec2-security-group-admin-ports-ipv4-restricted', 'ec2-security-group-admin-ports-ipv6-restricted', 'ec2-security-group-cifs-restricted', 'restricted-common-ports', 'vpc-sg-open-only-to-authorized-ports', 'vpc-default-security-group-closed'].map((id) => [id, worldOpenRule]),
  ),
  'iam-root-access-key-check': event('iam.amazonaws.com', 'CreateAccessKey', {}, { userIdentity: root, responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLE', status: 'Active' } } }),
  'iam-root-recent-use': event('signin.amazonaws.com', 'ConsoleLogin', null, { userIdentity: root, responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'No' } }),
  'root-account-mfa-enabled': event('iam.amazonaws.com', 'DeactivateMFADevice', { userName: 'root', serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device' }, { userIdentity: root }),
  'root-account-hardware-mfa-enabled': event('iam.amazonaws.com', 'CreateVirtualMFADevice', { virtualMFADeviceName: 'root-account-mfa-device', path: '/' }, { userIdentity: root }),
  'iam-policy-no-statements-with-admin-access': event('iam.amazonaws.com', 'CreatePolicyVersion', { policyArn: 'arn:aws:iam::111122223333:policy/example-policy', policyDocument: '{}', setAsDefault: true }),
  'cloudtrail-enabled': event('cloudtrail.amazonaws.com', 'StopLogging', { name: 'arn:aws:cloudtrail:eu-west-3:111122223333:trail/main' }),
  'multi-region-cloudtrail-enabled': event('cloudtrail.amazonaws.com', 'PutEventSelectors', { trailName: 'main', eventSelectors: [{ readWriteType: 'WriteOnly', includeManagementEvents: true }] }),
  'cloudwatch-alarm-cloudtrail-changes': event('cloudtrail.amazonaws.com', 'UpdateTrail', { name: 'main', isMultiRegionTrail: false }),
  'ebs-snapshot-public-restorable-check': event('ec2.amazonaws.com', 'ModifySnapshotAttribute', { snapshotId: 'snap-0123456789abcdef0', attributeType: 'CREATE_VOLUME_PERMISSION', createVolumePermission: { add: { items: [{ group: 'all' }] } } }),
  'rds-snapshots-public-prohibited': event('rds.amazonaws.com', 'ModifyDBSnapshotAttribute', { dBSnapshotIdentifier: 'example-db-snapshot', attributeName: 'restore', valuesToAdd: ['all'] }),
  'rds-instance-public-access-check': event('rds.amazonaws.com', 'ModifyDBInstance', { dBInstanceIdentifier: 'example-db', publiclyAccessible: true, applyImmediately: true }),
  'rds-automatic-minor-version-upgrade-enabled': event('rds.amazonaws.com', 'ModifyDBInstance', { dBInstanceIdentifier: 'example-db', autoMinorVersionUpgrade: false }),
  'ec2-imdsv2-check': event('ec2.amazonaws.com', 'ModifyInstanceMetadataOptions', { ModifyInstanceMetadataOptionsRequest: { InstanceId: 'i-0123456789abcdef0', HttpTokens: 'optional' } }),
  'ec2-instance-no-public-ip': event('ec2.amazonaws.com', 'AssociateAddress', { instanceId: 'i-0123456789abcdef0', allocationId: 'eipalloc-0123456789abcdef0' }),
  'lambda-function-public-access-prohibited': event('lambda.amazonaws.com', 'AddPermission20150331v2', { functionName: 'example-function', statementId: 'open', action: 'lambda:InvokeFunction', principal: '*' }),
  'secretsmanager-secret-no-public-access': event('secretsmanager.amazonaws.com', 'PutResourcePolicy', { secretId: 'example', resourcePolicy: '{}', blockPublicPolicy: false }),
  'sqs-queue-no-public-access': event('sqs.amazonaws.com', 'SetQueueAttributes', { queueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/example-queue', attributes: { Policy: '{}' } }),
  'ecr-repository-no-public-access': event('ecr.amazonaws.com', 'SetRepositoryPolicy', { repositoryName: 'example-repo', policyText: '{}' }),
  'opensearch-domain-not-public': event('es.amazonaws.com', 'UpdateDomainConfig', { domainName: 'example-domain', accessPolicies: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*"}]}' }),
  'opensearch-in-vpc-only': event('es.amazonaws.com', 'CreateDomain', { domainName: 'example-domain', engineVersion: 'OpenSearch_2.11' }),
  'opensearch-access-control-enabled': event('es.amazonaws.com', 'CreateDomain', { domainName: 'example-domain', advancedSecurityOptions: { enabled: false } }),
  'lambda-function-env-no-plaintext-secrets': event('lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', { functionName: 'example-function', environment: {} }),
  'ssm-parameter-no-plaintext-secrets': event('ssm.amazonaws.com', 'PutParameter', { name: '/example/db/password', type: 'String', overwrite: true }),
  'cloudtrail-s3-bucket-public-access-prohibited': event('s3.amazonaws.com', 'PutBucketAcl', { bucketName: 'example-trail-bucket', AccessControlPolicy: {} }),
  'eks-endpoint-no-public-access': event('eks.amazonaws.com', 'UpdateClusterConfig', { name: 'example-cluster', resourcesVpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] } }),
  'eks-cluster-supported-version': event('eks.amazonaws.com', 'CreateCluster', { name: 'example-cluster', version: '1.27' }),
  'acm-certificate-rsa-check': event('acm.amazonaws.com', 'ImportCertificate', {}, { responseElements: { certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000' } }),
  'cloudfront-default-root-object-configured': event('cloudfront.amazonaws.com', 'UpdateDistribution', { id: 'E1234567890ABC', distributionConfig: { defaultRootObject: '' } }),
  'cloudfront-s3-origin-non-existent-bucket': event('s3.amazonaws.com', 'DeleteBucket', { bucketName: 'example-origin-bucket' }),
  'ecr-private-image-scanning-enabled': event('ecr.amazonaws.com', 'PutImageScanningConfiguration', { repositoryName: 'example-repo', imageScanningConfiguration: { scanOnPush: false } }),
  'cloudtrail-logs-cross-account-bucket': event('cloudtrail.amazonaws.com', 'CreateTrail', { name: 'main', s3BucketName: 'example-trail-bucket', enableLogFileValidation: false }),
  'guardduty-enabled-centralized': event('guardduty.amazonaws.com', 'DeleteDetector', { detectorId: '12abc34d567e8fa901bc2d34e56789f0' }),
  ...Object.fromEntries(
    [
      ['guardduty-s3-protection-enabled', 'S3_DATA_EVENTS'],
      ['guardduty-eks-protection-audit-enabled', 'EKS_AUDIT_LOGS'],
      ['guardduty-eks-protection-runtime-enabled', 'RUNTIME_MONITORING'],
      ['guardduty-runtime-monitoring-enabled', 'RUNTIME_MONITORING'],
      ['guardduty-lambda-protection-enabled', 'LAMBDA_NETWORK_LOGS'],
      ['guardduty-malware-protection-enabled', 'EBS_MALWARE_PROTECTION'],
      ['guardduty-rds-protection-enabled', 'RDS_LOGIN_EVENTS'],
    ].map(([id, feature]) => [id, event('guardduty.amazonaws.com', 'UpdateDetector', { detectorId: '12abc34d567e8fa901bc2d34e56789f0', features: [{ name: feature, status: 'DISABLED' }] })]),
  ),
  ...Object.fromEntries(
    [
      ['inspector-ec2-scan-enabled', 'EC2'],
      ['inspector-ecr-scan-enabled', 'ECR'],
      ['inspector-lambda-standard-scan-enabled', 'LAMBDA'],
      ['inspector-lambda-code-scan-enabled', 'LAMBDA_CODE'],
    ].map(([id, type]) => [id, event('inspector2.amazonaws.com', 'Disable', { accountIds: ['111122223333'], resourceTypes: [type] })]),
  ),
  'macie-auto-sensitive-data-discovery-enabled': event('macie2.amazonaws.com', 'UpdateAutomatedDiscoveryConfiguration', { status: 'DISABLED' }),
  'kms-key-policy-no-public-access': event('kms.amazonaws.com', 'PutKeyPolicy', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', policyName: 'default', policy: '{}' }),
  'kms-cmk-not-scheduled-for-deletion': event('kms.amazonaws.com', 'ScheduleKeyDeletion', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', pendingWindowInDays: 7 }),
  'sns-topic-no-public-access': event('sns.amazonaws.com', 'SetTopicAttributes', { topicArn: 'arn:aws:sns:us-east-1:111122223333:example-topic', attributeName: 'Policy', attributeValue: '{}' }),
  'account-part-of-organizations': event('organizations.amazonaws.com', 'LeaveOrganization', null),
  'ec2-ami-not-public': event('ec2.amazonaws.com', 'ModifyImageAttribute', { imageId: 'ami-0123456789abcdef0', attributeType: 'launchPermission', launchPermission: { add: { items: [{ group: 'all' }] } } }),
  'public-access': event('iam.amazonaws.com', 'UpdateAssumeRolePolicy', { roleName: 'example-role', policyDocument: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}' }),
  'privilege-escalation': event('iam.amazonaws.com', 'CreatePolicyVersion', { policyArn: 'arn:aws:iam::111122223333:policy/ci', setAsDefault: true }, {
    userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/example-ci/build', accountId: '111122223333', sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/example-ci', accountId: '111122223333', userName: 'example-ci' } } },
  }),
  'lambda-function-url-auth-required': event('lambda.amazonaws.com', 'CreateFunctionUrlConfig20211031', { functionName: 'example-function', authType: 'NONE' }),
  's3-bucket-blacklisted-actions-prohibited': event('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'example-bucket', bucketPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 's3:*' }] } }),
};

describe('incident-response playbooks', () => {
  let dir: string;
  let db: TrailDatabase;
  const playbooks = playbookFiles().map(readPlaybook);

  before(async () => {
    dir = tempDir('vigil-playbooks-');
    const records = [...Object.values(CHANGE_EVENTS), event('s3.amazonaws.com', 'GetObject', { bucketName: 'example-bucket', key: 'a.txt' }, { userIdentity: { type: 'AWSAccount', principalId: '', accountId: 'anonymous' }, eventCategory: 'Data' })];
    writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: records }));
    db = await openTrailDatabase([join(dir, 'trail.json')]);
  });
  after(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('every HIGH and CRITICAL posture check has a playbook with the six sections, found by findPlaybook', async () => {
    const checks = (await loadChecks()).filter((c) => c.severity === 'HIGH' || c.severity === 'CRITICAL');
    assert.ok(checks.length >= 30, `expected the built-in high-severity checks, got ${checks.length}`);
    const missing: string[] = [];
    for (const check of checks) {
      const found = findPlaybook({ source: 'posture', type: check.id, evidence: {} });
      if (!found) {
        missing.push(check.id);
        continue;
      }
      assert.equal(found.path, `playbooks/posture/${check.id}.md`);
      const headings = [...found.markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
      assert.deepEqual(headings, SECTIONS, `${check.id}: sections in order`);
      assert.match(found.markdown, new RegExp(`^# .*\\(\`${check.id}\`\\)`, 'm'), `${check.id}: title names the check id`);
      assert.match(found.markdown, new RegExp(`^Severity: ${check.severity} `, 'm'), `${check.id}: states the check's severity`);
      assert.match(section(found.markdown, 'Investigate'), /vigil trail query "/, `${check.id}: has CloudTrail queries`);
      assert.match(section(found.markdown, 'Investigate'), /\baws [a-z0-9-]+ (get|describe|list)-/, `${check.id}: has read-only AWS CLI checks`);
      assert.match(section(found.markdown, 'Contain'), /\baws [a-z0-9-]+ [a-z-]+/, `${check.id}: has containment commands`);
      assert.match(section(found.markdown, 'Prevent'), /vigil scan/, `${check.id}: mentions vigil scan`);
      assert.match(section(found.markdown, 'References'), /https:\/\/docs\.aws\.amazon\.com\//, `${check.id}: cites AWS documentation`);
      const lines = found.markdown.trimEnd().split('\n').length;
      assert.ok(lines >= 35 && lines <= 90, `${check.id}: ${lines} lines (keep playbooks concise)`);
    }
    assert.deepEqual(missing, [], 'high-severity checks without a playbook');
  });

  test('the high-severity access finding types have playbooks too', () => {
    // `vigil iam access` (public-access, CRITICAL) and `vigil iam paths` (privilege-escalation, HIGH).
    for (const type of ['public-access', 'privilege-escalation']) {
      const found = findPlaybook({ source: 'access', type, evidence: {} });
      assert.equal(found?.path, `playbooks/posture/${type}.md`, type);
      assert.deepEqual([...found.markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim()), SECTIONS, `${type}: sections in order`);
    }
  });

  test('posture playbooks are specific to their check, not one text with the name swapped', () => {
    const posture = playbooks.filter((p) => p.file.includes(`${join('playbooks', 'posture')}`));
    for (const heading of ['What it means', 'Contain']) {
      const seen = new Map<string, string>();
      for (const playbook of posture) {
        const body = section(playbook.markdown, heading).replace(/`[^`]*`/g, '').replace(/\s+/g, ' ').trim();
        assert.ok(!seen.has(body), `${playbook.file} repeats the ${heading} section of ${seen.get(body)}`);
        seen.set(body, playbook.file);
      }
    }
  });

  test('queries are safe to paste into a shell and set every variable they use', () => {
    for (const playbook of playbooks) {
      for (const sql of playbook.queries) {
        // Inside double quotes the shell would run backticks and $( ), and expand $[ and !.
        assert.doesNotMatch(sql, /[`!]|\$\(|\$\[/, `${playbook.file}: shell-unsafe characters in ${sql}`);
        expand(sql, playbook);
      }
    }
  });

  test('every playbook query runs on the trail query engine', async () => {
    let ran = 0;
    for (const playbook of playbooks) {
      for (const sql of playbook.queries) {
        const text = expand(sql, playbook);
        await assert.doesNotReject(db.connection.runAndReadAll(text), `${playbook.file}: ${text}`);
        ran++;
      }
    }
    const posture = playbooks.filter((p) => p.file.includes(join('playbooks', 'posture'))).reduce((n, p) => n + p.queries.length, 0);
    assert.ok(posture >= 2 * Object.keys(CHANGE_EVENTS).length, `ran ${posture} posture queries of ${ran}`);
  });

  test("each posture playbook's first query finds the change that caused the finding", async () => {
    const posture = playbooks.filter((p) => p.file.includes(join('playbooks', 'posture'))).map((p) => basename(p.file, '.md'));
    assert.deepEqual(posture.filter((id) => !CHANGE_EVENTS[id]), [], 'posture playbooks without a change event in CHANGE_EVENTS');
    for (const [id, change] of Object.entries(CHANGE_EVENTS)) {
      const playbook = playbooks.find((p) => p.file.endsWith(join('posture', `${id}.md`)));
      assert.ok(playbook, `${id}: playbook`);
      const result = await db.connection.runAndReadAll(expand(playbook.queries[0]!, playbook));
      const rows = result.getRowObjectsJson();
      // Queries that do not select eventname (the event is implied by their filter) must still return it.
      const found = rows.some((row) => (row.eventname ?? change.eventName) === change.eventName);
      assert.ok(found, `${id}: first query finds ${change.eventName}, got ${JSON.stringify(rows)}`);
    }
  });
});
