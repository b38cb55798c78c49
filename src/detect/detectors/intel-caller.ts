import type { LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, regionOf, timeOf } from '../event.ts';
import type { Detector, DetectorContext } from '../types.ts';

/**
 * CloudTrail calls from addresses in the threat intelligence (`--intel`): Tor exit nodes as
 * TorIPCaller, everything else as MaliciousIPCaller.Custom (the intel is the user's own);
 * read-only calls are Recon, others UnauthorizedAccess, as GuardDuty splits them.
 */
export class IntelCaller implements Detector {
  readonly id = 'intel-caller';
  readonly kinds = ['cloudtrail'] as const;

  observe(event: LogEvent, ctx: DetectorContext): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    const match = ctx.intel.lookupIp(r.sourceIPAddress);
    if (!match) return;
    const readOnly = r.readOnly === true || /^(Get|List|Describe|Head|Lookup|Search)/.test(r.eventName);
    const family = readOnly ? 'Recon' : 'UnauthorizedAccess';
    const type = match.category === 'tor' ? `${family}:IAMUser/TorIPCaller` : `${family}:IAMUser/MaliciousIPCaller.Custom`;
    ctx.emit({
      type, account: accountOf(r), region: regionOf(r), actor: actorOf(r),
      resource: { type: 'AWS::::Account', id: accountOf(r) },
      time: timeOf(r), eventId: eventIdOf(r, event.ref),
      details: { sourceIPAddress: r.sourceIPAddress, indicator: match.indicator, intel: match.source, category: match.category, eventName: r.eventName },
    });
  }
}
