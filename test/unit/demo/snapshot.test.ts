import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildOrg } from '../../../src/demo/org.ts';
import { Prng } from '../../../src/demo/prng.ts';
import { buildSnapshot, writeDemoSnapshot } from '../../../src/demo/snapshot/index.ts';
import { readSnapshot, type Snapshot } from '../../../src/inventory/snapshot.ts';
import { tempDir } from '../../helpers/vigil.ts';

/** DESIGN.md Contract 3's minimum table: service → operations ("per-resource" ones marked). */
const MINIMUM: Record<string, Array<[operation: string, perResource: boolean]>> = {
  sts: [['GetCallerIdentity', false]],
  iam: [['GetAccountSummary', false], ['GetAccountPasswordPolicy', false], ['GetCredentialReport', false], ['GetAccountAuthorizationDetails', false], ['ListVirtualMFADevices', false], ['ListSAMLProviders', false], ['ListOpenIDConnectProviders', false], ['ListServerCertificates', false], ['ListAccessKeys', true], ['ListMFADevices', true]],
  organizations: [['DescribeOrganization', false], ['ListAccounts', false], ['ListPolicies', false], ['DescribePolicy', true]],
  account: [['GetAlternateContact', true]],
  s3: [['ListBuckets', false], ...['GetBucketLocation', 'GetBucketPolicy', 'GetBucketPolicyStatus', 'GetBucketAcl', 'GetPublicAccessBlock', 'GetBucketEncryption', 'GetBucketVersioning', 'GetBucketLogging', 'GetBucketReplication', 'GetObjectLockConfiguration'].map((op): [string, boolean] => [op, true])],
  's3-control': [['GetPublicAccessBlock', false]],
  ec2: [['DescribeRegions', false], ['DescribeInstances', false], ['DescribeSecurityGroups', false], ['DescribeNetworkAcls', false], ['DescribeVpcs', false], ['DescribeSubnets', false], ['DescribeRouteTables', false], ['DescribeInternetGateways', false], ['DescribeFlowLogs', false], ['DescribeVolumes', false], ['DescribeSnapshots', false], ['GetEbsEncryptionByDefault', false], ['DescribeSnapshotAttribute', true]],
  cloudtrail: [['DescribeTrails', false], ['GetTrailStatus', true], ['GetEventSelectors', true]],
  'config-service': [['DescribeConfigurationRecorders', false], ['DescribeConfigurationRecorderStatus', false], ['DescribeDeliveryChannels', false], ['DescribeConfigurationAggregators', false]],
  guardduty: [['ListDetectors', false], ['GetDetector', true]],
  securityhub: [['DescribeHub', false], ['GetEnabledStandards', false]],
  accessanalyzer: [['ListAnalyzers', false]],
  inspector2: [['BatchGetAccountStatus', false]],
  macie2: [['GetMacieSession', false]],
  detective: [['ListGraphs', false]],
  kms: [['ListKeys', false], ['ListAliases', false], ['DescribeKey', true], ['GetKeyRotationStatus', true], ['GetKeyPolicy', true]],
  rds: [['DescribeDBInstances', false], ['DescribeDBClusters', false], ['DescribeDBSnapshots', false], ['DescribeDBSnapshotAttributes', true]],
  lambda: [['ListFunctions', false], ['GetPolicy', true]],
  dynamodb: [['ListTables', false], ['DescribeTable', true], ['DescribeContinuousBackups', true]],
  acm: [['ListCertificates', false], ['DescribeCertificate', true]],
  'elastic-load-balancing-v2': [['DescribeLoadBalancers', false], ['DescribeListeners', true], ['DescribeLoadBalancerAttributes', true]],
  wafv2: [['ListWebACLs', false], ['ListResourcesForWebACL', true]],
  cloudfront: [['ListDistributions', false]],
  opensearch: [['ListDomainNames', false], ['DescribeDomain', true]],
  'secrets-manager': [['ListSecrets', false], ['GetResourcePolicy', true]],
  ssm: [['DescribeParameters', false], ['DescribeInstanceInformation', false]],
  cloudwatch: [['DescribeAlarms', false]],
  'cloudwatch-logs': [['DescribeMetricFilters', false], ['DescribeLogGroups', false]],
  sns: [['ListTopics', false], ['GetTopicAttributes', true], ['ListSubscriptionsByTopic', true]],
  sqs: [['ListQueues', false], ['GetQueueAttributes', true]],
  ecr: [['DescribeRepositories', false], ['GetRepositoryPolicy', true]],
  eks: [['ListClusters', false], ['DescribeCluster', true]],
  shield: [['GetSubscriptionState', false]],
  efs: [['DescribeFileSystems', false]],
};
const GLOBAL_SERVICES = new Set(['sts', 'iam', 'organizations', 'account', 's3', 's3-control', 'cloudfront', 'shield']);
const MANAGEMENT = '111111111111';
const PROD = '222222222222';
const DEV = '333333333333';

/** Builds the demo snapshot, writes it to a temp folder and reads it back as a user's snapshot. */
async function load(seed = 'snapshot-test'): Promise<Snapshot> {
  const rng = new Prng(seed);
  const dir = join(tempDir('vigil-demo-snap-'), 'snapshot');
  await writeDemoSnapshot(dir, buildSnapshot(buildOrg(rng), rng.fork('snapshot')));
  return readSnapshot(dir);
}

const resource = <T = any>(snap: Snapshot, account: string, service: string, op: string, key: string, region = 'us-east-1'): T => {
  const result = snap.resourceCall<T>(account, service, op, region, key);
  assert.equal(result.kind, 'data', `${account} ${service}.${op} ${key}: ${JSON.stringify(result)}`);
  return (result as { data: T }).data;
};

const data = <T = any>(snap: Snapshot, account: string, service: string, op: string, region = 'us-east-1'): T => {
  const result = snap.call<T>(account, service, op, region);
  assert.equal(result.kind, 'data', `${account} ${service}.${op} ${region}: ${JSON.stringify(result)}`);
  return (result as { data: T }).data;
};

test('the snapshot reads back with readSnapshot and covers every minimum operation in every account', async () => {
  const snap = await load();
  assert.deepEqual(snap.accounts.map((a) => a.id), [MANAGEMENT, PROD, DEV]);
  assert.deepEqual(snap.manifest.skippedRegions, { [MANAGEMENT]: ['af-south-1'], [PROD]: ['af-south-1'], [DEV]: ['af-south-1'] });
  assert.match(snap.manifest.organization?.id ?? '', /^o-[a-z0-9]{10}$/);
  for (const account of snap.accounts) {
    for (const [service, operations] of Object.entries(MINIMUM)) {
      for (const [operation, perResource] of operations) {
        // Only the management account may list accounts and SCPs; members record the denial and have no policies to describe.
        if (account.id !== MANAGEMENT && service === 'organizations' && operation === 'DescribePolicy') continue;
        const regions = GLOBAL_SERVICES.has(service) || operation === 'DescribeRegions' ? ['us-east-1'] : account.regions;
        for (const region of regions) {
          const entry = snap.entry(account.id, service, operation, region);
          assert.ok(entry, `${account.id} ${service}.${operation} ${region} missing`);
          assert.equal('resources' in entry, perResource, `${account.id} ${service}.${operation} shape`);
        }
      }
    }
  }
});

test('IAM documents are URL-encoded as IAM returns them and the credential report is base64 CSV with the real columns', async () => {
  const snap = await load();
  const details = data(snap, PROD, 'iam', 'GetAccountAuthorizationDetails');
  const vendor = details.RoleDetailList.find((r: any) => r.RoleName === 'vendor-audit');
  assert.match(vendor.AssumeRolePolicyDocument, /^%7B/);
  const trust = JSON.parse(decodeURIComponent(vendor.AssumeRolePolicyDocument));
  assert.equal(trust.Statement[0].Principal.AWS, 'arn:aws:iam::999988887777:root');
  assert.equal(trust.Statement[0].Condition, undefined, 'no sts:ExternalId condition');

  const report = Buffer.from(data(snap, DEV, 'iam', 'GetCredentialReport').Content, 'base64').toString('utf8').split('\n');
  const header = report[0]!.split(',');
  assert.equal(header.length, 22);
  assert.deepEqual(header.slice(0, 4), ['user', 'arn', 'user_creation_time', 'password_enabled']);
  const root = Object.fromEntries(header.map((h, i) => [h, report[1]!.split(',')[i]]));
  assert.equal(root.user, '<root_account>');
  assert.equal(root.mfa_active, 'false');
  assert.equal(root.access_key_1_active, 'true');
  assert.equal(root.password_enabled, 'not_supported');
  for (const row of report.slice(1)) assert.equal(row.split(',').length, 22, row);
});

test('the deliberate misconfigurations are there next to good configurations', async () => {
  const snap = await load();
  // Public bucket: policy Principal * and an AllUsers ACL grant, no BPA, no encryption.
  const policy = JSON.parse(resource(snap, DEV, 's3', 'GetBucketPolicy', 'acme-dev-shared-exports').Policy);
  assert.equal(policy.Statement[0].Principal, '*');
  const acl = resource(snap, DEV, 's3', 'GetBucketAcl', 'acme-dev-shared-exports');
  assert.ok(acl.Grants.some((g: any) => g.Grantee.URI === 'http://acs.amazonaws.com/groups/global/AllUsers'));
  assert.equal(snap.resourceCall(DEV, 's3', 'GetBucketEncryption', 'us-east-1', 'acme-dev-shared-exports').kind, 'absent');
  assert.equal(snap.resourceCall(PROD, 's3', 'GetBucketEncryption', 'us-east-1', 'acme-prod-app-data').kind, 'data');
  // Account-level Block Public Access: on in prod, off in dev.
  assert.equal(snap.call(PROD, 's3-control', 'GetPublicAccessBlock', 'us-east-1').kind, 'data');
  assert.equal(snap.call(DEV, 's3-control', 'GetPublicAccessBlock', 'us-east-1').kind, 'absent');
  // Security groups open to the world on 22 and 3389 in dev; SSH only from the office in management.
  const devSgs = data(snap, DEV, 'ec2', 'DescribeSecurityGroups').SecurityGroups;
  const openPorts = devSgs.flatMap((g: any) => g.IpPermissions.filter((p: any) => p.IpRanges.some((r: any) => r.CidrIp === '0.0.0.0/0')).map((p: any) => p.FromPort));
  assert.ok(openPorts.includes(22) && openPorts.includes(3389));
  // Public EBS and RDS snapshots.
  const snaps = data(snap, DEV, 'ec2', 'DescribeSnapshots').Snapshots;
  const perms = snaps.map((s: any) => resource(snap, DEV, 'ec2', 'DescribeSnapshotAttribute', s.SnapshotId).CreateVolumePermissions);
  assert.ok(perms.some((p: any[]) => p.some((x) => x.Group === 'all')));
  assert.deepEqual(resource(snap, DEV, 'rds', 'DescribeDBSnapshotAttributes', 'dev-db-share').DBSnapshotAttributesResult.DBSnapshotAttributes[0].AttributeValues, ['all']);
  // GuardDuty missing in one region, Config in one region only, Security Hub not enabled (a fact, not an error).
  assert.deepEqual(data(snap, DEV, 'guardduty', 'ListDetectors', 'eu-west-1').DetectorIds, []);
  assert.deepEqual(data(snap, DEV, 'config-service', 'DescribeConfigurationRecorders', 'eu-west-1').ConfigurationRecorders, []);
  assert.equal(snap.call(DEV, 'securityhub', 'DescribeHub', 'us-east-1').kind, 'absent');
  // The org trail covers members; prod's own trail is stopped.
  const trails = data(snap, PROD, 'cloudtrail', 'DescribeTrails').trailList;
  assert.ok(trails.some((t: any) => t.IsOrganizationTrail && t.IsMultiRegionTrail && t.LogFileValidationEnabled && t.KmsKeyId));
  const local = trails.find((t: any) => t.Name === 'prod-local-trail');
  assert.equal(resource(snap, PROD, 'cloudtrail', 'GetTrailStatus', local.TrailARN).IsLogging, false);
  // CIS 4.x metric filters in management, none in dev.
  assert.equal(data(snap, MANAGEMENT, 'cloudwatch-logs', 'DescribeMetricFilters').metricFilters.length, 15);
  assert.equal(data(snap, DEV, 'cloudwatch-logs', 'DescribeMetricFilters').metricFilters.length, 0);
  // Lambda: public resource policy and a plaintext secret in the environment.
  const fn = data(snap, DEV, 'lambda', 'ListFunctions').Functions.find((f: any) => f.FunctionName === 'thumbnailer');
  assert.ok(fn.Environment.Variables.DB_PASSWORD);
  assert.equal(JSON.parse(resource(snap, DEV, 'lambda', 'GetPolicy', 'thumbnailer').Policy).Statement[0].Principal, '*');
  // The SCPs: FullAWSAccess plus one deny.
  const scps = data(snap, MANAGEMENT, 'organizations', 'ListPolicies').Policies;
  assert.deepEqual(scps.map((p: any) => p.Name), ['FullAWSAccess', 'DenyLeaveOrgAndSecurityTampering']);
});

test('unknowns are recorded as errors, not as data: access denied in one region', async () => {
  const snap = await load();
  const denied = snap.call(DEV, 'ec2', 'DescribeInstances', 'eu-west-1');
  assert.equal(denied.kind, 'error');
  assert.equal((denied as any).error.code, 'UnauthorizedOperation');
  assert.equal(snap.resourceCall(DEV, 's3', 'GetBucketPolicy', 'us-east-1', 'acme-dev-build-artifacts').kind, 'error');
  assert.equal(snap.call(PROD, 'organizations', 'ListAccounts', 'us-east-1').kind, 'error');
});
