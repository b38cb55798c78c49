import { logsAllManagementEvents } from '../../../inventory/views/cloudtrail.ts';
import { defineCheck } from '../../check.ts';
import { trailFacts } from '../../lib/trails.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config multi-region-cloudtrail-enabled · CIS 3.1 · FSBP CloudTrail.1. */
export default defineCheck({
  title: 'A multi-region CloudTrail trail logs all read and write management events',
  severity: 'HIGH',
  resourceType: 'AWS::::Account',
  description: 'Looks for at least one trail with IsMultiRegionTrail=true that is logging (GetTrailStatus IsLogging) and records management events of type readWriteType (default ALL); organization trails count for member accounts. Optional parameters s3BucketName, snsTopicArn and cloudWatchLogsLogGroupArn narrow the trail.',
  risk: 'Without a multi-region trail, activity in unused regions and on global services is not recorded, hiding attacker activity.',
  remediation: {
    text: 'Create (or update) a trail that is multi-region, logging, and records all read and write management events.',
    console: 'CloudTrail → Trails → Create trail (multi-region by default) → Management events: Read and Write.',
    cli: 'aws cloudtrail create-trail --name org-trail --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <key>\naws cloudtrail start-logging --name org-trail',
    terraform: 'resource "aws_cloudtrail" "main" {\n  name                          = "main"\n  s3_bucket_name                = "<bucket>"\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  enable_log_file_validation    = true\n  kms_key_id                    = aws_kms_key.trail.arn\n}',
  },
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html', 'https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html'],
  parameters: {
    readWriteType: { description: 'ALL, READ_ONLY or WRITE_ONLY management events required.', default: 'ALL' },
    s3BucketName: { description: 'The trail must deliver to this bucket (empty: any).', default: '' },
    snsTopicArn: { description: 'The trail must notify this topic (empty: any).', default: '' },
    cloudWatchLogsLogGroupArn: { description: 'The trail must send to this log group (empty: any).', default: '' },
  },
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const { facts, failures } = trailFacts(ctx);
    const p = ctx.parameters;
    const problems: string[] = [];
    let unknown = failures[0];
    for (const { trail, status, selectors, failed } of facts) {
      if (!trail.IsMultiRegionTrail) continue;
      if (p.s3BucketName && trail.S3BucketName !== p.s3BucketName) { problems.push(`${trail.Name} delivers to ${trail.S3BucketName}, not ${p.s3BucketName}`); continue; }
      if (p.snsTopicArn && (trail as { SnsTopicARN?: string }).SnsTopicARN !== p.snsTopicArn) { problems.push(`${trail.Name} does not notify ${p.snsTopicArn}`); continue; }
      if (p.cloudWatchLogsLogGroupArn && trail.CloudWatchLogsLogGroupArn !== p.cloudWatchLogsLogGroupArn) { problems.push(`${trail.Name} does not send to ${p.cloudWatchLogsLogGroupArn}`); continue; }
      if (!status || !selectors) { unknown ??= failed[0]; continue; }
      if (!status.IsLogging) { problems.push(`${trail.Name} is not logging (cloudtrail:GetTrailStatus IsLogging=false)`); continue; }
      const wanted = String(p.readWriteType ?? 'ALL').toUpperCase();
      const ok = wanted === 'ALL' ? logsAllManagementEvents(trail, selectors) : selectors.eventSelectors.some((s) => s.IncludeManagementEvents !== false && ['All', wanted === 'READ_ONLY' ? 'ReadOnly' : 'WriteOnly'].includes(s.ReadWriteType ?? 'All')) || selectors.advancedEventSelectors.some((s) => (s.FieldSelectors ?? []).some((f) => f.Field === 'eventCategory' && f.Equals?.includes('Management')));
      if (!ok) { problems.push(`${trail.Name} does not record ${wanted} management events (cloudtrail:GetEventSelectors)`); continue; }
      return [pass(ctx, GLOBAL, resource, `trail ${trail.Name}${trail.IsOrganizationTrail ? ' (organization trail)' : ''} is multi-region, logging, and records ${wanted} management events`, { api: 'cloudtrail:DescribeTrails', field: 'trailList[].IsMultiRegionTrail', trail: trail.TrailARN })];
    }
    if (unknown) return [failedResult(ctx, unknown, resource)];
    return [fail(ctx, GLOBAL, resource, problems.length > 0 ? `no compliant multi-region trail: ${problems.join('; ')}` : 'no multi-region trail (cloudtrail:DescribeTrails IsMultiRegionTrail)', { api: 'cloudtrail:DescribeTrails', field: 'trailList[].IsMultiRegionTrail' })];
  },
});
