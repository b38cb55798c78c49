import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Executor, Job, JobResult } from '../../../src/core/executor.ts';
import { collect, collectSnapshot } from '../../../src/inventory/collect/collector.ts';
import { REGISTRY } from '../../../src/inventory/collect/registry.ts';
import { formatSummary } from '../../../src/inventory/collect/summary.ts';
import { FakeAws, STATIC_CREDENTIALS } from './fake-aws.ts';

/**
 * The whole collection over stubbed AWS: an organization of four accounts (one suspended, one
 * whose role cannot be assumed), region discovery with an opted-out region, S3 and GuardDuty.
 */

const MANAGEMENT = '111111111111';
const PROD = '222222222222';
const BROKEN = '333333333333';
const SUSPENDED = '444444444444';

const fake = new FakeAws();
afterEach(() => {
  fake.restore();
  fake.calls.length = 0;
});

async function organization(): Promise<void> {
  await fake.on('sts', 'GetCallerIdentity', () => ({ Account: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:user/auditor`, UserId: 'AIDAEXAMPLE' }));
  await fake.on('organizations', 'DescribeOrganization', () => ({ Organization: { Id: 'o-abc123', MasterAccountId: MANAGEMENT } }));
  await fake.on('organizations', 'ListAccounts', (input) =>
    input.NextToken
      ? { Accounts: [{ Id: BROKEN, Name: 'broken', Status: 'ACTIVE' }, { Id: SUSPENDED, Name: 'old', Status: 'SUSPENDED' }] }
      : { Accounts: [{ Id: MANAGEMENT, Name: 'management', Status: 'ACTIVE' }, { Id: PROD, Name: 'prod', Status: 'ACTIVE' }], NextToken: 'page-2' },
  );
  await fake.on('sts', 'AssumeRole', (input) => {
    if (String(input.RoleArn).includes(BROKEN)) throw FakeAws.error('AccessDenied', `not authorized to perform sts:AssumeRole on ${String(input.RoleArn)}`);
    return { Credentials: { AccessKeyId: `ASIA${String(input.RoleArn).split(':')[4]}`, SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3600_000) } };
  });
  await fake.on('ec2', 'DescribeRegions', () => ({
    Regions: [
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
      { RegionName: 'me-south-1', OptInStatus: 'opted-in' },
    ],
  }));
  await fake.on('s3', 'ListBuckets', (_input) => ({ Buckets: [{ Name: 'logs', CreationDate: new Date('2025-01-01T00:00:00Z') }], Owner: { ID: 'owner' } }));
  for (const op of REGISTRY.filter((o) => o.service === 's3' && o.operation !== 'ListBuckets')) {
    await fake.on('s3', op.operation, (input) => {
      if (op.operation === 'GetBucketPolicy') throw FakeAws.error('NoSuchBucketPolicy');
      return op.operation === 'GetBucketLocation' ? { LocationConstraint: 'eu-west-1' } : { Bucket: input.Bucket };
    });
  }
  await fake.on('guardduty', 'ListDetectors', (_input, region) => (region === 'eu-west-1' ? { DetectorIds: ['det-1'] } : { DetectorIds: [] }));
  await fake.on('guardduty', 'GetDetector', () => ({ Status: 'ENABLED', CreatedAt: '2025-01-01T00:00:00Z' }));
}

describe('collect', () => {
  it('assumes the org role in each active member, records failures per account, skips opted-out regions', async () => {
    await organization();
    const result = await collect({ credentials: STATIC_CREDENTIALS, orgRole: 'VigilAudit', externalId: 'ext-42', services: ['s3', 'guardduty'], maxAttempts: 1 });

    assert.deepEqual(
      result.manifest.accounts.map((a) => [a.id, a.name, a.status, a.error?.code]),
      [
        [MANAGEMENT, 'management', 'ok', undefined],
        [PROD, 'prod', 'ok', undefined],
        [BROKEN, 'broken', 'assume-role-failed', 'AccessDenied'],
      ],
    );
    assert.deepEqual(result.manifest.accounts[0]!.regions, ['eu-west-1', 'me-south-1', 'us-east-1']);
    assert.deepEqual(result.manifest.skippedRegions, { [MANAGEMENT]: ['ap-east-1'], [PROD]: ['ap-east-1'] });
    assert.deepEqual(result.manifest.organization, { id: 'o-abc123', managementAccountId: MANAGEMENT });
    assert.equal(result.manifest.partition, 'aws');

    // The role ARN, external id, and the member session used for the member's calls.
    const assumed = fake.calls.filter((c) => c.operation === 'AssumeRole');
    assert.deepEqual(assumed.map((c) => c.input.RoleArn).sort(), [`arn:aws:iam::${PROD}:role/VigilAudit`, `arn:aws:iam::${BROKEN}:role/VigilAudit`]);
    assert.ok(assumed.every((c) => c.input.ExternalId === 'ext-42'));
    assert.ok(fake.calls.filter((c) => c.operation === 'ListBuckets').some((c) => c.accessKeyId === `ASIA${PROD}`));
    assert.ok(!fake.calls.some((c) => c.region === 'ap-east-1'), 'no call into the opted-out region');

    const prod = result.data[PROD]!;
    assert.deepEqual(prod.guardduty!.GetDetector!['eu-west-1'], { resources: { 'det-1': { data: { Status: 'ENABLED', CreatedAt: '2025-01-01T00:00:00Z' } } } });
    assert.deepEqual(prod.guardduty!.ListDetectors!['us-east-1'], { data: { DetectorIds: [] } });
    assert.deepEqual(prod.s3!.ListBuckets!['us-east-1'], { data: { Buckets: [{ Name: 'logs', CreationDate: '2025-01-01T00:00:00.000Z' }], Owner: { ID: 'owner' } } });
    assert.deepEqual(prod.s3!.GetBucketPolicy!['us-east-1'], { resources: { logs: { error: { code: 'NoSuchBucketPolicy', message: 'NoSuchBucketPolicy (fake)' } } } });
    assert.ok(prod.ec2!.DescribeRegions!['us-east-1'], 'region discovery recorded');
    assert.ok(fake.calls.some((c) => c.operation === 'GetBucketVersioning' && c.region === 'eu-west-1'), 'bucket calls sent to the bucket region');
    assert.deepEqual(result.data[BROKEN], {});

    assert.equal(result.summary.errorsByCode.NoSuchBucketPolicy, 2);
    assert.ok(result.summary.calls > 20);
    const text = formatSummary(result.summary, 'snap').join('\n');
    assert.match(text, /3 account\(s\).*2 ok, 1 failed/);
    assert.match(text, /333333333333 \(broken\)\s+assume-role-failed: AccessDenied/);
    assert.match(text, /regions skipped in 111111111111 \(not opted in\): ap-east-1/);
    assert.match(text, /NoSuchBucketPolicy 2/);
  });

  it('collects only the listed member accounts with --accounts', async () => {
    await organization();
    const snapshot = await collectSnapshot({ credentials: STATIC_CREDENTIALS, orgRole: 'VigilAudit', accounts: [PROD], services: ['guardduty'], regions: ['eu-west-1', 'ap-east-1'], maxAttempts: 1 });
    assert.deepEqual(snapshot.accounts.map((a) => a.id), [PROD]);
    assert.deepEqual(snapshot.accounts[0]!.regions, ['eu-west-1']);
    assert.deepEqual(snapshot.manifest.skippedRegions, { [PROD]: ['ap-east-1'] });
    assert.equal(snapshot.resourceCall(PROD, 'guardduty', 'GetDetector', 'eu-west-1', 'det-1').kind, 'data');
  });

  it('without --org-role collects the caller account only; global services skip region discovery', async () => {
    await organization();
    const result = await collect({ credentials: STATIC_CREDENTIALS, services: ['s3'], maxAttempts: 1 });
    assert.deepEqual(result.manifest.accounts.map((a) => [a.id, a.regions]), [[MANAGEMENT, ['us-east-1']]]);
    assert.ok(!fake.calls.some((c) => c.operation === 'DescribeRegions' || c.operation === 'AssumeRole'));
  });

  it('uses the aws-cn home region for global services', async () => {
    await fake.on('sts', 'GetCallerIdentity', () => ({ Account: MANAGEMENT, Arn: `arn:aws-cn:iam::${MANAGEMENT}:user/auditor` }));
    await fake.on('iam', 'GetAccountSummary', () => ({ SummaryMap: { AccountMFAEnabled: 1 } }));
    const result = await collect({ credentials: STATIC_CREDENTIALS, region: 'cn-north-1', services: ['iam'], maxAttempts: 1, pollIntervalMs: 1, maxPolls: 1 });
    assert.equal(result.manifest.partition, 'aws-cn');
    assert.deepEqual(result.data[MANAGEMENT]!.iam!.GetAccountSummary, { 'cn-northwest-1': { data: { SummaryMap: { AccountMFAEnabled: 1 } } } });
    assert.ok(fake.calls.every((c) => c.region === 'cn-northwest-1'));
  });

  it('gives the same snapshot when each unit crosses a queue as JSON and runs on a "worker"', async () => {
    await organization();
    // The remote side uses the standard credential chain for the caller's own account.
    process.env.AWS_ACCESS_KEY_ID = 'AKIDWORKER';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    const { runUnitRemotely, COLLECT_UNIT_HANDLER } = await import('../../../src/inventory/collect/remote.ts');
    const handlers: Record<string, (input: any) => Promise<unknown>> = { [COLLECT_UNIT_HANDLER]: runUnitRemotely };
    const jsonExecutor: Executor = {
      async *run<T>(jobs: Iterable<Job<T>>): AsyncIterable<JobResult<T>> {
        for (const job of jobs) {
          const input = JSON.parse(JSON.stringify(job.input));
          const value = JSON.parse(JSON.stringify(await handlers[job.handler!]!(input))) as T;
          yield { key: job.key, ok: true, value };
        }
      },
    };
    const options = { credentials: STATIC_CREDENTIALS, orgRole: 'VigilAudit', services: ['s3', 'guardduty'], maxAttempts: 1 };
    const local = await collect(options);
    const remote = await collect({ ...options, executor: jsonExecutor });
    assert.deepEqual(remote.data, local.data);
    assert.equal(remote.summary.calls, local.summary.calls);
    // Workers entered the member account themselves (one AssumeRole per unit of prod).
    assert.ok(fake.calls.filter((c) => c.operation === 'AssumeRole' && c.accessKeyId === 'AKIDWORKER').length > 0);
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  it('reports denied region and organization discovery, and still collects what it can', async () => {
    await fake.on('sts', 'GetCallerIdentity', () => ({ Account: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:user/auditor` }));
    await fake.on('sts', 'AssumeRole', () => ({ Credentials: { AccessKeyId: 'ASIAPROD', SecretAccessKey: 's', SessionToken: 't' } }));
    await fake.on('organizations', 'DescribeOrganization', () => {
      throw FakeAws.error('AccessDeniedException', 'not the management account');
    });
    await fake.on('ec2', 'DescribeRegions', () => {
      throw FakeAws.error('UnauthorizedOperation', 'You are not authorized to perform this operation.');
    });
    await fake.on('guardduty', 'ListDetectors', () => ({ DetectorIds: [] }));
    const result = await collect({ credentials: STATIC_CREDENTIALS, orgRole: 'VigilAudit', accounts: [PROD], region: 'eu-west-1', services: ['guardduty'], maxAttempts: 1 });
    assert.deepEqual(result.manifest.accounts.map((a) => [a.id, a.status, a.regions]), [[PROD, 'ok', ['eu-west-1']]]);
    assert.deepEqual(result.data[PROD]!.ec2!.DescribeRegions!['us-east-1'], { error: { code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' } });
    const text = formatSummary(result.summary).join('\n');
    assert.match(text, /organization accounts could not be listed \(AccessDeniedException: not the management account\)/);
    assert.match(text, /region discovery failed in 222222222222 \(UnauthorizedOperation\)/);
    assert.equal(result.summary.errorsByCode.UnauthorizedOperation, 1);
  });

  it('refuses --accounts naming other accounts without --org-role', async () => {
    await organization();
    await assert.rejects(collect({ credentials: STATIC_CREDENTIALS, accounts: [PROD], services: ['s3'], maxAttempts: 1 }), /--accounts 222222222222: the caller is 111111111111; reading other accounts needs --org-role/);
  });

  it('refuses an unknown service before any call', async () => {
    await assert.rejects(collect({ credentials: STATIC_CREDENTIALS, services: ['s4'] }), /unknown service "s4"/);
  });
});
