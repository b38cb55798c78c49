import { securityhubView } from '../../../inventory/views/securityhub.ts';
import { defineCheck } from '../../check.ts';
import { adminAccounts, perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 4.16 · baseline: Security Hub is enabled in every region (directly or as a member of the administrator). */
export default defineCheck({
  title: 'Security Hub is enabled in every region',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Per region: securityhub:DescribeHub returns a hub (InvalidAccessException means not subscribed), or the organization’s Security Hub administrator lists the account as an enabled member.',
  risk: 'Without Security Hub, findings from GuardDuty, Inspector, Macie and Config are not aggregated or checked against standards.',
  remediation: {
    text: 'Enable Security Hub (organization-wide from a delegated administrator, with central configuration).',
    console: 'Security Hub → Go to Security Hub → Enable Security Hub.',
    cli: 'aws securityhub enable-security-hub --enable-default-standards --region <region>',
    terraform: 'resource "aws_securityhub_account" "main" {}',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-enable.html'],
  evaluate: (ctx) =>
    perRegion(ctx, (region, resource) => {
      const hub = securityhubView(ctx.snapshot, ctx.account.id).hub(region);
      const evidence = { api: 'securityhub:DescribeHub', field: 'HubArn' };
      if (hub.ok && hub.value) return pass(ctx, region, resource, `Security Hub is enabled in ${region} (subscribed ${hub.value.SubscribedAt ?? ''})`.trim(), evidence);
      for (const admin of adminAccounts(ctx)) {
        const members = securityhubView(ctx.snapshot, admin).members(region);
        if (members.ok && members.value.some((m) => m.AccountId === ctx.account.id && m.MemberStatus === 'Enabled')) return pass(ctx, region, resource, `Security Hub in ${region} is managed by administrator ${admin}`, { api: 'securityhub:ListMembers', field: 'Members[].MemberStatus' });
      }
      if (!hub.ok) return failedResult(ctx, hub.failed, resource);
      return fail(ctx, region, resource, `Security Hub is not enabled in ${region} (securityhub:DescribeHub InvalidAccessException)`, evidence);
    }),
});
