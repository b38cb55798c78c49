import { defineCheck } from '../../check.ts';
import { describePublic, parses, publicStatements } from '../ec2/_lib/policy.ts';
import { DESCRIBE, eachDomain, inVpc } from './_lib/domains.ts';

/**
 * Baseline practice: a domain is public when it has a public endpoint (no VPC), its access policy
 * (DomainStatus.AccessPolicies) allows Principal "*" without a restricting condition (such as
 * aws:SourceIp), and neither fine-grained access control nor Cognito authentication stands in
 * front of it. Any one of VPC, a restricted policy, FGAC or Cognito makes it pass.
 */
export default defineCheck({
  title: 'OpenSearch domains should not be publicly accessible',
  severity: 'CRITICAL',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that an OpenSearch/Elasticsearch domain is in a VPC, or that its access policy is not open to everyone, or that fine-grained access control or Cognito authentication protects it (DescribeDomain → VPCOptions, AccessPolicies, AdvancedSecurityOptions, CognitoOptions).',
  risk: 'An open domain on a public endpoint lets anyone on the internet read, change or delete its indices; such domains are found and wiped or ransomed by automated scanners.',
  remediation: {
    text: 'Restrict the access policy to named principals or source IPs, enable fine-grained access control or Cognito authentication, and move the domain into a VPC.',
    console: 'OpenSearch Service console → Domains → select → Security configuration → Edit → Access policy: only specific principals or IPs; enable fine-grained access control → Save changes.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --access-policies file://restricted-policy.json',
    cloudformation: 'AccessPolicies:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: !GetAtt AppRole.Arn}\n      Action: es:ESHttp*\n      Resource: !Sub arn:aws:es:${AWS::Region}:${AWS::AccountId}:domain/<domain>/*',
    terraform: 'resource "aws_opensearch_domain_policy" "this" {\n  domain_name     = aws_opensearch_domain.this.domain_name\n  access_policies = data.aws_iam_policy_document.restricted.json\n}',
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-2'],
  evaluate: (context) =>
    eachDomain(context, (out, d, region, resource) => {
      const evidence = { api: DESCRIBE, field: 'DomainStatus.AccessPolicies, VPCOptions, AdvancedSecurityOptions, CognitoOptions' };
      if (inVpc(d)) return out.pass(region, resource, `${d.DomainName} is only reachable inside ${d.VPCOptions?.VPCId ?? 'its VPC'}`, evidence);
      if (d.AdvancedSecurityOptions?.Enabled === true) return out.pass(region, resource, `${d.DomainName} has a public endpoint but requires fine-grained access control authentication`, evidence);
      if (d.CognitoOptions?.Enabled === true) return out.pass(region, resource, `${d.DomainName} has a public endpoint but requires Cognito authentication`, evidence);
      const policy = d.AccessPolicies ?? '';
      if (policy && !parses(policy)) return out.add('ERROR', region, resource, `${d.DomainName}: DomainStatus.AccessPolicies is not valid JSON`, evidence);
      const open = policy ? publicStatements(policy) : [];
      if (open.length > 0) out.fail(region, resource, `${d.DomainName} is public: public endpoint ${d.Endpoint ?? ''}, no fine-grained or Cognito authentication, and AccessPolicies ${describePublic(open)}`, evidence);
      else out.pass(region, resource, `${d.DomainName} has a public endpoint but its access policy admits only named principals or sources`, evidence);
    }),
});
