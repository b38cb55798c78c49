import { SingleBar } from 'cli-progress';
import { makeReport, emitReport } from '../../output/index.ts';
import { InputError } from '../../core/errors.ts';
import { parseTimeOption } from '../../core/time.ts';
import { persistFindings } from '../persist.ts';
import type { OutputFormat, CommandInput } from '../spec.ts';
import type { Io } from '../io.ts';
import type { Severity } from '../../core/severity.ts';
import type { VigilConfig } from '../../core/config.ts';
import type { DetectOptions, DetectProgress } from '../../detect/index.ts';
import type { LogProblem } from '../../logs/types.ts';

interface DetectCliOptions {
  intel?: string[];
  rules?: string[];
  builtin?: boolean;
  since?: string;
  until?: string;
  state?: string;
  learningDays?: string;
  workers?: string;
  memory?: string;
  store?: string | boolean;
  format?: OutputFormat;
  out?: string;
  failOn?: Severity;
}

/** `vigil detect PATH|s3://… [options]`: threat detection over logs (thin: parse, run, render). */
export async function run({ args, options, config, io }: CommandInput<DetectCliOptions>): Promise<number> {
  const configured = configuredDetection(config);
  const workers = options.workers !== undefined ? Math.floor(positiveNumber(options.workers, '--workers')) : configured.workers;
  if (workers !== undefined && workers < 1) throw new InputError('--workers: expected at least 1');
  const memoryMb = options.memory !== undefined ? Math.floor(positiveNumber(options.memory, '--memory')) : configured.memoryMb;
  if (memoryMb !== undefined && memoryMb < 1) throw new InputError('--memory: expected a size in MB, at least 1');
  const { runDetection } = await import('../../detect/index.ts');
  const bar = readingBar(io);
  const result = await runDetection(args, {
    ...configured,
    intel: [...(configured.intel ?? []), ...(options.intel ?? [])],
    rules: [...(configured.rules ?? []), ...(options.rules ?? [])],
    builtin: options.builtin !== false,
    since: options.since ? parseTimeOption(options.since, '--since') : undefined,
    until: options.until ? parseTimeOption(options.until, '--until') : undefined,
    state: options.state ?? configured.state,
    learningDays: options.learningDays !== undefined ? positiveNumber(options.learningDays, '--learning-days') : configured.learningDays,
    workers,
    memoryMb,
    endpointUrl: options.endpointUrl ?? config.aws?.endpointUrl,
    region: options.region ?? config.aws?.region,
    profile: options.profile ?? config.aws?.profile,
    onProblem: (problem) => io.warn(problemText(problem)),
    onProgress: bar?.update,
  }).finally(() => bar?.stop());
  const { stats } = result;
  for (const failure of stats.rules.failures) io.warn(`rule not loaded: ${failure.file}: ${failure.reason}`);
  if (stats.rules.skipped > 0) io.info(`${stats.rules.skipped} rule(s) for other log sources skipped`);
  io.info(
    `${stats.files} file(s), ${stats.events.analysed} event(s) analysed (${stats.events.skipped} unreadable, ${stats.events.filtered} outside the time window), ` +
      `${stats.rules.loaded} rule(s), ${result.findings.length} finding(s)`,
  );
  await persistFindings({ option: options.store, config, findings: result.findings, command: 'detect', io });
  return emitReport(makeReport('detect', result.findings, { stats }, 'Vigil threat detection'), { format: options.format, out: options.out, failOn: options.failOn }, io);
}

function positiveNumber(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new InputError(`${option}: expected a number, got "${text}"`);
  return n;
}

/** What vigil.yaml's `detect:` section sets, as `vigil detect` and `vigil watch` both read it. */
export function configuredDetection(config: VigilConfig): DetectOptions {
  const { intel, rules, state, learningDays, workers, memoryMb, allow, thresholds, trustedAccounts } = config.detect ?? {};
  return { intel, rules, state, learningDays, workers, memoryMb, allow, thresholds, trustedAccounts };
}

/** A log problem as one warning line: the file, the line or byte offset, the reason. */
export function problemText(problem: LogProblem): string {
  const place = problem.line !== undefined ? `:${problem.line}` : problem.offset !== undefined ? `@${problem.offset}` : '';
  return `${problem.file}${place}: ${problem.reason}`;
}

/**
 * A bar on stderr for the compressed megabytes read, when stderr is a terminal (not in pipes,
 * not with --quiet) and the input's size is known (local files). A problem reported meanwhile
 * breaks the bar's line; the bar goes on below it.
 */
function readingBar(io: Io): { update: (progress: DetectProgress) => void; stop: () => void } | undefined {
  if (!io.showProgress) return undefined;
  const bar = new SingleBar({ stream: io.stderr as NodeJS.WriteStream, format: 'detecting [{bar}] {percentage}%  {read}/{size} MB  ETA {eta_formatted}', hideCursor: true, clearOnComplete: true, etaBuffer: 500 });
  let started = false;
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  return {
    update: ({ bytes, totalBytes }) => {
      if (totalBytes === undefined || totalBytes === 0) return;
      if (!started) {
        started = true;
        bar.start(totalBytes, 0, { read: '0', size: mb(totalBytes) });
      }
      bar.update(bytes, { read: mb(bytes) });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
