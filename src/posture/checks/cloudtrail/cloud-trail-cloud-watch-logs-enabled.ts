import { defineCheck } from '../../check.ts';
import { trailFacts, trailResource } from '../../lib/trails.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config cloud-trail-cloud-watch-logs-enabled · FSBP CloudTrail.5. */
export default defineCheck({
  title: 'CloudTrail trails send events to CloudWatch Logs',
  severity: 'LOW',
  resourceType: 'AWS::CloudTrail::Trail',
  description: 'Checks CloudWatchLogsLogGroupArn on every trail.',
  risk: 'Without CloudWatch Logs integration there are no real-time metric filters and alarms on API activity.',
  remediation: {
    text: 'Configure the trail to deliver to a CloudWatch Logs log group.',
    console: 'CloudTrail → Trails → trail → CloudWatch Logs → Edit → Enabled.',
    cli: 'aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <arn> --cloud-watch-logs-role-arn <role>',
    terraform: 'resource "aws_cloudtrail" "main" {\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn\n}',
  },
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html', 'https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-cloud-watch-logs-enabled.html'],
  evaluate(ctx) {
    const { facts, failures } = trailFacts(ctx);
    if (failures.length > 0) return [failedResult(ctx, failures[0]!, accountResource(ctx))];
    const evidence = { api: 'cloudtrail:DescribeTrails', field: 'CloudWatchLogsLogGroupArn' };
    if (facts.length === 0) return [fail(ctx, GLOBAL, accountResource(ctx), 'the account has no CloudTrail trail (cloudtrail:DescribeTrails trailList empty)', evidence)];
    return facts.map(({ trail }) => {
      const resource = trailResource(ctx, trail);
      return trail.CloudWatchLogsLogGroupArn
        ? pass(ctx, GLOBAL, resource, `trail ${trail.Name} sends events to ${trail.CloudWatchLogsLogGroupArn}`, evidence)
        : fail(ctx, GLOBAL, resource, `trail ${trail.Name} has no CloudWatchLogsLogGroupArn (cloudtrail:DescribeTrails CloudWatchLogsLogGroupArn)`, evidence);
    });
  },
});
