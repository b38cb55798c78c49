import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { debuglog } from 'node:util';
import { findingId, type Finding } from '../core/finding.ts';
import { InputError } from '../core/errors.ts';
import { severityRank } from '../core/severity.ts';
import { emptyStats, openLogs } from '../logs/index.ts';
import type { LogEvent, LogProblem, LogStats } from '../logs/types.ts';
import type { Group } from './aggregate.ts';
import { emptyBaseline, loadBaseline, saveBaseline, type BaselineState } from './baseline/model.ts';
import { SIGMA_RULE_INFO, findingTypeInfo, playbookPath, referencesFor } from './catalog.ts';
import { builtinDetectors } from './detectors/index.ts';
import { Engine, type AllowList, type EngineState } from './engine.ts';
import { Intel, loadIntel } from './intel/index.ts';
import { loadRuleFolders, type RuleLoadProblem, type RuleSet } from './sigma/rule.ts';
import { SigmaError } from './sigma/values.ts';
import type { DetectSettings } from './types.ts';
import { defaultMemoryMb, plannedThreads } from './threads.ts';

export { findingTypeInfo, allFindingTypes, playbookPath, renderPlaybook } from './catalog.ts';
export type { AllowList } from './engine.ts';

const debug = debuglog('vigil');

/** The folder of Vigil's own Sigma rules. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('./rules/', import.meta.url));

export interface DetectOptions {
  /** Threat intelligence files (`--intel`). */
  intel?: string[];
  /** Folders (or files) of Sigma rules (`--rules`). */
  rules?: string[];
  /** Run the built-in rules and detectors (default true; `--no-builtin`). */
  builtin?: boolean;
  since?: Date;
  until?: Date;
  /** Baseline state file, read and updated (`--state`). */
  state?: string;
  learningDays?: number;
  /** Threads (1 runs in this thread only; default: planned from the cores, input and memoryMb). */
  workers?: number;
  /** The memory to plan the default thread count for, in MB (default: half the machine's or container's). */
  memoryMb?: number;
  allow?: AllowList;
  thresholds?: Record<string, number>;
  trustedAccounts?: string[];
  /** For s3:// inputs. */
  endpointUrl?: string;
  region?: string;
  profile?: string;
  onProblem?: (problem: LogProblem) => void;
  /** Called as files are read, by every thread (progress bars). */
  onProgress?: (progress: DetectProgress) => void;
  /** The time the findings are observed at (default: now). */
  now?: Date;
}

/** How far a run has read: compressed bytes of the files read, of `totalBytes` when it is known (local inputs). */
export interface DetectProgress {
  bytes: number;
  totalBytes?: number;
}

export interface DetectStats {
  files: number;
  filesSkipped: number;
  bytes: number;
  events: {
    /** Records read from the inputs (parsed + skipped). */
    read: number;
    parsed: number;
    /** Records that could not be parsed. */
    skipped: number;
    /** Outside --since/--until. */
    filtered: number;
    /** Ignored because an allow-list matched. */
    allowListed: number;
    analysed: number;
  };
  byKind: LogStats['byKind'];
  problems: LogProblem[];
  rules: { loaded: number; builtin: number; skipped: number; failed: number; failures: RuleLoadProblem[]; skippedFiles: RuleLoadProblem[] };
  intel: { indicators: number };
  detectors: Record<string, number>;
  findings: number;
  workers: number;
  durationMs: number;
  eventsPerSecond: number;
}

export interface DetectionResult {
  findings: Finding[];
  stats: DetectStats;
  /** The merged baseline (also written to `options.state` when given). */
  baseline: BaselineState;
}

/** Rules as the engine needs them: built-in and user folders, loaded once per thread. */
export function loadRules(folders: string[], builtin: boolean): RuleSet {
  const set: RuleSet = { rules: [], skipped: [], failed: [] };
  const add = (more: RuleSet) => {
    set.rules.push(...more.rules);
    set.skipped.push(...more.skipped);
    set.failed.push(...more.failed);
  };
  if (builtin) add(loadRuleFolders([BUILTIN_RULES_DIR], true));
  for (const folder of folders) {
    try {
      add(loadRuleFolders([folder]));
    } catch (error) {
      if (error instanceof SigmaError) throw new InputError(error.message, folder);
      throw error;
    }
  }
  return set;
}

export function settingsOf(options: DetectOptions): DetectSettings {
  return {
    learningDays: options.learningDays ?? 7,
    thresholds: options.thresholds ?? {},
    trustedAccounts: options.trustedAccounts ?? [],
  };
}

/**
 * Detection over events already in memory (tests, the demo): the same rules, detectors and
 * aggregation as `runDetection`, in this thread.
 */
export function detectEvents(events: Iterable<LogEvent>, options: DetectOptions & { prior?: BaselineState } = {}): Finding[] {
  const builtin = options.builtin ?? true;
  const ruleSet = loadRules(options.rules ?? [], builtin);
  const intel = options.intel && options.intel.length > 0 ? loadIntel(options.intel) : new Intel();
  const engine = new Engine({ rules: ruleSet.rules, detectors: builtin ? builtinDetectors(options.prior) : [], intel, settings: settingsOf(options), allow: options.allow });
  for (const event of events) engine.observe(event);
  const observedAt = (options.now ?? new Date()).toISOString();
  const rulesById = new Map(ruleSet.rules.map((r) => [r.id, r]));
  return engine.finish().map((g) => toFinding(g, observedAt, rulesById)).sort(compareFindings);
}

/**
 * Runs detection over log inputs (files, folders, s3:// prefixes): one pass, across worker
 * threads when there are several local files, and returns the aggregated findings and stats.
 */
export async function runDetection(inputs: string[], options: DetectOptions = {}): Promise<DetectionResult> {
  const started = Date.now();
  const builtin = options.builtin ?? true;
  const ruleSet = loadRules(options.rules ?? [], builtin);
  if (!builtin && (options.rules ?? []).length === 0) throw new InputError('--no-builtin needs at least one --rules folder');
  const intel = options.intel && options.intel.length > 0 ? loadIntel(options.intel) : new Intel();
  const prior = options.state ? loadBaseline(options.state) : undefined;
  const settings = settingsOf(options);
  const engine = new Engine({
    rules: ruleSet.rules,
    detectors: builtin ? builtinDetectors(prior) : [],
    intel,
    settings,
    allow: options.allow,
  });

  const cores = availableParallelism();
  let stats: LogStats;
  let workers = 1;
  const files = (options.workers ?? cores) > 1 || options.onProgress ? await localFiles(inputs) : undefined;
  const bytes = (files ?? []).reduce((sum, f) => sum + f.size, 0);
  const progress = options.onProgress && progressReporter(options.onProgress, files ? bytes : undefined);
  // An explicit count is taken as asked.
  const threads = options.workers !== undefined ? Math.max(1, Math.floor(options.workers)) : plannedThreads({ cores, bytes, memoryMb: options.memoryMb ?? defaultMemoryMb() });
  const readInThread = (paths: string[]) =>
    openLogs(paths, {
      since: options.since,
      until: options.until,
      endpointUrl: options.endpointUrl,
      region: options.region,
      profile: options.profile,
      onProblem: options.onProblem,
      lazyRecords: true,
    });
  if (files && files.length > 1 && threads > 1) {
    // This thread reads one share itself while count - 1 workers read the others: every
    // core works and one worker start-up (loading the code and tables) is saved.
    const { partition, runShares } = await import('./workers/pool.ts');
    workers = Math.min(threads, files.length);
    const shares = partition(files, workers);
    const { sharedAsnTable } = await import('./intel/geo.ts');
    const running = runShares(shares.slice(1), {
      asnTable: builtin ? sharedAsnTable() : undefined,
      rules: options.rules ?? [],
      builtin,
      intel: intel.data,
      settings,
      allow: options.allow,
      since: options.since?.toISOString(),
      until: options.until?.toISOString(),
    }, options.onProblem, progress?.worker);
    // A worker failure must not go unobserved while this thread reads its own share.
    running.catch(() => undefined);
    const own = readInThread(shares[0]!);
    await engine.observeStream(own, progress && (() => progress.own(own.stats.bytes)));
    debug(`detection: this thread's share read ${Date.now() - started} ms after the start`);
    stats = emptyStats();
    addStats(stats, own.stats);
    const results = await running;
    const merging = Date.now();
    for (const result of results) {
      engine.merge(result.state as EngineState);
      addStats(stats, result.stats);
    }
    debug(`detection: ${results.length} worker state${results.length === 1 ? '' : 's'} merged in ${Date.now() - merging} ms`);
  } else {
    const stream = readInThread(inputs);
    await engine.observeStream(stream, progress && (() => progress.own(stream.stats.bytes)));
    stats = stream.stats;
  }
  progress?.done(stats.bytes);

  const finishing = Date.now();
  const groups = engine.finish();
  debug(`detection: findings made in ${Date.now() - finishing} ms`);
  const observedAt = (options.now ?? new Date()).toISOString();
  const rulesById = new Map(ruleSet.rules.map((r) => [r.id, r]));
  const findings = groups.map((g) => toFinding(g, observedAt, rulesById)).sort(compareFindings);

  const baseline = builtin ? ((engine.state().detectors.baseline as BaselineState | undefined) ?? emptyBaseline()) : (prior ?? emptyBaseline());
  if (options.state) saveBaseline(options.state, baseline);

  const durationMs = Date.now() - started;
  return {
    findings,
    baseline,
    stats: {
      files: stats.files,
      filesSkipped: stats.filesSkipped,
      bytes: stats.bytes,
      events: {
        read: stats.events + stats.filtered + stats.skipped,
        parsed: stats.events + stats.filtered,
        skipped: stats.skipped,
        filtered: stats.filtered,
        allowListed: engine.allowed,
        analysed: stats.events - engine.allowed,
      },
      byKind: stats.byKind,
      problems: stats.problems,
      rules: {
        loaded: ruleSet.rules.length,
        builtin: ruleSet.rules.filter((r) => r.builtin).length,
        skipped: ruleSet.skipped.length,
        failed: ruleSet.failed.length,
        failures: ruleSet.failed,
        skippedFiles: ruleSet.skipped.slice(0, 50),
      },
      intel: { indicators: intel.size },
      detectors: Object.fromEntries(Object.entries(engine.counts).sort(([a], [b]) => a.localeCompare(b))),
      findings: findings.length,
      workers,
      durationMs,
      eventsPerSecond: durationMs > 0 ? Math.round((stats.events / durationMs) * 1000) : stats.events,
    },
  };
}

function addStats(into: LogStats, from: LogStats): void {
  into.files += from.files;
  into.filesSkipped += from.filesSkipped;
  into.bytes += from.bytes;
  into.events += from.events;
  into.filtered += from.filtered;
  into.skipped += from.skipped;
  for (const kind of Object.keys(into.byKind) as Array<keyof LogStats['byKind']>) into.byKind[kind] += from.byKind[kind] ?? 0;
  into.problems.push(...from.problems);
}

/**
 * Adds up what this thread and each worker have read and passes it on when it changed; once
 * the run is done, the whole (a file that could not be read still counts as dealt with).
 */
function progressReporter(onProgress: (progress: DetectProgress) => void, totalBytes: number | undefined) {
  let own = 0;
  const workers: number[] = [];
  let last = -1;
  const report = (bytes: number) => {
    const shown = totalBytes === undefined ? bytes : Math.min(bytes, totalBytes);
    if (shown === last) return;
    last = shown;
    onProgress({ bytes: shown, totalBytes });
  };
  const sum = () => own + workers.reduce((total, bytes) => total + bytes, 0);
  return {
    own: (bytes: number) => {
      own = bytes;
      report(sum());
    },
    worker: (share: number, bytes: number) => {
      workers[share] = bytes;
      report(sum());
    },
    done: (bytes: number) => report(totalBytes ?? bytes),
  };
}

/** Local inputs expanded to their files (for partitioning across workers); undefined for s3:// inputs. */
async function localFiles(inputs: string[]): Promise<Array<{ path: string; size: number }> | undefined> {
  if (inputs.some((i) => i.startsWith('s3://'))) return undefined;
  const { stat } = await import('node:fs/promises');
  const { walkFolder } = await import('../logs/sources/local.ts');
  const out: Array<{ path: string; size: number }> = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      throw new InputError('no such file or folder', input);
    }
    if (!info.isDirectory()) {
      out.push({ path: input, size: info.size });
      continue;
    }
    // Listing errors are reported again (and counted) by the worker that reads the folder's files.
    for await (const object of walkFolder(input, () => undefined)) {
      let size = object.size;
      if (size === undefined) size = (await stat(object.name).catch(() => ({ size: 0 }))).size;
      out.push({ path: object.name, size });
    }
  }
  return out;
}

function toFinding(group: Group, observedAt: string, rules: Map<string, { references: string[]; description?: string; falsePositives: string[] }>): Finding {
  const info = findingTypeInfo(group.type);
  const rule = group.ruleId ? rules.get(group.ruleId) : undefined;
  const meta = info ?? { ...SIGMA_RULE_INFO, type: group.type, title: group.title ?? group.type, severity: group.severity ?? 'MEDIUM', techniques: [] };
  const techniques = [...new Set([...meta.techniques, ...group.techniques])].sort();
  const severity = group.severity ?? meta.severity;
  const title = info ? info.title : (group.title ?? meta.title);
  const span = group.first === group.last ? `at ${iso(group.first)}` : `from ${iso(group.first)} to ${iso(group.last)}`;
  const reason = typeof group.details.reason === 'string' ? ` ${group.details.reason}.` : '';
  const description =
    `${title}: ${group.count} event${group.count === 1 ? '' : 's'} by ${group.actor} on ${group.resource.id} ${span}.${reason}` +
    (rule?.description ? ` Rule: ${rule.description}` : ` ${meta.why}`);
  const playbook = info ? playbookPath(group.type) : 'playbooks/detect/Sigma-rule.md';
  const details = Object.fromEntries(Object.entries(group.details).filter(([, v]) => v !== undefined && v !== null));
  return {
    id: findingId('detection', group.type, group.account, group.actor, group.resource.id),
    source: 'detection',
    type: group.type,
    severity,
    title,
    description,
    remediation: meta.contain,
    account: group.account,
    region: group.region,
    resource: group.resource,
    compliance: {},
    techniques,
    firstSeen: iso(group.first),
    lastSeen: iso(group.last),
    count: group.count,
    evidence: {
      events: group.events.map(([, id]) => id),
      ...(group.ruleId ? { ruleId: group.ruleId } : {}),
      actor: group.actor,
      playbook,
      ...(group.regions.length > 1 ? { regions: group.regions } : {}),
      ...details,
    },
    references: [...new Set([...referencesFor({ type: group.type, techniques, guardduty: info?.guardduty ?? false }), ...(rule?.references ?? [])])],
    observedAt,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function compareFindings(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.type.localeCompare(b.type) || (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '') || a.id.localeCompare(b.id);
}
