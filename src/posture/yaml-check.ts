import { parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { SEVERITIES } from '../core/severity.ts';
import type { CheckDefinition, CheckResult, CheckContext } from './check.ts';
import { GLOBAL, callError, result } from './lib/result.ts';

/**
 * Simple field-matching checks written in YAML (docs/readme/30-posture.md has the format):
 *
 *   title: Buckets must have versioning enabled
 *   severity: MEDIUM
 *   resourceType: AWS::S3::Bucket
 *   service: s3
 *   operation: GetBucketVersioning
 *   scope: global            # global: the us-east-1 record, reported as region "global"; regional: every region
 *   each: Trails             # optional: a list in the response; one result per item
 *   resourceId: TrailARN     # optional: path (inside the item) naming the resource
 *   path: Status             # the field to test (dots, [0], [*], [?Key=='owner'])
 *   operator: equals         # equals, not-equals, exists, not-exists, contains, not-contains, in, greater-than, less-than, matches
 *   value: Enabled
 *
 * Per-resource calls (per bucket, per key…) give one result per recorded resource key.
 * A call that failed or was not recorded gives ERROR naming it; a "not configured" answer
 * (e.g. NoSuchBucketPolicy) makes the field absent.
 */

const OPERATORS = ['equals', 'not-equals', 'exists', 'not-exists', 'contains', 'not-contains', 'in', 'greater-than', 'less-than', 'matches'] as const;

const yamlCheckSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
    title: z.string().min(1),
    severity: z.enum(SEVERITIES),
    resourceType: z.string().min(1),
    description: z.string().optional(),
    risk: z.string().optional(),
    remediation: z.string().optional(),
    references: z.array(z.string()).optional(),
    service: z.string().min(1),
    operation: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'expected an API operation name such as GetBucketVersioning'),
    scope: z.enum(['global', 'regional']).default('regional'),
    each: z.string().optional(),
    resourceId: z.string().optional(),
    path: z.string().min(1),
    operator: z.enum(OPERATORS),
    value: z.unknown().optional(),
  })
  .strict();

export type YamlCheck = z.infer<typeof yamlCheckSchema>;

export function parseYamlCheck(text: string, file: string): CheckDefinition & { id?: string; serviceName: string } {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) throw new InputError(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, file);
  const parsed = yamlCheckSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${issue.path.join('.') || 'check'}: ${issue.message}`, file);
  }
  const spec = parsed.data;
  if (!['exists', 'not-exists'].includes(spec.operator) && spec.value === undefined) throw new InputError(`value: required for operator ${spec.operator}`, file);
  if (spec.operator === 'matches') {
    try {
      new RegExp(String(spec.value));
    } catch {
      throw new InputError(`value: not a valid regular expression`, file);
    }
  }
  compilePath(spec.path, file);
  if (spec.each) compilePath(spec.each, file);
  return {
    ...(spec.id ? { id: spec.id } : {}),
    serviceName: spec.service,
    title: spec.title,
    severity: spec.severity,
    resourceType: spec.resourceType,
    description: spec.description ?? spec.title,
    risk: spec.risk ?? 'Defined by your organization.',
    remediation: { text: spec.remediation ?? 'See your organization’s standard.' },
    references: spec.references ?? [],
    evaluate: (ctx) => evaluateYaml(spec, ctx),
  };
}

function evaluateYaml(spec: YamlCheck, ctx: CheckContext): CheckResult[] {
  const regions = spec.scope === 'global' ? ['us-east-1'] : ctx.regions;
  const out: CheckResult[] = [];
  const api = `${spec.service}:${spec.operation}`;
  for (const region of regions) {
    const reported = spec.scope === 'global' ? GLOBAL : region;
    const entry = ctx.snapshot.entry(ctx.account.id, spec.service, spec.operation, region);
    const accountRef = { type: 'AWS::::Account', id: ctx.account.id };
    if (entry && 'resources' in entry) {
      for (const key of Object.keys(entry.resources)) {
        const call = ctx.snapshot.resourceCall(ctx.account.id, spec.service, spec.operation, region, key);
        const resource = { type: spec.resourceType, id: key };
        if (call.kind === 'data' || call.kind === 'absent') out.push(...judge(spec, ctx, reported, resource, call.kind === 'data' ? call.data : undefined, api));
        else out.push(callError(ctx, reported, resource, spec.service, spec.operation, call));
      }
      continue;
    }
    const call = ctx.snapshot.call(ctx.account.id, spec.service, spec.operation, region);
    if (call.kind === 'error' || call.kind === 'missing') {
      out.push(callError(ctx, reported, accountRef, spec.service, spec.operation, call));
      continue;
    }
    const data = call.kind === 'data' ? call.data : undefined;
    if (spec.each) {
      for (const item of asList(selectPath(data, spec.each))) {
        const id = spec.resourceId ? selectPath(item, spec.resourceId) : undefined;
        out.push(...judge(spec, ctx, reported, { type: spec.resourceType, id: typeof id === 'string' ? id : JSON.stringify(id ?? item) }, item, api));
      }
    } else {
      out.push(...judge(spec, ctx, reported, accountRef, data, api));
    }
  }
  return out;
}

function judge(spec: YamlCheck, ctx: CheckContext, region: string, resource: { type: string; id: string }, data: unknown, api: string): CheckResult[] {
  const actual = data === undefined ? undefined : selectPath(data, spec.path);
  const ok = compare(spec.operator, actual, spec.value);
  const seen = actual === undefined ? 'absent' : JSON.stringify(actual);
  const expected = spec.value === undefined ? '' : ` ${JSON.stringify(spec.value)}`;
  const reason = `${api} ${spec.path} is ${seen}; expected ${spec.operator}${expected}`;
  return [result(ctx, ok ? 'PASS' : 'FAIL', region, resource, reason, { api, field: spec.path, value: actual ?? null })];
}

export function compare(operator: YamlCheck['operator'], actual: unknown, expected: unknown): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  switch (operator) {
    case 'exists':
      return actual !== undefined && actual !== null && !(Array.isArray(actual) && actual.length === 0);
    case 'not-exists':
      return !compare('exists', actual, expected);
    case 'equals':
      return Array.isArray(actual) ? actual.length > 0 && actual.every((v) => looseEquals(v, expected)) : looseEquals(actual, expected);
    case 'not-equals':
      return !compare('equals', actual, expected);
    case 'contains':
      return typeof actual === 'string' ? actual.includes(String(expected)) : values.some((v) => looseEquals(v, expected));
    case 'not-contains':
      return !compare('contains', actual, expected);
    case 'in':
      return Array.isArray(expected) && values.every((v) => expected.some((e) => looseEquals(v, e)));
    case 'greater-than':
      return values.length > 0 && values.every((v) => Number(v) > Number(expected));
    case 'less-than':
      return values.length > 0 && values.every((v) => Number(v) < Number(expected));
    case 'matches':
      return values.length > 0 && values.every((v) => typeof v === 'string' && new RegExp(String(expected)).test(v));
  }
}

function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === typeof b) return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'filter'; key: string; value: string };

const pathCache = new Map<string, Step[]>();

/** Parses `a.b[0].c[*].d[?Key=='owner'].Value`. */
export function compilePath(path: string, file?: string): Step[] {
  const cached = pathCache.get(path);
  if (cached) return cached;
  const steps: Step[] = [];
  const token = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[\*\]|\[\?\s*([A-Za-z_][\w]*)\s*==\s*'([^']*)'\s*\]|(\.)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < path.length) {
    token.lastIndex = at;
    match = token.exec(path);
    if (!match) throw new InputError(`path: cannot parse ${JSON.stringify(path)} at character ${at + 1}`, file);
    if (match[1] !== undefined) steps.push({ kind: 'key', key: match[1] });
    else if (match[2] !== undefined) steps.push({ kind: 'index', index: Number(match[2]) });
    else if (match[3] !== undefined) steps.push({ kind: 'filter', key: match[3], value: match[4]! });
    else if (match[0] === '[*]') steps.push({ kind: 'all' });
    at = token.lastIndex;
  }
  pathCache.set(path, steps);
  return steps;
}

/** Evaluates a compiled path; `[*]` and filters project over lists (JMESPath-style). */
export function selectPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  let projected = false;
  for (const step of compilePath(path)) {
    const apply = (value: unknown): unknown => {
      if (value === null || value === undefined) return undefined;
      switch (step.kind) {
        case 'key':
          return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[step.key] : undefined;
        case 'index':
          return Array.isArray(value) ? value[step.index] : undefined;
        default:
          return value;
      }
    };
    if (step.kind === 'all' || step.kind === 'filter') {
      const list = projected ? (current as unknown[]).flatMap((v) => (Array.isArray(v) ? v : [])) : Array.isArray(current) ? current : [];
      current = step.kind === 'filter' ? list.filter((item) => typeof item === 'object' && item !== null && String((item as Record<string, unknown>)[step.key]) === step.value) : list;
      projected = true;
    } else if (projected) {
      current = (current as unknown[]).map(apply).filter((v) => v !== undefined);
    } else {
      current = apply(current);
    }
  }
  return current;
}
