import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, ResultStatus } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import type { Report } from './report.ts';
import { PRODUCT } from './product.ts';
import { sortFindings } from './summary.ts';
import { itemsSlot, joinChunks, prettyJsonChunks } from './chunks.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
  INFORMATIONAL: 'note',
};

/** GitHub code scanning ranks security results by this 0-10 score on the rule. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  CRITICAL: '9.5',
  HIGH: '8.0',
  MEDIUM: '5.5',
  LOW: '3.0',
  INFORMATIONAL: '0.0',
};

/**
 * SARIF's result kinds (§3.27.9). Only `fail` results carry a level other than `none`
 * (§3.27.10), so passes and not-applicable results stay visible without raising alerts.
 */
const KIND: Record<ResultStatus, Result.kind> = {
  FAIL: 'fail',
  SUPPRESSED: 'fail',
  ERROR: 'open',
  MANUAL: 'review',
  PASS: 'pass',
  NOT_APPLICABLE: 'notApplicable',
};

function ruleFor(finding: Finding): ReportingDescriptor {
  const helpUri = (finding.references ?? []).find((r) => /^https?:\/\//.test(r));
  const references = finding.references ?? [];
  const compliance = Object.entries(finding.compliance ?? {}).flatMap(([fw, controls]) => controls.map((c) => `${fw}:${c}`));
  const helpText = [finding.remediation ?? finding.description, ...references.map((r) => `- ${r}`)].filter(Boolean).join('\n');
  return {
    id: finding.type,
    name: finding.type,
    shortDescription: { text: finding.title },
    fullDescription: { text: finding.description || finding.title },
    help: { text: helpText || finding.title },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[finding.severity] },
    properties: {
      // SARIF requires property-bag tags to be unique
      tags: [...new Set(['security', finding.source, ...(finding.techniques ?? []), ...compliance])],
      'security-severity': SECURITY_SEVERITY[finding.severity],
      ...(references.length > 0 ? { references } : {}),
    },
  };
}

function resultFor(finding: Finding, ruleIndex: number): Result {
  const kind = finding.status ? KIND[finding.status] : 'fail';
  const name = finding.resource.name ?? finding.resource.id;
  return {
    ruleId: finding.type,
    ruleIndex,
    kind,
    level: kind === 'fail' ? LEVEL[finding.severity] : 'none',
    message: { text: `${finding.title}${finding.description ? `: ${finding.description}` : ''}` },
    locations: [
      {
        logicalLocations: [
          { name, fullyQualifiedName: finding.resource.id, kind: 'resource' },
          { name: `${finding.account}/${finding.region}`, kind: 'namespace' },
        ],
      },
    ],
    partialFingerprints: { 'vigilFindingId/v1': finding.id },
    ...(finding.suppression || finding.status === 'SUPPRESSED'
      ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: finding.suppression?.reason ?? 'suppressed' }] }
      : {}),
    properties: {
      vigilId: finding.id,
      source: finding.source,
      ...(finding.status ? { status: finding.status } : {}),
      severity: finding.severity,
      account: finding.account,
      region: finding.region,
      resourceType: finding.resource.type,
      compliance: finding.compliance ?? {},
      ...(finding.techniques?.length ? { techniques: finding.techniques } : {}),
      ...(finding.firstSeen ? { firstSeen: finding.firstSeen } : {}),
      ...(finding.lastSeen ? { lastSeen: finding.lastSeen } : {}),
      ...(finding.count !== undefined ? { count: finding.count } : {}),
      evidence: finding.evidence ?? {},
    },
  };
}

/**
 * `--format sarif`: SARIF 2.1.0, one run. Rules are the distinct finding types (check ids,
 * GuardDuty-style types), described from the worst finding of each type; results point at the
 * AWS resource as a logical location (there is no source file), and the stable finding id is
 * the partial fingerprint so that code-scanning tools track a finding across runs.
 */
export function buildSarif(report: Report): Log {
  const findings = sortFindings(report.findings);
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of findings) {
    if (ruleIndex.has(finding.type)) continue;
    ruleIndex.set(finding.type, rules.length);
    rules.push(ruleFor(finding));
  }
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA_URI,
    runs: [
      {
        tool: { driver: { name: PRODUCT.name, version: PRODUCT.version, informationUri: PRODUCT.informationUri, rules } },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt, properties: { command: report.command } }],
        results: findings.map((f) => resultFor(f, ruleIndex.get(f.type)!)),
        ...(report.title ? { properties: { title: report.title } } : {}),
      },
    ],
  };
}

export function renderSarif(report: Report): string {
  return joinChunks(sarifChunks(report));
}

export function sarifChunks(report: Report): Iterable<string> {
  const log = buildSarif(report);
  const run = log.runs[0]!;
  const slot = itemsSlot();
  const results = run.results!;
  run.results = slot.token as unknown as Result[];
  return prettyJsonChunks(log, slot, results);
}
