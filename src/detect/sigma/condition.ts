import { SigmaError } from './values.ts';
import { intersectRequired, unionRequired, type CompiledSelection, type RecordPredicate } from './selection.ts';

/**
 * Sigma conditions: `and`, `or`, `not`, parentheses, `1 of sel*`, `all of sel*`, `1 of them`,
 * `all of them`, `any of` (older rules). Precedence: not > and > or. Aggregations after a
 * pipe (`| count() > 5`) are deprecated in Sigma and not supported here (the rule is reported).
 */

type Token = { kind: 'word'; text: string } | { kind: 'open' } | { kind: 'close' };

function tokenize(condition: string): Token[] {
  if (condition.includes('|')) throw new SigmaError('aggregation conditions (after "|") are not supported');
  const tokens: Token[] = [];
  const re = /\s*(\(|\)|[^\s()]+)/y;
  let end = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(condition)) !== null) {
    const text = match[1]!;
    end = re.lastIndex;
    if (text === '(') tokens.push({ kind: 'open' });
    else if (text === ')') tokens.push({ kind: 'close' });
    else tokens.push({ kind: 'word', text });
  }
  if (condition.slice(end).trim() !== '') throw new SigmaError(`cannot read condition "${condition}"`);
  return tokens;
}

export function compileCondition(condition: string, selections: Map<string, CompiledSelection>): CompiledSelection {
  const tokens = tokenize(condition);
  let pos = 0;
  const peekWord = () => {
    const t = tokens[pos];
    return t?.kind === 'word' ? t.text.toLowerCase() : undefined;
  };

  const lookup = (name: string): CompiledSelection[] => {
    if (name === 'them') {
      // `them` excludes selections whose name starts with an underscore (Sigma spec).
      const all = [...selections].filter(([n]) => !n.startsWith('_')).map(([, s]) => s);
      if (all.length === 0) throw new SigmaError('"them" refers to no selection');
      return all;
    }
    if (name.includes('*')) {
      const re = new RegExp(`^${name.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      const found = [...selections].filter(([n]) => re.test(n)).map(([, s]) => s);
      if (found.length === 0) throw new SigmaError(`"${name}" matches no selection`);
      return found;
    }
    const one = selections.get(name);
    if (!one) throw new SigmaError(`condition names unknown selection "${name}"`);
    return [one];
  };

  const parseOr = (): CompiledSelection => {
    const parts = [parseAnd()];
    while (peekWord() === 'or') {
      pos++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0]! : anyOf(parts);
  };
  const parseAnd = (): CompiledSelection => {
    const parts = [parseNot()];
    while (peekWord() === 'and') {
      pos++;
      parts.push(parseNot());
    }
    return parts.length === 1 ? parts[0]! : allOf(parts);
  };
  const parseNot = (): CompiledSelection => {
    if (peekWord() === 'not') {
      pos++;
      const inner = parseNot();
      return { test: (r) => !inner.test(r) };
    }
    return parseAtom();
  };
  const parseAtom = (): CompiledSelection => {
    const token = tokens[pos];
    if (!token) throw new SigmaError(`condition "${condition}" ends too early`);
    if (token.kind === 'open') {
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.kind !== 'close') throw new SigmaError(`condition "${condition}": missing ")"`);
      pos++;
      return inner;
    }
    if (token.kind === 'close') throw new SigmaError(`condition "${condition}": unexpected ")"`);
    const word = token.text.toLowerCase();
    const next = tokens[pos + 1];
    if ((word === '1' || word === 'all' || word === 'any') && next?.kind === 'word' && next.text.toLowerCase() === 'of') {
      const target = tokens[pos + 2];
      if (target?.kind !== 'word') throw new SigmaError(`condition "${condition}": "${word} of" needs a selection name`);
      pos += 3;
      const group = lookup(target.text);
      return word === 'all' ? allOf(group) : anyOf(group);
    }
    if (['and', 'or', 'not', 'of'].includes(word)) throw new SigmaError(`condition "${condition}": unexpected "${token.text}"`);
    pos++;
    const [one] = lookup(token.text);
    return one!;
  };

  const result = parseOr();
  if (pos !== tokens.length) throw new SigmaError(`condition "${condition}": unexpected "${(tokens[pos] as { text?: string }).text ?? ')'}"`);
  return result;
}

export function anyOf(parts: CompiledSelection[]): CompiledSelection {
  const tests: RecordPredicate[] = parts.map((p) => p.test);
  return { test: (r) => tests.some((t) => t(r)), required: unionRequired(parts.map((p) => p.required)) };
}

export function allOf(parts: CompiledSelection[]): CompiledSelection {
  const tests: RecordPredicate[] = parts.map((p) => p.test);
  return { test: (r) => tests.every((t) => t(r)), required: intersectRequired(parts.map((p) => p.required)) };
}
