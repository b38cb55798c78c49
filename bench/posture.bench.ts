/**
 * Posture bench: a generated snapshot of 200 accounts × 4 regions (~1,000 resources per
 * account, ~200,000 in all), full scan with every framework. Reports check loading and scan
 * seconds, peak RSS of the scanning process (process.resourceUsage().maxRSS in a child), and the
 * ratio of 200-account to 20-account scan time (linear = 10). Goals: < 10 s, < 1 GB, ratio ≤ 11.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { goodAccount, badAccount, put, data, resources, csv, goodBucket, badBucket } from '../test/unit/posture/fixtures.ts';
import type { AccountData } from '../src/inventory/snapshot.ts';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const PLACEHOLDER = '999988887777';

/** One account's data with ~1,000 resources; the account id is a placeholder replaced per account. */
export function templateAccount(bad: boolean): string {
  const a: AccountData = bad ? badAccount(PLACEHOLDER) : goodAccount(PLACEHOLDER);
  const users = Array.from({ length: 60 }, (_, i) => `user${i}`);
  put(a, 'iam', 'GetCredentialReport', 'us-east-1', data({ Content: csv(users.map((u, i) => ({ user: u, arn: `arn:aws:iam::${PLACEHOLDER}:user/${u}`, user_creation_time: '2024-01-01T00:00:00+00:00', password_enabled: String(i % 2 === 0), password_last_used: '2026-11-01T00:00:00+00:00', mfa_active: String(i % 3 !== 0), access_key_1_active: 'true', access_key_1_last_rotated: i % 4 ? '2026-10-01T00:00:00+00:00' : '2025-01-01T00:00:00+00:00', access_key_1_last_used_date: '2026-11-01T00:00:00+00:00', access_key_2_active: 'false' }))) }));
  const details = (a.iam!.GetAccountAuthorizationDetails!['us-east-1'] as { data: any }).data;
  details.UserDetailList = users.map((u, i) => ({ UserName: u, Arn: `arn:aws:iam::${PLACEHOLDER}:user/${u}`, GroupList: ['g'], UserPolicyList: i % 5 ? [] : [{ PolicyName: 'inline', PolicyDocument: encodeURIComponent('{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}') }], AttachedManagedPolicies: [] }));
  details.RoleDetailList = [...details.RoleDetailList, ...Array.from({ length: 60 }, (_, i) => ({ RoleName: `role${i}`, Path: '/', Arn: `arn:aws:iam::${PLACEHOLDER}:role/role${i}`, RolePolicyList: [], AttachedManagedPolicies: [] }))];
  details.Policies = [...details.Policies, ...Array.from({ length: 40 }, (_, i) => ({ PolicyName: `p${i}`, Arn: `arn:aws:iam::${PLACEHOLDER}:policy/p${i}`, AttachmentCount: 1, PolicyVersionList: [{ IsDefaultVersion: true, Document: encodeURIComponent(`{"Statement":[{"Effect":"Allow","Action":"${i % 7 ? 's3:GetObject' : '*'}","Resource":"*"}]}`) }] }))];
  const buckets = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`bucket-${i}`, i % 6 === 0 ? badBucket() : goodBucket(`bucket-${i}`)]));
  put(a, 's3', 'ListBuckets', 'us-east-1', data({ Buckets: Object.keys(buckets).map((Name) => ({ Name })) }));
  for (const op of Object.keys(goodBucket('x'))) put(a, 's3', op, 'us-east-1', resources(Object.fromEntries(Object.entries(buckets).map(([name, s]) => [name, (s as any)[op]]))));
  for (const region of REGIONS) {
    for (const [service, ops] of Object.entries(a)) for (const op of Object.values(ops)) if (!op[region] && op['us-east-1'] && !['iam', 's3', 's3-control', 'account', 'organizations'].includes(service)) op[region] = op['us-east-1'];
    const keys = Array.from({ length: 25 }, (_, i) => `key${i}`);
    put(a, 'kms', 'ListKeys', region, data({ Keys: keys.map((KeyId) => ({ KeyId })) }));
    put(a, 'kms', 'DescribeKey', region, resources(Object.fromEntries(keys.map((k) => [k, data({ KeyMetadata: { KeyId: k, KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' } })]))));
    put(a, 'kms', 'GetKeyRotationStatus', region, resources(Object.fromEntries(keys.map((k, i) => [k, data({ KeyRotationEnabled: i % 3 !== 0 })]))));
    put(a, 'kms', 'GetKeyPolicy', region, resources(Object.fromEntries(keys.map((k) => [k, data({ Policy: '{"Statement":[]}' })]))));
    const instances = Array.from({ length: 50 }, (_, i) => ({ InstanceId: `i-${region}-${i}`, State: { Name: i % 10 ? 'running' : 'stopped' }, VpcId: 'vpc-1', SubnetId: 'subnet-1', MetadataOptions: { HttpTokens: i % 2 ? 'required' : 'optional' }, NetworkInterfaces: [{}], SecurityGroups: [{ GroupId: 'sg-1' }] }));
    put(a, 'ec2', 'DescribeInstances', region, data({ Reservations: [{ Instances: instances }] }));
    put(a, 'ec2', 'DescribeSecurityGroups', region, data({ SecurityGroups: Array.from({ length: 50 }, (_, i) => ({ GroupId: `sg-${i}`, GroupName: i ? `sg${i}` : 'default', VpcId: 'vpc-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: i % 4 ? '10.0.0.0/8' : '0.0.0.0/0' }] }], IpPermissionsEgress: [] })) }));
    put(a, 'ec2', 'DescribeVolumes', region, data({ Volumes: Array.from({ length: 50 }, (_, i) => ({ VolumeId: `vol-${i}`, State: 'in-use', Encrypted: i % 3 !== 0, Attachments: [{ InstanceId: 'i-1' }] })) }));
    put(a, 'ec2', 'DescribeVpcs', region, data({ Vpcs: [{ VpcId: 'vpc-1' }] }));
    put(a, 'ec2', 'DescribeFlowLogs', region, data({ FlowLogs: [] }));
    put(a, 'ec2', 'GetEbsEncryptionByDefault', region, data({ EbsEncryptionByDefault: true }));
  }
  return JSON.stringify(a);
}

export async function generate(dir: string, count: number, templates: [string, string]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const ids = Array.from({ length: count }, (_, i) => String(100000000000 + i));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'vigil-snapshot/1', collectedAt: '2026-11-20T12:00:00.000Z', partition: 'aws', accounts: ids.map((id) => ({ id, regions: REGIONS })) }));
  ids.forEach((id, i) => writeFileSync(join(dir, `${id}.json.gz`), gzipSync(templates[i % 2]!.replaceAll(PLACEHOLDER, id), { level: 1 })));
}

const CHILD = `
const started = performance.now();
const { readSnapshot } = await import(${JSON.stringify(fileURLToPath(new URL('../src/inventory/snapshot.ts', import.meta.url)))});
const { runScan, loadChecks } = await import(${JSON.stringify(fileURLToPath(new URL('../src/posture/engine.ts', import.meta.url)))});
await loadChecks();
const loaded = performance.now();
const result = await runScan({ snapshot: readSnapshot(process.argv[1]) });
const done = performance.now();
console.log(JSON.stringify({ loadMs: loaded - started, scanMs: done - loaded, findings: result.findings.length, maxRssKb: process.resourceUsage().maxRSS }));
`;

function scanInChild(dir: string): { loadMs: number; scanMs: number; findings: number; maxRssKb: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`scan child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

export default async function bench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'vigil-posture-bench-'));
  try {
    const templates: [string, string] = [templateAccount(false), templateAccount(true)];
    const resourcesPerAccount = 60 + 60 + 40 + 40 + REGIONS.length * (25 + 50 + 50 + 50 + 1 + 10);
    await generate(join(root, 's20'), 20, templates);
    await generate(join(root, 's200'), 200, templates);
    console.log(`snapshot: 200 accounts × ${REGIONS.length} regions, ~${resourcesPerAccount} resources per account (~${(resourcesPerAccount * 200).toLocaleString('en')} in all)`);
    const small = scanInChild(join(root, 's20'));
    const large = scanInChild(join(root, 's200'));
    const ratio = large.scanMs / small.scanMs;
    console.log(`20 accounts:  scan ${(small.scanMs / 1000).toFixed(2)} s, ${small.findings.toLocaleString('en')} findings, peak RSS ${(small.maxRssKb / 1024).toFixed(0)} MB`);
    console.log(`200 accounts: scan ${(large.scanMs / 1000).toFixed(2)} s (+ ${(large.loadMs / 1000).toFixed(2)} s loading checks), ${large.findings.toLocaleString('en')} findings, peak RSS ${(large.maxRssKb / 1024).toFixed(0)} MB`);
    console.log(`200/20 scan time ratio: ${ratio.toFixed(2)} (linear = 10; goal ≤ 11) · goals: < 10 s ${large.scanMs + large.loadMs < 10_000 ? 'met' : 'MISSED'}, < 1 GB ${large.maxRssKb < 1024 * 1024 ? 'met' : 'MISSED'}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
