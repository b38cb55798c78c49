import { defineCheck } from '../../check.ts';

/** CIS AWS Foundations v7.0.0 2.1.3 (Manual): The management account runs no workloads. Needs a person's review; reported MANUAL unless attested. */
export default defineCheck({
  title: "The management account runs no workloads",
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: "The AWS Organizations management account is used only for governance: no production or non-production workloads or business data.",
  risk: "The management account cannot be restricted by SCPs; a workload compromise there is an organization compromise.",
  remediation: {
    text: "Review and record the outcome under posture.attestations in vigil.yaml. Move workloads from the management account into member accounts in the right OUs.",
    console: "Move workloads from the management account into member accounts in the right OUs.",
    cli: "aws organizations describe-organization --query Organization.MasterAccountId",
    terraform: "# Deploy workloads with providers that assume roles in member accounts, never the management account.",
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html", 'https://www.cisecurity.org/benchmark/amazon_web_services'],
  manual: true,
  evaluate: () => [],
});
