import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-bucket-level-public-access-prohibited (excludedPublicBuckets) · CIS 2.1.4 · FSBP S3.8. */
export default defineCheck({
  title: 'S3 buckets have bucket-level Block Public Access enabled',
  severity: 'HIGH',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks that all four bucket-level Block Public Access settings are true (s3:GetPublicAccessBlock), except for buckets listed in excludedPublicBuckets.',
  risk: 'Without bucket-level Block Public Access, a policy or ACL change can expose the bucket.',
  remediation: {
    text: 'Enable all four Block Public Access settings on the bucket.',
    console: 'S3 → bucket → Permissions → Block public access (bucket settings) → Edit → Block all public access.',
    cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform: 'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-level-public-access-prohibited.html'],
  parameters: { excludedPublicBuckets: { description: 'Comma-separated bucket names allowed to be public.', default: '' } },
  evaluate: (ctx) => {
    const excluded = new Set(String(ctx.parameters.excludedPublicBuckets ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    return perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const evidence = { api: 's3:GetPublicAccessBlock', field: 'PublicAccessBlockConfiguration' };
      if (excluded.has(bucket)) return pass(ctx, GLOBAL, resource, `bucket ${bucket} is in excludedPublicBuckets`, evidence);
      const block = s3View(ctx.snapshot, ctx.account.id).publicAccessBlock(bucket);
      if (!block.ok) return failedResult(ctx, block.failed, resource);
      if (!block.value) return fail(ctx, GLOBAL, resource, `bucket ${bucket} has no Block Public Access configuration (s3:GetPublicAccessBlock NoSuchPublicAccessBlockConfiguration)`, evidence);
      const off = (['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const).filter((k) => block.value![k] !== true);
      return off.length > 0
        ? fail(ctx, GLOBAL, resource, `bucket ${bucket} Block Public Access settings off: ${off.join(', ')} (s3:GetPublicAccessBlock)`, evidence)
        : pass(ctx, GLOBAL, resource, `bucket ${bucket} blocks all public access`, evidence);
    });
  },
});
