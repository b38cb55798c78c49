import { writeFile } from 'node:fs/promises';
import type { OutputFormat } from '../cli/spec.ts';
import type { Io } from '../cli/io.ts';
import { atLeast, type Severity } from '../core/severity.ts';
import { isActionable } from '../core/finding.ts';
import type { Report } from './report.ts';
import { FORMATTERS } from './formats.ts';

export type { Report } from './report.ts';
export { makeReport } from './report.ts';
export { summarize, type FindingsSummary, type FailingControl } from './summary.ts';
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
  const format = options.format ?? (options.out?.endsWith('.html') ? 'html' : io.isTTY ? 'table' : 'json');
  // NO_COLOR (https://no-color.org) turns colour off whatever the terminal says.
  const color = io.isTTY && !options.out && !process.env.NO_COLOR;
  const width = io.isTTY ? (io.stdout as NodeJS.WriteStream).columns : undefined;
  const rendered = FORMATTERS[format](report, { color, width, warn: (message) => io.warn(message) });
  if (options.out) {
    await writeFile(options.out, rendered);
    io.info(`wrote ${report.findings.length} findings (${format}) to ${options.out}`);
  } else {
    io.stdout.write(typeof rendered === 'string' ? rendered : rendered.toString('utf8'));
  }
  return exitCodeFor(report, options.failOn);
}

export function exitCodeFor(report: Report, failOn?: Severity): number {
  if (!failOn) return 0;
  const failing = report.findings.some(
    (finding) => isActionable(finding) && finding.status !== 'ERROR' && atLeast(finding.severity, failOn),
  );
  return failing ? 1 : 0;
}
