import type { FailedCall } from '../../inventory/views/account.ts';
import type { PolicyStatement } from '../../inventory/views/iam.ts';
import { s3View, type Grant, type PublicAccessBlock } from '../../inventory/views/s3.ts';
import type { CheckContext, CheckResult } from '../check.ts';
import { asList, publicStatements, statementAllowsAny } from './policy.ts';
import { GLOBAL, accountResource, failedResult, pass } from './result.ts';

/**
 * Shared S3 logic. Public read/write follows the AWS Config rules s3-bucket-public-read-prohibited
 * and s3-bucket-public-write-prohibited: the bucket is public when Block Public Access (account
 * or bucket) does not restrict public policies (RestrictPublicBuckets) and the bucket policy
 * allows public read/write, or when it does not ignore public ACLs (IgnorePublicAcls) and the
 * ACL grants AllUsers/AuthenticatedUsers read/write.
 */

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export const READ_ACTIONS = ['s3:GetObject', 's3:ListBucket', 's3:GetObjectVersion', 's3:ListBucketVersions'];
export const WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl', 's3:PutBucketPolicy', 's3:PutBucketAcl', 's3:DeleteBucket'];
const READ_PERMISSIONS = ['READ', 'FULL_CONTROL'];
const WRITE_PERMISSIONS = ['WRITE', 'WRITE_ACP', 'FULL_CONTROL'];

export function bucketResource(ctx: CheckContext, bucket: string) {
  return { type: 'AWS::S3::Bucket', id: `arn:${ctx.snapshot.partition}:s3:::${bucket}`, name: bucket };
}

export function effectiveBlock(account: PublicAccessBlock | null, bucket: PublicAccessBlock | null): Required<PublicAccessBlock> {
  const flag = (key: keyof PublicAccessBlock) => account?.[key] === true || bucket?.[key] === true;
  return { BlockPublicAcls: flag('BlockPublicAcls'), IgnorePublicAcls: flag('IgnorePublicAcls'), BlockPublicPolicy: flag('BlockPublicPolicy'), RestrictPublicBuckets: flag('RestrictPublicBuckets') };
}

export function publicGrants(grants: Grant[], permissions: string[]): Grant[] {
  return grants.filter((g) => g.Grantee?.Type === 'Group' && (g.Grantee.URI === ALL_USERS || g.Grantee.URI === AUTHENTICATED_USERS) && permissions.includes(g.Permission ?? ''));
}

export interface PublicAccessVerdict {
  public: boolean;
  reasons: string[];
  blocked: string[];
}

/** Evaluates public read or write of one bucket; a failed input call is returned as such. */
export function publicAccess(ctx: CheckContext, bucket: string, kind: 'read' | 'write', ownerAccount = ctx.account.id): PublicAccessVerdict | FailedCall {
  const s3 = s3View(ctx.snapshot, ownerAccount);
  const accountBlock = s3.accountPublicAccessBlock();
  if (!accountBlock.ok) return accountBlock.failed;
  const bucketBlock = s3.publicAccessBlock(bucket);
  if (!bucketBlock.ok) return bucketBlock.failed;
  const block = effectiveBlock(accountBlock.value, bucketBlock.value);
  const reasons: string[] = [];
  const blocked: string[] = [];
  if (block.RestrictPublicBuckets) {
    blocked.push(`RestrictPublicBuckets is on (${accountBlock.value?.RestrictPublicBuckets ? 's3-control:GetPublicAccessBlock' : 's3:GetPublicAccessBlock'})`);
  } else {
    const policy = s3.policy(bucket);
    if (!policy.ok) return policy.failed;
    const actions = kind === 'read' ? READ_ACTIONS : WRITE_ACTIONS;
    const open = publicStatements(policy.value?.document).flatMap((s: PolicyStatement) => statementAllowsAny(s, actions).map((a) => `${s.Sid ?? 'statement'} allows ${a}`));
    if (open.length > 0) reasons.push(`bucket policy grants everyone (Principal "*") ${[...new Set(open)].slice(0, 3).join(', ')} (s3:GetBucketPolicy)`);
  }
  if (block.IgnorePublicAcls) {
    blocked.push(`IgnorePublicAcls is on (${accountBlock.value?.IgnorePublicAcls ? 's3-control:GetPublicAccessBlock' : 's3:GetPublicAccessBlock'})`);
  } else {
    const acl = s3.acl(bucket);
    if (!acl.ok) return acl.failed;
    const grants = publicGrants(acl.value.grants, kind === 'read' ? READ_PERMISSIONS : WRITE_PERMISSIONS);
    if (grants.length > 0) reasons.push(`bucket ACL grants ${grants.map((g) => `${g.Grantee?.URI?.split('/').pop()} ${g.Permission}`).join(', ')} (s3:GetBucketAcl Grants)`);
  }
  return { public: reasons.length > 0, reasons, blocked };
}

export function isFailed(value: unknown): value is FailedCall {
  return typeof value === 'object' && value !== null && 'operation' in value && 'call' in value;
}

/** Runs `judge` for every bucket of the account; ListBuckets failure → one ERROR. */
export function perBucket(ctx: CheckContext, judge: (bucket: string) => CheckResult): CheckResult[] {
  const buckets = s3View(ctx.snapshot, ctx.account.id).buckets();
  if (!buckets.ok) return [failedResult(ctx, buckets.failed, accountResource(ctx))];
  if (buckets.value.length === 0) return [pass(ctx, GLOBAL, accountResource(ctx), 'the account has no S3 buckets (s3:ListBuckets)', { api: 's3:ListBuckets', field: 'Buckets' })];
  return buckets.value.map((b) => judge(b.name));
}

/** Does a statement deny requests that are not over TLS (aws:SecureTransport false or s3:TlsVersion below a version)? */
export function deniesInsecureTransport(statement: PolicyStatement, bucket: string, partition: string): boolean {
  if (statement.Effect !== 'Deny') return false;
  const principal = statement.Principal;
  const everyone = principal === '*' || asList((principal as { AWS?: unknown } | undefined)?.AWS).includes('*');
  if (!everyone) return false;
  const actions = asList(statement.Action);
  if (!actions.some((a) => a === '*' || a === 's3:*')) return false;
  const resources = asList(statement.Resource);
  const objects = `arn:${partition}:s3:::${bucket}/*`;
  if (!resources.some((r) => r === '*' || r === objects || r === `arn:${partition}:s3:::*` || r === `arn:aws:s3:::${bucket}/*`)) return false;
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(keys ?? {})) {
      const values = asList(value).map((v) => v.toLowerCase());
      if (/^Bool(IfExists)?$/i.test(operator) && key.toLowerCase() === 'aws:securetransport' && values.includes('false')) return true;
      if (/^NumericLessThan(IfExists)?$/i.test(operator) && key.toLowerCase() === 's3:tlsversion') return true;
    }
  }
  return false;
}
