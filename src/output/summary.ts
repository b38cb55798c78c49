import { isActionable, type Finding, type FindingSource, type ResultStatus } from '../core/finding.ts';
import { SEVERITIES, severityRank, type Severity } from '../core/severity.ts';

/** A control (or check) that failed, with how many resources it failed on. */
export interface FailingControl {
  /** `cis-aws-5.0.0 1.4` for a mapped control, else the check id. */
  control: string;
  /** The check id behind it. */
  type: string;
  title: string;
  severity: Severity;
  failures: number;
}

/** Counts that the demo summary, the HTML header and the table footer print. */
export interface FindingsSummary {
  total: number;
  /** Findings that are problems (FAIL, ERROR, or detections without a status). */
  actionable: number;
  /** Actionable findings by severity, every severity present (zero when none). */
  bySeverity: Record<Severity, number>;
  /** Actionable findings by source. */
  bySource: Partial<Record<FindingSource, number>>;
  /** Every finding by result status; detections (no status) count under `FINDING`. */
  byStatus: Partial<Record<ResultStatus | 'FINDING', number>>;
  /** Failing checks, most failures first (worst severity breaks ties). */
  topFailing: FailingControl[];
}

/** The status a finding counts under in summaries: detections carry none. */
export function statusOf(finding: Finding): ResultStatus | 'FINDING' {
  return finding.status ?? 'FINDING';
}

export function summarize(findings: readonly Finding[], topLimit = 10): FindingsSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const bySource: FindingsSummary['bySource'] = {};
  const byStatus: FindingsSummary['byStatus'] = {};
  const failing = new Map<string, FailingControl>();
  let actionable = 0;
  for (const finding of findings) {
    const status = statusOf(finding);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (!isActionable(finding)) continue;
    actionable += 1;
    bySeverity[finding.severity] += 1;
    bySource[finding.source] = (bySource[finding.source] ?? 0) + 1;
    // Only real failures rank controls: an ERROR means the data was missing, not that the control failed.
    if (finding.status !== 'FAIL') continue;
    const control = controlLabel(finding);
    const entry = failing.get(control);
    if (entry) {
      entry.failures += 1;
      if (severityRank(finding.severity) > severityRank(entry.severity)) entry.severity = finding.severity;
    } else {
      failing.set(control, { control, type: finding.type, title: finding.title, severity: finding.severity, failures: 1 });
    }
  }
  const topFailing = [...failing.values()]
    .sort((a, b) => b.failures - a.failures || severityRank(b.severity) - severityRank(a.severity) || a.control.localeCompare(b.control))
    .slice(0, topLimit);
  return { total: findings.length, actionable, bySeverity, bySource, byStatus, topFailing };
}

/** The first mapped control (`cis-aws-5.0.0 1.4`), preferring CIS, else the check id. */
export function controlLabel(finding: Finding): string {
  const frameworks = Object.keys(finding.compliance ?? {}).sort((a, b) => Number(b.startsWith('cis')) - Number(a.startsWith('cis')) || a.localeCompare(b));
  for (const framework of frameworks) {
    const first = finding.compliance[framework]?.[0];
    if (first) return `${framework} ${first}`;
  }
  return finding.type;
}

/** The order statuses are listed in summaries. */
export const STATUS_DISPLAY_ORDER: ReadonlyArray<ResultStatus | 'FINDING'> = ['FINDING', 'FAIL', 'ERROR', 'MANUAL', 'SUPPRESSED', 'PASS', 'NOT_APPLICABLE'];

const STATUS_ORDER: Record<ResultStatus | 'FINDING', number> = {
  FINDING: 0,
  FAIL: 0,
  ERROR: 1,
  MANUAL: 2,
  SUPPRESSED: 3,
  PASS: 4,
  NOT_APPLICABLE: 5,
};

/**
 * Worst first: problems before passes, then severity, then type, account, region and resource,
 * so that every renderer lists the same findings in the same, stable order.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER[statusOf(a)] - STATUS_ORDER[statusOf(b)] ||
    severityRank(b.severity) - severityRank(a.severity) ||
    byCodeUnit(a.type, b.type) ||
    byCodeUnit(a.account, b.account) ||
    byCodeUnit(a.region, b.region) ||
    byCodeUnit(a.resource.id, b.resource.id) ||
    byCodeUnit(a.id, b.id)
  );
}

/** Plain string order: the same on every machine whatever its locale, and fast. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
