import { ALTERNATE_CONTACT_TYPES, accountView } from '../../../inventory/views/account.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** Baseline: security, billing and operations alternate contacts are all registered. */
export default defineCheck({
  title: 'Security, billing and operations alternate contacts are registered',
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: 'Checks account:GetAlternateContact for each of SECURITY, BILLING and OPERATIONS.',
  risk: 'Operational and billing notices (maintenance, unusual charges from a compromise) may go unread.',
  remediation: {
    text: 'Register all three alternate contacts, each pointing at a team alias.',
    console: 'Account menu → Account → Alternate contacts → Edit each.',
    cli: 'aws account put-alternate-contact --alternate-contact-type OPERATIONS --email-address ops@example.com --name "Ops" --phone-number "+1-555-0100" --title "Operations"',
    terraform: 'resource "aws_account_alternate_contact" "operations" {\n  alternate_contact_type = "OPERATIONS"\n  name                   = "Ops"\n  title                  = "Operations"\n  email_address          = "ops@example.com"\n  phone_number           = "+1-555-0100"\n}',
  },
  references: ['https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html'],
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const view = accountView(ctx.snapshot, ctx.account.id);
    const missing: string[] = [];
    for (const type of ALTERNATE_CONTACT_TYPES) {
      const contact = view.alternateContact(type);
      if (!contact.ok) return [failedResult(ctx, contact.failed, resource)];
      if (!contact.value?.EmailAddress) missing.push(type);
    }
    const evidence = { api: 'account:GetAlternateContact', field: 'AlternateContact' };
    return missing.length > 0
      ? [fail(ctx, GLOBAL, resource, `alternate contacts not registered: ${missing.join(', ')} (account:GetAlternateContact)`, evidence)]
      : [pass(ctx, GLOBAL, resource, 'security, billing and operations contacts are registered', evidence)];
  },
});
