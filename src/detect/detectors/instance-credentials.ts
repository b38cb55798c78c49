import type { LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, instanceIdOfSession, isServiceSource, regionOf, timeOf } from '../event.ts';
import { isAwsIp } from '../intel/geo.ts';
import { isPublicIp } from '../intel/ranges.ts';
import type { Detector, DetectorContext } from '../types.ts';
import { MAX_IDS, MAX_KEYS, insertId } from './buckets.ts';

/**
 * Instance credential exfiltration, as GuardDuty describes it: the temporary credentials an
 * EC2 instance gets from its role (session name = instance id) used from somewhere other
 * than that instance.
 * - OutsideAWS: used from a public address that is not in Amazon's address space.
 * - InsideAWS: used from an AWS address that other, non-instance principals also call from
 *   (a person's or attacker's machine, not the instance), or from several public addresses.
 * Order-free: per session the source addresses are collected; per address the principals
 * seen from it; the decision waits for `finish()`.
 */

interface AddressUse {
  count: number;
  /** Whether the address is in AWS's space (decided once per session and address). */
  aws: boolean;
  /** The earliest (time, event id) pairs: MAX_IDS from outside AWS, AWS_ADDRESS_IDS from AWS. */
  ids: Array<[number, string]>;
}

/**
 * Evidence kept per AWS address of a session. Use from outside AWS is a finding for sure and
 * keeps the usual MAX_IDS; use from an AWS address is one only if another principal or address
 * turns up, and nearly every instance session calls from its own AWS address for as long as it
 * lives. Measured: 25 ids made a long-lived session 3.4 KB (50,000 of them 164 MB), 5 make it 1.5 KB.
 */
const AWS_ADDRESS_IDS = 5;

interface SessionState {
  account: string;
  region: string;
  instance: string;
  /**
   * Source address → its use; at most MAX_SESSION_IPS addresses, the smallest. A Map: an
   * object keyed by addresses gives V8 a hidden class per distinct first address.
   */
  ips: Map<string, AddressUse>;
  /** Calls from addresses past the cap. */
  moreCalls: number;
}

/**
 * Source addresses kept per instance session. An instance calls from one or two; credentials
 * taken away may be used from many, and a spray from thousands must not grow the state without
 * bound. The smallest addresses are kept (string order), so what is kept does not depend on the
 * order files are read in or how they are split across threads; the calls from the rest are
 * counted. Each kept address outside the instance makes its own finding: 256 are plenty.
 */
const MAX_SESSION_IPS = 256;

/** Plain data (Maps survive the structured clone from a worker). */
interface State {
  sessions: Map<string, SessionState>;
  /** Public AWS address → the smallest non-instance principal seen calling from it. */
  others: Map<string, string>;
}

export class InstanceCredentialExfiltration implements Detector {
  readonly id = 'instance-credentials';
  readonly kinds = ['cloudtrail'] as const;
  private readonly sessions = new Map<string, SessionState>();
  private readonly others = new Map<string, string>();
  /** The last non-instance call's address, whether it is AWS's, and who made it (a run of calls repeats them). */
  private lastIp: string | undefined;
  private lastIpIsAws = false;
  private lastWho: string | undefined;

  observe(event: LogEvent): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    const ip = r.sourceIPAddress;
    if (!ip || isServiceSource(ip)) return;
    const instance = instanceIdOfSession(r);
    if (!instance) {
      // Only addresses that instance sessions also use matter, but order is unknown: keep a
      // bounded map of address → the smallest other principal seen there (order-free).
      // Only AWS addresses can make InsideAWS (outside AWS is decided without them): keep
      // just those, so the bounded map is not filled by the world's addresses.
      // Calls come in runs from one principal and address: a repeat of the last pair is already counted.
      if (ip !== this.lastIp) {
        this.lastIp = ip;
        this.lastIpIsAws = isAwsIp(ip);
        this.lastWho = undefined;
      }
      if (!this.lastIpIsAws) return;
      const who = actorOf(r);
      if (who === this.lastWho) return;
      this.lastWho = who;
      const known = this.others.get(ip);
      if (known === undefined) {
        if (this.others.size < MAX_KEYS) this.others.set(ip, who);
      } else if (who !== known && who < known) this.others.set(ip, who);
      return;
    }
    if (!publicCached(ip)) return;
    const actor = actorOf(r);
    let session = this.sessions.get(actor);
    if (!session) {
      session = { account: accountOf(r), region: regionOf(r), instance, ips: new Map(), moreCalls: 0 };
      this.sessions.set(actor, session);
    }
    const entry = useOf(session, ip);
    if (!entry) {
      session.moreCalls++;
      return;
    }
    entry.count++;
    insertId(entry.ids, [timeOf(r), eventIdOf(r, event.ref)], idCap(entry));
  }

  state(): State {
    return { sessions: this.sessions, others: this.others };
  }

  merge(state: unknown): void {
    const other = state as State;
    for (const [actor, session] of other.sessions) {
      const mine = this.sessions.get(actor);
      if (!mine) {
        this.sessions.set(actor, session);
        continue;
      }
      mine.moreCalls += session.moreCalls;
      for (const [ip, entry] of session.ips) {
        const m = useOf(mine, ip);
        if (!m) {
          mine.moreCalls += entry.count;
          continue;
        }
        m.count += entry.count;
        for (const id of entry.ids) insertId(m.ids, id, idCap(m));
      }
    }
    for (const [ip, who] of other.others) {
      const mine = this.others.get(ip);
      if (mine === undefined || who < mine) this.others.set(ip, who);
    }
  }

  finish(ctx: DetectorContext): void {
    const others = this.others;
    for (const [actor, session] of this.sessions) {
      const ips = [...session.ips.keys()].sort();
      for (const ip of ips) {
        const entry = session.ips.get(ip)!;
        let type: string | undefined;
        let reason = '';
        if (!entry.aws) {
          type = 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS';
          reason = 'instance credentials used from an address outside AWS';
        } else if (others.has(ip)) {
          type = 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS';
          reason = `instance credentials used from an AWS address that ${others.get(ip)} also used`;
        } else if (ips.length > 1) {
          // Several AWS addresses: all but the most used one are suspicious.
          const main = ips.reduce((a, b) => (session.ips.get(b)!.count > session.ips.get(a)!.count ? b : a));
          if (ip !== main) {
            type = 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS';
            reason = `instance credentials used from ${ip} besides the instance's usual ${main}`;
          }
        }
        if (!type) continue;
        const ids = entry.ids;
        const more = session.moreCalls > 0 ? { callsFromMoreAddresses: session.moreCalls, keptAddresses: MAX_SESSION_IPS } : {};
        ctx.emit({
          type, account: session.account, region: session.region, actor,
          resource: { type: 'AWS::EC2::Instance', id: session.instance },
          time: ids[0]?.[0] ?? 0, until: ids.at(-1)?.[0], eventId: ids[0]?.[1] ?? '', events: ids, count: entry.count,
          details: { sourceIPAddress: ip, reason, ...more },
        });
      }
    }
  }
}

/**
 * The session's record for the address, made if the address is among the MAX_SESSION_IPS
 * smallest seen; undefined when it is not (a larger address's calls move to `moreCalls`).
 */
function useOf(session: SessionState, ip: string): AddressUse | undefined {
  const ips = session.ips;
  const known = ips.get(ip);
  if (known) return known;
  if (ips.size >= MAX_SESSION_IPS) {
    // Only past the cap, so only for sessions used from hundreds of addresses.
    let largest = '';
    for (const kept of ips.keys()) if (kept > largest) largest = kept;
    if (ip > largest) return undefined;
    session.moreCalls += ips.get(largest)!.count;
    ips.delete(largest);
  }
  const use: AddressUse = { count: 0, aws: isAwsIp(ip), ids: [] };
  ips.set(ip, use);
  return use;
}

function idCap(use: AddressUse): number {
  return use.aws ? AWS_ADDRESS_IDS : MAX_IDS;
}

const publicCache = new Map<string, boolean>();
function publicCached(ip: string): boolean {
  let value = publicCache.get(ip);
  if (value === undefined) {
    value = isPublicIp(ip);
    if (publicCache.size >= 20_000) publicCache.clear();
    publicCache.set(ip, value);
  }
  return value;
}
