import { daysAgo } from '../org.ts';
import { accessDenied, fail, GLOBAL_REGION, ok, perResource, policyJson, type BuildContext } from './util.ts';

/** s3 and s3-control: buckets from well-kept log archives to a public share. */

interface BucketSpec {
  name: string;
  region: string;
  policy?: object;
  policyDenied?: boolean;
  publicAcl?: boolean;
  blockPublicAccess: boolean;
  encryption?: 'AES256' | 'aws:kms';
  versioning?: 'Enabled' | 'Suspended';
  loggingTo?: string;
  replicateTo?: string;
  objectLock?: boolean;
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

function sslOnly(bucket: string): object {
  return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}

function bucketsFor(ctx: BuildContext): BucketSpec[] {
  const { account, org } = ctx;
  switch (account.key) {
    case 'management': {
      const trail = org.trailBucket;
      return [
        {
          name: trail, region: 'us-east-1', blockPublicAccess: true, encryption: 'aws:kms', versioning: 'Enabled', loggingTo: 'acme-mgmt-access-logs', replicateTo: `${trail}-replica`, objectLock: true,
          policy: { Version: '2012-10-17', Statement: [
            { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${trail}`, Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${account.id}:trail/org-trail` } } },
            { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: [`arn:aws:s3:::${trail}/AWSLogs/${account.id}/*`, `arn:aws:s3:::${trail}/AWSLogs/${org.orgId}/*`], Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${account.id}:trail/org-trail` } } },
            sslOnly(trail),
          ] },
        },
        { name: `${trail}-replica`, region: 'eu-west-1', blockPublicAccess: true, encryption: 'aws:kms', versioning: 'Enabled', loggingTo: 'acme-mgmt-access-logs', policy: { Version: '2012-10-17', Statement: [sslOnly(`${trail}-replica`)] } },
        { name: 'acme-mgmt-access-logs', region: 'us-east-1', blockPublicAccess: true, encryption: 'AES256', versioning: 'Enabled' },
        { name: org.flowLogBucket, region: 'us-east-1', blockPublicAccess: true, encryption: 'AES256', versioning: 'Enabled', loggingTo: 'acme-mgmt-access-logs', policy: { Version: '2012-10-17', Statement: [{ Sid: 'AWSLogDeliveryWrite', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${org.flowLogBucket}/AWSLogs/*`, Condition: { StringEquals: { 'aws:SourceOrgID': org.orgId } } }, sslOnly(org.flowLogBucket)] } },
        { name: org.dnsLogBucket, region: 'us-east-1', blockPublicAccess: true, encryption: 'AES256', versioning: 'Enabled', loggingTo: 'acme-mgmt-access-logs' },
      ];
    }
    case 'prod':
      return [
        { name: 'acme-prod-app-data', region: 'us-east-1', blockPublicAccess: true, encryption: 'aws:kms', versioning: 'Enabled', loggingTo: 'acme-mgmt-access-logs', policy: { Version: '2012-10-17', Statement: [sslOnly('acme-prod-app-data')] } },
        { name: 'acme-prod-reports', region: 'eu-west-1', blockPublicAccess: true, encryption: 'AES256', versioning: 'Suspended' },
        { name: 'acme-prod-static-site', region: 'us-east-1', blockPublicAccess: true, encryption: 'AES256', versioning: 'Enabled', policy: { Version: '2012-10-17', Statement: [{ Sid: 'CloudFrontRead', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-prod-static-site/*', Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${account.id}:distribution/E2DEMOSTATIC01` } } }] } },
      ];
    case 'dev':
      return [
        {
          // Deliberate: public by bucket policy AND by ACL, no block public access, no encryption/versioning/logging.
          name: 'acme-dev-shared-exports', region: 'us-east-1', blockPublicAccess: false, publicAcl: true,
          policy: { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-dev-shared-exports/*' }] },
        },
        { name: 'acme-dev-scratch', region: 'eu-west-1', blockPublicAccess: true, encryption: 'AES256' },
        { name: 'acme-dev-build-artifacts', region: 'us-east-1', blockPublicAccess: true, encryption: 'AES256', versioning: 'Enabled', policyDenied: true },
      ];
  }
}

export function buildS3(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const R = GLOBAL_REGION;
  const ownerId = rng.fork('s3owner').hex(64);
  const buckets = bucketsFor(ctx);
  ctx.put('s3', 'ListBuckets', R, ok({ Buckets: buckets.map((b, i) => ({ Name: b.name, CreationDate: daysAgo(900 - i * 50), BucketRegion: b.region })), Owner: { ID: ownerId } }));
  const per = (fn: (b: BucketSpec) => ReturnType<typeof ok>) => perResource(Object.fromEntries(buckets.map((b) => [b.name, fn(b)])));

  ctx.put('s3', 'GetBucketLocation', R, per((b) => ok(b.region === 'us-east-1' ? {} : { LocationConstraint: b.region })));
  ctx.put('s3', 'GetBucketPolicy', R, per((b) => (b.policyDenied ? accessDenied(account, 's3:GetBucketPolicy') : b.policy ? ok({ Policy: policyJson(b.policy) }) : fail('NoSuchBucketPolicy', 'The bucket policy does not exist'))));
  ctx.put('s3', 'GetBucketPolicyStatus', R, per((b) => (b.policyDenied ? accessDenied(account, 's3:GetBucketPolicyStatus') : b.policy ? ok({ PolicyStatus: { IsPublic: !b.blockPublicAccess && JSON.stringify(b.policy).includes('"Principal":"*"') && !JSON.stringify(b.policy).includes('SecureTransport') } }) : fail('NoSuchBucketPolicy', 'The bucket policy does not exist'))));
  ctx.put('s3', 'GetBucketAcl', R, per((b) => {
    const grants: object[] = [{ Grantee: { Type: 'CanonicalUser', ID: ownerId }, Permission: 'FULL_CONTROL' }];
    if (b.publicAcl) grants.push({ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' });
    if (b.name === 'acme-mgmt-access-logs') grants.push({ Grantee: { Type: 'Group', URI: LOG_DELIVERY }, Permission: 'WRITE' }, { Grantee: { Type: 'Group', URI: LOG_DELIVERY }, Permission: 'READ_ACP' });
    return ok({ Owner: { ID: ownerId }, Grants: grants });
  }));
  ctx.put('s3', 'GetPublicAccessBlock', R, per((b) => (b.blockPublicAccess ? ok({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }) : fail('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'))));
  ctx.put('s3', 'GetBucketEncryption', R, per((b) => (b.encryption
    ? ok({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: b.encryption === 'aws:kms' ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:${b.region}:${account.id}:alias/s3-data` } : { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: b.encryption === 'aws:kms' }] } })
    : fail('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found'))));
  ctx.put('s3', 'GetBucketVersioning', R, per((b) => ok(b.versioning ? { Status: b.versioning, MFADelete: 'Disabled' } : {})));
  ctx.put('s3', 'GetBucketLogging', R, per((b) => ok(b.loggingTo ? { LoggingEnabled: { TargetBucket: b.loggingTo, TargetPrefix: `${b.name}/` } } : {})));
  ctx.put('s3', 'GetBucketReplication', R, per((b) => (b.replicateTo
    ? ok({ ReplicationConfiguration: { Role: `arn:aws:iam::${account.id}:role/s3-replication`, Rules: [{ ID: 'replicate-all', Priority: 1, Filter: {}, Status: 'Enabled', DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: `arn:aws:s3:::${b.replicateTo}`, StorageClass: 'STANDARD' } }] } })
    : fail('ReplicationConfigurationNotFoundError', 'The replication configuration was not found'))));
  ctx.put('s3', 'GetObjectLockConfiguration', R, per((b) => (b.objectLock
    ? ok({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } } })
    : fail('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'))));
}

/** Calls the collector records beyond DESIGN's minimum: ownership controls, lifecycle, website, CORS. */
export function buildS3Extras(ctx: BuildContext): void {
  const buckets = bucketsFor(ctx);
  const per = (fn: (b: BucketSpec) => ReturnType<typeof ok>) => perResource(Object.fromEntries(buckets.map((b) => [b.name, fn(b)])));
  ctx.put('s3', 'GetBucketOwnershipControls', GLOBAL_REGION, per((b) => (b.publicAcl || b.name === 'acme-mgmt-access-logs'
    ? ok({ OwnershipControls: { Rules: [{ ObjectOwnership: b.publicAcl ? 'ObjectWriter' : 'BucketOwnerPreferred' }] } })
    : ok({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }))));
  ctx.put('s3', 'GetBucketLifecycleConfiguration', GLOBAL_REGION, per((b) => (b.versioning === 'Enabled'
    ? ok({ Rules: [{ ID: 'expire-noncurrent', Filter: {}, Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 } }], TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K' })
    : fail('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'))));
  ctx.put('s3', 'GetBucketWebsite', GLOBAL_REGION, per((b) => (b.publicAcl
    ? ok({ IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } })
    : fail('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration'))));
  ctx.put('s3', 'GetBucketCors', GLOBAL_REGION, per((b) => (b.publicAcl
    ? ok({ CORSRules: [{ AllowedHeaders: ['*'], AllowedMethods: ['GET'], AllowedOrigins: ['*'], MaxAgeSeconds: 3000 }] })
    : fail('NoSuchCORSConfiguration', 'The CORS configuration does not exist'))));
}

export function buildS3Control(ctx: BuildContext): void {
  const { account } = ctx;
  ctx.put('s3-control', 'GetPublicAccessBlock', GLOBAL_REGION, account.key === 'dev'
    ? fail('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found')
    : ok({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
}
