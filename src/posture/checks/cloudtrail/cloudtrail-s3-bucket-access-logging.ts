import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { perTrailBucket } from '../../lib/trail-buckets.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

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
    const calls = { api: 's3:GetBucketLogging', field: 'LoggingEnabled' };
    return perTrailBucket(ctx, calls, 'its logging settings are unknown (s3:ListBuckets)', ({ trail, resource, bucket, owner, evidence }) => {
      const logging = s3View(ctx.snapshot, owner).logging(bucket);
      if (!logging.ok) return failedResult(ctx, logging.failed, resource);
      return logging.value
        ? pass(ctx, GLOBAL, resource, `trail ${trail.Name}'s bucket ${bucket} (account ${owner}) logs access to ${logging.value.TargetBucket}`, evidence)
        : fail(ctx, GLOBAL, resource, `trail ${trail.Name}'s bucket ${bucket} (account ${owner}) has no server access logging (s3:GetBucketLogging)`, evidence);
    });
  },
});
