import { defineCheck } from '../../check.ts';
import { DESCRIBE, eachDomain, inVpc } from './_lib/domains.ts';

/** FSBP Opensearch.2 / Config opensearch-in-vpc-only: the domain must have VPC options (no public endpoint). */
export default defineCheck({
  title: 'OpenSearch domains should be in a VPC',
  severity: 'CRITICAL',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that OpenSearch domains are deployed in a VPC (DescribeDomain → DomainStatus.VPCOptions.SubnetIds / VPCId) rather than with a public endpoint.',
  risk: 'A domain with a public endpoint is reachable from the internet and relies only on its access policy and authentication to keep data private.',
  remediation: {
    text: 'Create a VPC domain and migrate the data (snapshot and restore); a public domain cannot be moved into a VPC in place.',
    console: 'OpenSearch Service console → Create domain → Network → VPC access → choose VPC, subnets and security groups; then restore a snapshot of the old domain.',
    cli: 'aws opensearch create-domain --domain-name <new> --vpc-options SubnetIds=<subnet>,SecurityGroupIds=<sg> ...',
    cloudformation: 'Type: AWS::OpenSearchService::Domain\nProperties:\n  VPCOptions:\n    SubnetIds: [!Ref SubnetA]\n    SecurityGroupIds: [!Ref DomainSg]',
    terraform: 'resource "aws_opensearch_domain" "this" {\n  vpc_options {\n    subnet_ids         = [aws_subnet.a.id]\n    security_group_ids = [aws_security_group.domain.id]\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-2',
    'https://docs.aws.amazon.com/config/latest/developerguide/opensearch-in-vpc-only.html',
  ],
  evaluate: (context) =>
    eachDomain(context, (out, d, region, resource) => {
      const evidence = { api: DESCRIBE, field: 'DomainStatus.VPCOptions', vpc: d.VPCOptions?.VPCId ?? null, endpoint: d.Endpoint ?? null };
      if (inVpc(d)) out.pass(region, resource, `${d.DomainName} is in ${d.VPCOptions?.VPCId ?? 'a VPC'}`, evidence);
      else out.fail(region, resource, `${d.DomainName} is not in a VPC (no VPCOptions); it has the public endpoint ${d.Endpoint ?? 'unknown'}`, evidence);
    }),
});
