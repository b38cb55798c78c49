import type { LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, regionOf, timeOf } from '../event.ts';
import type { Detector, DetectorContext } from '../types.ts';

/**
 * `PutEventSelectors` that leaves a trail blind to management events: every basic selector
 * has `includeManagementEvents: false` (or records only read events), or no advanced selector
 * selects the Management category. Selector logic needs code, not a field match.
 */
export class TrailSelectors implements Detector {
  readonly id = 'trail-selectors';
  readonly kinds = ['cloudtrail'] as const;
  readonly eventSources = ['cloudtrail.amazonaws.com'];

  observe(event: LogEvent, ctx: DetectorContext): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    if (r.eventSource !== 'cloudtrail.amazonaws.com' || r.eventName !== 'PutEventSelectors' || r.errorCode) return;
    const params = (r.requestParameters ?? {}) as Record<string, unknown>;
    const reason = managementGap(params);
    if (!reason) return;
    const trail = String(params.trailName ?? (r.responseElements as { trailARN?: string } | null)?.trailARN ?? 'unknown');
    ctx.emit({
      type: 'Stealth:IAMUser/CloudTrailEventSelectorsModified', account: accountOf(r), region: regionOf(r), actor: actorOf(r),
      resource: { type: 'AWS::CloudTrail::Trail', id: trail },
      time: timeOf(r), eventId: eventIdOf(r, event.ref),
      techniques: ['T1562.008'],
      details: { reason, sourceIPAddress: r.sourceIPAddress },
    });
  }
}

export function managementGap(params: Record<string, unknown>): string | undefined {
  const basic = params.eventSelectors;
  if (Array.isArray(basic) && basic.length > 0) {
    const selectors = basic as Array<{ includeManagementEvents?: boolean; readWriteType?: string; excludeManagementEventSources?: string[] }>;
    if (selectors.every((s) => s.includeManagementEvents === false)) return 'no event selector includes management events';
    if (selectors.every((s) => s.includeManagementEvents === false || s.readWriteType === 'ReadOnly')) return 'management write events are no longer recorded';
    return undefined;
  }
  const advanced = params.advancedEventSelectors;
  if (Array.isArray(advanced)) {
    const hasManagement = (advanced as Array<{ fieldSelectors?: Array<{ field?: string; equals?: string[] }> }>).some((sel) =>
      (sel.fieldSelectors ?? []).some((f) => f.field === 'eventCategory' && (f.equals ?? []).includes('Management')),
    );
    if (!hasManagement) return 'no advanced event selector selects the Management category';
  }
  return undefined;
}
