import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Severity } from '../../core/severity.ts';
import { compileCondition } from './condition.ts';
import { compileSelection, type CompiledSelection } from './selection.ts';
import { SigmaError } from './values.ts';

/**
 * A Sigma rule, loaded and compiled. Vigil's own rules add an optional `vigil:` block naming
 * the GuardDuty finding type and the resource the finding is about; other rules get a type
 * derived from their title.
 */
export interface SigmaRule {
  id: string;
  title: string;
  description?: string;
  level: Severity;
  techniques: string[];
  references: string[];
  falsePositives: string[];
  file: string;
  /** The GuardDuty-style finding type. */
  type: string;
  /** Which resource the finding is about: CloudFormation type and the field holding its id. */
  resource?: { type: string; fields: string[] };
  match: CompiledSelection;
  builtin: boolean;
}

export interface RuleLoadProblem {
  file: string;
  reason: string;
}

export interface RuleSet {
  rules: SigmaRule[];
  /** Rules for other log sources (Windows, Okta, …): not ours to run. */
  skipped: RuleLoadProblem[];
  /** Rules that could not be read or compiled. */
  failed: RuleLoadProblem[];
}

const LEVELS: Record<string, Severity> = {
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

/** Thrown for a rule of another log source; the loader counts it as skipped, not failed. */
class OtherLogSource extends Error {}

export function parseSigmaRule(text: string, file: string, builtin = false): SigmaRule {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new SigmaError('empty file');
  const real = docs.filter((d) => d.contents !== null);
  if (real.length === 0) throw new SigmaError('empty file');
  if (real.length > 1) throw new SigmaError('rule collections (several YAML documents) are not supported');
  const doc = real[0]!;
  if (doc.errors.length > 0) throw new SigmaError(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const raw = doc.toJS() as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new SigmaError('a rule must be a YAML map');
  return compileRule(raw, file, builtin);
}

export function compileRule(raw: Record<string, unknown>, file: string, builtin = false): SigmaRule {
  const title = typeof raw.title === 'string' ? raw.title : undefined;
  if (!title) throw new SigmaError('missing "title"');
  const logsource = raw.logsource as Record<string, unknown> | undefined;
  if (!logsource || typeof logsource !== 'object') throw new SigmaError('missing "logsource"');
  const product = String(logsource.product ?? '').toLowerCase();
  const service = String(logsource.service ?? '').toLowerCase();
  if (product !== 'aws' || service !== 'cloudtrail') {
    throw new OtherLogSource(`logsource ${[logsource.product, logsource.service, logsource.category].filter(Boolean).join('/')}`);
  }
  const detection = raw.detection as Record<string, unknown> | undefined;
  if (!detection || typeof detection !== 'object') throw new SigmaError('missing "detection"');
  const { condition, timeframe, ...items } = detection;
  if (timeframe !== undefined) throw new SigmaError('"timeframe" (correlation) is not supported in single-event rules');
  if (condition === undefined) throw new SigmaError('missing "detection.condition"');
  const selections = new Map<string, CompiledSelection>();
  for (const [name, definition] of Object.entries(items)) selections.set(name, compileSelection(name, definition));
  const conditions = Array.isArray(condition) ? condition.map(String) : [String(condition)];
  const compiled = conditions.map((c) => compileCondition(c, selections));
  const match: CompiledSelection =
    compiled.length === 1 ? compiled[0]! : { test: (r) => compiled.some((c) => c.test(r)) };

  const level = LEVELS[String(raw.level ?? 'medium').toLowerCase()];
  if (!level) throw new SigmaError(`unknown level "${String(raw.level)}"`);
  const tags = Array.isArray(raw.tags) ? raw.tags.map(String) : [];
  const techniques = tags
    .map((t) => /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t)?.[1]?.toUpperCase())
    .filter((t): t is string => t !== undefined);
  const id = typeof raw.id === 'string' ? raw.id : title;
  const vigil = (raw.vigil ?? {}) as { type?: string; resource?: { type?: string; field?: string | string[] } };
  const fields = vigil.resource?.field === undefined ? [] : Array.isArray(vigil.resource.field) ? vigil.resource.field : [vigil.resource.field];
  const resource = vigil.resource?.type && fields.length > 0 ? { type: vigil.resource.type, fields: fields.map(String) } : undefined;
  return {
    id,
    title,
    description: typeof raw.description === 'string' ? raw.description : undefined,
    level,
    techniques,
    references: Array.isArray(raw.references) ? raw.references.map(String) : [],
    falsePositives: Array.isArray(raw.falsepositives) ? raw.falsepositives.map(String) : [],
    file,
    type: vigil.type ?? `Sigma:CloudTrail/${typeName(title)}`,
    resource,
    match,
    builtin,
  };
}

/** A rule title as a finding-type family name: `AWS CloudTrail Important Change` → `AwsCloudtrailImportantChange`. */
function typeName(title: string): string {
  const words = title.match(/[A-Za-z0-9]+/g) ?? ['Rule'];
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('');
}

/**
 * Loads every `.yml`/`.yaml` file under the folders (recursively). Rules of other log sources
 * are skipped and counted; rules that fail are reported with file and reason; nothing stops the load.
 */
export function loadRuleFolders(folders: string[], builtin = false): RuleSet {
  const set: RuleSet = { rules: [], skipped: [], failed: [] };
  for (const folder of folders) {
    for (const file of walk(folder)) {
      const name = relative(process.cwd(), file) || file;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        set.failed.push({ file: name, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
        continue;
      }
      try {
        set.rules.push(parseSigmaRule(text, name, builtin));
      } catch (error) {
        if (error instanceof OtherLogSource) set.skipped.push({ file: name, reason: error.message });
        else set.failed.push({ file: name, reason: (error as Error).message });
      }
    }
  }
  return set;
}

function walk(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new SigmaError(`rules folder not found: ${path}`);
  }
  if (!stat.isDirectory()) return /\.ya?ml$/i.test(path) ? [path] : [];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out;
}
