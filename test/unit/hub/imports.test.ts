import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { SecurityHubClient, BatchImportFindingsCommand } from '@aws-sdk/client-securityhub';
import { GuardDutyClient, ListDetectorsCommand, ListFindingsCommand, GetFindingsCommand } from '@aws-sdk/client-guardduty';
import { ClientPool } from '../../../src/aws/client-pool.ts';
import { fromGuardDuty, fromSecurityHub, importFromResponse, importLive } from '../../../src/hub/imports/index.ts';
import { exportToSecurityHub, fitToQuota } from '../../../src/hub/export-securityhub.ts';
import { FindingsStore } from '../../../src/hub/store.ts';
import type { Finding } from '../../../src/core/finding.ts';
import { runVigil, tempDir } from '../../helpers/vigil.ts';

// A GuardDuty finding in the GetFindings response shape (GuardDuty API Reference, Finding).
const guardDutyFinding = {
  AccountId: '111122223333', Arn: 'arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f1', Id: 'f1', Region: 'us-east-1',
  Type: 'UnauthorizedAccess:IAMUser/TorIPCaller', Severity: 5, Title: 'A Tor exit node called an API', Description: 'API DescribeInstances was invoked from a Tor exit node.',
  CreatedAt: '2026-01-01T00:00:00.000Z', UpdatedAt: '2026-01-02T00:00:00.000Z', SchemaVersion: '2.0', Partition: 'aws',
  Resource: { ResourceType: 'AccessKey', AccessKeyDetails: { AccessKeyId: 'AKIAEXAMPLE', PrincipalId: 'AIDAEXAMPLE', UserName: 'alice', UserType: 'IAMUser' } },
  Service: { Archived: false, Count: 7, EventFirstSeen: '2026-01-01T00:00:00.000Z', EventLastSeen: '2026-01-02T00:00:00.000Z', ServiceName: 'guardduty', DetectorId: 'd1' },
};

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

test('GuardDuty and Security Hub findings map into Contract 2 as imported', () => {
  const gd = fromGuardDuty(guardDutyFinding);
  assert.equal(gd.source, 'imported');
  assert.equal(gd.type, 'UnauthorizedAccess:IAMUser/TorIPCaller');
  assert.equal(gd.severity, 'MEDIUM');
  assert.deepEqual(gd.resource, { type: 'AWS::IAM::User', id: 'alice' });
  assert.equal(gd.count, 7);
  const sh = fromSecurityHub({ SchemaVersion: '2018-10-08', Id: 'x', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub', AwsAccountId: '111122223333', Region: 'us-east-1', Title: 'S3 general purpose buckets should block public access', Description: 'd', Severity: { Label: 'HIGH' }, Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' }, Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' }] });
  assert.equal(sh.status, 'FAIL');
  assert.deepEqual(sh.compliance, { 'aws-fsbp': ['S3.8'] });
  assert.equal(sh.resource.type, 'AWS::S3::Bucket');
  assert.equal(importFromResponse({ Findings: [guardDutyFinding] })?.service, 'guardduty');
});

test('live GuardDuty import pages through detectors and findings', async () => {
  const gd = mockClient(GuardDutyClient);
  gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
  gd.on(ListFindingsCommand).resolvesOnce({ FindingIds: ['f1'], NextToken: 't' }).resolvesOnce({ FindingIds: ['f2'] });
  gd.on(GetFindingsCommand).callsFake((input) => ({ Findings: input.FindingIds.map((id: string) => ({ ...guardDutyFinding, Id: id })) }));
  const pool = new ClientPool({ credentials: async () => credentials });
  try {
    const result = await importLive(pool, ['guardduty'], ['us-east-1']);
    assert.deepEqual(result.findings.map((f) => f.evidence.originalId), ['f1', 'f2']);
    assert.deepEqual(result.problems, []);
  } finally {
    pool.destroy();
    gd.restore();
  }
});

test('export to Security Hub goes in batches of 100 and reports partial failures', async () => {
  const sh = mockClient(SecurityHubClient);
  sh.on(BatchImportFindingsCommand).callsFake((input) => ({ SuccessCount: input.Findings.length - 1, FailedCount: 1, FailedFindings: [{ Id: input.Findings[0].Id, ErrorCode: 'InvalidInput', ErrorMessage: 'bad' }] }));
  const pool = new ClientPool({ credentials: async () => credentials });
  const findings: Finding[] = Array.from({ length: 250 }, (_, i) => ({
    id: `vigil-${i}`, source: 'posture', type: 's3-bucket-versioning-enabled', status: 'FAIL', severity: 'MEDIUM', title: 't', description: 'd',
    account: '111122223333', region: 'us-east-1', resource: { type: 'AWS::S3::Bucket', id: `arn:aws:s3:::b${i}` }, compliance: {}, evidence: {},
  }));
  try {
    const summary = await exportToSecurityHub(pool, findings);
    const calls = sh.commandCalls(BatchImportFindingsCommand);
    assert.deepEqual(calls.map((c) => c.args[0].input.Findings!.length), [100, 100, 50]);
    assert.equal(summary.succeeded, 247);
    assert.equal(summary.failed.length, 3);
    assert.equal(summary.failed[0]!.code, 'InvalidInput');
  } finally {
    pool.destroy();
    sh.restore();
  }
});

test('an oversized ASFF finding is trimmed to the 240 KB quota or refused', () => {
  const big = { Id: 'x', ProductFields: { huge: 'a'.repeat(300_000) } } as any;
  assert.ok(Buffer.byteLength(JSON.stringify(fitToQuota(big))) <= 240 * 1024);
});

test('vigil findings import --file stores imported findings and dedupes against Vigil detections', async () => {
  const dir = tempDir();
  const storePath = join(dir, 'v.db');
  const store = await FindingsStore.open(storePath);
  // Vigil found the same Tor caller on the same user itself.
  await store.ingest([{ ...fromGuardDuty(guardDutyFinding), id: 'vigil-own', source: 'detection', evidence: {} }], { command: 'detect' });
  await store.close();
  const file = join(dir, 'gd.json');
  writeFileSync(file, JSON.stringify({ Findings: [guardDutyFinding, { ...guardDutyFinding, Id: 'f9', Type: 'Recon:IAMUser/MaliciousIPCaller' }] }));
  const run = await runVigil(['findings', 'import', '--file', file, '--store', storePath]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /stored 1 .*1 already found by Vigil/);
  const list = await runVigil(['findings', 'list', '--store', storePath, '--format', 'json']);
  const ids = JSON.parse(list.stdout).findings.map((f: Finding) => f.type).sort();
  assert.deepEqual(ids, ['Recon:IAMUser/MaliciousIPCaller', 'UnauthorizedAccess:IAMUser/TorIPCaller']);
  const show = await runVigil(['findings', 'show', 'vigil-own', '--store', storePath]);
  assert.match(show.stdout, /also reported by guardduty \(f1\)/);
});
