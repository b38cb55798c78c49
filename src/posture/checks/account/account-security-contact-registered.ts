import { accountView } from '../../../inventory/views/account.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 1.2 · FSBP Account.1 · baseline: a security alternate contact is registered. */
export default defineCheck({
  title: 'A security contact is registered for the account',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Checks account:GetAlternateContact for AlternateContactType SECURITY with an email address (ResourceNotFoundException means none).',
  risk: 'AWS security notifications (abuse reports, compromised keys) may not reach the team able to act on them.',
  remediation: {
    text: 'Register a security alternate contact that points at a monitored team alias.',
    console: 'Account menu → Account → Alternate contacts → Security → Edit.',
    cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --email-address security@example.com --name "Security Team" --phone-number "+1-555-0100" --title "Security"',
    terraform: 'resource "aws_account_alternate_contact" "security" {\n  alternate_contact_type = "SECURITY"\n  name                   = "Security Team"\n  title                  = "Security"\n  email_address          = "security@example.com"\n  phone_number           = "+1-555-0100"\n}',
  },
  references: ['https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html#account-1'],
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const contact = accountView(ctx.snapshot, ctx.account.id).alternateContact('SECURITY');
    if (!contact.ok) return [failedResult(ctx, contact.failed, resource)];
    const evidence = { api: 'account:GetAlternateContact', field: 'AlternateContact (SECURITY)' };
    return contact.value?.EmailAddress
      ? [pass(ctx, GLOBAL, resource, `security contact ${contact.value.Name ?? ''} <${contact.value.EmailAddress}> is registered`, evidence)]
      : [fail(ctx, GLOBAL, resource, 'no security alternate contact is registered (account:GetAlternateContact SECURITY: ResourceNotFoundException)', evidence)];
  },
});
