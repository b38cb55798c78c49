import type { OutputFormat } from '../cli/spec.ts';
import type { Report } from './report.ts';
import { renderTable } from './table.ts';
import { renderJson, renderJsonl } from './json.ts';
import { renderCsv } from './csv.ts';
import { renderSarif } from './sarif.ts';
import { renderAsff } from './asff.ts';
import { renderOcsf } from './ocsf.ts';
import { renderHtmlReport } from './html.ts';

export interface RenderOptions {
  /** ANSI colour allowed (stdout is a terminal and NO_COLOR is unset). */
  color: boolean;
  /** Terminal width in columns, for the table; a default is used when unknown. */
  width?: number;
  /** Tells the user about findings a format cannot carry (ASFF needs an account id). */
  warn?: (message: string) => void;
}

export type Formatter = (report: Report, options: RenderOptions) => string | Buffer;

/** One renderer per `--format` value. */
export const FORMATTERS: Record<OutputFormat, Formatter> = {
  table: renderTable,
  json: renderJson,
  jsonl: renderJsonl,
  csv: renderCsv,
  html: (report) => renderHtmlReport(report),
  sarif: renderSarif,
  asff: renderAsff,
  ocsf: renderOcsf,
};
