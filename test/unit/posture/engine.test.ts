import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/vigil.ts';
import { Snapshot } from '../../../src/inventory/snapshot.ts';
import { runScan } from '../../../src/posture/engine.ts';
import { scoreFramework } from '../../../src/posture/score.ts';
import { compare, selectPath } from '../../../src/posture/yaml-check.ts';
import type { Finding } from '../../../src/core/finding.ts';
import { parseConfig } from '../../../src/core/config.ts';
import { BAD, GOOD, ARCHIVE, archiveAccount, badAccount, fixtureSnapshot, goodAccount, manifestFor } from './fixtures.ts';

const find = (findings: Finding[], type: string, account: string) => findings.filter((f) => f.type === type && f.account === account);

test('findings follow Contract 2: source, type, status, stable id, compliance, evidence, references', async () => {
  const first = await runScan({ snapshot: fixtureSnapshot(), frameworks: ['cis-aws-5.0.0'] });
  const second = await runScan({ snapshot: fixtureSnapshot(), frameworks: ['cis-aws-5.0.0'] });
  const rootKeys = find(first.findings, 'iam-root-access-key-check', BAD)[0]!;
  assert.equal(rootKeys.source, 'posture');
  assert.equal(rootKeys.status, 'FAIL');
  assert.equal(rootKeys.severity, 'CRITICAL');
  assert.deepEqual(rootKeys.compliance['cis-aws-5.0.0'], ['1.3']);
  assert.deepEqual(rootKeys.compliance['aws-fsbp'], ['IAM.4']);
  assert.deepEqual(rootKeys.compliance['aws-config-rules'], ['iam-root-access-key-check']);
  assert.equal(rootKeys.evidence.api, 'iam:GetAccountSummary');
  assert.match(rootKeys.description, /AccountAccessKeysPresent=1/);
  assert.ok(rootKeys.references!.some((r) => r.includes('docs.aws.amazon.com')));
  assert.deepEqual(first.findings.map((f) => f.id), second.findings.map((f) => f.id), 'ids are stable across runs');
  assert.equal(new Set(first.findings.map((f) => f.id)).size, first.findings.length, 'ids are unique');
});

test('--framework runs only that framework’s checks', async () => {
  const result = await runScan({ snapshot: fixtureSnapshot(), frameworks: ['aws-config-rules'] });
  assert.ok(result.findings.every((f) => f.compliance['aws-config-rules']));
  assert.equal(result.frameworks.length, 1);
  await assert.rejects(runScan({ snapshot: fixtureSnapshot(), frameworks: ['nope'] }), /unknown framework/);
});

test('scores: FAILED if any result fails, PASSED if all pass, no-data excluded; per account and region', () => {
  const framework = { id: 'fw', title: 'FW', controls: [
    { id: 'A', title: 'a', checks: ['c1'] },
    { id: 'B', title: 'b', checks: ['c2', 'c3'] },
    { id: 'C', title: 'c', checks: ['c4'] },
    { id: 'D', title: 'd', checks: ['c5'] },
  ] };
  const f = (type: string, status: Finding['status'], account = '111111111111', region = 'us-east-1') => ({ id: `${type}${account}${region}${status}`, source: 'posture', type, status, severity: 'LOW', title: '', description: '', account, region, resource: { type: 'x', id: 'y' }, compliance: {}, evidence: {} }) as Finding;
  const score = scoreFramework(framework, [
    f('c1', 'PASS'), f('c1', 'PASS', '222222222222'),
    f('c2', 'PASS'), f('c3', 'FAIL', '222222222222', 'eu-west-1'),
    f('c4', 'NOT_APPLICABLE'), f('c5', 'ERROR'),
  ]);
  assert.deepEqual(score.controls.map((c) => c.status), ['PASSED', 'FAILED', 'NO_DATA', 'UNKNOWN']);
  assert.equal(score.score, 50);
  assert.equal(score.passed, 1);
  assert.equal(score.failed, 1);
  assert.equal(score.byAccount['111111111111']!.score, 100);
  assert.equal(score.byAccount['222222222222']!.score, 50);
  assert.equal(score.byRegion['eu-west-1']!.score, 0);
  assert.equal(score.byRegion['us-east-1']!.score, 100);
});

test('suppressions: matching results become SUPPRESSED with the reason; expired ones stop applying and say so', async () => {
  const config = parseConfig(`
suppressions:
  - check: s3-bucket-*
    account: "${BAD}"
    resource: "arn:aws:s3:::open-*"
    reason: accepted risk, public website bucket
    expires: 2027-01-01
  - check: iam-root-access-key-check
    reason: old exception
    expires: 2026-01-01
`);
  const result = await runScan({ snapshot: fixtureSnapshot(), config, frameworks: ['aws-fsbp'] });
  const read = find(result.findings, 's3-bucket-public-read-prohibited', BAD)[0]!;
  assert.equal(read.status, 'SUPPRESSED');
  assert.equal(read.suppression?.reason, 'accepted risk, public website bucket');
  assert.equal(read.evidence.suppressedStatus, 'FAIL');
  assert.equal(find(result.findings, 's3-bucket-public-read-prohibited', GOOD)[0]!.status, 'PASS', 'passes are never suppressed');
  assert.equal(find(result.findings, 'iam-root-access-key-check', BAD)[0]!.status, 'FAIL', 'expired suppression does not apply');
  assert.ok(result.warnings.some((w) => /expired on 2026-01-01/.test(w) && /iam-root-access-key-check/.test(w)), result.warnings.join('\n'));
  const s3Control = result.frameworks[0]!.controls.find((c) => c.id === 'S3.2')!;
  assert.equal(s3Control.status, 'PASSED', 'suppressed results do not fail the control');
});

test('suppressions by tag and from a --suppressions file (bad file → InputError naming it)', async () => {
  const dir = tempDir();
  const file = join(dir, 'suppressions.yaml');
  writeFileSync(file, `- check: iam-user-no-policies-check\n  tags: {team: platform}\n  reason: platform users are managed by Terraform\n`);
  const bad = badAccount();
  (bad.iam!.GetAccountAuthorizationDetails!['us-east-1'] as any).data.UserDetailList[0].Tags = [{ Key: 'team', Value: 'platform' }];
  const snapshot = Snapshot.fromData(manifestFor([{ id: BAD }]), { [BAD]: bad });
  const result = await runScan({ snapshot, suppressionsFile: file, frameworks: ['cis-aws-5.0.0'] });
  assert.equal(find(result.findings, 'iam-user-no-policies-check', BAD)[0]!.status, 'SUPPRESSED');
  writeFileSync(file, `- check: x\n  because: typo\n`);
  await assert.rejects(runScan({ snapshot, suppressionsFile: file }), (e: any) => e.name === 'InputError' && e.file === file);
});

test('attestations turn MANUAL into PASS/FAIL until they expire', async () => {
  const snapshot = fixtureSnapshot();
  const none = await runScan({ snapshot, frameworks: ['cis-aws-5.0.0'] });
  assert.equal(find(none.findings, 'account-contact-details-current', GOOD)[0]!.status, 'MANUAL');
  const config = parseConfig(`
posture:
  attestations:
    - {check: account-contact-details-current, account: "${GOOD}", status: PASS, by: alice, date: 2026-10-01, note: reviewed}
    - {check: account-contact-details-current, account: "${BAD}", status: PASS, by: bob, date: 2025-01-01, expires: 2025-06-01}
`);
  const attested = await runScan({ snapshot: fixtureSnapshot(), config, frameworks: ['cis-aws-5.0.0'] });
  const good = find(attested.findings, 'account-contact-details-current', GOOD)[0]!;
  assert.equal(good.status, 'PASS');
  assert.match(good.description, /attested PASS by alice/);
  assert.equal(find(attested.findings, 'account-contact-details-current', BAD)[0]!.status, 'MANUAL');
  assert.ok(attested.warnings.some((w) => /expired/.test(w)));
  assert.equal(attested.frameworks[0]!.controls.find((c) => c.id === '1.1')!.status, 'PASSED', 'an attested PASS counts; MANUAL results are no data');
});

test('parameters: vigil.yaml posture.parameters override a check’s defaults', async () => {
  const snapshot = () => Snapshot.fromData(manifestFor([{ id: GOOD }, { id: ARCHIVE }]), { [GOOD]: goodAccount(), [ARCHIVE]: archiveAccount() });
  const strict = parseConfig(`posture:\n  parameters:\n    iam-password-policy: {MinimumPasswordLength: 20, MaxPasswordAge: 30}\n`);
  const result = await runScan({ snapshot: snapshot(), config: strict, frameworks: ['aws-config-rules'] });
  const policy = find(result.findings, 'iam-password-policy', GOOD)[0]!;
  assert.equal(policy.status, 'FAIL');
  assert.match(policy.description, /MinimumPasswordLength is 16 \(< 20\)/);
  assert.match(policy.description, /MaxPasswordAge is 90/);
  const lax = await runScan({ snapshot: snapshot(), frameworks: ['aws-config-rules'] });
  assert.equal(find(lax.findings, 'iam-password-policy', GOOD)[0]!.status, 'PASS');
});

test('custom checks: TypeScript module and YAML field check, validated before the scan', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'org'));
  writeFileSync(join(dir, 'org', 'no-iam-users-named-bob.ts'), `
import { defineCheck } from '${join(process.cwd(), 'src/posture/check.ts')}';
export default defineCheck({
  title: 'No user called bob', severity: 'LOW', resourceType: 'AWS::::Account', description: 'd', risk: 'r',
  remediation: { text: 'rename bob' }, references: [],
  evaluate: (ctx) => [{ status: JSON.stringify(ctx.snapshot.account(ctx.account.id)).includes('user/bob') ? 'FAIL' : 'PASS', account: ctx.account.id, region: 'global', resource: { type: 'AWS::::Account', id: ctx.account.id }, reason: 'looked for bob' }],
});
`);
  writeFileSync(join(dir, 'guardduty-s3-logs.yaml'), `
title: GuardDuty detectors are enabled
severity: HIGH
resourceType: AWS::GuardDuty::Detector
service: guardduty
operation: GetDetector
scope: regional
path: Status
operator: equals
value: ENABLED
`);
  const result = await runScan({ snapshot: fixtureSnapshot(), customCheckDirs: [dir] });
  assert.equal(find(result.findings, 'no-iam-users-named-bob', BAD)[0]!.status, 'FAIL');
  assert.equal(find(result.findings, 'no-iam-users-named-bob', GOOD)[0]!.status, 'PASS');
  const yaml = find(result.findings, 'guardduty-s3-logs', GOOD);
  assert.equal(yaml.length, 2);
  assert.ok(yaml.every((f) => f.status === 'PASS' && f.resource.id === 'd1'));
  writeFileSync(join(dir, 'broken.yaml'), 'title: x\nseverity: SEVERE\n');
  await assert.rejects(runScan({ snapshot: fixtureSnapshot(), customCheckDirs: [dir] }), (e: any) => e.name === 'InputError' && e.file.endsWith('broken.yaml'));
});

test('YAML check paths and operators', () => {
  const data = { TagSet: [{ Key: 'owner', Value: 'sec' }, { Key: 'env', Value: 'prod' }], Rules: [{ Status: 'Enabled' }, { Status: 'Disabled' }], N: 5 };
  assert.deepEqual(selectPath(data, "TagSet[?Key=='owner'].Value"), ['sec']);
  assert.deepEqual(selectPath(data, 'Rules[*].Status'), ['Enabled', 'Disabled']);
  assert.equal(selectPath(data, 'Rules[0].Status'), 'Enabled');
  assert.equal(compare('contains', selectPath(data, 'Rules[*].Status'), 'Enabled'), true);
  assert.equal(compare('equals', selectPath(data, 'Rules[*].Status'), 'Enabled'), false);
  assert.equal(compare('greater-than', data.N, 3), true);
  assert.equal(compare('exists', undefined, undefined), false);
  assert.equal(compare('in', 'prod', ['prod', 'dev']), true);
  assert.equal(compare('matches', 'arn:aws:s3:::x', '^arn:aws:s3'), true);
});

test('organization awareness: an org trail delivering to the management account’s log group covers members for CIS 4.x', async () => {
  const MGMT = '444444444444';
  const MEMBER = '555555555555';
  const mgmt = goodAccount(MGMT);
  for (const region of ['us-east-1', 'eu-west-1']) {
    const trails = (mgmt.cloudtrail!.DescribeTrails![region] as any).data.trailList;
    trails[0].IsOrganizationTrail = true;
  }
  const member = badAccount(MEMBER);
  const orgTrail = { ...(mgmt.cloudtrail!.DescribeTrails!['us-east-1'] as any).data.trailList[0] };
  for (const region of ['us-east-1', 'eu-west-1']) {
    (member.cloudtrail!.DescribeTrails![region] as any) = { data: { trailList: [orgTrail] } };
    member.cloudtrail!.GetTrailStatus![region] = { error: { code: 'TrailNotFoundException', message: 'not the owner' } } as any;
  }
  mgmt.organizations = { ...mgmt.organizations, ListAccounts: { 'us-east-1': { data: { Accounts: [{ Id: MGMT }, { Id: MEMBER }] } } } };
  const snapshot = Snapshot.fromData(manifestFor([{ id: MGMT }, { id: MEMBER }], { id: 'o-abc', managementAccountId: MGMT }), { [MGMT]: mgmt, [MEMBER]: member });
  const result = await runScan({ snapshot, frameworks: ['cis-aws-5.0.0'] });
  const root = find(result.findings, 'cloudwatch-alarm-root-usage', MEMBER)[0]!;
  assert.equal(root.status, 'PASS', root.description);
  assert.match(root.description, new RegExp(`in account ${MGMT}`));
  const multi = find(result.findings, 'multi-region-cloudtrail-enabled', MEMBER)[0]!;
  assert.equal(multi.status, 'PASS', multi.description);
  assert.match(multi.description, /organization trail/);
});
