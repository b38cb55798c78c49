import { defineCheck } from '../../check.ts';

/** CIS AWS Foundations v7.0.0 2.1.6 (Manual): Delegated administrators manage Organizations-integrated services. Needs a person's review; reported MANUAL unless attested. */
export default defineCheck({
  title: "Delegated administrators manage Organizations-integrated services",
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: "Services that support delegated administration (CloudTrail, GuardDuty, Security Hub, Config, Access Analyzer\u2026) are administered from registered member accounts, not the management account.",
  risk: "Operating security services from the management account increases its use and exposure.",
  remediation: {
    text: "Review and record the outcome under posture.attestations in vigil.yaml. Register a security or logging account as delegated administrator for each integrated service (e.g. CloudTrail → Settings → Organization delegated administrators).",
    console: "Register a security or logging account as delegated administrator for each integrated service (e.g. CloudTrail → Settings → Organization delegated administrators).",
    cli: "aws organizations register-delegated-administrator --account-id <security-account> --service-principal cloudtrail.amazonaws.com",
    terraform: "resource \"aws_organizations_delegated_administrator\" \"cloudtrail\" {\n  account_id        = \"<security-account>\"\n  service_principal = \"cloudtrail.amazonaws.com\"\n}",
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html", 'https://www.cisecurity.org/benchmark/amazon_web_services'],
  manual: true,
  evaluate: () => [],
});
