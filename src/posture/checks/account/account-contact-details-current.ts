import { defineCheck } from '../../check.ts';

/** CIS 1.1 (Manual): account contact details are current and reach more than one person. */
export default defineCheck({
  title: 'Account contact details are current',
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: 'The account’s primary contact email and phone must be current and map to more than one person (a mail alias, a hunt group). AWS exposes no API that proves this; a person attests it.',
  risk: 'If AWS cannot reach the owner about abuse or a compromise, it may throttle or suspend the account.',
  remediation: {
    text: 'Review the primary contact in the Billing console and point it at a monitored alias; then record the attestation in vigil.yaml posture.attestations.',
    console: 'Account menu → Account → Contact information → Edit.',
    cli: 'aws account get-contact-information',
    terraform: 'resource "aws_account_primary_contact" "this" {\n  full_name     = "Cloud Team"\n  email_address = "cloud-team@example.com"\n  phone_number  = "+1-555-0100"\n  address_line_1 = "1 Main St"\n  city = "Seattle"\n  country_code = "US"\n  postal_code = "98101"\n}',
  },
  references: ['https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html'],
  manual: true,
  evaluate: () => [],
});
