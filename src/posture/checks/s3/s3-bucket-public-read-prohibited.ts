import { defineCheck } from '../../check.ts';
import { bucketResource, isFailed, perBucket, publicAccess } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-bucket-public-read-prohibited · FSBP S3.2. */
export default defineCheck({
  title: 'S3 buckets do not allow public read access',
  severity: 'CRITICAL',
  resourceType: 'AWS::S3::Bucket',
  description: 'Evaluates Block Public Access (account and bucket), the bucket policy and the bucket ACL as AWS Config does: public read through the policy counts unless RestrictPublicBuckets is on; through the ACL unless IgnorePublicAcls is on.',
  risk: 'Anyone on the internet can list or download the bucket’s objects.',
  remediation: {
    text: 'Turn on S3 Block Public Access for the account (or the bucket) and remove public grants from the bucket policy and ACL.',
    console: 'S3 → bucket → Permissions → Block public access → Edit → Block all public access; then review Bucket policy and ACL.',
    cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform: 'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-public-read-prohibited.html'],
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const verdict = publicAccess(ctx, bucket, 'read');
      if (isFailed(verdict)) return failedResult(ctx, verdict, resource);
      const evidence = { api: 's3:GetBucketPolicy,s3:GetBucketAcl,s3:GetPublicAccessBlock', field: 'Policy,Grants,PublicAccessBlockConfiguration' };
      return verdict.public
        ? fail(ctx, GLOBAL, resource, `bucket ${bucket} allows public read: ${verdict.reasons.join('; ')}`, evidence)
        : pass(ctx, GLOBAL, resource, `bucket ${bucket} does not allow public read${verdict.blocked.length ? ` (${verdict.blocked.join('; ')})` : ''}`, evidence);
    }),
});
