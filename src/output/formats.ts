import type { OutputFormat } from '../cli/spec.ts';
import type { Report } from './report.ts';
import { renderTable } from './table.ts';

export interface RenderOptions {
  /** ANSI colour allowed (stdout is a terminal). */
  color: boolean;
}

export type Formatter = (report: Report, options: RenderOptions) => string | Buffer;

function renderJson(report: Report): string {
  return `${JSON.stringify({ findings: report.findings, ...report.extra }, null, 2)}\n`;
}

function renderJsonl(report: Report): string {
  return report.findings.map((finding) => `${JSON.stringify(finding)}\n`).join('');
}

const notYet = (name: string): Formatter => () => {
  throw new Error(`format ${name} is not implemented yet`);
};

/** One renderer per `--format` value. */
export const FORMATTERS: Record<OutputFormat, Formatter> = {
  table: renderTable,
  json: renderJson,
  jsonl: renderJsonl,
  csv: notYet('csv'),
  html: notYet('html'),
  sarif: notYet('sarif'),
  asff: notYet('asff'),
  ocsf: notYet('ocsf'),
};
