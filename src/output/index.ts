import { writeFile } from 'node:fs/promises';
import type { OutputFormat } from '../cli/spec.ts';
import type { Io } from '../cli/io.ts';
import { atLeast, type Severity } from '../core/severity.ts';
import { isActionable } from '../core/finding.ts';
import { InputError } from '../core/errors.ts';
import type { Report } from './report.ts';
import { FORMATTERS } from './formats.ts';

export type { Report } from './report.ts';
export { makeReport } from './report.ts';
export { summarize, sortFindings, type FindingsSummary, type FailingControl } from './summary.ts';
export { summaryText } from './table.ts';
export { renderHtmlReport, type HtmlSection } from './html.ts';

export interface EmitOptions {
  format?: OutputFormat;
  out?: string;
  failOn?: Severity;
}

/**
 * Renders a report in the chosen format to --out or stdout and returns the exit code
 * Contract 1 asks for: 1 when a problem at or above --fail-on is present, else 0.
 */
export async function emitReport(report: Report, options: EmitOptions, io: Io): Promise<number> {
  const format = options.format ?? defaultFormat(options.out, io.isTTY);
  // NO_COLOR (https://no-color.org) turns colour off whatever the terminal says.
  const color = io.isTTY && !options.out && !process.env.NO_COLOR;
  const width = io.isTTY ? (io.stdout as NodeJS.WriteStream).columns : undefined;
  const rendered = FORMATTERS[format](report, { color, width, warn: (message) => io.warn(message) });
  if (options.out) {
    try {
      await writeFile(options.out, typeof rendered === 'string' || Buffer.isBuffer(rendered) ? rendered : coalesce(rendered));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code) throw new InputError(`cannot write the report (${code})`, options.out);
      throw error;
    }
    io.info(`wrote ${report.findings.length} findings (${format}) to ${options.out}`);
  } else if (typeof rendered === 'string' || Buffer.isBuffer(rendered)) {
    io.stdout.write(rendered);
  } else {
    for (const chunk of coalesce(rendered)) {
      // respect back-pressure so a large report to a slow pipe is not buffered whole in memory
      if (!io.stdout.write(chunk) && typeof io.stdout.once === 'function') await new Promise((resolve) => io.stdout.once('drain', resolve));
    }
  }
  return exitCodeFor(report, options.failOn);
}

const FORMAT_BY_EXTENSION: Array<[RegExp, OutputFormat]> = [
  [/\.html?$/i, 'html'],
  [/\.jsonl$/i, 'jsonl'],
  [/\.sarif(\.json)?$/i, 'sarif'],
  [/\.asff(\.json)?$/i, 'asff'],
  [/\.ocsf(\.json)?$/i, 'ocsf'],
  [/\.csv$/i, 'csv'],
  [/\.txt$/i, 'table'],
];

/**
 * Without --format: the --out file's extension decides (`report.html`, `findings.csv`,
 * `scan.sarif`, …), any other file gets json; stdout gets a table on a terminal, json in a pipe.
 */
export function defaultFormat(out: string | undefined, isTTY: boolean): OutputFormat {
  if (out) return FORMAT_BY_EXTENSION.find(([pattern]) => pattern.test(out))?.[1] ?? 'json';
  return isTTY ? 'table' : 'json';
}

/** Small chunks merged into writes of about 1 MB. */
function* coalesce(chunks: Iterable<string>, size = 1 << 20): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= size) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

export function exitCodeFor(report: Report, failOn?: Severity): number {
  if (!failOn) return 0;
  const failing = report.findings.some(
    (finding) => isActionable(finding) && finding.status !== 'ERROR' && atLeast(finding.severity, failOn),
  );
  return failing ? 1 : 0;
}
