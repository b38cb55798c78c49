import type { LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, isServiceSource, principalOf, regionOf, timeOf } from '../event.ts';
import { asnOf, countryOf } from '../intel/geo.ts';
import type { Detector, DetectorContext } from '../types.ts';
import { FEATURES, MAX_PRINCIPALS, MAX_VALUES, agentFamily, emptyBaseline, type BaselineState, type Feature, type Profile, type Seen } from './model.ts';

/**
 * Anomalies against the baselines (GuardDuty's `*:IAMUser/AnomalousBehavior` family,
 * `ConsoleLoginSuccess.B`, and launches in unused regions). Nothing is raised for activity
 * inside a principal's (or account's) learning period. After it, a call is anomalous when:
 * - its API belongs to a tactic GuardDuty watches and was never called by the principal
 *   before, and it came from a network (ASN), country or user-agent family new for it; or
 * - it came from a network and a user-agent family that are both new for the principal.
 */

const DAY = 86_400_000;

/** APIs GuardDuty associates with each tactic for the AnomalousBehavior types. */
export const TACTIC_APIS: Record<string, string[]> = {
  CredentialAccess: ['GetPasswordData', 'GetSecretValue', 'BatchGetSecretValue', 'GenerateDbAuthToken', 'GetParameters', 'GetParametersByPath'],
  DefenseEvasion: ['DeleteFlowLogs', 'DisableAlarmActions', 'StopLogging', 'DeleteTrail', 'PutEventSelectors', 'DeleteDetector', 'StopConfigurationRecorder'],
  Discovery: ['DescribeInstances', 'GetRolePolicy', 'ListAccessKeys', 'ListUsers', 'ListRoles', 'ListAttachedUserPolicies', 'GetAccountAuthorizationDetails', 'ListBuckets', 'DescribeSecurityGroups', 'ListSecrets'],
  Exfiltration: ['PutBucketReplication', 'CreateSnapshot', 'RestoreDBInstanceFromDBSnapshot', 'ModifySnapshotAttribute', 'ModifyImageAttribute', 'ModifyDBSnapshotAttribute'],
  Impact: ['DeleteSecurityGroup', 'UpdateDistribution', 'DeleteBucket', 'TerminateInstances', 'DeleteDBInstance', 'PutBucketPublicAccessBlock', 'DeleteObjects'],
  InitialAccess: ['StartSession', 'GetAuthorizationToken', 'ConsoleLogin'],
  Persistence: ['CreateAccessKey', 'ImportKeyPair', 'ModifyInstanceAttribute', 'CreateLoginProfile', 'CreateUser', 'CreateRole'],
  PrivilegeEscalation: ['AssociateIamInstanceProfile', 'AddUserToGroup', 'PutUserPolicy', 'AttachUserPolicy', 'AttachRolePolicy', 'PutRolePolicy', 'UpdateAssumeRolePolicy', 'CreatePolicyVersion'],
};
const TACTIC_OF = new Map<string, string>(Object.entries(TACTIC_APIS).flatMap(([tactic, apis]) => apis.map((api) => [api, tactic] as [string, string])));

/** Feature slots of a live profile: indexes into FEATURES (the first five in the order of the `changed` bits below). */
const ASN = 0;
const COUNTRY = 1;
const AGENT = 2;
const REGION = 3;
const API = 4;
const LOGIN_ASN = 5;
const LOGIN_COUNTRY = 6;
const LOGIN_AGENT = 7;
/** Features with a fast path (the last value's entry counted in place). */
const FAST_FEATURES = 5;

/**
 * A principal's profile while observing: Maps instead of the plain objects of the persisted
 * state (a Map looks a fresh string up by its hash; an object used as a dictionary first has
 * to find the string among V8's internalized ones), and the signature of its last event, so a
 * repeat of the same network, country, tool, region and API only adds to counts.
 */
interface LiveProfile {
  first: number;
  last: number;
  events: number;
  account: string;
  hours: number[];
  /** Per feature of FEATURES: value → its entry; made on the first value (most principals never log in to the console). */
  values: Array<Map<string, Seen> | undefined>;
  // The last event's address with that address's network and country, its user agent with that agent's family, its account.
  ip: string | undefined;
  asn: string | undefined;
  country: string | undefined;
  userAgent: string | undefined;
  agent: string;
  lastAccount: string | undefined;
  /** Per feature, the last value and its entry (the fast path counts on it). */
  lastValues: Array<string | undefined>;
  lastSeen: Array<Seen | undefined>;
}

interface LiveAccount {
  first: number;
  last: number;
  regions: Map<string, Seen>;
  launches: Map<string, Seen>;
}

const asnNames = new Map<number, string>();
function asnName(asn: number): string {
  let name = asnNames.get(asn);
  if (name === undefined) {
    name = `AS${asn}`;
    asnNames.set(asn, name);
  }
  return name;
}

/** Values dropped by `count` so far: the fast path must not keep counting on a dropped entry. */
let dropCount = 0;

/**
 * Counts a value, keeping the earliest event (ties broken by id) whatever order events come in.
 * Returns the entry, or undefined when the map was full and this value was the one dropped.
 */
function count(map: Map<string, Seen>, value: string, time: number, id: string, api: string | undefined, ip: string | undefined, region: string | undefined, actor?: string): Seen | undefined {
  const existing = map.get(value);
  if (existing !== undefined) {
    existing.count++;
    if (isEarlier(time, id, existing)) {
      existing.first = time;
      existing.id = id;
      existing.api = api;
      existing.ip = ip;
      existing.region = region;
      existing.actor = actor;
    }
    return existing;
  }
  const entry: Seen = { first: time, count: 1, id, api, ip, region, actor };
  map.set(value, entry);
  if (map.size > MAX_VALUES && dropLeastUsed(map) === value) return undefined;
  return entry;
}

/** Whether (time, id) is an earlier first sighting than `than` (ties broken by event id, so the result does not depend on order). */
function isEarlier(time: number, id: string, than: Seen): boolean {
  return time < than.first || (time === than.first && id < than.id);
}

/** Drops the least used value (the first of them) to keep a feature bounded; returns it. */
function dropLeastUsed(map: Map<string, Seen>): string | undefined {
  let least: string | undefined;
  let fewest = Infinity;
  for (const [value, seen] of map) {
    if (seen.count < fewest) {
      fewest = seen.count;
      least = value;
    }
  }
  if (least !== undefined) map.delete(least);
  dropCount++;
  return least;
}

function toRecord(map: Map<string, Seen>): Record<string, Seen> {
  const out: Record<string, Seen> = {};
  for (const [value, seen] of map) out[value] = { ...seen };
  return out;
}

export class BaselineDetector implements Detector {
  readonly id = 'baseline';
  readonly kinds = ['cloudtrail'] as const;
  private readonly profiles = new Map<string, LiveProfile>();
  private readonly accounts = new Map<string, LiveAccount>();
  /** Principals not profiled because MAX_PRINCIPALS were already (bounded memory). */
  dropped = 0;
  private lastPrincipal: string | undefined;
  private lastProfile: LiveProfile | undefined;

  /** Seeds the detector with the persisted state of earlier runs. */
  constructor(prior?: BaselineState) {
    if (prior) this.merge(prior);
  }

  get baseline(): BaselineState {
    return this.state();
  }

  observe(event: LogEvent): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    const identity = r.userIdentity;
    // Service principals and AWS-internal calls have no user behaviour to learn.
    if (identity?.type === 'AWSService' || identity?.invokedBy || r.eventType === 'AwsServiceEvent') return;
    const time = timeOf(r);
    if (!time) return;
    const account = accountOf(r);
    const principal = principalOf(r);
    // Calls come in runs from one principal: comparing with the last is cheaper than hashing.
    let profile = principal === this.lastPrincipal ? this.lastProfile : this.profiles.get(principal);
    if (profile === undefined) {
      if (this.profiles.size >= MAX_PRINCIPALS) {
        this.dropped++;
        return;
      }
      profile = newProfile(time, account);
      this.profiles.set(principal, profile);
    }
    this.lastPrincipal = principal;
    this.lastProfile = profile;
    if (time < profile.first) profile.first = time;
    if (time > profile.last) profile.last = time;
    profile.events++;
    profile.hours[Math.floor(time / 3_600_000) % 24]!++;

    // Geo lookups and the agent family once per change of address or user agent.
    const ip = r.sourceIPAddress;
    const external = ip && !isServiceSource(ip) ? ip : undefined;
    if (external !== profile.ip || external === undefined) {
      const asn = external ? asnOf(external) : undefined;
      profile.asn = asn ? asnName(asn.asn) : undefined;
      profile.country = external ? countryOf(external) : undefined;
      profile.ip = external;
    }
    if (r.userAgent !== profile.userAgent || profile.userAgent === undefined) {
      profile.agent = agentFamily(r.userAgent);
      profile.userAgent = r.userAgent;
    }
    const region = regionOf(r);
    const api = r.eventName;
    const login = api === 'ConsoleLogin' && (r.responseElements as { ConsoleLogin?: string } | null)?.ConsoleLogin === 'Success';
    // Bits of `changed`: 1 asn, 2 country, 4 agent, 8 region, 16 api, 32 login, 64 account.
    let changed = unchanged(profile, ASN, profile.asn, time) | unchanged(profile, COUNTRY, profile.country, time) | unchanged(profile, AGENT, profile.agent, time) |
      unchanged(profile, REGION, region, time) | unchanged(profile, API, api, time);
    if (login) changed |= 32;
    if (profile.lastAccount !== account) {
      profile.lastAccount = account;
      changed |= 64;
    }
    if (changed === 0) return;

    const id = eventIdOf(r, event.ref);
    const dropsBefore = dropCount;
    const asnText = profile.asn;
    const country = profile.country;
    const agent = profile.agent;
    if (asnText && (changed & 1) !== 0) remember(profile, ASN, asnText, count(valuesOf(profile, ASN), asnText, time, id, api, ip, region));
    if (country && (changed & 2) !== 0) remember(profile, COUNTRY, country, count(valuesOf(profile, COUNTRY), country, time, id, api, ip, region));
    if ((changed & 4) !== 0) remember(profile, AGENT, agent, count(valuesOf(profile, AGENT), agent, time, id, api, ip, region));
    if ((changed & 72) !== 0) remember(profile, REGION, region, count(valuesOf(profile, REGION), region, time, id, api, ip, region));
    if (api && (changed & 16) !== 0) remember(profile, API, api, count(valuesOf(profile, API), api, time, id, api, ip, region));
    if (login) {
      const network = asnText ?? (external ? `ip:${external}` : undefined);
      if (network) count(valuesOf(profile, LOGIN_ASN), network, time, id, api, ip, region);
      if (country) count(valuesOf(profile, LOGIN_COUNTRY), country, time, id, api, ip, region);
      count(valuesOf(profile, LOGIN_AGENT), agent, time, id, api, ip, region);
    }
    if (dropCount !== dropsBefore) profile.lastSeen.fill(undefined);

    let acct = this.accounts.get(account);
    if (acct === undefined) {
      acct = { first: time, last: time, regions: new Map(), launches: new Map() };
      this.accounts.set(account, acct);
    }
    if (time < acct.first) acct.first = time;
    if (time > acct.last) acct.last = time;
    if ((changed & 72) !== 0) count(acct.regions, region, time, id, api, ip, region);
    if (api === 'RunInstances' && r.eventSource === 'ec2.amazonaws.com' && (changed & 88) !== 0) count(acct.launches, region, time, id, api, ip, region, actorOf(r));
  }

  state(): BaselineState {
    const state = emptyBaseline();
    for (const [principal, live] of this.profiles) {
      const values: Profile['values'] = {};
      live.values.forEach((map, slot) => {
        if (map !== undefined && map.size > 0) values[FEATURES[slot]!] = toRecord(map);
      });
      state.principals[principal] = { first: live.first, last: live.last, events: live.events, account: live.account, values, hours: [...live.hours] };
    }
    for (const [account, live] of this.accounts) {
      state.accounts[account] = { first: live.first, last: live.last, regions: toRecord(live.regions), launches: toRecord(live.launches) };
    }
    return state;
  }

  merge(state: unknown): void {
    const other = state as BaselineState;
    for (const [principal, profile] of Object.entries(other.principals)) {
      let live = this.profiles.get(principal);
      if (live === undefined) {
        if (this.profiles.size >= MAX_PRINCIPALS) {
          this.dropped++;
          continue;
        }
        live = newProfile(profile.first, profile.account);
        this.profiles.set(principal, live);
      }
      live.first = Math.min(live.first, profile.first);
      live.last = Math.max(live.last, profile.last);
      live.events += profile.events;
      for (let h = 0; h < 24; h++) live.hours[h] = (live.hours[h] ?? 0) + (profile.hours[h] ?? 0);
      FEATURES.forEach((feature, slot) => {
        const from = profile.values[feature];
        if (from) mergeInto(valuesOf(live, slot), from);
      });
      // Counts changed under the fast path's feet: it starts over.
      live.lastSeen.fill(undefined);
    }
    for (const [key, account] of Object.entries(other.accounts)) {
      let live = this.accounts.get(key);
      if (live === undefined) {
        live = { first: account.first, last: account.last, regions: new Map(), launches: new Map() };
        this.accounts.set(key, live);
      }
      live.first = Math.min(live.first, account.first);
      live.last = Math.max(live.last, account.last);
      mergeInto(live.regions, account.regions);
      mergeInto(live.launches, account.launches);
    }
  }

  finish(ctx: DetectorContext): void {
    const learningMs = ctx.settings.learningDays * DAY;
    const state = this.state();
    for (const [principal, profile] of Object.entries(state.principals)) {
      const learnedAt = profile.first + learningMs;
      // A principal whose history is shorter than the learning period is still learning.
      if (profile.last <= learnedAt) continue;
      const fresh = (feature: Feature): Array<[string, Seen]> =>
        Object.entries(profile.values[feature] ?? {}).filter(([, seen]) => seen.first > learnedAt);
      const newAsns = new Map(fresh('asn'));
      const newCountries = new Set(fresh('country').map(([v]) => v));
      const newAgents = fresh('agent');

      // 1. A tactic API used for the first time, from a new context.
      for (const [api, seen] of fresh('api')) {
        const tactic = TACTIC_OF.get(api);
        if (!tactic || api === 'ConsoleLogin') continue;
        const contexts = this.newContextsAround(profile, seen, learnedAt);
        if (contexts.length === 0) continue;
        this.emit(ctx, `${tactic}:IAMUser/AnomalousBehavior`, principal, profile, seen, { api, newContext: contexts });
      }
      // 2. A new network together with a new tool, whatever the API.
      for (const [asn, seen] of newAsns) {
        const agentNew = newAgents.some(([, s]) => Math.abs(s.first - seen.first) < DAY);
        if (!agentNew) continue;
        const tactic = TACTIC_OF.get(seen.api ?? '') ?? 'InitialAccess';
        if (tactic === 'InitialAccess' && seen.api === 'ConsoleLogin') continue;
        this.emit(ctx, `${tactic}:IAMUser/AnomalousBehavior`, principal, profile, seen, { api: seen.api, newContext: [`asn ${asn}`, 'user-agent family'] });
      }
      // 3. ConsoleLoginSuccess.B: a console login from a new network and a new country or browser.
      const loginAsns = Object.entries(profile.values.loginAsn ?? {});
      const loginHistory = loginAsns.some(([, s]) => s.first <= learnedAt) || Object.values(profile.values.api ?? {}).some((s) => s.first <= learnedAt);
      if (loginHistory) {
        for (const [asn, seen] of loginAsns) {
          if (seen.first <= learnedAt) continue;
          const country = Object.entries(profile.values.loginCountry ?? {}).find(([, s]) => s.id === seen.id);
          const countryNew = country ? country[1].first > learnedAt || newCountries.has(country[0]) : false;
          const agentNew = Object.values(profile.values.loginAgent ?? {}).some((s) => s.id === seen.id && s.first > learnedAt);
          if (!countryNew && !agentNew) continue;
          this.emit(ctx, 'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B', principal, profile, seen, { network: asn, country: country?.[0] });
        }
      }
    }
    // 4. Instances launched in a region the account did not use during its learning period.
    for (const [account, acct] of Object.entries(state.accounts)) {
      const learnedAt = acct.first + learningMs;
      if (acct.last <= learnedAt) continue;
      for (const [region, launch] of Object.entries(acct.launches)) {
        const firstUse = acct.regions[region];
        if (!firstUse || firstUse.first <= learnedAt || launch.first - firstUse.first > DAY) continue;
        ctx.emit({
          type: 'Impact:EC2/InstanceLaunchUnusedRegion', account, region, actor: launch.actor ?? 'unknown',
          resource: { type: 'AWS::::Account', id: account }, time: launch.first, eventId: launch.id,
          details: { region, firstActivityInRegion: new Date(firstUse.first).toISOString(), sourceIPAddress: launch.ip },
        });
      }
    }
  }

  /** Which context dimensions (network, country, user-agent family) were new around this call. */
  private newContextsAround(profile: Profile, seen: Seen, learnedAt: number): string[] {
    const out: string[] = [];
    for (const feature of ['asn', 'country', 'agent'] as const) {
      const values = Object.entries(profile.values[feature] ?? {});
      const match = values.find(([, s]) => s.id === seen.id) ?? values.find(([, s]) => s.first > learnedAt && Math.abs(s.first - seen.first) < DAY / 4);
      if (match && match[1].first > learnedAt) out.push(`${feature} ${match[0]}`);
    }
    return out;
  }

  private emit(ctx: DetectorContext, type: string, principal: string, profile: Profile, seen: Seen, details: Record<string, unknown>): void {
    ctx.emit({
      type, account: profile.account, region: seen.region ?? 'global', actor: principal,
      resource: { type: 'AWS::IAM::Principal', id: principal },
      time: seen.first, eventId: seen.id,
      details: { ...details, sourceIPAddress: seen.ip, learnedSince: new Date(profile.first).toISOString() },
    });
  }
}

export { FEATURES };

function newProfile(time: number, account: string): LiveProfile {
  return {
    first: time, last: time, events: 0, account, hours: new Array<number>(24).fill(0),
    values: new Array<Map<string, Seen> | undefined>(FEATURES.length).fill(undefined),
    ip: undefined, asn: undefined, country: undefined, userAgent: undefined, agent: 'none', lastAccount: undefined,
    lastValues: new Array<string | undefined>(FAST_FEATURES).fill(undefined), lastSeen: new Array<Seen | undefined>(FAST_FEATURES).fill(undefined),
  };
}

/** 0 when the value needs no note (none, or the last one seen again later: its count goes up here); else 1 << slot. */
function unchanged(profile: LiveProfile, slot: number, value: string | undefined, time: number): number {
  if (value === undefined) return 0;
  const entry = profile.lastSeen[slot];
  if (entry !== undefined && profile.lastValues[slot] === value && time > entry.first) {
    entry.count++;
    return 0;
  }
  return 1 << slot;
}

/** The profile's values of one feature, made on first use (an empty Map costs ~190 bytes). */
function valuesOf(profile: LiveProfile, slot: number): Map<string, Seen> {
  return (profile.values[slot] ??= new Map<string, Seen>());
}

function remember(profile: LiveProfile, slot: number, value: string, entry: Seen | undefined): void {
  profile.lastValues[slot] = value;
  profile.lastSeen[slot] = entry;
}

/** Adds another thread's (or an earlier run's) values: counts add up, the earliest sighting wins. */
function mergeInto(into: Map<string, Seen>, from: Record<string, Seen> | undefined): void {
  if (!from) return;
  for (const [value, seen] of Object.entries(from)) {
    const existing = into.get(value);
    if (!existing) into.set(value, { ...seen });
    else {
      const total = existing.count + seen.count;
      if (isEarlier(seen.first, seen.id, existing)) Object.assign(existing, seen);
      existing.count = total;
    }
  }
  // Bounded like `count` (a merge may bring more than the cap).
  while (into.size > MAX_VALUES) dropLeastUsed(into);
}
