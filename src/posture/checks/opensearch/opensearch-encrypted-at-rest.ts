import { defineCheck } from '../../check.ts';
import { DESCRIBE, eachDomain } from './_lib/domains.ts';

/** FSBP Opensearch.1 / Config opensearch-encrypted-at-rest. */
export default defineCheck({
  title: 'OpenSearch domains should have encryption at rest enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that OpenSearch domains encrypt data at rest (DescribeDomain → DomainStatus.EncryptionAtRestOptions.Enabled).',
  risk: 'Unencrypted indices, logs and automated snapshots expose the domain\'s data to anyone who reaches the underlying storage.',
  remediation: {
    text: 'Enable encryption at rest (existing domains on OpenSearch or Elasticsearch 6.7+ can turn it on in place).',
    console: 'OpenSearch Service console → Domains → select → Security configuration → Edit → Encryption → Enable encryption of data at rest → Save changes.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --encryption-at-rest-options Enabled=true',
    cloudformation: 'Type: AWS::OpenSearchService::Domain\nProperties:\n  EncryptionAtRestOptions:\n    Enabled: true',
    terraform: 'resource "aws_opensearch_domain" "this" {\n  encrypt_at_rest {\n    enabled = true\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/opensearch-encrypted-at-rest.html',
  ],
  evaluate: (context) =>
    eachDomain(context, (out, d, region, resource) => {
      const on = d.EncryptionAtRestOptions?.Enabled === true;
      const evidence = { api: DESCRIBE, field: 'DomainStatus.EncryptionAtRestOptions.Enabled', value: on };
      if (on) out.pass(region, resource, `${d.DomainName} encrypts data at rest`, evidence);
      else out.fail(region, resource, `${d.DomainName} does not encrypt data at rest (EncryptionAtRestOptions.Enabled = false)`, evidence);
    }),
});
