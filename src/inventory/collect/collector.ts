import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { callerIdentity, discoverAccounts, type AccountTarget } from '../../aws/accounts.ts';
import { ClientPool, type ClientPoolOptions } from '../../aws/client-pool.ts';
import { PARTITIONS, partitionOfRegion, type Partition } from '../../aws/partitions.ts';
import { planRegions } from '../../aws/regions.ts';
import { isServiceName, type ServiceName } from '../../aws/services.ts';
import { InProcessExecutor, type Executor, type Job } from '../../core/executor.ts';
import { InputError } from '../../core/errors.ts';
import type { AccountData, CallError, ManifestAccount, SnapshotManifest } from '../snapshot.ts';
import { SNAPSHOT_FORMAT, Snapshot } from '../snapshot.ts';
import { progressBar, type CollectIo } from './progress.ts';
import { COLLECT_UNIT_HANDLER, remoteUnitInput } from './remote.ts';
import { operationsFor, REGISTERED_SERVICES } from './registry.ts';
import { formatSummary } from './summary.ts';
import { runUnit, ThrottleSignals, unitKey, type Unit, type UnitResult } from './unit.ts';

/**
 * `vigil collect`: accounts → regions → units of (account, region, service) fanned out through
 * an executor; every call's answer or error recorded (Contract 3), nothing thrown for AWS
 * errors after the caller is identified.
 */

export interface CollectConcurrency {
  /** Units (service × region) running at once per account. */
  perAccount?: number;
  /** Units running at once per account and region. */
  perRegion?: number;
  /** Calls in flight at once per account, region and service. */
  perService?: number;
  /** Units running at once overall. */
  overall?: number;
}

export interface CollectOptions {
  profile?: string;
  /** Default region: picks the partition (cn-…, us-gov-…) and the fallback when discovery fails. */
  region?: string;
  regions?: 'all' | string[];
  endpointUrl?: string;
  orgRole?: string;
  externalId?: string;
  accounts?: string[];
  services?: string[];
  concurrency?: CollectConcurrency;
  maxAttempts?: number;
  /**
   * SDK retry mode for collection. Default `standard`: each unit already adapts its send rate
   * to throttling (AdaptiveRate), and the SDK's adaptive limiter on top of it, whose rate
   * estimate starts from zero, measured 10–20% slower in bench/collect.bench.ts.
   */
  retryMode?: 'adaptive' | 'standard';
  /** For tests and benches: credentials, SDK client config and middleware, a custom executor. */
  credentials?: AwsCredentialIdentityProvider;
  clientConfig?: ClientPoolOptions['clientConfig'];
  onClient?: ClientPoolOptions['onClient'];
  executor?: Executor;
  pollIntervalMs?: number;
  maxPolls?: number;
}

export interface CollectSummary {
  calls: number;
  errorsByCode: Record<string, number>;
  accounts: Array<Pick<AccountTarget, 'id' | 'name' | 'status' | 'error'>>;
  skippedRegions: Record<string, string[]>;
  /** Accounts where DescribeRegions failed, so only the listed (or default) regions were read. */
  regionDiscoveryErrors: Record<string, CallError>;
  /** Why the organization's accounts could not be listed (with --org-role). */
  organizationError?: CallError;
  /** How the caller's account was named when STS could not confirm it. */
  identityNote?: string;
  units: number;
  failedUnits: number;
  durationMs: number;
}

export interface CollectResult {
  manifest: SnapshotManifest;
  data: Record<string, AccountData>;
  summary: CollectSummary;
}

/** What a progress display needs; the command draws the bar. */
export interface CollectProgress {
  start(totalUnits: number): void;
  unitDone(key: string): void;
  stop(): void;
}

export const DEFAULT_CONCURRENCY: Required<CollectConcurrency> = { perAccount: 64, perRegion: 48, perService: 4, overall: 128 };

export function validateServices(services: string[] | undefined): void {
  for (const service of services ?? []) {
    if (!isServiceName(service) || !REGISTERED_SERVICES.includes(service)) {
      throw new InputError(`--services: unknown service "${service}" (known: ${REGISTERED_SERVICES.join(', ')})`);
    }
  }
}

export function partitionFor(region: string | undefined): Partition {
  const hint = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  return hint ? partitionOfRegion(hint) : PARTITIONS.aws;
}

export async function collect(options: CollectOptions, progress?: CollectProgress): Promise<CollectResult> {
  validateServices(options.services);
  const started = Date.now();
  const concurrency = { ...DEFAULT_CONCURRENCY, ...options.concurrency };
  const throttleSignals = new ThrottleSignals();
  const pool = new ClientPool({
    onThrottle: (service, account, region) => account && throttleSignals.throttled(unitKey({ account, region, service })),
    credentials: options.credentials,
    profile: options.profile,
    endpointUrl: options.endpointUrl,
    maxAttempts: options.maxAttempts,
    retryMode: options.retryMode ?? 'standard',
    clientConfig: options.clientConfig,
    onClient: options.onClient,
  });
  try {
    const caller = await callerIdentity(pool, partitionFor(options.region), { accounts: options.accounts, endpointUrl: options.endpointUrl });
    const partition = caller.partition;
    const discovery = await discoverAccounts(pool, caller, options);
    const operations = operationsFor(options.services);
    const needsRegions = operations.some((op) => op.scope === 'regional');

    const data: Record<string, AccountData> = {};
    const manifestAccounts: ManifestAccount[] = [];
    const skippedRegions: Record<string, string[]> = {};
    const regionDiscoveryErrors: Record<string, CallError> = {};
    const units: Unit[] = [];
    for (const account of discovery.accounts) {
      const accountData: AccountData = {};
      data[account.id] = accountData;
      if (account.status !== 'ok') {
        manifestAccounts.push({ id: account.id, ...(account.name ? { name: account.name } : {}), regions: [], status: account.status, ...(account.error ? { error: account.error } : {}) });
        continue;
      }
      let regions = [partition.homeRegion];
      if (needsRegions) {
        const plan = await planRegions(pool, account.id, partition, options.regions ?? 'all', options.region);
        record(accountData, 'ec2', 'DescribeRegions', partition.homeRegion, plan.describeRegions);
        regions = plan.regions;
        if (plan.skipped.length > 0) skippedRegions[account.id] = plan.skipped;
        if ('error' in plan.describeRegions) regionDiscoveryErrors[account.id] = plan.describeRegions.error;
      }
      manifestAccounts.push({ id: account.id, ...(account.name ? { name: account.name } : {}), regions, status: 'ok' });
      units.push(...planUnits(account.id, partition, regions, operations));
    }

    const summary: CollectSummary = {
      calls: 0,
      errorsByCode: {},
      accounts: discovery.accounts.map(({ id, name, status, error }) => ({ id, ...(name ? { name } : {}), status, ...(error ? { error } : {}) })),
      skippedRegions,
      regionDiscoveryErrors,
      ...(discovery.organization?.error ? { organizationError: discovery.organization.error } : {}),
      ...(caller.note ? { identityNote: caller.note } : {}),
      units: units.length,
      failedUnits: 0,
      durationMs: 0,
    };
    const executor = options.executor ?? new InProcessExecutor({ concurrency: concurrency.overall, perPrefix: { 1: concurrency.perAccount, 2: concurrency.perRegion } });
    const context = { pool, throttleSignals, perService: concurrency.perService, pollIntervalMs: options.pollIntervalMs ?? 2000, maxPolls: options.maxPolls ?? 60 };
    const roles = new Map(discovery.accounts.map((a) => [a.id, a.roleArn]));
    const jobs: Array<Job<UnitResult>> = units.map((unit) => ({
      key: unitKey(unit),
      run: () => runUnit(unit, context),
      handler: COLLECT_UNIT_HANDLER,
      input: remoteUnitInput(unit, {
        roleArn: roles.get(unit.account),
        externalId: options.externalId,
        profile: options.profile,
        endpointUrl: options.endpointUrl,
        maxAttempts: options.maxAttempts,
        retryMode: options.retryMode,
        perService: concurrency.perService,
        pollIntervalMs: options.pollIntervalMs,
        maxPolls: options.maxPolls,
      }),
    }));
    const byKey = new Map(units.map((unit) => [unitKey(unit), unit]));

    // Identity, account and region discovery.
    summary.calls = pool.sent;
    for (const error of [...Object.values(regionDiscoveryErrors), ...(summary.organizationError ? [summary.organizationError] : [])]) {
      summary.errorsByCode[error.code] = (summary.errorsByCode[error.code] ?? 0) + 1;
    }
    progress?.start(jobs.length);
    try {
      for await (const done of executor.run(jobs)) {
        progress?.unitDone(done.key);
        if (!done.ok) {
          // runUnit records AWS errors itself; reaching here is a bug or a lost worker.
          summary.failedUnits++;
          const unit = byKey.get(done.key)!;
          for (const op of unit.operations) {
            const region = op.scope === 'global' ? unit.homeRegion : unit.region;
            record(data[unit.account]!, unit.service, op.operation, region, { error: { code: 'CollectorFailure', message: String((done.error as Error)?.message ?? done.error) } });
          }
          summary.errorsByCode.CollectorFailure = (summary.errorsByCode.CollectorFailure ?? 0) + unit.operations.length;
          continue;
        }
        for (const [code, count] of Object.entries(done.value.errors)) summary.errorsByCode[code] = (summary.errorsByCode[code] ?? 0) + count;
        // Units count their own calls, so the total is right whichever executor ran them.
        summary.calls += done.value.calls;
        const account = done.key.split('/')[0]!;
        for (const { service, operation, region, entry } of done.value.entries) record(data[account]!, service, operation, region, entry);
      }
    } finally {
      progress?.stop();
    }
    summary.durationMs = Date.now() - started;

    const manifest: SnapshotManifest = {
      format: SNAPSHOT_FORMAT,
      collectedAt: new Date(started).toISOString(),
      partition: partition.id,
      accounts: manifestAccounts,
      ...(Object.keys(skippedRegions).length > 0 ? { skippedRegions } : {}),
      ...(discovery.organization?.id ? { organization: { id: discovery.organization.id, ...(discovery.organization.managementAccountId ? { managementAccountId: discovery.organization.managementAccountId } : {}) } } : {}),
    };
    return { manifest, data: sortAccountData(data), summary };
  } finally {
    pool.destroy();
  }
}

/**
 * Collects and returns the snapshot in memory (`vigil scan` and `vigil watch` in live mode).
 * With `io`, draws the progress bar on a terminal and prints the end summary through `io.info`.
 */
export async function collectSnapshot(options: CollectOptions, io?: CollectIo): Promise<Snapshot> {
  const { manifest, data, summary } = await collect(options, progressBar(io));
  if (io) for (const line of formatSummary(summary)) io.info(line);
  return Snapshot.fromData(manifest, data);
}

function planUnits(account: string, partition: Partition, regions: string[], operations: ReturnType<typeof operationsFor>): Unit[] {
  const units = new Map<string, Unit>();
  const add = (region: string, service: ServiceName, op: (typeof operations)[number]) => {
    const key = unitKey({ account, region, service });
    let unit = units.get(key);
    if (!unit) units.set(key, (unit = { account, region, service, homeRegion: partition.homeRegion, operations: [] }));
    unit.operations.push(op);
  };
  for (const op of operations) {
    if (op.scope === 'global') add(partition.homeRegion, op.service, op);
    else for (const region of regions) add(region, op.service, op);
  }
  return [...units.values()];
}

function record(data: AccountData, service: string, operation: string, region: string, entry: AccountData[string][string][string]): void {
  ((data[service] ??= {})[operation] ??= {})[region] = entry;
}

/** Stable key order, so two collections of the same account diff cleanly. */
function sortAccountData(data: Record<string, AccountData>): Record<string, AccountData> {
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const out: Record<string, AccountData> = {};
  for (const [account, services] of Object.entries(data)) {
    out[account] = sorted(Object.fromEntries(Object.entries(services).map(([service, ops]) => [service, sorted(Object.fromEntries(Object.entries(ops).map(([op, regions]) => [op, sorted(regions)])))])));
  }
  return out;
}
