import type { CommandInput, OutputFormat } from '../spec.ts';
import type { Severity } from '../../core/severity.ts';
import { InputError } from '../../core/errors.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { readSnapshot } from '../../inventory/snapshot.ts';
import { openLogs } from '../../logs/index.ts';
import { readActivity } from '../../access/unused/activity.ts';
import { unusedAccess } from '../../access/unused/unused.ts';

interface Options {
  snapshot?: string;
  days?: string;
  trail?: string[];
  format?: OutputFormat;
  out?: string;
  failOn?: Severity;
}

export async function run({ options, config, io }: CommandInput<Options>): Promise<number> {
  if (!options.snapshot) throw new InputError('--snapshot DIR is required');
  const days = Number(options.days ?? config.access?.unusedDays ?? 90);
  if (!Number.isInteger(days) || days <= 0) throw new InputError(`--days: expected a positive whole number of days, got ${options.days}`);
  const snapshot = readSnapshot(options.snapshot);
  let activity;
  if (options.trail?.length) {
    const stream = openLogs(options.trail, { onProblem: (p) => io.warn(`${p.file}${p.line ? `:${p.line}` : p.offset !== undefined ? `@${p.offset}` : ''}: ${p.reason} (skipped)`) });
    activity = await readActivity(stream);
    io.info(`read ${activity.events} CloudTrail events from ${stream.stats.files} files`);
  }
  const result = unusedAccess(snapshot, { days, activity });
  for (const note of result.notes) io.info(note);
  return emitReport(makeReport('iam unused', result.findings, { notes: result.notes, days }, 'Unused access'), { format: options.format, out: options.out, failOn: options.failOn }, io);
}
