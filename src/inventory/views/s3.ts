import type { Snapshot } from '../snapshot.ts';
import { got, homeRegion, memoView, type Got } from './account.ts';
import { decodePolicy, type PolicyDocument } from './iam.ts';

/**
 * S3 buckets and their settings. Per-bucket calls are recorded under the home region keyed by
 * bucket name; GetBucketLocation tells the bucket's own region. "Not configured" answers
 * (NoSuchBucketPolicy, NoSuchPublicAccessBlockConfiguration, …) become null.
 * Also the account-level Block Public Access (s3-control GetPublicAccessBlock).
 */

export interface PublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

export interface Grant {
  Grantee?: { Type?: string; URI?: string; ID?: string; EmailAddress?: string; DisplayName?: string };
  Permission?: string;
}

export interface BucketSummary {
  name: string;
  arn: string;
  creationDate?: string;
}

export interface S3View {
  region: string;
  buckets(): Got<BucketSummary[]>;
  /** The bucket's region (LocationConstraint: empty = us-east-1, "EU" = eu-west-1). */
  location(bucket: string): Got<string>;
  /** Raw policy text and parsed document; null when the bucket has none. */
  policy(bucket: string): Got<{ text: string; document: PolicyDocument | undefined } | null>;
  policyStatus(bucket: string): Got<{ IsPublic?: boolean } | null>;
  acl(bucket: string): Got<{ owner?: { ID?: string }; grants: Grant[] }>;
  publicAccessBlock(bucket: string): Got<PublicAccessBlock | null>;
  accountPublicAccessBlock(): Got<PublicAccessBlock | null>;
  encryption(bucket: string): Got<Array<{ ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string }; BucketKeyEnabled?: boolean }> | null>;
  versioning(bucket: string): Got<{ Status?: string; MFADelete?: string }>;
  logging(bucket: string): Got<{ TargetBucket?: string; TargetPrefix?: string } | null>;
  replication(bucket: string): Got<{ Role?: string; Rules?: Array<{ Status?: string; Destination?: { Bucket?: string } }> } | null>;
  objectLock(bucket: string): Got<{ ObjectLockEnabled?: string; Rule?: unknown } | null>;
  ownershipControls(bucket: string): Got<{ Rules?: Array<{ ObjectOwnership?: string }> } | null>;
}

export function bucketRegionFromConstraint(constraint: string | null | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

export const s3View = memoView((snapshot: Snapshot, accountId: string): S3View => {
  const region = homeRegion(snapshot);
  const partition = snapshot.partition;
  const per = <T>(operation: string, bucket: string) => snapshot.resourceCall<T>(accountId, 's3', operation, region, bucket);
  let list: Got<BucketSummary[]> | undefined;
  return {
    region,
    buckets: () =>
      (list ??= got('s3', 'ListBuckets', region, snapshot.call<{ Buckets?: Array<{ Name?: string; CreationDate?: string }> }>(accountId, 's3', 'ListBuckets', region), (data) =>
        (data.Buckets ?? []).map((b) => ({ name: b.Name ?? '', arn: `arn:${partition}:s3:::${b.Name ?? ''}`, creationDate: b.CreationDate })),
      )),
    location: (bucket) => got('s3', 'GetBucketLocation', region, per<{ LocationConstraint?: string | null }>('GetBucketLocation', bucket), (data) => bucketRegionFromConstraint(data.LocationConstraint)),
    policy: (bucket) =>
      got('s3', 'GetBucketPolicy', region, per<{ Policy?: string }>('GetBucketPolicy', bucket), (data) => (data.Policy ? { text: data.Policy, document: decodePolicy(data.Policy) } : null), null),
    policyStatus: (bucket) =>
      got('s3', 'GetBucketPolicyStatus', region, per<{ PolicyStatus?: { IsPublic?: boolean } }>('GetBucketPolicyStatus', bucket), (data) => data.PolicyStatus ?? null, null),
    acl: (bucket) => got('s3', 'GetBucketAcl', region, per<{ Owner?: { ID?: string }; Grants?: Grant[] }>('GetBucketAcl', bucket), (data) => ({ owner: data.Owner, grants: data.Grants ?? [] })),
    publicAccessBlock: (bucket) =>
      got('s3', 'GetPublicAccessBlock', region, per<{ PublicAccessBlockConfiguration?: PublicAccessBlock }>('GetPublicAccessBlock', bucket), (data) => data.PublicAccessBlockConfiguration ?? null, null),
    accountPublicAccessBlock: () =>
      got('s3-control', 'GetPublicAccessBlock', region, snapshot.call<{ PublicAccessBlockConfiguration?: PublicAccessBlock }>(accountId, 's3-control', 'GetPublicAccessBlock', region), (data) => data.PublicAccessBlockConfiguration ?? null, null),
    encryption: (bucket) =>
      got('s3', 'GetBucketEncryption', region, per<any>('GetBucketEncryption', bucket), (data) => data.ServerSideEncryptionConfiguration?.Rules ?? null, null),
    versioning: (bucket) => got('s3', 'GetBucketVersioning', region, per<{ Status?: string; MFADelete?: string }>('GetBucketVersioning', bucket), (data) => ({ Status: data.Status, MFADelete: data.MFADelete })),
    logging: (bucket) => got('s3', 'GetBucketLogging', region, per<{ LoggingEnabled?: { TargetBucket?: string; TargetPrefix?: string } }>('GetBucketLogging', bucket), (data) => data.LoggingEnabled ?? null, null),
    replication: (bucket) => got('s3', 'GetBucketReplication', region, per<any>('GetBucketReplication', bucket), (data) => data.ReplicationConfiguration ?? null, null),
    objectLock: (bucket) => got('s3', 'GetObjectLockConfiguration', region, per<any>('GetObjectLockConfiguration', bucket), (data) => data.ObjectLockConfiguration ?? null, null),
    ownershipControls: (bucket) => got('s3', 'GetBucketOwnershipControls', region, per<any>('GetBucketOwnershipControls', bucket), (data) => data.OwnershipControls ?? null, null),
  };
});
