import ipaddr from 'ipaddr.js';
import type { ConditionClause } from '../policy/model.ts';
import { substituteVariables, partsText, type RequestContext } from './context.ts';
import { arnPartsMatch, partsGlobMatch } from './match.ts';

/**
 * Condition operators, with the documented semantics: values of one key are ORed, keys and
 * operators are ANDed; negated operators match when no value matches; a missing key fails a
 * positive operator and satisfies a negated one; `…IfExists` is true when the key is missing;
 * ForAllValues is true for a missing or empty key, ForAnyValue false.
 */

type Matcher = (contextValue: string, policyValue: string, context: RequestContext, variables: boolean) => boolean;

interface OperatorDef {
  match: Matcher;
  negated: boolean;
}

function parseDate(text: string): number {
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text) * 1000;
  return Date.parse(text);
}

function parseNumber(text: string): number {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

function numeric(compare: (a: number, b: number) => boolean): Matcher {
  return (c, p) => {
    const a = parseNumber(c);
    const b = parseNumber(p);
    return !Number.isNaN(a) && !Number.isNaN(b) && compare(a, b);
  };
}

function date(compare: (a: number, b: number) => boolean): Matcher {
  return (c, p) => {
    const a = parseDate(c);
    const b = parseDate(p);
    return !Number.isNaN(a) && !Number.isNaN(b) && compare(a, b);
  };
}

const stringEquals: Matcher = (c, p, ctx, vars) => {
  const parts = substituteVariables(p, ctx, vars);
  return parts !== undefined && partsText(parts) === c;
};
const stringEqualsIgnoreCase: Matcher = (c, p, ctx, vars) => {
  const parts = substituteVariables(p, ctx, vars);
  return parts !== undefined && partsText(parts).toLowerCase() === c.toLowerCase();
};
const stringLike: Matcher = (c, p, ctx, vars) => {
  const parts = substituteVariables(p, ctx, vars);
  return parts !== undefined && partsGlobMatch(parts, c);
};
const arnLike: Matcher = (c, p, ctx, vars) => {
  const parts = substituteVariables(p, ctx, vars);
  return parts !== undefined && arnPartsMatch(parts, c);
};

export function ipInCidr(ip: string, cidr: string): boolean {
  try {
    let address = ipaddr.parse(ip.trim());
    const [range, bits] = cidr.includes('/') ? ipaddr.parseCIDR(cidr.trim()) : [ipaddr.parse(cidr.trim()), -1];
    if (address.kind() !== range.kind()) {
      if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
      else return false;
      if (address.kind() !== range.kind()) return false;
    }
    const prefix = bits === -1 ? (range.kind() === 'ipv4' ? 32 : 128) : bits;
    return address.match(range, prefix);
  } catch {
    return false;
  }
}

const binaryEquals: Matcher = (c, p) => {
  try {
    return Buffer.from(c, 'base64').equals(Buffer.from(p, 'base64'));
  } catch {
    return false;
  }
};

const OPERATORS: Record<string, OperatorDef> = {
  stringequals: { match: stringEquals, negated: false },
  stringnotequals: { match: stringEquals, negated: true },
  stringequalsignorecase: { match: stringEqualsIgnoreCase, negated: false },
  stringnotequalsignorecase: { match: stringEqualsIgnoreCase, negated: true },
  stringlike: { match: stringLike, negated: false },
  stringnotlike: { match: stringLike, negated: true },
  numericequals: { match: numeric((a, b) => a === b), negated: false },
  numericnotequals: { match: numeric((a, b) => a === b), negated: true },
  numericlessthan: { match: numeric((a, b) => a < b), negated: false },
  numericlessthanequals: { match: numeric((a, b) => a <= b), negated: false },
  numericgreaterthan: { match: numeric((a, b) => a > b), negated: false },
  numericgreaterthanequals: { match: numeric((a, b) => a >= b), negated: false },
  dateequals: { match: date((a, b) => a === b), negated: false },
  datenotequals: { match: date((a, b) => a === b), negated: true },
  datelessthan: { match: date((a, b) => a < b), negated: false },
  datelessthanequals: { match: date((a, b) => a <= b), negated: false },
  dategreaterthan: { match: date((a, b) => a > b), negated: false },
  dategreaterthanequals: { match: date((a, b) => a >= b), negated: false },
  bool: { match: (c, p) => c.toLowerCase() === p.toLowerCase(), negated: false },
  binaryequals: { match: binaryEquals, negated: false },
  ipaddress: { match: (c, p) => ipInCidr(c, p), negated: false },
  notipaddress: { match: (c, p) => ipInCidr(c, p), negated: true },
  arnequals: { match: arnLike, negated: false },
  arnlike: { match: arnLike, negated: false },
  arnnotequals: { match: arnLike, negated: true },
  arnnotlike: { match: arnLike, negated: true },
};

/** Base operator names IAM knows (in canonical spelling), for the validator. */
export const OPERATOR_NAMES = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];

export function isKnownOperator(base: string): boolean {
  return base === 'Null' || base.toLowerCase() in OPERATORS;
}

export function isNegatedOperator(base: string): boolean {
  return OPERATORS[base.toLowerCase()]?.negated ?? false;
}

/** Whether one condition clause (one operator, one key) holds for this request. */
export function clauseHolds(clause: ConditionClause, context: RequestContext, variables: boolean): boolean {
  const present = context.get(clause.key);
  const values = present?.values ?? [];
  if (clause.base.toLowerCase() === 'null') {
    const absent = values.length === 0;
    return clause.values.some((v) => (v.toLowerCase() === 'true' ? absent : v.toLowerCase() === 'false' ? !absent : false));
  }
  const op = OPERATORS[clause.base.toLowerCase()];
  if (!op) return false;
  if (values.length === 0) {
    if (clause.ifExists) return true;
    if (clause.set === 'ForAllValues') return true;
    if (clause.set === 'ForAnyValue') return false;
    return op.negated;
  }
  const valueOk = (contextValue: string): boolean => {
    const any = clause.values.some((policyValue) => op.match(contextValue, policyValue, context, variables));
    return op.negated ? !any : any;
  };
  if (clause.set === 'ForAllValues') return values.every(valueOk);
  if (clause.set === 'ForAnyValue') return values.some(valueOk);
  return op.negated ? values.every(valueOk) : values.some(valueOk);
}

export function conditionsHold(clauses: ConditionClause[], context: RequestContext, variables: boolean): boolean {
  for (const clause of clauses) if (!clauseHolds(clause, context, variables)) return false;
  return true;
}
