import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-bucket-acl-prohibited · FSBP S3.12: access is not managed with ACLs. */
export default defineCheck({
  title: 'S3 buckets do not use ACLs to grant user access',
  severity: 'MEDIUM',
  resourceType: 'AWS::S3::Bucket',
  description: 'Passes when Object Ownership is BucketOwnerEnforced (ACLs disabled) or the bucket ACL grants nothing beyond the owner; fails when it grants other grantees.',
  risk: 'ACL grants are easy to overlook and bypass the bucket policy, a common cause of accidental exposure.',
  remediation: {
    text: 'Set Object Ownership to "Bucket owner enforced" and move any needed grants into the bucket policy.',
    console: 'S3 → bucket → Permissions → Object Ownership → Edit → ACLs disabled (recommended).',
    cli: 'aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
    terraform: 'resource "aws_s3_bucket_ownership_controls" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    object_ownership = "BucketOwnerEnforced"\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-acl-prohibited.html'],
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const s3 = s3View(ctx.snapshot, ctx.account.id);
      const ownership = s3.ownershipControls(bucket);
      if (ownership.ok && ownership.value?.Rules?.some((r) => r.ObjectOwnership === 'BucketOwnerEnforced')) {
        return pass(ctx, GLOBAL, resource, `bucket ${bucket} has ACLs disabled (BucketOwnerEnforced)`, { api: 's3:GetBucketOwnershipControls', field: 'OwnershipControls.Rules[].ObjectOwnership' });
      }
      const acl = s3.acl(bucket);
      if (!acl.ok) return failedResult(ctx, acl.failed, resource);
      const others = acl.value.grants.filter((g) => !(g.Grantee?.Type === 'CanonicalUser' && g.Grantee.ID === acl.value.owner?.ID));
      const evidence = { api: 's3:GetBucketAcl', field: 'Grants' };
      return others.length > 0
        ? fail(ctx, GLOBAL, resource, `bucket ${bucket}'s ACL grants ${others.map((g) => `${g.Grantee?.URI ?? g.Grantee?.ID ?? g.Grantee?.EmailAddress} ${g.Permission}`).join(', ')} (s3:GetBucketAcl)`, evidence)
        : pass(ctx, GLOBAL, resource, `bucket ${bucket}'s ACL grants only its owner`, evidence);
    }),
});
