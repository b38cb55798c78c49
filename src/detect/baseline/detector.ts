import type { LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, isServiceSource, principalOf, regionOf, timeOf } from '../event.ts';
import { asnOf, countryOf } from '../intel/geo.ts';
import type { Detector, DetectorContext } from '../types.ts';
import { FEATURES, agentFamily, emptyBaseline, evictions, mergeBaseline, note, type BaselineState, type Feature, type Profile, type Seen } from './model.ts';

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

/**
 * Per principal: its last address with that address's network and country, its last account,
 * and per feature (asn, country, agent, region, api) its last value with that value's entry.
 */
interface RecentPattern {
  ip: string | undefined;
  asn: string | undefined;
  country: string | undefined;
  account: string | undefined;
  values: Array<string | undefined>;
  seen: Array<Seen | undefined>;
}

/** 0 when the value needs no note (none, or the last one seen again later: its count goes up here); else 1 << feature. */
function unchanged(recent: RecentPattern, feature: number, value: string | undefined, time: number): number {
  if (value === undefined) return 0;
  const entry = recent.seen[feature];
  if (entry !== undefined && recent.values[feature] === value && time > entry.first) {
    entry.count++;
    return 0;
  }
  return 1 << feature;
}

function remember(recent: RecentPattern, feature: number, value: string, entry: Seen | undefined): void {
  recent.values[feature] = value;
  recent.seen[feature] = entry;
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

export class BaselineDetector implements Detector {
  readonly id = 'baseline';
  readonly kinds = ['cloudtrail'] as const;
  private s: BaselineState = emptyBaseline();
  /** Per profile, the signature of its last noted event (this thread only, not state). */
  private readonly recent = new Map<Profile, RecentPattern>();

  /** Seeds the detector with the persisted state of earlier runs. */
  constructor(prior?: BaselineState) {
    if (prior) mergeBaseline(this.s, prior);
  }

  get baseline(): BaselineState {
    return this.s;
  }

  observe(event: LogEvent): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    const type = r.userIdentity?.type;
    // Service principals and AWS-internal calls have no user behaviour to learn.
    if (type === 'AWSService' || r.userIdentity?.invokedBy || r.eventType === 'AwsServiceEvent') return;
    const time = timeOf(r);
    if (!time) return;
    const account = accountOf(r);
    const principal = principalOf(r);
    const region = regionOf(r);
    const ip = r.sourceIPAddress;

    let profile = this.s.principals[principal];
    if (!profile) {
      profile = { first: time, last: time, events: 0, account, values: {}, hours: new Array<number>(24).fill(0) };
      this.s.principals[principal] = profile;
    }
    if (time < profile.first) profile.first = time;
    if (time > profile.last) profile.last = time;
    profile.events++;
    profile.hours[Math.floor(time / 3_600_000) % 24]!++;
    const values = profile.values;
    const external = ip && !isServiceSource(ip) ? ip : undefined;
    let recent = this.recent.get(profile);
    if (recent === undefined) {
      recent = { ip: undefined, asn: undefined, country: undefined, account: undefined, values: new Array(5).fill(undefined), seen: new Array(5).fill(undefined) };
      this.recent.set(profile, recent);
    }
    // Geo lookups once per (principal, address) run: the same address as the principal's
    // previous event has the same network and country.
    if (external !== recent.ip || external === undefined) {
      const asn = external ? asnOf(external) : undefined;
      recent.asn = asn ? asnName(asn.asn) : undefined;
      recent.country = external ? countryOf(external) : undefined;
      recent.ip = external;
    }
    const asnText = recent.asn;
    const country = recent.country;
    const agent = agentFamily(r.userAgent);
    const api = r.eventName;
    const login = api === 'ConsoleLogin' && (r.responseElements as { ConsoleLogin?: string } | null)?.ConsoleLogin === 'Success';
    // Fast path, per feature: the principal's last value for it, later than that value's
    // first sighting, only adds one to its count (exactly what `note` would do), done here on
    // the entry itself. Nothing is allocated when no feature needs a note (the common case).
    // Bits of `changed`: 1 asn, 2 country, 4 agent, 8 region, 16 api, 32 login, 64 account.
    let changed = unchanged(recent, 0, asnText, time) | unchanged(recent, 1, country, time) | unchanged(recent, 2, agent, time) |
      unchanged(recent, 3, region, time) | unchanged(recent, 4, api, time);
    if (login) changed |= 32;
    if (recent.account !== account) {
      recent.account = account;
      changed |= 64;
    }
    if (changed === 0) return;
    const evictedBefore = evictions;
    const seen = { first: time, id: eventIdOf(r, event.ref), api, ip, region };
    if (asnText && (changed & 1) !== 0) remember(recent, 0, asnText, note((values.asn ??= {}), asnText, seen));
    if (country && (changed & 2) !== 0) remember(recent, 1, country, note((values.country ??= {}), country, seen));
    if ((changed & 4) !== 0) remember(recent, 2, agent, note((values.agent ??= {}), agent, seen));
    if ((changed & 72) !== 0) remember(recent, 3, region, note((values.region ??= {}), region, seen));
    if (api && (changed & 16) !== 0) remember(recent, 4, api, note((values.api ??= {}), api, seen));
    if (login) {
      const network = asnText ?? (external ? `ip:${external}` : undefined);
      if (network) note((values.loginAsn ??= {}), network, seen);
      if (country) note((values.loginCountry ??= {}), country, seen);
      note((values.loginAgent ??= {}), agent, seen);
    }

    let acct = this.s.accounts[account];
    if (!acct) {
      acct = { first: time, last: time, regions: {}, launches: {} };
      this.s.accounts[account] = acct;
    }
    if (time < acct.first) acct.first = time;
    if (time > acct.last) acct.last = time;
    if ((changed & 72) !== 0) note(acct.regions, region, seen);
    if (api === 'RunInstances' && r.eventSource === 'ec2.amazonaws.com' && ((changed & 88) !== 0)) note(acct.launches, region, { ...seen, actor: actorOf(r) });
    // A value dropped to keep the profile bounded may be one the fast path counts on: start over.
    if (evictions !== evictedBefore) recent.seen.fill(undefined);
  }

  state(): BaselineState {
    return this.s;
  }

  merge(state: unknown): void {
    mergeBaseline(this.s, state as BaselineState);
  }

  finish(ctx: DetectorContext): void {
    const learningMs = ctx.settings.learningDays * DAY;
    for (const [principal, profile] of Object.entries(this.s.principals)) {
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
    for (const [account, acct] of Object.entries(this.s.accounts)) {
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
