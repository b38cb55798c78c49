import type { CloudTrailEvent, LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, regionOf, timeOf } from '../event.ts';
import type { Detector, DetectorContext } from '../types.ts';
import { Buckets, type BucketState } from './buckets.ts';
import { key, unkey, windowHit } from './window-hit.ts';

/**
 * Credential harvesting in bursts: many secrets, SecureString parameters, Windows password
 * data or user data read by one principal within ~10 minutes. Failed calls count (an
 * attacker probing with stolen keys often fails). BatchGetSecretValue with filters (bulk
 * retrieval by tag or name) fires on its own.
 */

const WINDOW_MS = 10 * 60_000;

interface Kind {
  type: string;
  threshold: string;
  fallback: number;
  /** Counted by distinct values (secret ids) instead of calls. */
  distinct: boolean;
  resourceType: string;
}

const KINDS: Record<string, Kind> = {
  secrets: { type: 'CredentialAccess:IAMUser/SecretsBurst', threshold: 'secretsBurst', fallback: 5, distinct: true, resourceType: 'AWS::SecretsManager::Secret' },
  ssm: { type: 'CredentialAccess:IAMUser/SSMSecureStringBurst', threshold: 'ssmBurst', fallback: 10, distinct: true, resourceType: 'AWS::SSM::Parameter' },
  password: { type: 'CredentialAccess:IAMUser/EC2PasswordDataBurst', threshold: 'passwordDataBurst', fallback: 5, distinct: false, resourceType: 'AWS::EC2::Instance' },
  userdata: { type: 'Discovery:IAMUser/UserDataEnumeration', threshold: 'userDataBurst', fallback: 5, distinct: false, resourceType: 'AWS::EC2::Instance' },
};

export class CredentialBursts implements Detector {
  readonly id = 'credential-bursts';
  readonly kinds = ['cloudtrail'] as const;
  readonly eventSources = ['secretsmanager.amazonaws.com', 'ssm.amazonaws.com', 'ec2.amazonaws.com'];
  private readonly buckets = new Buckets(WINDOW_MS);

  observe(event: LogEvent, ctx: DetectorContext): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    const source = r.eventSource;
    // Most calls are none of these: decide that before reading anything else.
    if (source !== 'secretsmanager.amazonaws.com' && source !== 'ssm.amazonaws.com' && source !== 'ec2.amazonaws.com') return;
    const name = r.eventName;
    let kind: string | undefined;
    let values: string[] = [];
    if (source === 'secretsmanager.amazonaws.com') {
      if (name === 'GetSecretValue') {
        kind = 'secrets';
        values = [String(paramsOf(r).secretId ?? '')];
      } else if (name === 'BatchGetSecretValue') {
        kind = 'secrets';
        const { secretIdList, filters } = paramsOf(r);
        const ids = Array.isArray(secretIdList) ? secretIdList.map(String) : [];
        values = ids.length > 0 ? ids : [`batch:${r.eventID}`];
        if (Array.isArray(filters) && filters.length > 0) {
          // Retrieval of every secret matching a filter: bulk by design.
          ctx.emit({
            type: KINDS.secrets!.type, account: accountOf(r), region: regionOf(r), actor: actorOf(r),
            resource: { type: 'AWS::::Account', id: accountOf(r) }, time: timeOf(r), eventId: eventIdOf(r, event.ref),
            details: { reason: 'BatchGetSecretValue with filters', filters: JSON.stringify(filters).slice(0, 300) },
          });
        }
      }
    } else if (source === 'ssm.amazonaws.com') {
      if (/^GetParameter(s|sByPath)?$/.test(name) && paramsOf(r).withDecryption === true) {
        const { names, name: parameter, path } = paramsOf(r);
        kind = 'ssm';
        values = Array.isArray(names) ? names.map(String) : [String(parameter ?? path ?? r.eventID)];
      }
    } else if (name === 'GetPasswordData') {
      kind = 'password';
      values = [String(paramsOf(r).instanceId ?? '')];
    } else if (name === 'DescribeInstanceAttribute' && paramsOf(r).attribute === 'userData') {
      kind = 'userdata';
      values = [String(paramsOf(r).instanceId ?? '')];
    }
    if (!kind) return;
    const k = key(kind, accountOf(r), actorOf(r));
    for (const value of values) {
      this.buckets.add(k, timeOf(r), eventIdOf(r, event.ref), value, { region: regionOf(r), ip: r.sourceIPAddress });
    }
  }

  state(): BucketState {
    return this.buckets.state();
  }

  merge(state: unknown): void {
    this.buckets.merge(state as BucketState);
  }

  finish(ctx: DetectorContext): void {
    for (const { key: k, window } of this.buckets.bestWindows()) {
      const [kindName, account, actor] = unkey(k);
      const kind = KINDS[kindName!]!;
      const measure = kind.distinct ? window.distinct.length : window.count;
      if (measure < ctx.threshold(kind.threshold, kind.fallback)) continue;
      ctx.emit(
        windowHit(window, {
          type: kind.type, account: account!, region: window.meta.region ?? 'global', actor: actor!,
          resource: { type: 'AWS::::Account', id: account! },
          details: { distinct: window.distinct.length, sample: window.distinct.slice(0, 10), sourceIPAddress: window.meta.ip },
        }),
      );
    }
  }
}

/**
 * The call's requestParameters, read only for the calls that need them (scanned records parse
 * them on first use). A function of the module, not a closure per event: most events are EC2
 * calls that never read them.
 */
function paramsOf(record: CloudTrailEvent): Record<string, unknown> {
  return (record.requestParameters ?? {}) as Record<string, unknown>;
}
