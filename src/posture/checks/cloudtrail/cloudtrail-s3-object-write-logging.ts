import { logsS3DataEvents } from '../../../inventory/views/cloudtrail.ts';
import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { trailFacts } from '../../lib/trails.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

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
  evaluate(ctx) {
    const { facts, failures } = trailFacts(ctx);
    if (failures.length > 0) return [failedResult(ctx, failures[0]!, accountResource(ctx))];
    const s3 = s3View(ctx.snapshot, ctx.account.id);
    return perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const location = s3.location(bucket);
      const region = location.ok ? location.value : undefined;
      const candidates = facts.filter(({ trail }) => trail.IsMultiRegionTrail || (region !== undefined && trail.HomeRegion === region));
      const evidence = { api: 'cloudtrail:GetEventSelectors', field: 'EventSelectors[].DataResources,AdvancedEventSelectors' };
      for (const fact of candidates) {
        if (fact.status?.IsLogging && fact.selectors && logsS3DataEvents(fact.selectors, 'write', bucket, ctx.snapshot.partition)) {
          return pass(ctx, GLOBAL, resource, `trail ${fact.trail.Name} records write data events for bucket ${bucket}`, evidence);
        }
      }
      const unknown = candidates.find((f) => !f.status || !f.selectors);
      if (unknown) return failedResult(ctx, unknown.failed[0]!, resource);
      return fail(ctx, GLOBAL, resource, `no logging trail records S3 write data events for bucket ${bucket} (cloudtrail:GetEventSelectors)`, evidence);
    });
  },
});
