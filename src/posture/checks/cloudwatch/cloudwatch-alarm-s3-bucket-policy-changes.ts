import { apiEvents, monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.8: Ensure S3 bucket policy changes are monitored. */
export default monitoringCheck({
  control: '4.8',
  title: 'Ensure S3 bucket policy changes are monitored',
  severity: 'MEDIUM',
  subject: 'S3 bucket policy changes',
  pattern: '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  positive: apiEvents('s3.amazonaws.com', ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication']),
  negative: apiEvents('s3.amazonaws.com', ['GetBucketPolicy']),
  metricName: 's3_bucket_policy_changes_metric',
});
