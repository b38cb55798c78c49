import pLimit, { type LimitFunction } from 'p-limit';
import type { ClientPool } from '../../aws/client-pool.ts';
import { toCallError } from '../../aws/errors.ts';
import { normalizeResponse } from '../../aws/response.ts';
import type { ServiceName } from '../../aws/services.ts';
import type { CallEntry, CallError, Entry } from '../snapshot.ts';
import { getPath, pluck, setPath } from './paths.ts';
import type { OperationSpec, Pagination } from './types.ts';

/**
 * One unit of collection work: every registered call of one service in one region of one
 * account. A unit only reads AWS and returns what it recorded, so running it again is safe
 * and its result can travel over a queue.
 */

export interface Unit {
  account: string;
  region: string;
  service: ServiceName;
  /** The partition's home region: global calls are sent and recorded there. */
  homeRegion: string;
  operations: OperationSpec[];
}

export interface RecordedEntry {
  service: string;
  operation: string;
  region: string;
  entry: Entry;
}

export interface UnitResult {
  entries: RecordedEntry[];
  calls: number;
  errors: Record<string, number>;
}

export interface UnitContext {
  pool: ClientPool;
  /** Most calls in flight at once within one unit (i.e. per account, region and service). */
  perService: number;
  /** Where the unit hears about throttling of its own calls (see `ThrottleSignals`). */
  throttleSignals?: ThrottleSignals;
  /** Wait between polls of a report or job. */
  pollIntervalMs: number;
  /** Polls before giving up on a report or job (recorded as a `PollTimeout` error). */
  maxPolls: number;
  onCall?: () => void;
}

/** Code recorded when a per-resource call could not be made because its list call failed. */
export const PARENT_FAILED = 'ParentCallFailed';
const MAX_PAGES = 10_000;

export function unitKey(unit: Pick<Unit, 'account' | 'region' | 'service'>): string {
  return `${unit.account}/${unit.region}/${unit.service}`;
}

/**
 * Routes throttling answers seen by the client pool to the unit whose calls they were, keyed
 * like the units (`account/region/service`).
 */
export class ThrottleSignals {
  private readonly listeners = new Map<string, () => void>();
  listen(key: string, listener: () => void): () => void {
    this.listeners.set(key, listener);
    return () => this.listeners.delete(key);
  }
  throttled(key: string): void {
    this.listeners.get(key)?.();
  }
}

/**
 * The rate a unit sends at, learned from throttling. Unlimited until AWS first throttles; then
 * a little under the rate that was actually getting through in the last second, growing by one
 * call per second after each run of answers without throttling (additive increase,
 * multiplicative decrease). AWS limits each API per account and region, so each unit learns its
 * own. Slowing the sends, rather than the number in flight, keeps calls that sit in the SDK's
 * retry backoff from stalling the rest.
 */
export class AdaptiveRate {
  private rate = Infinity;
  private nextSend = 0;
  private lastCut = 0;
  private quiet = 0;
  private readonly answered: number[] = [];

  constructor(
    private readonly growAfter = 20,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls per second now allowed (Infinity before any throttling). */
  get callsPerSecond(): number {
    return this.rate;
  }

  /** Waits for this call's turn. */
  async turn(): Promise<void> {
    if (this.rate === Infinity) return;
    const now = this.now();
    const at = Math.max(now, this.nextSend);
    this.nextSend = at + 1000 / this.rate;
    if (at > now) await sleep(at - now);
  }

  succeeded(): void {
    const now = this.now();
    this.answered.push(now);
    this.forget(now);
    if (this.rate !== Infinity && ++this.quiet >= this.growAfter) {
      this.rate += 1;
      this.quiet = 0;
    }
  }

  throttled(): void {
    const now = this.now();
    this.quiet = 0;
    // One burst of throttled calls is one signal, not many.
    if (now - this.lastCut < 1000) return;
    this.lastCut = now;
    this.forget(now);
    const gettingThrough = Math.max(1, this.answered.length);
    this.rate = Math.max(1, Math.min(this.rate, gettingThrough) * 0.85);
  }

  private forget(now: number): void {
    while (this.answered.length > 0 && this.answered[0]! <= now - 1000) this.answered.shift();
  }
}

export async function runUnit(unit: Unit, ctx: UnitContext): Promise<UnitResult> {
  const rate = new AdaptiveRate();
  const stopListening = ctx.throttleSignals?.listen(unitKey(unit), () => rate.throttled());
  try {
    return await runUnitCalls(unit, ctx, pLimit(ctx.perService), rate);
  } finally {
    stopListening?.();
  }
}

async function runUnitCalls(unit: Unit, ctx: UnitContext, limit: LimitFunction, rate: AdaptiveRate): Promise<UnitResult> {
  const result: UnitResult = { entries: [], calls: 0, errors: {} };
  const recorded = new Map<string, Promise<Entry>>();

  const send = (operation: string, input: Record<string, unknown>, region: string): Promise<Record<string, unknown>> =>
    limit(async () => {
      await rate.turn();
      result.calls++;
      ctx.onCall?.();
      const output = await ctx.pool.send(unit.service, unit.account, region, operation, input);
      rate.succeeded();
      return output;
    });
  const failed = (error: unknown): { error: CallError } => {
    const callError = toCallError(error);
    result.errors[callError.code] = (result.errors[callError.code] ?? 0) + 1;
    return { error: callError };
  };

  const runOperation = async (op: OperationSpec): Promise<Entry> => {
    const recordRegion = op.scope === 'global' ? unit.homeRegion : unit.region;
    const input = resolveInput(op.input, unit.account);
    if (!op.perResource) {
      return callOnce(op, input, recordRegion);
    }
    const keys = await resourceKeys(op);
    if ('error' in keys) return { error: keys.error };
    const bucketRegions = op.inBucketRegion ? await bucketRegionMap() : undefined;
    const resources: Record<string, CallEntry> = {};
    await Promise.all(
      keys.keys.map(async (key) => {
        const region = bucketRegions?.get(key) ?? recordRegion;
        const per = op.perResource!;
        const identity = 'inputFromKey' in per && per.inputFromKey ? per.inputFromKey(key) : { [per.param]: key };
        resources[key] = await callOnce(op, { ...input, ...identity }, region);
      }),
    );
    return { resources: sortKeys(resources) };
  };

  /** One logical call: generate/poll/paginate as the spec says; never throws. */
  const callOnce = async (op: OperationSpec, input: Record<string, unknown>, region: string): Promise<CallEntry> => {
    try {
      if (op.generate) await generateReport(op.generate, region);
      if (op.job) return { data: normalizeResponse(await runJob(op, input, region)) };
      let output = await paginated(op.operation, input, region, op.paginate);
      if (op.homeRegionExtraInput && region === unit.homeRegion) {
        const extra = await paginated(op.operation, { ...input, ...op.homeRegionExtraInput }, region, op.paginate);
        output = mergeLists(output, extra, op.paginate?.listKeys ?? []);
      }
      return { data: normalizeResponse(output) };
    } catch (error) {
      return failed(error);
    }
  };

  const paginated = async (operation: string, input: Record<string, unknown>, region: string, pagination: Pagination | undefined, first?: Record<string, unknown>): Promise<Record<string, unknown>> => {
    let merged = first ?? (await send(operation, input, region));
    if (!pagination) return merged;
    const seen = new Set<unknown>();
    for (let page = 1; page < MAX_PAGES; page++) {
      const next = getPath(merged, pagination.outputToken);
      const more = pagination.moreKey ? getPath(merged, pagination.moreKey) !== false : true;
      if (next === undefined || next === null || next === '' || !more || seen.has(next)) break;
      seen.add(next);
      const output = await send(operation, { ...input, [pagination.inputToken]: next }, region);
      const tokenOfPage = getPath(output, pagination.outputToken);
      merged = mergeLists(merged, output, pagination.listKeys);
      setPath(merged, pagination.outputToken, tokenOfPage);
      if (pagination.moreKey) setPath(merged, pagination.moreKey, getPath(output, pagination.moreKey));
    }
    // The merged response is complete: tokens and "more pages" flags would only mislead, and a
    // page's item count (CloudFront's `Quantity` beside `Items`) becomes the total.
    setPath(merged, pagination.outputToken, undefined);
    if (pagination.moreKey) setPath(merged, pagination.moreKey, undefined);
    for (const key of pagination.listKeys) {
      if (!key.endsWith('.Items')) continue;
      const items = getPath(merged, key);
      const quantityPath = `${key.slice(0, -'.Items'.length)}.Quantity`;
      if (Array.isArray(items) && typeof getPath(merged, quantityPath) === 'number') setPath(merged, quantityPath, items.length);
    }
    return merged;
  };

  const generateReport = async (generate: NonNullable<OperationSpec['generate']>, region: string): Promise<void> => {
    for (let poll = 0; poll < ctx.maxPolls; poll++) {
      try {
        if (generate.ready(await send(generate.operation, {}, region))) return;
      } catch {
        // Not allowed to generate: a report made earlier may still be readable.
        return;
      }
      await sleep(ctx.pollIntervalMs);
    }
  };

  const runJob = async (op: OperationSpec, input: Record<string, unknown>, region: string): Promise<Record<string, unknown>> => {
    const job = op.job!;
    const started = await send(job.operation, input, region);
    const id = started[job.idKey];
    for (let poll = 0; poll < ctx.maxPolls; poll++) {
      const first = await send(op.operation, { [job.idKey]: id }, region);
      if (!job.pending(first)) return paginated(op.operation, { [job.idKey]: id }, region, op.paginate, first);
      await sleep(ctx.pollIntervalMs);
    }
    throw Object.assign(new Error(`${op.operation} still in progress after ${ctx.maxPolls} polls`), { name: 'PollTimeout' });
  };

  const resourceKeys = async (op: OperationSpec): Promise<{ keys: string[] } | { error: CallError }> => {
    const per = op.perResource!;
    if ('values' in per) return { keys: per.values };
    const parent = recorded.get(per.parent);
    if (!parent) return { error: { code: PARENT_FAILED, message: `${per.parent} was not collected` } };
    const entry = await parent;
    const sources: unknown[] = [];
    if ('data' in entry) sources.push(entry.data);
    else if ('resources' in entry) {
      for (const sub of Object.values(entry.resources)) if ('data' in sub) sources.push(sub.data);
    } else return { error: { code: PARENT_FAILED, message: `not called: ${per.parent} failed (${entry.error.code})` } };
    const keys = new Set<string>();
    for (const source of sources) for (const path of per.keys) for (const key of pluck(source, path)) if (typeof key === 'string' && key) keys.add(key);
    return { keys: [...keys].filter((key) => !per.where || per.where(key)) };
  };

  /** Bucket → region, from GetBucketLocation (null or '' means us-east-1, `EU` eu-west-1). */
  const bucketRegionMap = async (): Promise<Map<string, string>> => {
    const regions = new Map<string, string>();
    const listed = await recorded.get('ListBuckets');
    if (listed && 'data' in listed) {
      for (const bucket of pluck(listed.data, 'Buckets[]') as Array<{ Name?: string; BucketRegion?: string }>) {
        if (bucket.Name && bucket.BucketRegion) regions.set(bucket.Name, bucket.BucketRegion);
      }
    }
    const located = await recorded.get('GetBucketLocation');
    if (located && 'resources' in located) {
      for (const [bucket, sub] of Object.entries(located.resources)) {
        if ('data' in sub) regions.set(bucket, bucketRegion((sub.data as { LocationConstraint?: string | null }).LocationConstraint, unit.homeRegion));
      }
    }
    return regions;
  };

  for (const op of unit.operations) {
    const waitFor = op.perResource && 'parent' in op.perResource ? recorded.get(op.perResource.parent) : undefined;
    const location = op.inBucketRegion ? recorded.get('GetBucketLocation') : undefined;
    const promise = Promise.all([waitFor, location]).then(() => runOperation(op));
    recorded.set(op.operation, promise);
  }
  for (const op of unit.operations) {
    const entry = await recorded.get(op.operation)!;
    const region = op.scope === 'global' ? unit.homeRegion : unit.region;
    result.entries.push({ service: unit.service, operation: op.operation, region, entry });
  }
  return result;
}

export function bucketRegion(locationConstraint: string | null | undefined, homeRegion: string): string {
  // Buckets in us-east-1 (and each partition's first region) report no location constraint.
  if (!locationConstraint) return homeRegion;
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}

function resolveInput(input: Record<string, unknown> | undefined, account: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input ?? {})) out[key] = value === '{account}' ? account : value;
  return out;
}

function mergeLists(base: Record<string, unknown>, page: Record<string, unknown>, listKeys: string[]): Record<string, unknown> {
  // In place: pages are ours, and copying the growing list on every page would be quadratic.
  const merged = base;
  for (const key of listKeys) {
    const before = getPath(merged, key);
    const added = getPath(page, key);
    if (Array.isArray(added)) setPath(merged, key, [...(Array.isArray(before) ? before : []), ...added]);
  }
  return merged;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
