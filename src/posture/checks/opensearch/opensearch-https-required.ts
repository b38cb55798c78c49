import { defineCheck } from '../../check.ts';
import { listParam } from '../ec2/_lib/results.ts';
import { DESCRIBE, eachDomain } from './_lib/domains.ts';

/**
 * FSBP Opensearch.8 / Config opensearch-https-required: HTTPS enforced
 * (DomainEndpointOptions.EnforceHTTPS) with a current TLS policy (tlsPolicies).
 */
export default defineCheck({
  title: 'Connections to OpenSearch domains should use HTTPS with the latest TLS security policy',
  severity: 'MEDIUM',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that the domain requires HTTPS (DescribeDomain → DomainStatus.DomainEndpointOptions.EnforceHTTPS) and uses one of the allowed TLS security policies (TLSSecurityPolicy).',
  risk: 'Plain HTTP or old TLS versions let anyone on the path read or alter queries, documents and credentials.',
  remediation: {
    text: 'Require HTTPS and select the TLS 1.2 (PFS) security policy.',
    console: 'OpenSearch Service console → Domains → select → Actions → Edit security configuration → Require HTTPS for all traffic; TLS security policy: Policy-Min-TLS-1-2-PFS-2023-10 → Save changes.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10',
    cloudformation: 'DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10',
    terraform: 'domain_endpoint_options {\n  enforce_https       = true\n  tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-8',
    'https://docs.aws.amazon.com/config/latest/developerguide/opensearch-https-required.html',
  ],
  parameters: {
    tlsPolicies: { description: 'Allowed TLS security policies.', default: ['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-2-PFS-2023-10'] },
  },
  evaluate(context) {
    const allowed = listParam(context.parameters, 'tlsPolicies') ?? ['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-2-PFS-2023-10'];
    return eachDomain(context, (out, d, region, resource) => {
      const options = d.DomainEndpointOptions;
      const evidence = { api: DESCRIBE, field: 'DomainStatus.DomainEndpointOptions', enforceHttps: options?.EnforceHTTPS ?? false, tlsPolicy: options?.TLSSecurityPolicy ?? null };
      if (options?.EnforceHTTPS !== true) out.fail(region, resource, `${d.DomainName} accepts plain HTTP (DomainEndpointOptions.EnforceHTTPS = false)`, evidence);
      else if (!allowed.includes(options.TLSSecurityPolicy ?? '')) out.fail(region, resource, `${d.DomainName} uses TLS policy ${options.TLSSecurityPolicy ?? 'unset'} (DomainEndpointOptions.TLSSecurityPolicy), not one of ${allowed.join(', ')}`, evidence);
      else out.pass(region, resource, `${d.DomainName} requires HTTPS with ${options.TLSSecurityPolicy}`, evidence);
    });
  },
});
