import { defineCheck } from '../../check.ts';
import { DESCRIBE, eachDomain } from './_lib/domains.ts';

/** FSBP Opensearch.5 / Config opensearch-audit-logging-enabled. */
export default defineCheck({
  title: 'OpenSearch domains should have audit logging enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that the domain publishes audit logs (DescribeDomain → DomainStatus.LogPublishingOptions.AUDIT_LOGS.Enabled with a log group). Audit logs need fine-grained access control.',
  risk: 'Without audit logs you cannot tell who read or changed which index, or detect misuse of domain credentials.',
  remediation: {
    text: 'Enable fine-grained access control, then publish audit logs to CloudWatch Logs.',
    console: 'OpenSearch Service console → Domains → select → Logs → Audit logs → Enable → choose a log group → Enable.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --log-publishing-options "AUDIT_LOGS={CloudWatchLogsLogGroupArn=<arn>,Enabled=true}"',
    cloudformation: 'LogPublishingOptions:\n  AUDIT_LOGS:\n    CloudWatchLogsLogGroupArn: !GetAtt LogGroup.Arn\n    Enabled: true',
    terraform: 'log_publishing_options {\n  log_type                 = "AUDIT_LOGS"\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-5',
    'https://docs.aws.amazon.com/config/latest/developerguide/opensearch-audit-logging-enabled.html',
  ],
  evaluate: (context) =>
    eachDomain(context, (out, d, region, resource) => {
      const option = d.LogPublishingOptions?.AUDIT_LOGS;
      const on = option?.Enabled === true && Boolean(option.CloudWatchLogsLogGroupArn);
      const evidence = { api: DESCRIBE, field: 'DomainStatus.LogPublishingOptions.AUDIT_LOGS', value: option ?? null };
      if (on) out.pass(region, resource, `${d.DomainName} publishes audit logs to ${option!.CloudWatchLogsLogGroupArn}`, evidence);
      else out.fail(region, resource, `${d.DomainName} does not publish audit logs (LogPublishingOptions.AUDIT_LOGS ${option ? 'disabled' : 'not set'})`, evidence);
    }),
});
