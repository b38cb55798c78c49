import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-bucket-logging-enabled (parameters targetBucket, targetPrefix) · FSBP S3.9. */
export default defineCheck({
  title: 'S3 buckets have server access logging enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks s3:GetBucketLogging LoggingEnabled; when targetBucket/targetPrefix are set, the logs must go there.',
  risk: 'Without access logs, requests to the bucket cannot be investigated after an incident.',
  remediation: {
    text: 'Enable server access logging to a dedicated logging bucket.',
    console: 'S3 → bucket → Properties → Server access logging → Edit → Enable, choose the target bucket.',
    cli: 'aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}\'',
    terraform: 'resource "aws_s3_bucket_logging" "this" {\n  bucket        = aws_s3_bucket.this.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = "log/"\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-logging-enabled.html'],
  parameters: {
    targetBucket: { description: 'Bucket that must receive the logs (empty: any).', default: '' },
    targetPrefix: { description: 'Prefix the logs must use (empty: any).', default: '' },
  },
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const logging = s3View(ctx.snapshot, ctx.account.id).logging(bucket);
      if (!logging.ok) return failedResult(ctx, logging.failed, resource);
      const evidence = { api: 's3:GetBucketLogging', field: 'LoggingEnabled' };
      if (!logging.value) return fail(ctx, GLOBAL, resource, `bucket ${bucket} has no server access logging (s3:GetBucketLogging LoggingEnabled absent)`, evidence);
      const target = String(ctx.parameters.targetBucket ?? '');
      const prefix = String(ctx.parameters.targetPrefix ?? '');
      if (target && logging.value.TargetBucket !== target) return fail(ctx, GLOBAL, resource, `bucket ${bucket} logs to ${logging.value.TargetBucket}, not ${target}`, evidence);
      if (prefix && logging.value.TargetPrefix !== prefix) return fail(ctx, GLOBAL, resource, `bucket ${bucket} logs with prefix ${logging.value.TargetPrefix}, not ${prefix}`, evidence);
      return pass(ctx, GLOBAL, resource, `bucket ${bucket} logs to ${logging.value.TargetBucket}/${logging.value.TargetPrefix ?? ''}`, evidence);
    }),
});
