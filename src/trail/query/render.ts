import { csvField, terminalCell } from '../../output/escape.ts';
import type { QueryResult } from './run-query.ts';

const cellText = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** A plain aligned table; cells are attacker-influenced text, so controls are escaped. */
export function renderQueryTable(result: QueryResult, maxWidth = 60): string {
  const cells = result.rows.map((row) => result.columns.map((c) => truncate(terminalCell(cellText(row[c])), maxWidth)));
  const widths = result.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] as string).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] as number)).join('  ').trimEnd();
  const out = [line(result.columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  out.push(`(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export function renderQueryCsv(result: QueryResult): string {
  const lines = [result.columns.map(csvField).join(',')];
  for (const row of result.rows) lines.push(result.columns.map((c) => csvField(cellText(row[c]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function renderQueryJson(result: QueryResult, extra: Record<string, unknown>): string {
  return `${JSON.stringify({ columns: result.columns, rows: result.rows, ...extra }, null, 2)}\n`;
}
