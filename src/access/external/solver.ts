import type { ConditionClause, Policy, Statement } from '../policy/model.ts';
import { clauseHolds } from '../evaluate/conditions.ts';
import { RequestContext, type ContextValue } from '../evaluate/context.ts';
import { actionMatches, arnMatches } from '../evaluate/match.ts';
import { PRINCIPAL_KEYS, type WitnessContext } from './witness.ts';

/**
 * The solver path (after Zelkova): when the syntactic fast path finds no external access but
 * the policy has conditions it cannot settle, the question "is there a request context under
 * which some Allow applies and no Deny does?" goes to Z3. Each free condition key becomes a
 * finite-domain variable over the values that matter for this policy (its literals, an
 * instance of each pattern, an address in and outside each range, a value on each side of each
 * number or date, and "some other value" / "absent"); whether a clause holds for each domain
 * value is computed with the evaluator's own condition code, so the encoding cannot drift from
 * the evaluation semantics. The model becomes a witness, which the evaluator then confirms.
 */

type Z3Api = Awaited<ReturnType<typeof import('z3-solver')['init']>>;
let api: Promise<{ z3: Z3Api; ctx: any }> | undefined;

async function z3(): Promise<{ z3: Z3Api; ctx: any }> {
  api ??= import('z3-solver').then(async ({ init }) => {
    const z = await init();
    return { z3: z, ctx: z.Context('vigil') };
  });
  return api;
}

/** Starts the WASM solver ahead of time (it takes about a second). */
export async function startSolver(): Promise<void> {
  await z3();
}

/** Lets the process exit: Z3 keeps worker threads alive. */
export async function closeSolver(): Promise<void> {
  if (!api) return;
  const { killThreads } = await import('z3-solver');
  const { z3: z } = await api;
  api = undefined;
  await killThreads(z.em);
}

function isIp(text: string): boolean {
  return /^[\d.]+(\/\d+)?$/.test(text) || /^[0-9a-f:]+(\/\d+)?$/i.test(text);
}

/** Values of a key worth trying: every literal, an instance of each pattern, neighbours of numbers and dates, an address in and out of each range, and one unrelated value. */
function domainOf(clauses: ConditionClause[]): string[] {
  const values = new Set<string>(['vigil-solver-other']);
  for (const clause of clauses) {
    const base = clause.base.toLowerCase();
    for (const v of clause.values) {
      values.add(v);
      if (/[*?]/.test(v)) {
        values.add(v.replace(/[*?]/g, 'x'));
        values.add(v.replace(/\*/g, '').replace(/\?/g, 'x'));
      }
      if (base.startsWith('numeric') && !Number.isNaN(Number(v))) for (const d of [-1, 1]) values.add(String(Number(v) + d));
      if (base.startsWith('date')) {
        const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
        if (!Number.isNaN(ms)) for (const d of [-1000, 1000]) values.add(new Date(ms + d).toISOString());
      }
      if ((base === 'ipaddress' || base === 'notipaddress') && isIp(v)) values.add(v.split('/')[0]!);
      if (base === 'bool' || base === 'null') {
        values.add('true');
        values.add('false');
      }
    }
    if (base === 'ipaddress' || base === 'notipaddress') for (const ip of ['203.0.113.77', '198.51.100.77', '2001:db8::77']) values.add(ip);
  }
  return [...values];
}

export interface SolverQuery {
  policy: Policy;
  action: string;
  resource: string;
  /** Which statements apply to the caller by Principal (decided outside). */
  principalApplies: (statement: Statement) => boolean;
  /** Keys fixed by who the caller is. */
  fixed: WitnessContext;
}

function statementCovers(statement: Statement, action: string, resource: string): boolean {
  const actionOk = statement.actions ? statement.actions.some((a) => actionMatches(a.value, action)) : statement.notActions ? !statement.notActions.some((a) => actionMatches(a.value, action)) : false;
  if (!actionOk) return false;
  if (statement.resources) return statement.resources.some((r) => r.value === '*' || arnMatches(r.value, resource));
  if (statement.notResources) return !statement.notResources.some((r) => r.value === '*' || arnMatches(r.value, resource));
  return true;
}

/**
 * Finds values for the free keys under which an Allow applies and no Deny does, or undefined
 * when there are none (within the finite domains).
 */
export async function solveContext(query: SolverQuery): Promise<WitnessContext | undefined> {
  const relevant = query.policy.statements.filter((s) => s.effect && statementCovers(s, query.action, query.resource) && query.principalApplies(s));
  const allows = relevant.filter((s) => s.effect === 'Allow');
  if (allows.length === 0) return undefined;
  const denies = relevant.filter((s) => s.effect === 'Deny');
  const variables = query.policy.version === '2012-10-17';

  const byKey = new Map<string, ConditionClause[]>();
  for (const s of relevant) for (const c of s.conditions) {
    const key = c.key.toLowerCase();
    // Keys that follow from who the caller is are absent unless the caller's identity set them.
    if (query.fixed.has(key) || PRINCIPAL_KEYS.has(key)) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const domains = new Map([...byKey].map(([k, clauses]) => [k, domainOf(clauses)]));

  const { ctx } = await z3();
  const solver = new ctx.Solver();
  const vars = new Map<string, any>();
  for (const [key, domain] of domains) {
    const v = ctx.Int.const(`k${vars.size}`);
    vars.set(key, v);
    solver.add(v.ge(-1), v.lt(domain.length)); // -1 stands for "absent"

  }
  const fixedContext = (extra?: [string, ContextValue]) => new RequestContext([...query.fixed.entries(), ...(extra ? [extra] : [])].map(([k, v]) => [k, { ...v }]));

  const clauseFormula = (clause: ConditionClause): any => {
    const key = clause.key.toLowerCase();
    const v = vars.get(key);
    if (!v) return ctx.Bool.val(clauseHolds(clause, fixedContext(), variables));
    const domain = domains.get(key)!;
    const options: any[] = [];
    if (clauseHolds(clause, fixedContext(), variables)) options.push(v.eq(-1));
    domain.forEach((value, i) => {
      if (clauseHolds(clause, fixedContext([key, { values: [value], multi: clause.set !== undefined }]), variables)) options.push(v.eq(i));
    });
    return options.length ? ctx.Or(...options) : ctx.Bool.val(false);
  };
  const applies = (s: Statement) => (s.conditions.length ? ctx.And(...s.conditions.map(clauseFormula)) : ctx.Bool.val(true));
  solver.add(ctx.Or(...allows.map(applies)));
  for (const d of denies) solver.add(ctx.Not(applies(d)));
  if ((await solver.check()) !== 'sat') return undefined;
  const model = solver.model();
  const context: WitnessContext = new Map([...query.fixed].map(([k, v]) => [k, { ...v }]));
  for (const [key, v] of vars) {
    const index = Number(model.eval(v, true).toString());
    if (index >= 0) {
      const multi = (byKey.get(key) ?? []).some((c) => c.set !== undefined);
      context.set(key, { values: [domains.get(key)![index]!], multi });
    }
  }
  return context;
}
