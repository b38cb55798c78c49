import { defineCheck } from '../../check.ts';
import { trailFacts } from '../../lib/trails.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';
import { perRegion } from '../../lib/org.ts';

/**
 * AWS Config cloudtrail-enabled (parameters s3BucketName, snsTopicArn, cloudWatchLogsLogGroupArn):
 * in each region, a trail that applies to the region (multi-region, or homed there) is logging.
 */
export default defineCheck({
  title: 'CloudTrail is enabled',
  severity: 'HIGH',
  resourceType: 'AWS::::Account',
  description: 'Per region: a trail covering the region (shadow and organization trails included) is logging; optional parameters pin the bucket, topic or log group.',
  risk: 'Without CloudTrail, API activity in the region leaves no record for detection or investigation.',
  remediation: {
    text: 'Create a multi-region trail and start logging.',
    console: 'CloudTrail → Trails → Create trail.',
    cli: 'aws cloudtrail create-trail --name main --s3-bucket-name <bucket> --is-multi-region-trail && aws cloudtrail start-logging --name main',
    terraform: 'resource "aws_cloudtrail" "main" {\n  name                  = "main"\n  s3_bucket_name        = "<bucket>"\n  is_multi_region_trail = true\n}',
  },
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-enabled.html'],
  parameters: {
    s3BucketName: { description: 'Required delivery bucket (empty: any).', default: '' },
    snsTopicArn: { description: 'Required SNS topic (empty: any).', default: '' },
    cloudWatchLogsLogGroupArn: { description: 'Required log group (empty: any).', default: '' },
  },
  evaluate(ctx) {
    const { facts, failures } = trailFacts(ctx);
    const p = ctx.parameters;
    return perRegion(ctx, (region, resource) => {
      const evidence = { api: 'cloudtrail:DescribeTrails,cloudtrail:GetTrailStatus', field: 'IsLogging' };
      const failedHere = failures.find((f) => f.region === region);
      if (failedHere) return failedResult(ctx, failedHere, resource);
      const covering = facts.filter(({ trail }) => trail.IsMultiRegionTrail || trail.HomeRegion === region);
      const matching = covering.filter(({ trail }) => (!p.s3BucketName || trail.S3BucketName === p.s3BucketName) && (!p.cloudWatchLogsLogGroupArn || trail.CloudWatchLogsLogGroupArn === p.cloudWatchLogsLogGroupArn) && (!p.snsTopicArn || (trail as { SnsTopicARN?: string }).SnsTopicARN === p.snsTopicArn));
      const logging = matching.find((f) => f.status?.IsLogging);
      if (logging) return { ...pass(ctx, region, resource, `trail ${logging.trail.Name} covers ${region} and is logging`, evidence) };
      const unknown = matching.find((f) => !f.status);
      if (unknown) return failedResult(ctx, unknown.failed[0]!, resource);
      return fail(ctx, region, resource, matching.length > 0 ? `trail(s) ${matching.map((f) => f.trail.Name).join(', ')} cover ${region} but are not logging (cloudtrail:GetTrailStatus IsLogging=false)` : `no trail${p.s3BucketName ? ` delivering to ${p.s3BucketName}` : ''} covers ${region} (cloudtrail:DescribeTrails)`, evidence);
    });
  },
});
