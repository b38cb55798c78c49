import { defineCheck } from '../../check.ts';
import { DESCRIBE, eachDomain } from './_lib/domains.ts';

/** FSBP Opensearch.4 / Config opensearch-logs-to-cloudwatch: error (application) logs go to CloudWatch Logs. */
export default defineCheck({
  title: 'OpenSearch domain error logging to CloudWatch Logs should be enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that the domain publishes error logs to CloudWatch Logs (DescribeDomain → DomainStatus.LogPublishingOptions.ES_APPLICATION_LOGS.Enabled with a log group).',
  risk: 'Without error logs, failures, misconfiguration and abuse of the domain leave no trace to investigate.',
  remediation: {
    text: 'Publish error logs to a CloudWatch Logs log group (with a resource policy letting OpenSearch write to it).',
    console: 'OpenSearch Service console → Domains → select → Logs → Error logs → Enable → choose a log group → Enable.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --log-publishing-options "ES_APPLICATION_LOGS={CloudWatchLogsLogGroupArn=<arn>,Enabled=true}"',
    cloudformation: 'LogPublishingOptions:\n  ES_APPLICATION_LOGS:\n    CloudWatchLogsLogGroupArn: !GetAtt LogGroup.Arn\n    Enabled: true',
    terraform: 'log_publishing_options {\n  log_type                 = "ES_APPLICATION_LOGS"\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.os.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-4',
    'https://docs.aws.amazon.com/config/latest/developerguide/opensearch-logs-to-cloudwatch.html',
  ],
  evaluate: (context) =>
    eachDomain(context, (out, d, region, resource) => {
      const option = d.LogPublishingOptions?.ES_APPLICATION_LOGS;
      const on = option?.Enabled === true && Boolean(option.CloudWatchLogsLogGroupArn);
      const evidence = { api: DESCRIBE, field: 'DomainStatus.LogPublishingOptions.ES_APPLICATION_LOGS', value: option ?? null };
      if (on) out.pass(region, resource, `${d.DomainName} publishes error logs to ${option!.CloudWatchLogsLogGroupArn}`, evidence);
      else out.fail(region, resource, `${d.DomainName} does not publish error logs to CloudWatch Logs (LogPublishingOptions.ES_APPLICATION_LOGS ${option ? 'disabled' : 'not set'})`, evidence);
    }),
});
