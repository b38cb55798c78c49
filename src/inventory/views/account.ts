import type { CallResult, Snapshot } from '../snapshot.ts';

/**
 * The `account` service view (alternate contacts), plus the small vocabulary every view shares:
 * `Got<T>` is either the data or the failed call (service, operation, region, result) so that a
 * check can report ERROR naming the call; `homeRegion` is where global services are recorded.
 */

export interface FailedCall {
  service: string;
  operation: string;
  region: string;
  call: CallResult<unknown>;
}

export type Got<T> = { ok: true; value: T } | { ok: false; failed: FailedCall };

/** Data → ok; a "not configured" answer → ok(absentValue) when one is given; else the failure. */
export function got<T, R = T>(service: string, operation: string, region: string, call: CallResult<T>, map: (data: T) => R, absentValue?: R): Got<R> {
  if (call.kind === 'data') return { ok: true, value: map(call.data) };
  if (call.kind === 'absent' && absentValue !== undefined) return { ok: true, value: absentValue };
  return { ok: false, failed: { service, operation, region, call } };
}

const HOME_REGIONS: Record<string, string> = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };

/** The region under which global services (IAM, S3 ListBuckets, Organizations…) are recorded. */
export function homeRegion(snapshot: Snapshot): string {
  return HOME_REGIONS[snapshot.partition] ?? 'us-east-1';
}

/** Memoizes a view per loaded account data, so it is built once and dropped with the account. */
export function memoView<V>(build: (snapshot: Snapshot, accountId: string) => V): (snapshot: Snapshot, accountId: string) => V {
  const cache = new WeakMap<object, V>();
  return (snapshot, accountId) => {
    const key = snapshot.account(accountId) as object;
    let view = cache.get(key);
    if (view === undefined) cache.set(key, (view = build(snapshot, accountId)));
    return view;
  };
}

export interface AlternateContact {
  AlternateContactType?: string;
  Name?: string;
  EmailAddress?: string;
  PhoneNumber?: string;
  Title?: string;
}

export const ALTERNATE_CONTACT_TYPES = ['SECURITY', 'BILLING', 'OPERATIONS'] as const;

export interface AccountView {
  region: string;
  /** The contact of a type; null when none is registered (ResourceNotFoundException). */
  alternateContact(type: (typeof ALTERNATE_CONTACT_TYPES)[number]): Got<AlternateContact | null>;
}

export const accountView = memoView((snapshot, accountId): AccountView => {
  const region = homeRegion(snapshot);
  return {
    region,
    alternateContact: (type) =>
      got(
        'account',
        'GetAlternateContact',
        region,
        snapshot.resourceCall<{ AlternateContact?: AlternateContact }>(accountId, 'account', 'GetAlternateContact', region, type),
        (data) => data.AlternateContact ?? null,
        null,
      ),
  };
});
