import type { OutputFormat } from '../cli/spec.ts';
import type { Report } from './report.ts';
import { renderTable } from './table.ts';
import { jsonChunks, jsonlChunks } from './json.ts';
import { csvChunks } from './csv.ts';
import { sarifChunks } from './sarif.ts';
import { asffChunks } from './asff.ts';
import { ocsfChunks } from './ocsf.ts';
import { renderHtmlReport } from './html.ts';

export interface RenderOptions {
  /** ANSI colour allowed (stdout is a terminal and NO_COLOR is unset). */
  color: boolean;
  /** Terminal width in columns, for the table; a default is used when unknown. */
  width?: number;
  /** Tells the user about findings a format cannot carry (ASFF needs an account id). */
  warn?: (message: string) => void;
}

/** Text, or text in pieces (large JSON and CSV are written chunk by chunk, past V8's string limit). */
export type Rendered = string | Buffer | Iterable<string>;
export type Formatter = (report: Report, options: RenderOptions) => Rendered;

/** One renderer per `--format` value. */
export const FORMATTERS: Record<OutputFormat, Formatter> = {
  table: renderTable,
  json: jsonChunks,
  jsonl: jsonlChunks,
  csv: csvChunks,
  html: (report) => renderHtmlReport(report),
  sarif: sarifChunks,
  asff: asffChunks,
  ocsf: ocsfChunks,
};
