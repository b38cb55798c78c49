import { s3View } from '../../inventory/views/s3.ts';
import type { Snapshot } from '../../inventory/snapshot.ts';
import type { CheckContext, CheckResult } from '../check.ts';
import { accountResource } from './result.ts';

/**
 * Organization awareness helpers: where a bucket lives (a trail often writes to a bucket in a
 * log-archive account), which accounts are administrators, and a per-region loop.
 */

const bucketOwners = new WeakMap<Snapshot, Map<string, string>>();

/** The account (in this snapshot) that owns a bucket, or undefined when none lists it. */
export function bucketOwner(ctx: CheckContext, bucket: string): string | undefined {
  const own = s3View(ctx.snapshot, ctx.account.id).buckets();
  if (own.ok && own.value.some((b) => b.name === bucket)) return ctx.account.id;
  let index = bucketOwners.get(ctx.snapshot);
  if (!index) {
    // Built once per snapshot, the first time a bucket outside the account is asked about.
    index = new Map();
    // Peeked, not loaded: only each account's ListBuckets entry is parsed, and nothing is kept.
    const region = s3View(ctx.snapshot, ctx.account.id).region;
    for (const account of ctx.snapshot.accounts) {
      const list = ctx.snapshot.peek<{ Buckets?: Array<{ Name?: string }> }>(account.id, 's3', 'ListBuckets', region);
      if (list.kind === 'data') for (const b of list.data.Buckets ?? []) if (b.Name) index.set(b.Name, account.id);
    }
    bucketOwners.set(ctx.snapshot, index);
  }
  return index.get(bucket);
}

export function adminAccounts(ctx: CheckContext): string[] {
  return (ctx.org?.adminAccountIds ?? []).filter((id) => id !== ctx.account.id && ctx.snapshot.accounts.some((a) => a.id === id));
}

/** Is this account a member of the organization the snapshot describes? */
export function inOrganization(ctx: CheckContext): boolean {
  if (!ctx.org?.managementAccountId) return false;
  return ctx.org.memberAccountIds.size === 0 || ctx.org.memberAccountIds.has(ctx.account.id) || ctx.org.managementAccountId === ctx.account.id;
}

/** One result per collected region, with the account as the resource. */
export function perRegion(ctx: CheckContext, judge: (region: string, resource: ReturnType<typeof accountResource>) => CheckResult): CheckResult[] {
  const resource = accountResource(ctx);
  return ctx.regions.map((region) => judge(region, resource));
}
