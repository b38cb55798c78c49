import type { PatternPart } from './match.ts';

/**
 * The request context: condition keys and their values. Keys are compared without regard to
 * case, as IAM does. Nothing is invented: a key that was not supplied is missing.
 */

export interface ContextValue {
  values: string[];
  /** Declared as a list type (stringList, ipList…): a multivalued key. */
  multi: boolean;
  type?: string;
}

export class RequestContext {
  private readonly entries = new Map<string, ContextValue>();
  /** Keys looked up but absent, in the spelling the policy used. */
  readonly missing = new Set<string>();

  constructor(entries: Iterable<[string, ContextValue]> = []) {
    for (const [key, value] of entries) this.set(key, value);
  }

  set(key: string, value: ContextValue): void {
    this.entries.set(key.toLowerCase(), value);
  }

  setString(key: string, value: string): void {
    this.set(key, { values: [value], multi: false, type: 'string' });
  }

  get(key: string): ContextValue | undefined {
    const value = this.entries.get(key.toLowerCase());
    if (!value || value.values.length === 0) {
      if (!value || !value.multi) this.missing.add(key);
      return value?.multi ? value : undefined;
    }
    return value;
  }

  has(key: string): boolean {
    return this.entries.has(key.toLowerCase());
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}

/**
 * Replaces policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`,
 * `${$}`, `${aws:x, 'default'}`). The substituted text is literal: a `*` in a user name is
 * not a wildcard. Returns undefined when a variable has no value and no default — the element
 * then matches nothing, as IAM documents. Only policies of Version 2012-10-17 have variables.
 */
export function substituteVariables(text: string, context: RequestContext, enabled: boolean): PatternPart[] | undefined {
  if (!enabled || !text.includes('${')) return [{ text, literal: false }];
  const parts: PatternPart[] = [];
  let index = 0;
  while (index < text.length) {
    const open = text.indexOf('${', index);
    if (open < 0) break;
    const close = text.indexOf('}', open);
    if (close < 0) break;
    if (open > index) parts.push({ text: text.slice(index, open), literal: false });
    const inner = text.slice(open + 2, close);
    const value = variableValue(inner, context);
    if (value === undefined) return undefined;
    parts.push({ text: value, literal: true });
    index = close + 1;
  }
  if (index < text.length) parts.push({ text: text.slice(index), literal: false });
  return parts;
}

function variableValue(inner: string, context: RequestContext): string | undefined {
  if (inner === '*' || inner === '?' || inner === '$') return inner;
  const match = /^\s*([^,]+?)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
  if (!match) return undefined;
  const key = match[1]!;
  const fallback = match[2];
  const value = context.get(key);
  // A multivalued key cannot be a variable.
  if (value && !value.multi && value.values.length === 1) return value.values[0];
  return fallback;
}

export function partsText(parts: PatternPart[]): string {
  return parts.map((part) => part.text).join('');
}
