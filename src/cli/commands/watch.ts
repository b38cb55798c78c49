import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import type { Finding } from '../../core/finding.ts';
import type { VigilConfig } from '../../core/config.ts';
import type { Io } from '../io.ts';
import type { ScanScope } from '../../hub/store.ts';

/**
 * `vigil watch`: continuous mode. Each round collects (live, or re-reads `--snapshot`), scans,
 * analyses access, detects over `--logs` since the previous round (baselines kept in
 * `--state`), writes everything to the store with the lifecycle, resolves quiet detections
 * and delivers notifications. `--once` runs one round (for cron or a Kubernetes CronJob).
 */

interface WatchOptions {
  store?: string;
  interval?: string;
  snapshot?: string;
  logs?: string[];
  state?: string;
  once?: boolean;
  quietDays?: string;
  regions?: string;
  orgRole?: string;
  externalId?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

export async function run({ options, config, io }: CommandInput<WatchOptions>): Promise<number> {
  const minutes = Number(options.interval ?? 60);
  if (!(minutes > 0)) throw new InputError(`--interval: expected minutes > 0, got ${options.interval}`);
  const quietDays = Number(options.quietDays ?? 7);
  let since: Date | undefined;
  let stop = false;
  const onSignal = () => (stop = true);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  for (let round = 1; ; round++) {
    const started = new Date();
    await runRound(options, config, io, since, quietDays);
    since = started;
    if (options.once || stop) return 0;
    io.info(`next round in ${minutes} min (round ${round} took ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)`);
    const wakeAt = Date.now() + minutes * 60_000;
    while (!stop && Date.now() < wakeAt) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, wakeAt - Date.now())));
    if (stop) return 0;
  }
}

async function runRound(options: WatchOptions, config: VigilConfig, io: Io, since: Date | undefined, quietDays: number): Promise<void> {
  const { FindingsStore, snapshotScope } = await import('../../hub/index.ts');
  const { enqueueHook, deliverConfigured } = await import('../../notify/index.ts');
  const store = await FindingsStore.open(options.store ?? config.store);
  const enqueue = enqueueHook(config);
  const save = async (command: string, findings: Finding[], scope?: ScanScope) => {
    const summary = await store.ingest(findings, { command, enqueue, scope });
    io.info(`${command}: ${findings.length} findings, ${summary.created} new, ${summary.reopened} reopened, ${summary.resolved} resolved`);
  };
  try {
    const snapshot = await loadSnapshot(options, config, io);
    const { runScan } = await import('../../posture/engine.ts');
    const scan = await runScan({ snapshot, config });
    await save('watch scan', scan.findings, snapshotScope(snapshot.manifest, 'posture'));
    const { analyzeAccess, closeSolver } = await import('../../access/index.ts');
    await save('watch access', await analyzeAccess(snapshot, config), snapshotScope(snapshot.manifest, 'access'));
    await closeSolver();
    const logs = options.logs ?? [];
    if (logs.length > 0) {
      const { runDetection } = await import('../../detect/index.ts');
      const { configuredDetection, problemText } = await import('./detect.ts');
      const configured = configuredDetection(config);
      const detection = await runDetection(logs, {
        ...configured,
        since,
        state: options.state ?? configured.state,
        endpointUrl: options.endpointUrl,
        region: options.region,
        profile: options.profile,
        onProblem: (problem) => io.warn(problemText(problem)),
      });
      await save('watch detect', detection.findings);
    }
    const quiet = await store.resolveQuietDetections(quietDays);
    if (quiet > 0) io.info(`${quiet} detection(s) resolved after ${quietDays} quiet days`);
    if (enqueue) {
      const delivered = await deliverConfigured(store, config, (m) => io.debug(m));
      io.info(`notifications: ${delivered.sent} sent, ${delivered.retrying} to retry, ${delivered.failed} failed`);
    }
  } finally {
    await store.close();
  }
}

async function loadSnapshot(options: WatchOptions, config: VigilConfig, io: Io) {
  if (options.snapshot) {
    const { readSnapshot } = await import('../../inventory/snapshot.ts');
    return readSnapshot(options.snapshot);
  }
  const { collectSnapshot } = await import('../../inventory/collect/index.ts');
  io.info('collecting…');
  return collectSnapshot({
    profile: options.profile ?? config.aws?.profile,
    region: options.region ?? config.aws?.region,
    regions: options.regions ? (options.regions === 'all' ? 'all' : options.regions.split(',')) : config.aws?.regions,
    endpointUrl: options.endpointUrl ?? config.aws?.endpointUrl,
    orgRole: options.orgRole ?? config.aws?.orgRole,
    externalId: options.externalId ?? config.aws?.externalId,
    accounts: config.aws?.accounts,
  });
}
