import type { FailedCall } from '../../inventory/views/account.ts';
import { guarddutyView, type Detector } from '../../inventory/views/guardduty.ts';
import { defineCheck, type CheckContext, type CheckDefinition } from '../check.ts';
import { adminAccounts, perRegion } from './org.ts';
import { fail, failedResult, pass } from './result.ts';

/** GuardDuty helpers: the enabled detector of a region, administrator coverage, protection plans. */

export type DetectorLookup = { kind: 'enabled'; detector: Detector } | { kind: 'disabled'; reason: string } | { kind: 'error'; failed: FailedCall };

export function regionDetector(ctx: CheckContext, region: string, account = ctx.account.id): DetectorLookup {
  const view = guarddutyView(ctx.snapshot, account);
  const ids = view.detectorIds(region);
  if (!ids.ok) return { kind: 'error', failed: ids.failed };
  if (ids.value.length === 0) return { kind: 'disabled', reason: `no GuardDuty detector in ${region} (guardduty:ListDetectors DetectorIds empty)` };
  for (const id of ids.value) {
    const detector = view.detector(region, id);
    if (!detector.ok) return { kind: 'error', failed: detector.failed };
    if (detector.value.Status === 'ENABLED') return { kind: 'enabled', detector: detector.value };
  }
  return { kind: 'disabled', reason: `GuardDuty detector ${ids.value[0]} in ${region} is not ENABLED (guardduty:GetDetector Status)` };
}

/** An administrator account (delegated admin) that lists this account as an enabled member in the region. */
export function coveringAdmin(ctx: CheckContext, region: string): string | undefined {
  for (const admin of adminAccounts(ctx)) {
    const members = guarddutyView(ctx.snapshot, admin).members(region);
    if (members.ok && members.value.some((m) => m.AccountId === ctx.account.id && m.RelationshipStatus === 'Enabled')) return admin;
  }
  return undefined;
}

/** A GuardDuty protection plan (detector feature) check, FSBP GuardDuty.5–.11. */
export function protectionPlanCheck(spec: {
  control: string;
  feature: string;
  alsoAccepted?: string[];
  /** Legacy DataSources path giving the same answer, e.g. ['S3Logs', 'Status']. */
  dataSource?: string[];
  title: string;
  what: string;
  docs: string;
}): CheckDefinition {
  const names = [spec.feature, ...(spec.alsoAccepted ?? [])];
  return defineCheck({
    title: spec.title,
    severity: 'HIGH',
    resourceType: 'AWS::GuardDuty::Detector',
    description: `FSBP ${spec.control}: in every region with GuardDuty enabled, the detector feature ${names.join(' or ')} is ENABLED (guardduty:GetDetector Features).`,
    risk: `Without it, GuardDuty does not analyse ${spec.what}, so threats there go undetected.`,
    remediation: {
      text: `Enable ${spec.feature} on the GuardDuty detector in every region (or organization-wide from the delegated administrator).`,
      console: 'GuardDuty → Protection plans → enable the plan → Save (from the delegated administrator: enable for all accounts).',
      cli: `aws guardduty update-detector --detector-id <id> --features '[{"Name":"${spec.feature}","Status":"ENABLED"}]'`,
      terraform: `resource "aws_guardduty_detector_feature" "plan" {\n  detector_id = aws_guardduty_detector.main.id\n  name        = "${spec.feature}"\n  status      = "ENABLED"\n}`,
    },
    references: [spec.docs, `https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html`],
    evaluate: (ctx) =>
      perRegion(ctx, (region, resource) => {
        const lookup = regionDetector(ctx, region);
        if (lookup.kind === 'error') return failedResult(ctx, lookup.failed, resource);
        if (lookup.kind === 'disabled') return fail(ctx, region, resource, `${spec.feature} is not on because GuardDuty is not enabled: ${lookup.reason}`, { api: 'guardduty:ListDetectors', field: 'DetectorIds' });
        const detector = lookup.detector;
        const detectorResource = { type: 'AWS::GuardDuty::Detector', id: detector.id };
        const feature = (detector.Features ?? []).find((f) => names.includes(f.Name ?? '') && f.Status === 'ENABLED');
        const evidence = { api: 'guardduty:GetDetector', field: 'Features[].Status' };
        if (feature) return pass(ctx, region, detectorResource, `detector ${detector.id} has ${feature.Name} ENABLED`, evidence);
        if (spec.dataSource) {
          let value: any = detector.DataSources;
          for (const part of spec.dataSource) value = value?.[part];
          if (value === 'ENABLED') return pass(ctx, region, detectorResource, `detector ${detector.id} has DataSources.${spec.dataSource.join('.')}=ENABLED`, { api: 'guardduty:GetDetector', field: `DataSources.${spec.dataSource.join('.')}` });
        }
        const seen = (detector.Features ?? []).find((f) => names.includes(f.Name ?? ''));
        return fail(ctx, region, detectorResource, `detector ${detector.id}: ${spec.feature} is ${seen?.Status ?? 'absent'} (guardduty:GetDetector Features)`, evidence);
      }),
  });
}
