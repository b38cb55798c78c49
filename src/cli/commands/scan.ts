import { InputError } from '../../core/errors.ts';
import { readSnapshot, type Snapshot } from '../../inventory/snapshot.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { runScan } from '../../posture/engine.ts';
import type { FrameworkScore } from '../../posture/score.ts';
import type { CommandInput } from '../spec.ts';
import { persistFindings } from '../persist.ts';
import type { Io } from '../io.ts';
import { stripControl } from '../../output/escape.ts';

interface ScanOptions {
  snapshot?: string;
  framework?: string;
  checks?: string[];
  suppressions?: string;
  regions?: string;
  orgRole?: string;
  externalId?: string;
  accounts?: string;
  format?: 'table' | 'json' | 'jsonl' | 'csv' | 'html' | 'sarif' | 'asff' | 'ocsf';
  out?: string;
  failOn?: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  store?: string | boolean;
}

/**
 * `vigil scan --snapshot DIR [--framework ID]`: posture checks over a snapshot (or a live
 * collection first). With --framework, only that framework's checks run and its score and
 * failing controls are printed (stderr in machine formats, stdout before the table).
 */
export async function run({ options, config, io }: CommandInput<ScanOptions>): Promise<number> {
  const snapshot = options.snapshot ? readSnapshot(options.snapshot) : await liveSnapshot(options, config, io);
  const frameworkIds = options.framework ? [options.framework] : config.posture?.frameworks;
  const result = await runScan({
    snapshot,
    config,
    frameworks: frameworkIds,
    customCheckDirs: options.checks,
    suppressionsFile: options.suppressions,
  });
  for (const warning of result.warnings) io.warn(warning);
  const format = options.format ?? (options.out?.endsWith('.html') ? 'html' : io.isTTY ? 'table' : 'json');
  if (options.framework) {
    const lines = formatScores(result.frameworks);
    if (format === 'table' && !options.out) io.out(lines.join('\n'));
    else for (const line of lines) io.info(line);
  }
  if (options.store !== undefined) {
    // A framework-only scan ran only that framework's checks: only those may be resolved by absence.
    const types = frameworkIds?.length ? [...new Set(result.frameworks.flatMap((f) => f.controls.flatMap((c) => c.checks)))] : undefined;
    const { snapshotScope } = await import('../../hub/index.ts');
    await persistFindings({ option: options.store, config, findings: result.findings, command: 'scan', scope: snapshotScope(snapshot.manifest, 'posture', types), io });
  }
  const report = makeReport('scan', result.findings, { frameworks: result.frameworks }, 'Vigil posture scan');
  return emitReport(report, { format, out: options.out, failOn: options.failOn }, io);
}

async function liveSnapshot(options: ScanOptions, config: CommandInput['config'], io: Io): Promise<Snapshot> {
  let collector: typeof import('../../inventory/collect/index.ts');
  let collectOptionsFrom: typeof import('./collect.ts').collectOptionsFrom;
  try {
    collector = await import('../../inventory/collect/index.ts');
    ({ collectOptionsFrom } = await import('./collect.ts'));
  } catch {
    throw new InputError('live scanning is not available in this build; collect first (vigil collect --out DIR) and run vigil scan --snapshot DIR');
  }
  io.info('collecting a live snapshot (use --snapshot DIR to scan a saved one)…');
  return collector.collectSnapshot(collectOptionsFrom(options, config.aws ?? {}));
}

/** Score line, per-account and per-region scores, then the failing controls. */
export function formatScores(frameworks: FrameworkScore[]): string[] {
  const lines: string[] = [];
  const pct = (score: number | null) => (score === null ? 'n/a' : `${score}%`);
  for (const framework of frameworks) {
    lines.push(`${framework.title} (${framework.id}): score ${pct(framework.score)} — ${framework.passed} passed, ${framework.failed} failed, ${framework.unknown} unknown, ${framework.noData} without data`);
    const accounts = Object.entries(framework.byAccount);
    if (accounts.length > 1) lines.push(`  by account: ${accounts.map(([id, s]) => `${id} ${pct(s.score)}`).join(', ')}`);
    const regions = Object.entries(framework.byRegion);
    if (regions.length > 1) lines.push(`  by region:  ${regions.map(([id, s]) => `${id} ${pct(s.score)}`).join(', ')}`);
    const failing = framework.controls.filter((c) => c.status === 'FAILED');
    if (failing.length > 0) {
      lines.push('  failing controls:');
      const width = Math.max(...failing.map((c) => c.id.length));
      for (const control of failing) lines.push(`    ${control.id.padEnd(width)}  ${stripControl(control.title)}  (${control.failing} failing)`);
    }
    lines.push('');
  }
  return lines;
}
