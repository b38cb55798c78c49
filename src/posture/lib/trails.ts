import type { FailedCall } from '../../inventory/views/account.ts';
import { cloudtrailView, type Selectors, type Trail, type TrailStatus } from '../../inventory/views/cloudtrail.ts';
import type { CheckContext } from '../check.ts';

/** Trails seen by an account (own, shadow and organization trails), with status and selectors. */

export interface TrailFacts {
  trail: Trail;
  status?: TrailStatus;
  selectors?: Selectors;
  failed: FailedCall[];
}

export function trailResource(ctx: CheckContext, trail: Trail) {
  return { type: 'AWS::CloudTrail::Trail', id: trail.TrailARN ?? trail.Name ?? '', name: trail.Name };
}

/** The account that owns a trail (an organization trail belongs to the management account). */
export function trailOwner(trail: Trail, fallback: string): string {
  return trail.TrailARN?.split(':')[4] || fallback;
}

export function trailFacts(ctx: CheckContext): { facts: TrailFacts[]; failures: FailedCall[] } {
  const own = cloudtrailView(ctx.snapshot, ctx.account.id);
  const listed = own.trails(ctx.regions);
  const facts = listed.trails.map((trail): TrailFacts => {
    const failed: FailedCall[] = [];
    // Prefer what the account itself recorded; fall back to the owner's record for org trails.
    const owner = trailOwner(trail, ctx.account.id);
    const views = [own, ...(owner !== ctx.account.id && ctx.org?.adminAccountIds.includes(owner) ? [cloudtrailView(ctx.snapshot, owner)] : [])];
    let status: TrailStatus | undefined;
    let selectors: Selectors | undefined;
    for (const view of views) {
      if (!status) {
        const s = view.status(trail, ctx.regions);
        if (s.ok) status = s.value;
        else failed.push(s.failed);
      }
      if (!selectors) {
        const s = view.selectors(trail, ctx.regions);
        if (s.ok) selectors = s.value;
        else failed.push(s.failed);
      }
    }
    return { trail, status, selectors, failed };
  });
  return { facts, failures: listed.failures };
}
