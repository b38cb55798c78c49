import { defineCheck } from '../../check.ts';

/** CIS AWS Foundations v7.0.0 2.1.4 (Manual): Organizational units are structured by environment and sensitivity. Needs a person's review; reported MANUAL unless attested. */
export default defineCheck({
  title: "Organizational units are structured by environment and sensitivity",
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: "OUs group accounts by environment (production, non-production, sandbox) and sensitivity (security, logging, shared services), so guardrails can be applied per OU.",
  risk: "An ad-hoc OU structure leads to misapplied controls and mixed-sensitivity workloads under the same policies.",
  remediation: {
    text: "Review and record the outcome under posture.attestations in vigil.yaml. AWS Organizations → AWS accounts → create environment/sensitivity OUs and move accounts into them.",
    console: "AWS Organizations → AWS accounts → create environment/sensitivity OUs and move accounts into them.",
    cli: "aws organizations create-organizational-unit --parent-id <root-id> --name Prod",
    terraform: "resource \"aws_organizations_organizational_unit\" \"prod\" {\n  name      = \"Prod\"\n  parent_id = data.aws_organizations_organization.this.roots[0].id\n}",
  },
  references: ["https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/recommended-ous-and-accounts.html", 'https://www.cisecurity.org/benchmark/amazon_web_services'],
  manual: true,
  evaluate: () => [],
});
