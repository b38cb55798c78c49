import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-bucket-default-lock-enabled · FSBP S3.15. */
export default defineCheck({
  title: 'S3 buckets have Object Lock enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks s3:GetObjectLockConfiguration ObjectLockEnabled=Enabled.',
  risk: 'Without Object Lock, objects that must be kept (logs, backups) can be deleted or overwritten.',
  remediation: {
    text: 'Enable Object Lock (new buckets at creation; existing buckets after enabling versioning) with a default retention.',
    console: 'S3 → bucket → Properties → Object Lock → Edit → Enable.',
    cli: 'aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":365}}}\'',
    terraform: 'resource "aws_s3_bucket_object_lock_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 365\n    }\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-default-lock-enabled.html'],
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const lock = s3View(ctx.snapshot, ctx.account.id).objectLock(bucket);
      if (!lock.ok) return failedResult(ctx, lock.failed, resource);
      const evidence = { api: 's3:GetObjectLockConfiguration', field: 'ObjectLockConfiguration.ObjectLockEnabled' };
      return lock.value?.ObjectLockEnabled === 'Enabled'
        ? pass(ctx, GLOBAL, resource, `bucket ${bucket} has Object Lock enabled`, evidence)
        : fail(ctx, GLOBAL, resource, `bucket ${bucket} has no Object Lock configuration (s3:GetObjectLockConfiguration)`, evidence);
    }),
});
