import type { Finding } from '../core/finding.ts';
import type { Framework } from './frameworks.ts';

/**
 * Framework scores as Security Hub computes them. A control's status in a scope (whole
 * snapshot, one account, one region) comes from the results of its checks there:
 * FAILED if any result FAILs; PASSED if every result PASSes; UNKNOWN when results exist but
 * some could not be evaluated (ERROR) and none failed; NO_DATA when nothing applies
 * (no results, or only NOT_APPLICABLE / SUPPRESSED / un-attested MANUAL).
 * score = PASSED ÷ (PASSED + FAILED): controls without a definite status are left out.
 */

export type ControlStatus = 'PASSED' | 'FAILED' | 'UNKNOWN' | 'NO_DATA';

export interface ScoreCounts {
  /** Percentage, one decimal; null when no control has data. */
  score: number | null;
  passed: number;
  failed: number;
  unknown: number;
  noData: number;
}

export interface ControlScore {
  id: string;
  title: string;
  status: ControlStatus;
  checks: string[];
  /** FAIL results behind a FAILED control. */
  failing: number;
  passing: number;
  errors: number;
}

export interface FrameworkScore extends ScoreCounts {
  id: string;
  title: string;
  controls: ControlScore[];
  byAccount: Record<string, ScoreCounts>;
  byRegion: Record<string, ScoreCounts>;
}

interface Tally {
  pass: number;
  fail: number;
  error: number;
}

function statusOf(tally: Tally | undefined): ControlStatus {
  if (!tally) return 'NO_DATA';
  if (tally.fail > 0) return 'FAILED';
  if (tally.error > 0) return 'UNKNOWN';
  if (tally.pass > 0) return 'PASSED';
  return 'NO_DATA';
}

function counts(statuses: ControlStatus[]): ScoreCounts {
  const passed = statuses.filter((s) => s === 'PASSED').length;
  const failed = statuses.filter((s) => s === 'FAILED').length;
  const unknown = statuses.filter((s) => s === 'UNKNOWN').length;
  const noData = statuses.length - passed - failed - unknown;
  const withData = passed + failed;
  return { score: withData === 0 ? null : Math.round((passed / withData) * 1000) / 10, passed, failed, unknown, noData };
}

/** Scores one framework from findings (any order; one pass over them). */
export function scoreFramework(framework: Framework, findings: Finding[]): FrameworkScore {
  // check id → control indexes
  const controlsOfCheck = new Map<string, number[]>();
  framework.controls.forEach((control, index) => {
    for (const check of control.checks) {
      const list = controlsOfCheck.get(check) ?? [];
      list.push(index);
      controlsOfCheck.set(check, list);
    }
  });
  const overall: Array<Tally | undefined> = new Array(framework.controls.length);
  const perAccount = new Map<string, Array<Tally | undefined>>();
  const perRegion = new Map<string, Array<Tally | undefined>>();
  const bump = (table: Array<Tally | undefined>, index: number, status: string) => {
    const tally = (table[index] ??= { pass: 0, fail: 0, error: 0 });
    if (status === 'PASS') tally.pass++;
    else if (status === 'FAIL') tally.fail++;
    else if (status === 'ERROR') tally.error++;
  };
  const tableFor = (map: Map<string, Array<Tally | undefined>>, key: string) => {
    let table = map.get(key);
    if (!table) map.set(key, (table = new Array(framework.controls.length)));
    return table;
  };
  for (const finding of findings) {
    const status = finding.status;
    if (status !== 'PASS' && status !== 'FAIL' && status !== 'ERROR') continue;
    const indexes = controlsOfCheck.get(finding.type);
    if (!indexes) continue;
    const accountTable = tableFor(perAccount, finding.account);
    const regionTable = tableFor(perRegion, finding.region);
    for (const index of indexes) {
      bump(overall, index, status);
      bump(accountTable, index, status);
      bump(regionTable, index, status);
    }
  }
  const controls = framework.controls.map((control, index) => ({
    id: control.id,
    title: control.title,
    status: statusOf(overall[index]),
    checks: control.checks,
    failing: overall[index]?.fail ?? 0,
    passing: overall[index]?.pass ?? 0,
    errors: overall[index]?.error ?? 0,
  }));
  const scoreTable = (table: Array<Tally | undefined>) => counts(framework.controls.map((_, index) => statusOf(table[index])));
  return {
    id: framework.id,
    title: framework.title,
    ...counts(controls.map((c) => c.status)),
    controls,
    byAccount: Object.fromEntries([...perAccount].sort(([a], [b]) => a.localeCompare(b)).map(([key, table]) => [key, scoreTable(table)])),
    byRegion: Object.fromEntries([...perRegion].sort(([a], [b]) => a.localeCompare(b)).map(([key, table]) => [key, scoreTable(table)])),
  };
}
