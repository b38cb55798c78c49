import { defineCheck } from '../../check.ts';
import { DESCRIBE, eachDomain } from './_lib/domains.ts';

/** FSBP Opensearch.3 / Config opensearch-node-to-node-encryption-check. */
export default defineCheck({
  title: 'OpenSearch domains should encrypt data sent between nodes',
  severity: 'MEDIUM',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that node-to-node encryption is on (DescribeDomain → DomainStatus.NodeToNodeEncryptionOptions.Enabled).',
  risk: 'Without node-to-node TLS, traffic between cluster nodes — documents, queries, credentials — crosses the network in clear text.',
  remediation: {
    text: 'Enable node-to-node encryption.',
    console: 'OpenSearch Service console → Domains → select → Security configuration → Edit → Encryption → Node-to-node encryption → Save changes.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --node-to-node-encryption-options Enabled=true',
    cloudformation: 'Type: AWS::OpenSearchService::Domain\nProperties:\n  NodeToNodeEncryptionOptions:\n    Enabled: true',
    terraform: 'resource "aws_opensearch_domain" "this" {\n  node_to_node_encryption {\n    enabled = true\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-3',
    'https://docs.aws.amazon.com/config/latest/developerguide/opensearch-node-to-node-encryption-check.html',
  ],
  evaluate: (context) =>
    eachDomain(context, (out, d, region, resource) => {
      const on = d.NodeToNodeEncryptionOptions?.Enabled === true;
      const evidence = { api: DESCRIBE, field: 'DomainStatus.NodeToNodeEncryptionOptions.Enabled', value: on };
      if (on) out.pass(region, resource, `${d.DomainName} encrypts node-to-node traffic`, evidence);
      else out.fail(region, resource, `${d.DomainName} does not encrypt node-to-node traffic (NodeToNodeEncryptionOptions.Enabled = false)`, evidence);
    }),
});
