import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { suppressionSchema, type SuppressionRule } from '../core/config.ts';
import { InputError } from '../core/errors.ts';
import type { Finding } from '../core/finding.ts';

/**
 * Suppression rules (vigil.yaml `suppressions:` and `--suppressions FILE`): each matches
 * account, region, check (finding type), resource (ARN/id/name) and tags; globs follow
 * picomatch (`*` within a `/`-separated segment, `**` across). A matching FAIL/ERROR/MANUAL
 * result stays in the output with status SUPPRESSED and the rule's reason. A rule past its
 * expiry no longer applies, and a warning says so.
 */

export interface SuppressionOutcome {
  findings: Finding[];
  warnings: string[];
  suppressed: number;
}

/** Reads a suppressions file: a YAML list of rules, or `{suppressions: [...]}`. */
export function readSuppressionsFile(file: string): SuppressionRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read suppressions: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, file);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const pos = lineCounter.linePos(doc.errors[0]!.pos[0]);
    throw new InputError(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, file, `${pos.line}:${pos.col}`);
  }
  const raw = doc.toJS() as unknown;
  const list = Array.isArray(raw) ? raw : (raw as { suppressions?: unknown } | null)?.suppressions;
  const parsed = z.array(suppressionSchema).safeParse(list ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [...(Array.isArray(raw) ? [] : ['suppressions']), ...issue.path] as Array<string | number>;
    const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
    const location = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
    throw new InputError(`${issue.path.join('.')}: ${issue.message}`, file, location ? `${location.line}:${location.col}` : undefined);
  }
  return parsed.data;
}

const SUPPRESSIBLE = new Set(['FAIL', 'ERROR', 'MANUAL']);

interface CompiledRule {
  index: number;
  rule: SuppressionRule;
  expired: boolean;
  account?: (value: string) => boolean;
  region?: (value: string) => boolean;
  check?: (value: string) => boolean;
  resource?: (value: string) => boolean;
}

function glob(pattern: string | undefined): ((value: string) => boolean) | undefined {
  if (pattern === undefined) return undefined;
  const matcher = picomatch(pattern, { dot: true, nocase: false });
  return (value) => value === pattern || matcher(value);
}

export function describeRule(rule: SuppressionRule): string {
  const parts = (['check', 'account', 'region', 'resource'] as const).filter((key) => rule[key] !== undefined).map((key) => `${key}=${rule[key]}`);
  if (rule.tags) parts.push(...Object.entries(rule.tags).map(([k, v]) => `tag:${k}=${v}`));
  return parts.join(' ') || '(matches everything)';
}

export function applySuppressions(findings: Finding[], rules: SuppressionRule[], now: Date): SuppressionOutcome {
  const compiled: CompiledRule[] = rules.map((rule, index) => ({
    index,
    rule,
    expired: rule.expires !== undefined && Date.parse(rule.expires) <= now.getTime(),
    account: glob(rule.account),
    region: glob(rule.region),
    check: glob(rule.check),
    resource: glob(rule.resource),
  }));
  const expiredHits = new Map<number, number>();
  let suppressed = 0;
  const out = findings.map((finding) => {
    if (!finding.status || !SUPPRESSIBLE.has(finding.status)) return finding;
    for (const rule of compiled) {
      if (!matches(rule, finding)) continue;
      if (rule.expired) {
        expiredHits.set(rule.index, (expiredHits.get(rule.index) ?? 0) + 1);
        continue;
      }
      suppressed++;
      return {
        ...finding,
        status: 'SUPPRESSED' as const,
        workflow: 'SUPPRESSED' as const,
        suppression: { reason: rule.rule.reason, rule: describeRule(rule.rule), ...(rule.rule.expires ? { expires: rule.rule.expires } : {}) },
        evidence: { ...finding.evidence, suppressedStatus: finding.status },
      };
    }
    return finding;
  });
  const warnings: string[] = [];
  for (const rule of compiled) {
    if (!rule.expired) continue;
    const hits = expiredHits.get(rule.index) ?? 0;
    warnings.push(
      `suppression #${rule.index + 1} (${describeRule(rule.rule)}; reason: ${rule.rule.reason}) expired on ${rule.rule.expires} and no longer applies` +
        (hits > 0 ? ` (${hits} result${hits === 1 ? '' : 's'} it matched are reported again)` : ''),
    );
  }
  return { findings: out, warnings, suppressed };
}

function matches(rule: CompiledRule, finding: Finding): boolean {
  if (rule.account && !rule.account(finding.account)) return false;
  if (rule.region && !rule.region(finding.region)) return false;
  if (rule.check && !rule.check(finding.type)) return false;
  if (rule.resource && !(rule.resource(finding.resource.id) || (finding.resource.name !== undefined && rule.resource(finding.resource.name)))) return false;
  if (rule.rule.tags) {
    const tags = finding.resource.tags ?? {};
    for (const [key, value] of Object.entries(rule.rule.tags)) {
      if (tags[key] === undefined) return false;
      if (!(value === '*' || tags[key] === value)) return false;
    }
  }
  return true;
}
