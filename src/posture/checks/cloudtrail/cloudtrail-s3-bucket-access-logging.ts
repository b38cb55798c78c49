import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketOwner } from '../../lib/org.ts';
import { trailFacts, trailResource } from '../../lib/trails.ts';
import { GLOBAL, accountResource, fail, failedResult, pass, result } from '../../lib/result.ts';

/** AWS Config cloudtrail-s3-bucket-access-logging · CIS 3.4: the trail's bucket has server access logging. */
export default defineCheck({
  title: 'The S3 bucket that receives CloudTrail logs has server access logging enabled',
  severity: 'LOW',
  resourceType: 'AWS::CloudTrail::Trail',
  description: 'For each trail, finds its S3 bucket (in this account or another account of the snapshot, e.g. a log archive) and checks s3:GetBucketLogging LoggingEnabled.',
  risk: 'Without access logs on the log bucket, reads and deletions of audit logs leave no trace.',
  remediation: {
    text: 'Enable server access logging on the CloudTrail bucket, to a separate logging bucket.',
    console: 'S3 → CloudTrail bucket → Properties → Server access logging → Enable.',
    cli: 'aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<access-log-bucket>","TargetPrefix":"cloudtrail/"}}\'',
    terraform: 'resource "aws_s3_bucket_logging" "trail" {\n  bucket        = aws_s3_bucket.trail.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "cloudtrail/"\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-access-logging.html'],
  evaluate(ctx) {
    const { facts, failures } = trailFacts(ctx);
    if (failures.length > 0) return [failedResult(ctx, failures[0]!, accountResource(ctx))];
    if (facts.length === 0) return [fail(ctx, GLOBAL, accountResource(ctx), 'the account has no CloudTrail trail (cloudtrail:DescribeTrails)', { api: 'cloudtrail:DescribeTrails', field: 'trailList' })];
    return facts.map(({ trail }) => {
      const resource = trailResource(ctx, trail);
      const bucket = trail.S3BucketName ?? '';
      const owner = bucketOwner(ctx, bucket);
      const evidence = { api: 's3:GetBucketLogging', field: 'LoggingEnabled', bucket, bucketAccount: owner ?? null };
      if (!owner) return result(ctx, 'ERROR', GLOBAL, resource, `trail ${trail.Name} delivers to bucket ${bucket}, which no account in the snapshot owns: its logging settings are unknown (s3:ListBuckets)`, evidence);
      const logging = s3View(ctx.snapshot, owner).logging(bucket);
      if (!logging.ok) return failedResult(ctx, logging.failed, resource);
      return logging.value
        ? pass(ctx, GLOBAL, resource, `trail ${trail.Name}'s bucket ${bucket} (account ${owner}) logs access to ${logging.value.TargetBucket}`, evidence)
        : fail(ctx, GLOBAL, resource, `trail ${trail.Name}'s bucket ${bucket} (account ${owner}) has no server access logging (s3:GetBucketLogging)`, evidence);
    });
  },
});
