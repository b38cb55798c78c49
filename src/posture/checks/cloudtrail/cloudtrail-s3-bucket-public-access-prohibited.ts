import { defineCheck } from '../../check.ts';
import { isFailed, publicAccess } from '../../lib/s3.ts';
import { perTrailBucket } from '../../lib/trail-buckets.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config cloudtrail-s3-bucket-public-access-prohibited: the bucket receiving CloudTrail logs is not public. */
export default defineCheck({
  title: 'The S3 bucket that receives CloudTrail logs is not publicly accessible',
  severity: 'CRITICAL',
  resourceType: 'AWS::CloudTrail::Trail',
  description: 'For each trail, evaluates public read and write of its bucket (Block Public Access, bucket policy, ACL), wherever the bucket lives in the snapshot.',
  risk: 'Public audit logs reveal the account’s structure and activity; public write lets an attacker tamper with the evidence.',
  remediation: {
    text: 'Block public access on the CloudTrail bucket and remove public grants from its policy and ACL.',
    console: 'S3 → CloudTrail bucket → Permissions → Block public access → Block all public access.',
    cli: 'aws s3api put-public-access-block --bucket <trail-bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform: 'resource "aws_s3_bucket_public_access_block" "trail" {\n  bucket                  = aws_s3_bucket.trail.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-public-access-prohibited.html'],
  evaluate(ctx) {
    const calls = { api: 's3:GetBucketPolicy,s3:GetBucketAcl,s3:GetPublicAccessBlock', field: 'Policy,Grants' };
    return perTrailBucket(ctx, calls, 'whether it is public is unknown', ({ trail, resource, bucket, owner, evidence }) => {
      const reasons: string[] = [];
      for (const kind of ['read', 'write'] as const) {
        const verdict = publicAccess(ctx, bucket, kind, owner);
        if (isFailed(verdict)) return failedResult(ctx, verdict, resource);
        reasons.push(...verdict.reasons.map((r) => `public ${kind}: ${r}`));
      }
      return reasons.length > 0
        ? fail(ctx, GLOBAL, resource, `trail ${trail.Name}'s bucket ${bucket} is public: ${reasons.join('; ')}`, evidence)
        : pass(ctx, GLOBAL, resource, `trail ${trail.Name}'s bucket ${bucket} (account ${owner}) is not public`, evidence);
    });
  },
});
