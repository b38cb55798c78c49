import { plainRecord } from '../../logs/parse/cloudtrail-scan.ts';
import {
  SigmaError,
  base64OffsetVariants,
  cidrPredicate,
  encodeText,
  scalarText,
  wildcardMatcher,
  windashVariants,
  type ValuePredicate,
} from './values.ts';

/**
 * Compiles one Sigma detection item (a selection: a map, a list of maps, or a keyword list)
 * into a predicate over an event record. A field name with dots walks into nested JSON; a
 * list met on the way matches when any element matches.
 */

export type RecordPredicate = (record: Record<string, unknown>) => boolean;

export interface CompiledSelection {
  test: RecordPredicate;
  /**
   * When every match needs `field` to equal one of these (lower-cased) values, the values: the
   * engine uses it to run a rule only on the events it can match (an index by eventName).
   */
  required?: Map<string, Set<string>>;
}

const KNOWN_MODIFIERS = new Set([
  'contains', 'startswith', 'endswith', 'all', 're', 'i', 'm', 's', 'cidr', 'base64', 'base64offset',
  'windash', 'exists', 'lt', 'lte', 'gt', 'gte', 'cased', 'wide', 'utf16le', 'utf16be', 'utf16', 'fieldref',
]);

/** Reads a dotted field path: every value found (arrays fan out), in order. */
export function fieldGetter(path: string): (record: unknown) => unknown[] {
  const segments = path.split('.');
  if (segments.length === 1) {
    const key = segments[0]!;
    return (record) => {
      const value = (record as Record<string, unknown> | null)?.[key];
      if (value === undefined) return [];
      return Array.isArray(value) ? value : [value];
    };
  }
  return (record) => {
    let current: unknown[] = [record];
    for (const segment of segments) {
      const next: unknown[] = [];
      for (const item of current) {
        if (item === null || typeof item !== 'object') continue;
        const value = (item as Record<string, unknown>)[segment];
        if (value === undefined) continue;
        if (Array.isArray(value)) next.push(...value);
        else next.push(value);
      }
      if (next.length === 0) return [];
      current = next;
    }
    return current;
  };
}

/** Returned by a single-value getter when the path crosses an array (use the list getter). */
export const MANY: unique symbol = Symbol('many');

/**
 * The value at a dotted path when no array is on the way (the usual CloudTrail shape), without
 * allocating; undefined when absent; MANY when an array is met.
 */
export function singleGetter(path: string): (record: unknown) => unknown {
  const segments = path.split('.');
  return (record) => {
    let current: unknown = record;
    for (let i = 0; i < segments.length; i++) {
      if (current === null || typeof current !== 'object') return undefined;
      if (Array.isArray(current)) return MANY;
      current = (current as Record<string, unknown>)[segments[i]!];
    }
    return Array.isArray(current) ? MANY : current;
  };
}

/** Every string leaf of a record, for keyword search. */
function* stringLeaves(value: unknown, depth = 0): Generator<string> {
  if (depth > 32) return;
  if (typeof value === 'string') yield value;
  else if (typeof value === 'number' || typeof value === 'boolean') yield String(value);
  else if (Array.isArray(value)) for (const item of value) yield* stringLeaves(item, depth + 1);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* stringLeaves(item, depth + 1);
}

export function compileSelection(name: string, definition: unknown): CompiledSelection {
  if (Array.isArray(definition)) {
    if (definition.length === 0) throw new SigmaError(`selection "${name}" is an empty list`);
    if (definition.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
      // A list of maps: OR of the maps.
      const maps = definition.map((item) => compileMap(name, item as Record<string, unknown>));
      return {
        test: (record) => maps.some((m) => m.test(record)),
        required: unionRequired(maps.map((m) => m.required)),
      };
    }
    if (definition.every((item) => item === null || typeof item !== 'object')) return compileKeywords(definition);
    throw new SigmaError(`selection "${name}" mixes maps and plain values`);
  }
  if (definition !== null && typeof definition === 'object') return compileMap(name, definition as Record<string, unknown>);
  if (typeof definition === 'string' || typeof definition === 'number') return compileKeywords([definition]);
  throw new SigmaError(`selection "${name}" must be a map, a list of maps or a keyword list`);
}

function compileKeywords(values: unknown[]): CompiledSelection {
  const matchers = values.map((v) => {
    const text = scalarText(v);
    if (text === undefined) throw new SigmaError('keyword must be a string or number');
    // Keywords are substring searches over the whole event.
    return wildcardMatcher(`*${text}*`, false);
  });
  return {
    test: (record) => {
      for (const leaf of stringLeaves(plainRecord(record))) if (matchers.some((m) => m(leaf))) return true;
      return false;
    },
  };
}

function compileMap(name: string, map: Record<string, unknown>): CompiledSelection {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaError(`selection "${name}" is an empty map`);
  const fields = entries.map(([key, value]) => compileField(key, value));
  const required = new Map<string, Set<string>>();
  for (const field of fields) if (field.required) required.set(field.required.field, field.required.values);
  return {
    test: (record) => {
      for (const field of fields) if (!field.test(record)) return false;
      return true;
    },
    required: required.size > 0 ? required : undefined,
  };
}

interface CompiledField {
  test: RecordPredicate;
  required?: { field: string; values: Set<string> };
}

function compileField(key: string, raw: unknown): CompiledField {
  const [field, ...modifiers] = key.split('|');
  if (!field) throw new SigmaError(`empty field name in "${key}"`);
  for (const modifier of modifiers) {
    if (!KNOWN_MODIFIERS.has(modifier)) throw new SigmaError(`unsupported modifier "${modifier}" on field "${field}"`);
  }
  const get = fieldGetter(field);
  const has = (m: string) => modifiers.includes(m);
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length === 0) throw new SigmaError(`field "${field}" has an empty value list`);

  if (has('exists')) {
    const want = values[0] === true || values[0] === 'true';
    return { test: (record) => (get(record).length > 0) === want };
  }
  if (has('fieldref')) {
    const others = values.map((v) => fieldGetter(String(v)));
    const cased = has('cased');
    return {
      test: (record) => {
        const mine = get(record).map(scalarText).filter((t): t is string => t !== undefined);
        return others.some((other) =>
          other(record).some((o) => {
            const text = scalarText(o);
            return text !== undefined && mine.some((m) => (cased ? m === text : m.toLowerCase() === text.toLowerCase()));
          }),
        );
      },
    };
  }

  const predicates = values.map((value) => compileValue(field, value, modifiers));
  const all = has('all');
  // Hot path: plain loops, no closures per call, and no list unless the path crosses an array.
  const getOne = singleGetter(field);
  const test: RecordPredicate = (record) => {
    const one = getOne(record);
    if (one !== MANY) {
      for (const p of predicates) {
        const hit = p(one);
        if (all && !hit) return false;
        if (!all && hit) return true;
      }
      return all;
    }
    const found = get(record);
    for (const p of predicates) {
      let hit = false;
      if (found.length === 0) hit = p(undefined);
      else for (const v of found) if (p(v)) { hit = true; break; }
      if (all && !hit) return false;
      if (!all && hit) return true;
    }
    return all;
  };

  // A plain equality on strings: lets the engine index the rule by this field's value.
  let required: CompiledField['required'];
  const plain = modifiers.length === 0 && values.every((v) => typeof v === 'string' && !/[*?\\]/.test(v));
  if (plain && !all) required = { field, values: new Set((values as string[]).map((v) => v.toLowerCase())) };
  return { test, required };
}

function compileValue(field: string, value: unknown, modifiers: string[]): ValuePredicate {
  const has = (m: string) => modifiers.includes(m);
  if (value === null) {
    // `field: null` means the field is absent or null.
    return (v) => v === undefined || v === null;
  }
  if (typeof value === 'object') throw new SigmaError(`field "${field}" has a nested value; use a dotted field name`);

  for (const op of ['lt', 'lte', 'gt', 'gte'] as const) {
    if (has(op)) {
      const limit = Number(value);
      if (Number.isNaN(limit)) throw new SigmaError(`field "${field}|${op}" needs a number`);
      return (v) => {
        const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
        if (Number.isNaN(n)) return false;
        return op === 'lt' ? n < limit : op === 'lte' ? n <= limit : op === 'gt' ? n > limit : n >= limit;
      };
    }
  }
  const text = String(value);
  if (has('cidr')) {
    const inRange = cidrPredicate(text);
    return (v) => {
      const s = scalarText(v);
      return s !== undefined && inRange(s);
    };
  }
  if (has('re')) {
    let flags = '';
    if (has('i')) flags += 'i';
    if (has('m')) flags += 'm';
    if (has('s')) flags += 's';
    let regex: RegExp;
    try {
      regex = new RegExp(text, flags);
    } catch (error) {
      throw new SigmaError(`invalid regular expression for "${field}": ${(error as Error).message}`);
    }
    const matches = memoized((s) => regex.test(s));
    return (v) => {
      const s = scalarText(v);
      return s !== undefined && matches(s);
    };
  }

  // Build the list of literal variants the value expands to, then the wildcard placement.
  let variants = [text];
  if (has('windash')) variants = variants.flatMap(windashVariants);
  const encoding = has('wide') || has('utf16le') || has('utf16') ? 'utf16le' : has('utf16be') ? 'utf16be' : 'utf8';
  if (has('base64offset')) {
    variants = variants.flatMap((v) => base64OffsetVariants(encodeText(v, encoding)));
  } else if (has('base64')) {
    variants = variants.map((v) => encodeText(v, encoding).toString('base64'));
  }
  const encoded = has('base64') || has('base64offset');
  // Encoded values are literal bytes, never wildcards.
  const escapeWild = (s: string) => (encoded ? s.replace(/[*?\\]/g, '\\$&') : s);
  const wrap = (s: string) =>
    has('contains') ? `*${escapeWild(s)}*` : has('startswith') ? `${escapeWild(s)}*` : has('endswith') ? `*${escapeWild(s)}` : escapeWild(s);
  // Base64 text is case-significant.
  const cased = has('cased') || encoded;
  const matchers = variants.map((v) => wildcardMatcher(wrap(v), cased));
  const matches = memoized(matchers.length === 1 ? matchers[0]! : (s) => matchers.some((m) => m(s)));
  return (v) => {
    const s = scalarText(v);
    return s !== undefined && matches(s);
  };
}

/** Texts longer than this are matched each time (not remembered): hashing them costs about what matching does. */
const MEMO_TEXT_LIMIT = 256;
const MEMO_ENTRIES = 2048;

/**
 * A string predicate that remembers its answers. Event fields repeat (the same eventSource,
 * user agent or bucket name over and over), while a case-insensitive comparison lower-cases a
 * copy and a regular expression scans each time; a Map lookup by the string's cached hash is
 * cheaper. Bounded: the memory is dropped when full.
 */
function memoized(test: (text: string) => boolean): (text: string) => boolean {
  const memo = new Map<string, boolean>();
  // Runs of events repeat the last value: an equality check is cheaper than hashing it.
  let lastText = '';
  let lastHit = test('');
  return (text) => {
    if (text === lastText) return lastHit;
    if (text.length > MEMO_TEXT_LIMIT) return test(text);
    let hit = memo.get(text);
    if (hit === undefined) {
      hit = test(text);
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(text, hit);
    }
    lastText = text;
    lastHit = hit;
    return hit;
  };
}

/** Required values of an OR: only when every branch requires the same field. */
export function unionRequired(list: Array<Map<string, Set<string>> | undefined>): Map<string, Set<string>> | undefined {
  if (list.length === 0 || list.some((r) => r === undefined)) return undefined;
  const first = list[0]!;
  const out = new Map<string, Set<string>>();
  for (const field of first.keys()) {
    if (!list.every((r) => r!.has(field))) continue;
    const values = new Set<string>();
    for (const r of list) for (const v of r!.get(field)!) values.add(v);
    out.set(field, values);
  }
  return out.size > 0 ? out : undefined;
}

/** Required values of an AND: any branch's requirement holds (intersect where both name the field). */
export function intersectRequired(list: Array<Map<string, Set<string>> | undefined>): Map<string, Set<string>> | undefined {
  const out = new Map<string, Set<string>>();
  for (const r of list) {
    if (!r) continue;
    for (const [field, values] of r) {
      const prev = out.get(field);
      out.set(field, prev ? new Set([...prev].filter((v) => values.has(v))) : values);
    }
  }
  return out.size > 0 ? out : undefined;
}
