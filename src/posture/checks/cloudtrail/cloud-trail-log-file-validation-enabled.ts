import { defineCheck } from '../../check.ts';
import { trailFacts, trailResource } from '../../lib/trails.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config cloud-trail-log-file-validation-enabled · CIS 3.2 · FSBP CloudTrail.4. */
export default defineCheck({
  title: 'CloudTrail log file validation is enabled',
  severity: 'LOW',
  resourceType: 'AWS::CloudTrail::Trail',
  description: 'Checks LogFileValidationEnabled on every trail.',
  risk: 'Without digest files, deleted or modified log files cannot be detected.',
  remediation: {
    text: 'Enable log file validation on the trail.',
    console: 'CloudTrail → Trails → trail → General details → Edit → Log file validation: Enabled.',
    cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
    terraform: 'resource "aws_cloudtrail" "main" {\n  enable_log_file_validation = true\n}',
  },
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html', 'https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-log-file-validation-enabled.html'],
  evaluate(ctx) {
    const { facts, failures } = trailFacts(ctx);
    if (failures.length > 0) return [failedResult(ctx, failures[0]!, accountResource(ctx))];
    const evidence = { api: 'cloudtrail:DescribeTrails', field: 'LogFileValidationEnabled' };
    if (facts.length === 0) return [fail(ctx, GLOBAL, accountResource(ctx), 'the account has no CloudTrail trail (cloudtrail:DescribeTrails trailList empty)', evidence)];
    return facts.map(({ trail }) => {
      const resource = trailResource(ctx, trail);
      return trail.LogFileValidationEnabled === true
        ? pass(ctx, GLOBAL, resource, `trail ${trail.Name} has log file validation enabled`, evidence)
        : fail(ctx, GLOBAL, resource, `trail ${trail.Name} has log file validation disabled (cloudtrail:DescribeTrails LogFileValidationEnabled)`, evidence);
    });
  },
});
