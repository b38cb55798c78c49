/**
 * A small evaluator for CloudWatch Logs JSON filter patterns (`{ ($.eventName = CreateTrail) ||
 * ($.eventName = UpdateTrail) }`), used to decide whether a metric filter matches the events a
 * CIS monitoring control is about — semantically, whatever its spacing, quoting, parentheses
 * or term order. `&&` binds tighter than `||`; string values may use `*` wildcards; a missing
 * field never equals anything and always differs.
 */

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; selector: string[]; op: string; value: string | number | boolean | null }
  | { kind: 'exists'; selector: string[]; negate: boolean };

export class FilterPatternError extends Error {}

export function parseFilterPattern(pattern: string): Node {
  let text = pattern.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) throw new FilterPatternError('not a JSON filter pattern');
  text = text.slice(1, -1);
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const parseOr = (): Node => {
    let left = parseAnd();
    while (peek() === '||') {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseTerm();
    while (peek() === '&&') {
      next();
      left = { kind: 'and', left, right: parseTerm() };
    }
    return left;
  };
  const parseTerm = (): Node => {
    const token = next();
    if (token === '(') {
      const inner = parseOr();
      if (next() !== ')') throw new FilterPatternError('missing )');
      return inner;
    }
    if (!token || !token.startsWith('$.')) throw new FilterPatternError(`expected a selector at ${token ?? 'end'}`);
    const selector = token
      .slice(2)
      .split('.')
      .flatMap((part) => part.split(/\[(\d+)\]/).filter(Boolean));
    const op = next();
    if (op === 'NOT' && peek() === 'EXISTS') return next(), { kind: 'exists', selector, negate: true };
    if (op === 'EXISTS') return { kind: 'exists', selector, negate: false };
    if (op === 'IS') {
      const what = next();
      if (what === 'NULL') return { kind: 'cmp', selector, op: '=', value: null };
      if (what === 'TRUE' || what === 'FALSE') return { kind: 'cmp', selector, op: '=', value: what === 'TRUE' };
      throw new FilterPatternError(`unknown IS ${what}`);
    }
    if (!op || !['=', '!=', '<', '>', '<=', '>='].includes(op)) throw new FilterPatternError(`unknown operator ${op}`);
    const raw = next();
    if (raw === undefined) throw new FilterPatternError('missing value');
    const value = raw.startsWith('"') ? raw.slice(1, -1) : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    return { kind: 'cmp', selector, op, value };
  };
  const tree = parseOr();
  if (at !== tokens.length) throw new FilterPatternError(`unexpected ${tokens[at]}`);
  return tree;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(\(|\)|&&|\|\||!=|<=|>=|=|<|>|"(?:[^"\\]|\\.)*"|[^\s()=!<>&|"]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    match = re.exec(text);
    if (!match) {
      if (/^\s*$/.test(text.slice(at))) break;
      throw new FilterPatternError(`cannot read pattern at ${at}`);
    }
    tokens.push(match[1]!);
    at = re.lastIndex;
  }
  return tokens;
}

function select(event: unknown, selector: string[]): unknown {
  let current = event;
  for (const part of selector) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function globEquals(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string') return String(actual) === expected;
  if (!expected.includes('*')) return actual === expected;
  const regex = new RegExp(`^${expected.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(actual);
}

export function matchesEvent(node: Node, event: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return matchesEvent(node.left, event) && matchesEvent(node.right, event);
    case 'or':
      return matchesEvent(node.left, event) || matchesEvent(node.right, event);
    case 'exists': {
      const exists = select(event, node.selector) !== undefined;
      return node.negate ? !exists : exists;
    }
    case 'cmp': {
      const actual = select(event, node.selector);
      if (node.value === null) return actual === null || actual === undefined;
      if (typeof node.value === 'boolean') return actual === node.value;
      if (node.op === '=') return actual !== undefined && (typeof node.value === 'number' ? Number(actual) === node.value : globEquals(actual, node.value));
      if (node.op === '!=') return actual === undefined || !(typeof node.value === 'number' ? Number(actual) === node.value : globEquals(actual, String(node.value)));
      const a = Number(actual);
      const b = Number(node.value);
      if (Number.isNaN(a)) return false;
      return node.op === '<' ? a < b : node.op === '>' ? a > b : node.op === '<=' ? a <= b : a >= b;
    }
  }
}

/** True when the pattern matches every `positive` event and none of the `negative` ones. */
const verdicts = new Map<string, Map<unknown[], boolean>>();

/** True when the pattern matches every `positive` event and none of the `negative` ones (memoized per pattern and sample set). */
export function patternCovers(pattern: string | undefined, positive: unknown[], negative: unknown[]): boolean {
  if (!pattern) return false;
  let byPattern = verdicts.get(pattern);
  if (!byPattern) verdicts.set(pattern, (byPattern = new Map()));
  const known = byPattern.get(positive);
  if (known !== undefined) return known;
  let verdict = false;
  try {
    const tree = parseFilterPattern(pattern);
    verdict = positive.every((event) => matchesEvent(tree, event)) && !negative.some((event) => matchesEvent(tree, event));
  } catch {
    verdict = false;
  }
  byPattern.set(positive, verdict);
  return verdict;
}
