import type { Snapshot } from '../../inventory/snapshot.ts';

/**
 * Access granted outside policies: S3 ACL grants, Block Public Access settings, EBS and RDS
 * snapshot sharing, and the organization (for the zone of trust). Read from raw responses.
 */

type Rec = Record<string, any>;

export interface PublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

/** Unknown (error or not recorded) is kept apart from "not configured". */
export type Known<T> = { known: true; value: T | undefined } | { known: false; reason: string };

export function accountPublicAccessBlock(snapshot: Snapshot, account: string): Known<PublicAccessBlock> {
  for (const region of ['us-east-1', ...snapshot.regionsOf(account, 's3-control', 'GetPublicAccessBlock')]) {
    let result = snapshot.call<Rec>(account, 's3-control', 'GetPublicAccessBlock', region);
    if (result.kind === 'error' && result.error.code === 'SnapshotShape') result = snapshot.resourceCall<Rec>(account, 's3-control', 'GetPublicAccessBlock', region, account);
    if (result.kind === 'data') return { known: true, value: result.data.PublicAccessBlockConfiguration };
    if (result.kind === 'absent') return { known: true, value: undefined };
    if (result.kind === 'error') return { known: false, reason: `${result.error.code}: ${result.error.message}` };
  }
  return { known: false, reason: 's3-control GetPublicAccessBlock not recorded' };
}

export function bucketPublicAccessBlock(snapshot: Snapshot, account: string, bucket: string): Known<PublicAccessBlock> {
  const result = snapshot.resourceCall<Rec>(account, 's3', 'GetPublicAccessBlock', 'us-east-1', bucket);
  if (result.kind === 'data') return { known: true, value: result.data.PublicAccessBlockConfiguration };
  if (result.kind === 'absent') return { known: true, value: undefined };
  if (result.kind === 'error') return { known: false, reason: `${result.error.code}: ${result.error.message}` };
  return { known: false, reason: 's3 GetPublicAccessBlock not recorded' };
}

/** The effective setting: either level turns a flag on. Unknown levels count as off (the sound choice). */
export function effectiveBlock(account: Known<PublicAccessBlock>, bucket: Known<PublicAccessBlock>): Required<PublicAccessBlock> {
  const a = account.known ? account.value ?? {} : {};
  const b = bucket.known ? bucket.value ?? {} : {};
  return {
    BlockPublicAcls: Boolean(a.BlockPublicAcls || b.BlockPublicAcls),
    IgnorePublicAcls: Boolean(a.IgnorePublicAcls || b.IgnorePublicAcls),
    BlockPublicPolicy: Boolean(a.BlockPublicPolicy || b.BlockPublicPolicy),
    RestrictPublicBuckets: Boolean(a.RestrictPublicBuckets || b.RestrictPublicBuckets),
  };
}

export function bucketNames(snapshot: Snapshot, account: string): string[] {
  const names = new Set<string>();
  const list = snapshot.call<Rec>(account, 's3', 'ListBuckets', 'us-east-1');
  if (list.kind === 'data') for (const b of (list.data.Buckets ?? []) as Rec[]) if (b.Name) names.add(b.Name);
  for (const op of ['GetBucketPolicy', 'GetBucketAcl']) {
    const entry = snapshot.entry(account, 's3', op, 'us-east-1');
    if (entry && 'resources' in entry) for (const key of Object.keys(entry.resources)) names.add(key);
  }
  return [...names];
}

export interface AclGrant {
  grantee: string;
  kind: 'AllUsers' | 'AuthenticatedUsers' | 'CanonicalUser' | 'Email';
  permission: string;
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** ACL grants to anyone other than the bucket owner. */
export function externalAclGrants(snapshot: Snapshot, account: string, bucket: string): Known<AclGrant[]> {
  const result = snapshot.resourceCall<Rec>(account, 's3', 'GetBucketAcl', 'us-east-1', bucket);
  if (result.kind === 'error') return { known: false, reason: `${result.error.code}: ${result.error.message}` };
  if (result.kind !== 'data') return { known: true, value: [] };
  const owner = result.data.Owner?.ID;
  const grants: AclGrant[] = [];
  for (const g of (result.data.Grants ?? []) as Rec[]) {
    const grantee = g.Grantee ?? {};
    if (grantee.URI === ALL_USERS) grants.push({ grantee: 'AllUsers', kind: 'AllUsers', permission: g.Permission });
    else if (grantee.URI === AUTHENTICATED) grants.push({ grantee: 'AuthenticatedUsers', kind: 'AuthenticatedUsers', permission: g.Permission });
    else if (grantee.Type === 'CanonicalUser' && grantee.ID && grantee.ID !== owner) grants.push({ grantee: grantee.ID, kind: 'CanonicalUser', permission: g.Permission });
    else if (grantee.Type === 'AmazonCustomerByEmail' && grantee.EmailAddress) grants.push({ grantee: grantee.EmailAddress, kind: 'Email', permission: g.Permission });
  }
  return { known: true, value: grants };
}

export interface SnapshotShare {
  region: string;
  id: string;
  type: 'AWS::EC2::Snapshot' | 'AWS::RDS::DBSnapshot' | 'AWS::RDS::DBClusterSnapshot' | 'AWS::EC2::Image';
  arn: string;
  /** `all` for public, else account ids. */
  sharedWith: string[];
  api: string;
}

export function snapshotShares(snapshot: Snapshot, account: string): SnapshotShare[] {
  const out: SnapshotShare[] = [];
  const partition = snapshot.partition;
  const visit = (service: string, operation: string, fn: (region: string, key: string, data: Rec) => void) => {
    for (const region of snapshot.regionsOf(account, service, operation)) {
      const entry = snapshot.entry(account, service, operation, region);
      if (entry && 'resources' in entry) for (const [key, value] of Object.entries(entry.resources)) if ('data' in value && value.data) fn(region, key, value.data as Rec);
    }
  };
  visit('ec2', 'DescribeSnapshotAttribute', (region, id, data) => {
    const shared = ((data.CreateVolumePermissions ?? []) as Rec[]).map((p) => (p.Group === 'all' ? 'all' : p.UserId)).filter(Boolean);
    if (shared.length) out.push({ region, id, type: 'AWS::EC2::Snapshot', arn: `arn:${partition}:ec2:${region}::snapshot/${id}`, sharedWith: shared, api: 'ec2.DescribeSnapshotAttribute CreateVolumePermissions' });
  });
  visit('ec2', 'DescribeImageAttribute', (region, id, data) => {
    const shared = ((data.LaunchPermissions ?? []) as Rec[]).map((p) => (p.Group === 'all' ? 'all' : p.UserId)).filter(Boolean);
    if (shared.length) out.push({ region, id, type: 'AWS::EC2::Image', arn: `arn:${partition}:ec2:${region}::image/${id}`, sharedWith: shared, api: 'ec2.DescribeImageAttribute LaunchPermissions' });
  });
  for (const [operation, resultKey, type] of [
    ['DescribeDBSnapshotAttributes', 'DBSnapshotAttributesResult', 'AWS::RDS::DBSnapshot'],
    ['DescribeDBClusterSnapshotAttributes', 'DBClusterSnapshotAttributesResult', 'AWS::RDS::DBClusterSnapshot'],
  ] as const) {
    visit('rds', operation, (region, id, data) => {
      const result = data[resultKey] ?? data;
      const attrs = (result.DBSnapshotAttributes ?? result.DBClusterSnapshotAttributes ?? []) as Rec[];
      const shared = attrs.filter((a) => a.AttributeName === 'restore').flatMap((a) => (a.AttributeValues ?? []) as string[]);
      const kind = type === 'AWS::RDS::DBSnapshot' ? 'snapshot' : 'cluster-snapshot';
      if (shared.length) out.push({ region, id, type, arn: id.startsWith('arn:') ? id : `arn:${partition}:rds:${region}:${account}:${kind}:${id}`, sharedWith: shared, api: `rds.${operation} restore` });
    });
  }
  return out;
}

export interface OrganizationInfo {
  id?: string;
  managementAccountId?: string;
  accounts: Set<string>;
}

export function organization(snapshot: Snapshot): OrganizationInfo {
  const info: OrganizationInfo = { id: snapshot.manifest.organization?.id, managementAccountId: snapshot.manifest.organization?.managementAccountId, accounts: new Set() };
  for (const { id: account } of snapshot.accounts) {
    for (const region of snapshot.regionsOf(account, 'organizations', 'DescribeOrganization')) {
      const r = snapshot.call<Rec>(account, 'organizations', 'DescribeOrganization', region);
      if (r.kind === 'data' && r.data.Organization) {
        info.id ??= r.data.Organization.Id;
        info.managementAccountId ??= r.data.Organization.MasterAccountId;
      }
    }
    for (const region of snapshot.regionsOf(account, 'organizations', 'ListAccounts')) {
      const r = snapshot.call<Rec>(account, 'organizations', 'ListAccounts', region);
      if (r.kind === 'data') for (const a of (r.data.Accounts ?? []) as Rec[]) if (a.Id) info.accounts.add(a.Id);
    }
  }
  if (info.id) for (const a of snapshot.accounts) info.accounts.add(a.id);
  return info;
}
