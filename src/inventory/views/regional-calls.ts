import type { CallResult, Snapshot } from '../snapshot.ts';

/**
 * Small building blocks shared by the service views (ec2, rds, lambda, …): read one list call
 * per region, or one per-resource call, keeping the CallResult beside the data so a check can
 * report ERROR naming the call that failed instead of passing on missing input.
 */

/** What a view needs: the snapshot, the account, the regions collected (a CheckContext fits). */
export interface ViewContext {
  snapshot: Snapshot;
  account: { id: string };
  regions: string[];
}

/** One list call in one region: its result and, when it answered, the items it listed. */
export interface RegionalList<T> {
  region: string;
  service: string;
  operation: string;
  result: CallResult<unknown>;
  /** The listed items; empty unless `result.kind === 'data'`. */
  items: T[];
}

/** A per-resource call: the service, operation and key it was recorded under, and its result. */
export interface ResourceAnswer<T> {
  service: string;
  operation: string;
  key: string;
  result: CallResult<T>;
}

/**
 * Error codes of the services these views read that state "not configured" rather than
 * "unknown". The snapshot module knows the common ones; these are service-specific.
 */
const EXTRA_ABSENT_CODES = new Set([
  'LifecyclePolicyNotFoundException', // ECR GetLifecyclePolicy
  'WAFNonexistentItemException', // WAFv2 GetLoggingConfiguration
  'NoSuchDistribution',
  'PolicyNotFound',
]);

export function normalize<T>(result: CallResult<T>): CallResult<T> {
  if (result.kind === 'error' && EXTRA_ABSENT_CODES.has(result.error.code)) return { kind: 'absent', error: result.error };
  return result;
}

/** Reads `service:operation` in each region and picks the listed items out of each response. */
export function listPerRegion<R, T>(
  context: ViewContext,
  service: string,
  operation: string,
  pick: (response: R) => T[] | undefined,
  regions: string[] = context.regions,
): Array<RegionalList<T>> {
  return regions.map((region) => {
    const result = normalize(context.snapshot.call<R>(context.account.id, service, operation, region));
    const items = result.kind === 'data' ? (pick(result.data) ?? []) : [];
    return { region, service, operation, result: result as CallResult<unknown>, items };
  });
}

/** The answer of a per-resource call, tried under each candidate key (ARN, then name, …). */
export function perResource<T>(context: ViewContext, service: string, operation: string, region: string, ...keys: Array<string | undefined>): ResourceAnswer<T> {
  const candidates = keys.filter((key): key is string => typeof key === 'string' && key.length > 0);
  let first: ResourceAnswer<T> | undefined;
  for (const key of candidates) {
    const result = normalize(context.snapshot.resourceCall<T>(context.account.id, service, operation, region, key));
    const answer = { service, operation, key, result };
    if (result.kind !== 'missing') return answer;
    first ??= answer;
  }
  return first ?? { service, operation, key: '', result: { kind: 'missing' } };
}

/** An account/region-level call (no list to pick). */
export function regionalCall<T>(context: ViewContext, service: string, operation: string, region: string): CallResult<T> {
  return normalize(context.snapshot.call<T>(context.account.id, service, operation, region));
}

/** Words for a call that gave no data: the failure code, or that the snapshot does not hold it. */
export function describeUnavailable(service: string, operation: string, result: CallResult<unknown>, key?: string): string {
  const where = key ? `${service}:${operation} for ${key}` : `${service}:${operation}`;
  if (result.kind === 'error') return `${where} failed (${result.error.code}): the data needed is unknown`;
  if (result.kind === 'missing') return `${where} is not in the snapshot: the data needed is unknown`;
  if (result.kind === 'absent') return `${where} answered ${result.error.code} (not configured)`;
  return `${where} answered`;
}

/** `[{Key, Value}]` (EC2, ELB attributes, RDS tags) → a plain record. */
export function keyValues(list: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { Key, Value } of list ?? []) if (Key !== undefined) out[Key] = Value ?? '';
  return out;
}
