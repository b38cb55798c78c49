import { organizationsView } from '../../../inventory/views/organizations.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config account-part-of-organizations (parameter MasterAccountId) · FSBP Account.2. */
export default defineCheck({
  title: 'The account is part of an AWS Organizations organization',
  severity: 'HIGH',
  resourceType: 'AWS::::Account',
  description: 'Checks organizations:DescribeOrganization (AWSOrganizationsNotInUseException means standalone); with MasterAccountId set, the organization’s management account must match.',
  risk: 'Standalone accounts miss organization-wide guardrails (SCPs), central logging and delegated security services.',
  remediation: {
    text: 'Invite the account into the organization from the management account and accept the handshake.',
    console: 'AWS Organizations (management account) → AWS accounts → Add an AWS account → Invite.',
    cli: 'aws organizations invite-account-to-organization --target Id=<account-id>,Type=ACCOUNT',
    terraform: 'resource "aws_organizations_account" "member" {\n  name  = "member"\n  email = "member@example.com"\n}',
  },
  references: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_invites.html', 'https://docs.aws.amazon.com/config/latest/developerguide/account-part-of-organizations.html'],
  parameters: { MasterAccountId: { description: 'Expected management account id (empty: any).', default: '' } },
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const org = organizationsView(ctx.snapshot, ctx.account.id).organization();
    if (!org.ok) return [failedResult(ctx, org.failed, resource)];
    const evidence = { api: 'organizations:DescribeOrganization', field: 'Organization.MasterAccountId' };
    if (!org.value) return [fail(ctx, GLOBAL, resource, 'the account is not in an organization (organizations:DescribeOrganization AWSOrganizationsNotInUseException)', evidence)];
    const expected = String(ctx.parameters.MasterAccountId ?? '');
    if (expected && org.value.MasterAccountId !== expected) return [fail(ctx, GLOBAL, resource, `the account is in organization ${org.value.Id} managed by ${org.value.MasterAccountId}, not ${expected}`, evidence)];
    return [pass(ctx, GLOBAL, resource, `the account is in organization ${org.value.Id} (management account ${org.value.MasterAccountId})`, evidence)];
  },
});
