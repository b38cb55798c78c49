import { defineCheck } from '../../check.ts';
import { s3DataEventResults } from '../../lib/s3-data-events.ts';

/** CIS 3.8: object-level logging for write events is enabled for S3 buckets. */
export default defineCheck({
  title: 'S3 object-level write events are logged by CloudTrail',
  severity: 'MEDIUM',
  resourceType: 'AWS::S3::Bucket',
  description: 'For each bucket, looks for a logging trail (multi-region, or homed in the bucket region) whose event selectors (basic or advanced) record S3 data events of write type for all buckets or for this bucket.',
  risk: 'Without data events, object uploads, overwrites and deletions cannot be traced to who made them.',
  remediation: {
    text: 'Add an S3 data-event selector (WriteOnly or All) for all buckets to a multi-region trail.',
    console: 'CloudTrail → Trails → trail → Data events → Edit → Data event type S3 → Log all events.',
    cli: 'aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]\'',
    terraform: 'resource "aws_cloudtrail" "main" {\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html', 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html'],
  evaluate: (ctx) => s3DataEventResults(ctx, 'write'),
});
