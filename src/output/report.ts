import type { Finding } from '../core/finding.ts';

/**
 * What a findings-producing command hands to the renderers: the findings plus the
 * command-specific keys of Contract 2 (`frameworks` for scan, `stats` for detect, `summary`
 * for validate).
 */
export interface Report {
  /** The command that produced it, e.g. `scan`, `detect`, `demo`. */
  command: string;
  findings: Finding[];
  generatedAt: string;
  /** Merged into the top level of `--format json` output. */
  extra?: Record<string, unknown>;
  /** Report title for HTML and SARIF tool runs. */
  title?: string;
}

export function makeReport(command: string, findings: Finding[], extra?: Record<string, unknown>, title?: string): Report {
  return { command, findings, generatedAt: new Date().toISOString(), extra, title };
}
