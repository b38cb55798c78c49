import { defineCheck } from '../../check.ts';

/** CIS AWS Foundations v7.0.0 2.1.5 (Manual): A delegated administrator manages AWS Organizations policies. Needs a person's review; reported MANUAL unless attested. */
export default defineCheck({
  title: "A delegated administrator manages AWS Organizations policies",
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: "A dedicated member account is registered (resource-based delegation policy) to manage SCPs, RCPs and other Organizations policies instead of the management account.",
  risk: "Day-to-day policy work from the management account concentrates activity in the one account SCPs cannot restrict.",
  remediation: {
    text: "Review and record the outcome under posture.attestations in vigil.yaml. AWS Organizations → Settings → Delegated administrator for AWS Organizations → Delegate.",
    console: "AWS Organizations → Settings → Delegated administrator for AWS Organizations → Delegate.",
    cli: "aws organizations put-resource-policy --content file://delegation-policy.json",
    terraform: "resource \"aws_organizations_resource_policy\" \"delegation\" {\n  content = data.aws_iam_policy_document.delegation.json\n}",
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html", 'https://www.cisecurity.org/benchmark/amazon_web_services'],
  manual: true,
  evaluate: () => [],
});
