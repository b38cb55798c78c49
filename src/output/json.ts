import type { Finding } from '../core/finding.ts';
import type { Report } from './report.ts';
import { itemsSlot, joinChunks, prettyJsonChunks } from './chunks.ts';

/** Contract 2's field order; keys a producer adds beyond these follow, alphabetically. */
const FIELD_ORDER = [
  'id', 'source', 'type', 'status', 'workflow', 'severity', 'title', 'description', 'remediation',
  'account', 'region', 'resource', 'compliance', 'techniques', 'firstSeen', 'lastSeen', 'count',
  'evidence', 'references', 'suppression', 'observedAt',
] as const;
const KNOWN = new Set<string>(FIELD_ORDER);

/**
 * The finding with its keys in one fixed order whatever order the producer built it in, so
 * that two runs over the same input print byte-identical JSON and diffs stay readable.
 */
export function canonicalFinding(finding: Finding): Record<string, unknown> {
  const source = finding as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source).filter((k) => !KNOWN.has(k)).sort()) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

/** `--format json`: `{"findings": [...], ...command-specific keys}` (Contract 2). */
export function renderJson(report: Report): string {
  return joinChunks(jsonChunks(report));
}

export function jsonChunks(report: Report): Iterable<string> {
  const extra = { ...report.extra };
  delete extra.findings; // the findings key belongs to the report, never to a command's extras
  const slot = itemsSlot();
  return prettyJsonChunks({ findings: slot.token, ...extra }, slot, report.findings.map(canonicalFinding));
}

/** `--format jsonl`: one finding a line, nothing else, so it streams into log pipelines. */
export function renderJsonl(report: Report): string {
  return joinChunks(jsonlChunks(report));
}

export function* jsonlChunks(report: Report): Generator<string> {
  for (const finding of report.findings) yield `${JSON.stringify(canonicalFinding(finding))}\n`;
}
