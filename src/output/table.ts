import type { Report } from './report.ts';
import type { RenderOptions } from './formats.ts';
import { terminalCell } from './escape.ts';

/** A plain terminal table: one line per finding, worst first. */
export function renderTable(report: Report, _options: RenderOptions): string {
  const rows = report.findings.map((f) => [f.status ?? '', f.severity, f.type, f.account, f.region, f.resource.id, f.title].map(terminalCell));
  const header = ['STATUS', 'SEVERITY', 'TYPE', 'ACCOUNT', 'REGION', 'RESOURCE', 'TITLE'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => c.slice(0, widths[i]).padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n${report.findings.length} findings\n`;
}
