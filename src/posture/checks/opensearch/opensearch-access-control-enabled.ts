import { defineCheck } from '../../check.ts';
import { DESCRIBE, eachDomain } from './_lib/domains.ts';

/** FSBP Opensearch.7 / Config opensearch-access-control-enabled: fine-grained access control on. */
export default defineCheck({
  title: 'OpenSearch domains should have fine-grained access control enabled',
  severity: 'HIGH',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that fine-grained access control is on (DescribeDomain → DomainStatus.AdvancedSecurityOptions.Enabled).',
  risk: 'Without fine-grained access control, anyone the access policy lets in can read and change every index; there are no per-index, per-document or per-field permissions.',
  remediation: {
    text: 'Enable fine-grained access control with an IAM master user or an internal user database (requires HTTPS, node-to-node and at-rest encryption).',
    console: 'OpenSearch Service console → Domains → select → Security configuration → Edit → Enable fine-grained access control → master user → Save changes.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --advanced-security-options "Enabled=true,MasterUserOptions={MasterUserARN=<role-arn>}"',
    cloudformation: 'AdvancedSecurityOptions:\n  Enabled: true\n  MasterUserOptions:\n    MasterUserARN: !GetAtt AdminRole.Arn',
    terraform: 'advanced_security_options {\n  enabled = true\n  master_user_options {\n    master_user_arn = aws_iam_role.os_admin.arn\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-7',
    'https://docs.aws.amazon.com/config/latest/developerguide/opensearch-access-control-enabled.html',
  ],
  evaluate: (context) =>
    eachDomain(context, (out, d, region, resource) => {
      const on = d.AdvancedSecurityOptions?.Enabled === true;
      const evidence = { api: DESCRIBE, field: 'DomainStatus.AdvancedSecurityOptions.Enabled', value: on };
      if (on) out.pass(region, resource, `${d.DomainName} has fine-grained access control`, evidence);
      else out.fail(region, resource, `${d.DomainName} does not have fine-grained access control (AdvancedSecurityOptions.Enabled = false)`, evidence);
    }),
});
