import { defineCheck } from '../../check.ts';

/** CIS AWS Foundations v7.0.0 2.1.1 (Manual): Centralized root access is enabled in AWS Organizations. Needs a person's review; reported MANUAL unless attested. */
export default defineCheck({
  title: "Centralized root access is enabled in AWS Organizations",
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: "Root credentials of member accounts are managed centrally (IAM root access management: root credentials management and privileged root actions), so member accounts keep no long-lived root passwords, keys or MFA devices.",
  risk: "Each member account otherwise keeps its own long-lived root credentials, which are hard to inventory and protect.",
  remediation: {
    text: "Review and record the outcome under posture.attestations in vigil.yaml. IAM (management account) → Root access management → Enable (root credentials management, privileged root actions).",
    console: "IAM (management account) → Root access management → Enable (root credentials management, privileged root actions).",
    cli: "aws iam enable-organizations-root-credentials-management && aws iam enable-organizations-root-sessions",
    terraform: "resource \"aws_iam_organizations_features\" \"root\" {\n  enabled_features = [\"RootCredentialsManagement\", \"RootSessions\"]\n}",
  },
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management", 'https://www.cisecurity.org/benchmark/amazon_web_services'],
  manual: true,
  evaluate: () => [],
});
