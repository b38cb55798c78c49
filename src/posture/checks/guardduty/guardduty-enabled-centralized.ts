import { defineCheck } from '../../check.ts';
import { coveringAdmin, regionDetector } from '../../lib/guardduty.ts';
import { perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/**
 * AWS Config guardduty-enabled-centralized · FSBP GuardDuty.1 · baseline: GuardDuty is enabled
 * in every collected region, by the account itself or as an enabled member of a delegated
 * administrator (guardduty ListMembers in the admin account).
 */
export default defineCheck({
  title: 'GuardDuty is enabled in every region',
  severity: 'HIGH',
  resourceType: 'AWS::::Account',
  description: 'Per region: guardduty:ListDetectors and GetDetector Status=ENABLED, or the account is an enabled member of the organization’s GuardDuty administrator.',
  risk: 'Without GuardDuty, credential misuse, crypto-mining and reconnaissance in the region are not detected.',
  remediation: {
    text: 'Enable GuardDuty organization-wide from a delegated administrator with auto-enable for all accounts and regions.',
    console: 'GuardDuty → Get started → Enable GuardDuty; in the delegated admin: Accounts → Auto-enable → All accounts.',
    cli: 'aws guardduty create-detector --enable --region <region>\naws guardduty update-organization-configuration --detector-id <id> --auto-enable-organization-members ALL',
    terraform: 'resource "aws_guardduty_detector" "main" {\n  enable = true\n}\nresource "aws_guardduty_organization_configuration" "org" {\n  detector_id                      = aws_guardduty_detector.main.id\n  auto_enable_organization_members = "ALL"\n}',
  },
  references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html', 'https://docs.aws.amazon.com/config/latest/developerguide/guardduty-enabled-centralized.html'],
  parameters: { CentralMonitoringAccount: { description: 'Account id of the GuardDuty administrator expected to manage this account (empty: any).', default: '' } },
  evaluate: (ctx) =>
    perRegion(ctx, (region, resource) => {
      const evidence = { api: 'guardduty:GetDetector', field: 'Status' };
      const central = String(ctx.parameters.CentralMonitoringAccount ?? '');
      const admin = coveringAdmin(ctx, region);
      if (admin && (!central || admin === central)) return pass(ctx, region, resource, `GuardDuty in ${region} is managed by administrator account ${admin} (guardduty:ListMembers RelationshipStatus=Enabled)`, { api: 'guardduty:ListMembers', field: 'Members[].RelationshipStatus' });
      const lookup = regionDetector(ctx, region);
      if (lookup.kind === 'error') return failedResult(ctx, lookup.failed, resource);
      if (lookup.kind === 'disabled') return fail(ctx, region, resource, lookup.reason, evidence);
      return pass(ctx, region, resource, `GuardDuty detector ${lookup.detector.id} is ENABLED in ${region}`, evidence);
    }),
});
