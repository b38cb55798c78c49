import ipaddr from 'ipaddr.js';
import type { ConditionClause } from '../policy/model.ts';
import { isNegatedOperator } from '../evaluate/conditions.ts';
import { RequestContext, type ContextValue } from '../evaluate/context.ts';
import { conditionKey } from '../policy/catalog.ts';

/**
 * Witness construction: concrete request-context values that make an Allow statement's
 * conditions hold and a Deny statement's conditions fail. The evaluator then confirms each
 * witness, so every reported access is a request IAM's logic allows.
 */

/** Keys whose value follows from who the caller is: the witness may not choose them freely. */
export const PRINCIPAL_KEYS = new Set([
  'aws:principalaccount', 'aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principaltype', 'aws:userid', 'aws:username',
  'kms:calleraccount', 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner', 'aws:principalisawsservice', 'aws:principalservicename', 'aws:principalservicenameslist',
  'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast', 'aws:viaawsservice', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:resourceaccount', 'aws:resourceorgid', 's3:resourceaccount',
]);

export type WitnessContext = Map<string, ContextValue>;

function single(value: string): ContextValue {
  return { values: [value], multi: false };
}

const OTHER = 'vigil-witness-other';

function literalFrom(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x');
}

function ipOutside(ranges: string[]): string {
  for (const candidate of ['203.0.113.77', '198.51.100.77', '192.0.2.77', '2001:db8::77']) {
    const inside = ranges.some((r) => {
      try {
        const [range, bits] = r.includes('/') ? ipaddr.parseCIDR(r) : [ipaddr.parse(r), r.includes(':') ? 128 : 32];
        const address = ipaddr.parse(candidate);
        return address.kind() === range.kind() && address.match(range, bits);
      } catch {
        return false;
      }
    });
    if (!inside) return candidate;
  }
  return '100.64.0.77';
}

function ipInside(range: string): string {
  try {
    if (!range.includes('/')) return ipaddr.parse(range).toString();
    return ipaddr.IPv4.networkAddressFromCIDR(range).toString();
  } catch {
    try {
      return ipaddr.IPv6.networkAddressFromCIDR(range).toString();
    } catch {
      return range;
    }
  }
}

function shiftNumber(value: string, by: number): string {
  const n = Number(value);
  return Number.isNaN(n) ? value : String(n + by);
}

function shiftDate(value: string, byMs: number): string {
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms + byMs).toISOString();
}

/** A value that makes the clause hold (undefined: leave the key absent). */
function satisfying(clause: ConditionClause): ContextValue | undefined | null {
  const base = clause.base.toLowerCase();
  const first = clause.values[0];
  if (base === 'null') return clause.values.some((v) => v.toLowerCase() === 'true') ? undefined : single('vigil');
  if (clause.ifExists || clause.set === 'ForAllValues') return undefined;
  if (first === undefined) return null;
  const negated = isNegatedOperator(clause.base);
  let value: string;
  if (negated) {
    if (base === 'notipaddress') value = ipOutside(clause.values);
    else if (base.startsWith('numeric')) value = shiftNumber(first, 1);
    else if (base.startsWith('date')) value = shiftDate(first, 1000);
    else if (base.startsWith('arn')) value = 'arn:aws:iam::000000000000:role/vigil-witness-other';
    else value = OTHER;
    return clause.set === 'ForAnyValue' ? { values: [value], multi: true } : single(value);
  }
  switch (base) {
    case 'ipaddress':
      value = ipInside(first);
      break;
    case 'numericlessthan':
      value = shiftNumber(first, -1);
      break;
    case 'numericgreaterthan':
      value = shiftNumber(first, 1);
      break;
    case 'datelessthan':
      value = shiftDate(first, -1000);
      break;
    case 'dategreaterthan':
      value = shiftDate(first, 1000);
      break;
    default:
      value = literalFrom(first);
  }
  return clause.set === 'ForAnyValue' ? { values: [value], multi: true } : single(value);
}

/** A value that makes the clause fail, or null when none can. */
function violating(clause: ConditionClause): ContextValue | undefined | null {
  const base = clause.base.toLowerCase();
  if (base === 'null') return clause.values.some((v) => v.toLowerCase() === 'true') ? single('vigil') : undefined;
  const first = clause.values[0];
  if (first === undefined) return null;
  const negated = isNegatedOperator(clause.base);
  if (negated) {
    // A negated operator fails when the value is one of the listed ones.
    if (base === 'notipaddress') return single(ipInside(first));
    return single(literalFrom(first));
  }
  if (clause.set === 'ForAllValues') return { values: [OTHER], multi: true };
  if (clause.ifExists) return single(base === 'ipaddress' ? ipOutside(clause.values) : base === 'bool' ? (first.toLowerCase() === 'true' ? 'false' : 'true') : OTHER);
  return undefined; // a positive operator fails on a missing key
}

export interface WitnessPlan {
  context: WitnessContext;
  /** Keys set by who the caller is: not to be changed. */
  fixed: Set<string>;
}

/** Sets values making the Allow statement's conditions hold; false when a fixed key blocks it. */
export function satisfyAllow(clauses: ConditionClause[], plan: WitnessPlan): void {
  for (const clause of clauses) {
    const key = clause.key.toLowerCase();
    if (plan.fixed.has(key) || PRINCIPAL_KEYS.has(key) || plan.context.has(key)) continue;
    const value = satisfying(clause);
    if (value) plan.context.set(key, value);
  }
}

/** Tries to make one clause of a Deny statement fail by choosing a free key's value. */
export function escapeDeny(clauses: ConditionClause[], plan: WitnessPlan, touched: Set<string>): boolean {
  for (const clause of clauses) {
    const key = clause.key.toLowerCase();
    if (plan.fixed.has(key) || PRINCIPAL_KEYS.has(key) || touched.has(key)) continue;
    const value = violating(clause);
    if (value === null) continue;
    if (value === undefined) plan.context.delete(key);
    else plan.context.set(key, value);
    touched.add(key);
    return true;
  }
  return false;
}

export function toRequestContext(context: WitnessContext): RequestContext {
  return new RequestContext([...context.entries()].map(([k, v]) => [k, { ...v, values: [...v.values] }]));
}

/** Context entries in the SimulateCustomPolicy form, so a witness can be replayed with `vigil iam simulate`. */
export function contextEntries(context: WitnessContext): Array<{ ContextKeyName: string; ContextKeyValues: string[]; ContextKeyType: string }> {
  return [...context.entries()].map(([key, value]) => ({ ContextKeyName: canonicalKey(key), ContextKeyValues: value.values, ContextKeyType: value.type ?? (value.multi ? 'stringList' : 'string') }));
}

/** The documented spelling of a condition key (keys match without regard to case; people read them). */
function canonicalKey(lower: string): string {
  const known = conditionKey(lower)?.key;
  return known && !known.includes('${') && !known.includes('/tag-key') && known.toLowerCase() === lower ? known : lower;
}
