import type { Finding } from '../core/finding.ts';
import { SEVERITIES, type Severity } from '../core/severity.ts';
import type { Report } from './report.ts';
import type { RenderOptions } from './formats.ts';
import { terminalCell } from './escape.ts';
import { STATUS_DISPLAY_ORDER, sortFindings, statusOf, summarize, type FindingsSummary } from './summary.ts';

const SEVERITY_COLOR: Record<Severity, string> = {
  CRITICAL: '\u001b[1;35m',
  HIGH: '\u001b[31m',
  MEDIUM: '\u001b[33m',
  LOW: '\u001b[36m',
  INFORMATIONAL: '\u001b[2m',
};
const RESET = '\u001b[0m';
const DEFAULT_WIDTH = 160;

interface Column {
  header: string;
  /** Shrinks (down to `min`) when the natural widths do not fit the terminal. */
  flexible: boolean;
  min?: number;
  /** Cut from the left when too long: the end of an ARN names the resource. */
  keepEnd?: boolean;
  value(finding: Finding): string;
}

const COLUMNS: Column[] = [
  { header: 'STATUS', flexible: false, value: (f) => statusOf(f) },
  { header: 'SEVERITY', flexible: false, value: (f) => f.severity },
  { header: 'TYPE', flexible: true, min: 20, value: (f) => f.type },
  { header: 'ACCOUNT', flexible: false, value: (f) => f.account },
  { header: 'REGION', flexible: false, value: (f) => f.region },
  { header: 'RESOURCE', flexible: true, min: 16, keepEnd: true, value: (f) => f.resource.name ?? f.resource.id },
  { header: 'TITLE', flexible: true, min: 30, value: (f) => f.title },
];
const SEVERITY_COLUMN = 1;
const GAP = 2;

/**
 * The terminal table: problems (and manual or suppressed results) one line each, worst first;
 * passing and not-applicable posture results folded into one line per check, since hundreds of
 * PASS lines would bury the failures. Every cell goes through terminalCell, so a resource name
 * or user agent cannot smuggle escape sequences to the terminal.
 */
export function renderTable(report: Report, options: RenderOptions): string {
  const findings = sortFindings(report.findings);
  const listed = findings.filter((f) => f.status !== 'PASS' && f.status !== 'NOT_APPLICABLE');
  const folded = findings.filter((f) => f.status === 'PASS' || f.status === 'NOT_APPLICABLE');
  // blocks of lines joined at the end (no push(...spread): 100k+ rows overflow the stack)
  const blocks: string[][] = [];
  if (listed.length > 0) blocks.push(grid(listed, options));
  else if (findings.length > 0) blocks.push(['No problems found.']);
  if (folded.length > 0) blocks.push(foldedChecks(folded, options.width ?? DEFAULT_WIDTH));
  if (findings.length === 0) blocks.push(['No findings.']);
  blocks.push([summaryLine(summarize(report.findings))]);
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function grid(findings: Finding[], options: RenderOptions): string[] {
  const rows = findings.map((f) => COLUMNS.map((c) => terminalCell(c.value(f))));
  const widths = fitWidths(
    // reduce, not Math.max(...rows): a spread of 100k+ rows overflows the call stack
    COLUMNS.map((c, i) => rows.reduce((max, r) => Math.max(max, r[i]!.length), c.header.length)),
    options.width ?? DEFAULT_WIDTH,
  );
  const line = (cells: string[], colorRow?: Severity) =>
    cells
      .map((cell, i) => {
        const padded = truncate(cell, widths[i]!, COLUMNS[i]!.keepEnd).padEnd(widths[i]!);
        return colorRow && options.color && i === SEVERITY_COLUMN ? `${SEVERITY_COLOR[colorRow]}${padded}${RESET}` : padded;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(COLUMNS.map((c) => c.header)), ...rows.map((row, i) => line(row, findings[i]!.severity))];
}

/**
 * Fixed columns keep their natural width; flexible ones shrink, the one with most room above
 * its minimum first, until the row fits the terminal. When the minimums alone are too wide,
 * a second pass shrinks them further, to 8 characters at most, before giving up (the
 * terminal then wraps).
 */
export function fitWidths(natural: number[], total: number): number[] {
  const widths = [...natural];
  const used = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  for (const floorOf of [(i: number) => COLUMNS[i]!.min ?? natural[i]!, () => 8]) {
    const room = (i: number) => widths[i]! - Math.min(natural[i]!, floorOf(i));
    while (used() > total) {
      let pick = -1;
      COLUMNS.forEach((c, i) => {
        if (c.flexible && room(i) > 0 && (pick < 0 || room(i) > room(pick))) pick = i;
      });
      if (pick < 0) break;
      widths[pick] = widths[pick]! - Math.min(room(pick), used() - total, Math.max(1, Math.ceil(room(pick) / 2)));
    }
  }
  return widths;
}

function truncate(text: string, width: number, keepEnd = false): string {
  if (text.length <= width) return text;
  return keepEnd ? `…${text.slice(text.length - width + 1)}` : `${text.slice(0, width - 1)}…`;
}

/** One line per check: how many resources passed or were not applicable. */
function foldedChecks(findings: Finding[], width: number): string[] {
  const byCheck = new Map<string, { pass: number; na: number }>();
  for (const f of findings) {
    const entry = byCheck.get(f.type) ?? { pass: 0, na: 0 };
    if (f.status === 'PASS') entry.pass += 1;
    else entry.na += 1;
    byCheck.set(f.type, entry);
  }
  const lines = [...byCheck.entries()].sort(([a], [b]) => a.localeCompare(b));
  const name = Math.min(lines.reduce((max, [check]) => Math.max(max, terminalCell(check).length), 0), Math.max(20, width - 40));
  return [
    `Passed or not applicable (${plural(findings.length, 'result')}, ${plural(byCheck.size, 'check')}):`,
    ...lines.map(([check, { pass, na }]) => {
      const counts = [pass > 0 ? `PASS ${pass}` : '', na > 0 ? `NOT_APPLICABLE ${na}` : ''].filter(Boolean).join('  ');
      return `  ${truncate(terminalCell(check), name).padEnd(name)}  ${counts}`;
    }),
  ];
}

/** `42 results: FAIL 8, ERROR 1, PASS 33 | problems by severity: CRITICAL 1, HIGH 3, …` */
export function summaryLine(summary: FindingsSummary): string {
  const statuses = STATUS_DISPLAY_ORDER.filter((s) => summary.byStatus[s])
    .map((s) => `${s} ${summary.byStatus[s]}`)
    .join(', ');
  const severities = [...SEVERITIES]
    .reverse()
    .filter((s) => summary.bySeverity[s] > 0)
    .map((s) => `${s} ${summary.bySeverity[s]}`)
    .join(', ');
  return `${plural(summary.total, 'result')}: ${statuses || 'none'} | ${summary.actionable} problems${severities ? `: ${severities}` : ''}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The short text summary `vigil demo` (and any command) prints: problems by severity and by
 * source, results by status, and the top failing controls. Titles go through terminalCell.
 */
export function summaryText(summary: FindingsSummary): string {
  const join = (entries: Array<[string, number]>) => entries.map(([k, n]) => `${k} ${n}`).join(' · ') || 'none';
  const lines = [
    `Problems by severity: ${join([...SEVERITIES].reverse().map((s) => [s, summary.bySeverity[s]]))}`,
    `Problems by source:   ${join(Object.entries(summary.bySource).sort((a, b) => b[1] - a[1]))}`,
    `Results by status:    ${join(STATUS_DISPLAY_ORDER.filter((s) => summary.byStatus[s]).map((s) => [s, summary.byStatus[s]!]))}`,
  ];
  if (summary.topFailing.length > 0) {
    const control = summary.topFailing.reduce((max, c) => Math.max(max, terminalCell(c.control).length), 0);
    lines.push('Top failing controls:');
    for (const c of summary.topFailing) {
      lines.push(`  ${String(c.failures).padStart(4)}  ${c.severity.padEnd(8)}  ${terminalCell(c.control).padEnd(control)}  ${truncate(terminalCell(c.title), 80)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
