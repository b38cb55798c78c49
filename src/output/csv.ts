import type { Finding } from '../core/finding.ts';
import type { Report } from './report.ts';
import { csvField } from './escape.ts';
import { sortFindings } from './summary.ts';

/** The fixed header: spreadsheets and scripts can rely on the column order. */
export const CSV_COLUMNS = [
  'id', 'source', 'type', 'status', 'workflow', 'severity', 'title', 'description', 'remediation',
  'account', 'region', 'resource_type', 'resource_id', 'compliance', 'techniques',
  'first_seen', 'last_seen', 'count', 'references', 'evidence', 'suppression_reason', 'observed_at',
] as const;

function cells(f: Finding): string[] {
  const compliance = Object.entries(f.compliance ?? {}).flatMap(([framework, controls]) => controls.map((c) => `${framework}:${c}`));
  return [
    f.id, f.source, f.type, f.status ?? '', f.workflow ?? '', f.severity, f.title, f.description, f.remediation ?? '',
    f.account, f.region, f.resource.type, f.resource.id, compliance.join(' '), (f.techniques ?? []).join(' '),
    f.firstSeen ?? '', f.lastSeen ?? '', f.count === undefined ? '' : String(f.count), (f.references ?? []).join(' '),
    Object.keys(f.evidence ?? {}).length > 0 ? JSON.stringify(f.evidence) : '', f.suppression?.reason ?? '', f.observedAt ?? '',
  ];
}

/**
 * `--format csv`: RFC 4180 (CRLF line ends, quoted fields where needed), worst first. Every
 * field goes through csvField, which also defuses spreadsheet formulas (`=HYPERLINK(…)` in a
 * resource name must not run when the file is opened).
 */
export function renderCsv(report: Report): string {
  let out = '';
  for (const chunk of csvChunks(report)) out += chunk;
  return out;
}

export function* csvChunks(report: Report): Generator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for (const f of sortFindings(report.findings)) yield `${cells(f).map(csvField).join(',')}\r\n`;
}
