import { defineCheck } from '../../check.ts';

/** CIS AWS Foundations v7.0.0 2.1.2 (Manual): Baseline SCPs/RCPs are attached to every member account. Needs a person's review; reported MANUAL unless attested. */
export default defineCheck({
  title: "Baseline SCPs/RCPs are attached to every member account",
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: "Service control policies and resource control policies that encode the organization's security baseline (protect logging and security services, restrict regions, block external access) are attached at the root or to every OU.",
  risk: "Without guardrails, any account can disable logging or grant excessive access.",
  remediation: {
    text: "Review and record the outcome under posture.attestations in vigil.yaml. AWS Organizations → Policies → Service control policies → attach the baseline policy to the root or each OU.",
    console: "AWS Organizations → Policies → Service control policies → attach the baseline policy to the root or each OU.",
    cli: "aws organizations attach-policy --policy-id <scp-id> --target-id <root-or-ou-id>",
    terraform: "resource \"aws_organizations_policy_attachment\" \"baseline\" {\n  policy_id = aws_organizations_policy.baseline.id\n  target_id = data.aws_organizations_organization.this.roots[0].id\n}",
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html", 'https://www.cisecurity.org/benchmark/amazon_web_services'],
  manual: true,
  evaluate: () => [],
});
