import { createHook } from 'node:async_hooks';
import type { Arith, Bool, Context, Model, Solver } from 'z3-solver';
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

type Z3Module = typeof import('z3-solver');
type Z3Api = Awaited<ReturnType<Z3Module['init']>>;
type Ctx = Context<'vigil'>;

/** What Z3 said about one query. "unknown" is an answer too: the caller must report it, never read it as "no access". */
export type Verdict<T> = { status: 'sat'; value: T } | { status: 'unsat' } | { status: 'unknown'; reason: string };

export interface SolverLimits {
  /** Z3's own time limit for one query (its `timeout` parameter), in milliseconds. */
  timeoutMs?: number;
  /**
   * How long past that limit to wait before interrupting the query, and again before giving up
   * on the Z3 instance altogether, in milliseconds.
   */
  graceMs?: number;
}

const DEFAULT_LIMITS: Required<SolverLimits> = { timeoutMs: 5_000, graceMs: 5_000 };

/** The parts of emscripten's pthread bookkeeping we watch: the workers running a thread right now. */
interface PThreadPool {
  runningWorkers: unknown[];
}

/** One Z3 WASM instance and the query running on it, if any. */
interface Instance {
  module: Z3Module;
  api: Z3Api;
  ctx: Ctx;
  closed: boolean;
  /** Settles when the query running now, if any, has its answer from Z3. */
  running?: Promise<unknown>;
  /** The worker threads queries ran on, until each is seen finished. */
  queryThreads: Set<unknown>;
  /** Set once the instance is being ended; settles when it is. */
  ended?: Promise<void>;
  /** Settles once its threads are terminated: a query still waiting then will never hear back. */
  stopped: Promise<void>;
  stop: () => void;
}

let current: Promise<Instance> | undefined;
/** Instances being ended, for `closeSolver` to wait on. */
const ending = new Set<Promise<void>>();
/** Z3's asynchronous calls cannot overlap: queries run one after another. */
let lane: Promise<unknown> = Promise.resolve();

function instance(): Promise<Instance> {
  if (!current) {
    const starting: Promise<Instance> = import('z3-solver').then(async (module) => {
      const api = await module.init();
      let stop = () => {};
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      return { module, api, ctx: api.Context('vigil'), closed: false, queryThreads: new Set(), stopped, stop };
    });
    // A failed start is not cached: the next query tries again.
    starting.catch(() => {
      if (current === starting) current = undefined;
    });
    current = starting;
  }
  return current;
}

function pool(inst: Instance): PThreadPool {
  return (inst.api.em as { PThread: PThreadPool }).PThread;
}

const LATE = Symbol('late');
const STOPPED = Symbol('stopped');

/** The promise's outcome, or LATE after `ms`. The timer holds the process open meanwhile, which Z3's own keep-alive no longer does (see `check`). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Interrupts the running query until it answers, for at most `ms`. Once is not enough: an
 * interrupt that arrives before the query's thread has started (a new worker takes a while to
 * load the WASM module) is lost.
 */
async function interrupt<T>(inst: Instance, answer: Promise<T>, ms: number): Promise<T | typeof LATE> {
  const deadline = Date.now() + ms;
  for (;;) {
    inst.ctx.interrupt();
    const outcome = await within(answer, Math.min(100, Math.max(0, deadline - Date.now())));
    if (outcome !== LATE || Date.now() >= deadline) return outcome;
  }
}

/**
 * Waits (at most `ms`) until the threads queries ran on have finished, that is sent their last
 * messages to this thread. (Z3 keeps other threads, such as the one behind its timeout, idle
 * in a pool: those are not waited for.)
 */
async function queryThreadsDone(inst: Instance, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    for (const thread of inst.queryThreads) if (!pool(inst).runningWorkers.includes(thread)) inst.queryThreads.delete(thread);
    if (inst.queryThreads.size === 0 || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs `start` and returns what it returned with the timers it created, synchronously, on the way. */
function withTimersCreated<T>(start: () => T): { value: T; timers: NodeJS.Timeout[] } {
  const timers: NodeJS.Timeout[] = [];
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'Timeout') timers.push(resource as NodeJS.Timeout);
    },
  });
  hook.enable();
  try {
    return { value: start(), timers };
  } finally {
    hook.disable();
  }
}

/**
 * Ends an instance (once, however often asked): interrupts its query, lets the query's thread
 * finish, then terminates every Z3 thread. Killing a thread before it finished is what used to
 * hang processes (see `check`).
 */
function retire(inst: Instance, graceMs: number): Promise<void> {
  inst.closed = true;
  inst.ended ??= track(
    (async () => {
      if (inst.running) await interrupt(inst, inst.running, graceMs);
      await queryThreadsDone(inst, graceMs);
      // killThreads rejects when workers outlive its own 5 s wait; they are terminated all the same.
      await inst.module.killThreads(inst.api.em).catch(() => undefined);
      inst.stop();
    })(),
  );
  return inst.ended;
}

function track(end: Promise<void>): Promise<void> {
  const tracked = end.finally(() => ending.delete(tracked));
  ending.add(tracked);
  return tracked;
}

/**
 * Decides one query, time-bounded three ways: Z3's `timeout` parameter; past it plus a grace,
 * an interrupt; past another grace, the instance is given up (threads terminated, the next
 * query starts a fresh one). Each bound ends in "unknown" with the reason.
 *
 * Z3's asynchronous calls run on an emscripten worker thread and, for their duration, hold
 * the process open with a 10-minute timer on this thread that only the worker's last message
 * clears. A worker terminated before sending it (killThreads racing a query's end, on a loaded
 * machine) left that timer behind and the process idle for 10 minutes after its work was done.
 * The timer is therefore unreferenced as soon as the call starts; `within` holds the process
 * open instead, for no longer than the bounds.
 */
async function check<T>(inst: Instance, solver: Solver<'vigil'>, limits: Required<SolverLimits>, read: () => T): Promise<Verdict<T>> {
  if (inst.closed) return { status: 'unknown', reason: 'the solver was closed before the query ran' };
  solver.set('timeout', limits.timeoutMs);
  const before = new Set(pool(inst).runningWorkers);
  const { value: call, timers } = withTimersCreated(() => inst.api.Z3.solver_check(inst.ctx.ptr, solver.ptr));
  for (const timer of timers) timer.unref();
  const settled = call.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  for (const thread of pool(inst).runningWorkers) if (!before.has(thread)) inst.queryThreads.add(thread);
  inst.running = settled;
  try {
    const answer = Promise.race([settled, inst.stopped.then((): typeof STOPPED => STOPPED)]);
    let outcome = await within(answer, limits.timeoutMs + limits.graceMs);
    if (outcome === LATE && !inst.closed) outcome = await interrupt(inst, answer, limits.graceMs);
    if (outcome === LATE) {
      if (!inst.closed) await abandon(inst, limits.graceMs);
      return { status: 'unknown', reason: `Z3 gave no answer within ${limits.timeoutMs + 2 * limits.graceMs} ms, even when interrupted` };
    }
    if (outcome === STOPPED) return { status: 'unknown', reason: 'the solver was closed while the query ran' };
    if ('error' in outcome) return { status: 'unknown', reason: `Z3 failed: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}` };
    const { Z3_lbool } = inst.module;
    if (outcome.result === Z3_lbool.Z3_L_TRUE) return { status: 'sat', value: read() };
    if (outcome.result === Z3_lbool.Z3_L_FALSE) return { status: 'unsat' };
    if (inst.closed) return { status: 'unknown', reason: 'the solver was closed while the query ran' };
    const reason = solver.reasonUnknown();
    return { status: 'unknown', reason: reason === 'timeout' ? `Z3 timed out after ${limits.timeoutMs} ms` : `Z3 could not decide (${reason})` };
  } finally {
    inst.running = undefined;
  }
}

/** Gives up on an instance whose query never returned: the next query starts a fresh one. */
async function abandon(inst: Instance, graceMs: number): Promise<void> {
  const latest = current;
  if (latest && (await latest.catch(() => undefined)) === inst && current === latest) current = undefined;
  inst.running = undefined;
  await retire(inst, graceMs);
}

/**
 * Runs one query on the solver, after the queries before it: `build` adds the assertions to a
 * fresh Z3 solver and returns the reader of a model, used when the answer is "sat".
 */
export function decide<T>(build: (ctx: Ctx, solver: Solver<'vigil'>) => (model: Model<'vigil'>) => T, limits: SolverLimits = {}): Promise<Verdict<T>> {
  const bounds = { ...DEFAULT_LIMITS, ...limits };
  const run = async (): Promise<Verdict<T>> => {
    let inst: Instance;
    try {
      inst = await instance();
    } catch (error) {
      return { status: 'unknown', reason: `Z3 did not start: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (inst.closed) return { status: 'unknown', reason: 'the solver was closed before the query ran' };
    const solver = new inst.ctx.Solver();
    const readModel = build(inst.ctx, solver);
    return check(inst, solver, bounds, () => readModel(solver.model()));
  };
  const result = lane.then(run, run);
  lane = result.catch(() => undefined);
  return result;
}

/** Starts the WASM solver ahead of time (it takes about a second). */
export async function startSolver(): Promise<void> {
  await instance();
}

/**
 * Ends every Z3 thread so the process can exit. Safe while a query runs (that query answers
 * "unknown") and safe to call again; a later query starts a fresh solver.
 */
export async function closeSolver(): Promise<void> {
  const last = current;
  current = undefined;
  // Registered before any wait, so that a second call made meanwhile waits for this one's work too.
  if (last) track(last.then((inst) => retire(inst, DEFAULT_LIMITS.graceMs), () => undefined));
  await Promise.all([...ending]);
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
 * Finds values for the free keys under which an Allow applies and no Deny does ("sat", with the
 * context), proves there are none within the finite domains ("unsat"), or says it could not
 * decide within the limits ("unknown").
 */
export async function solveContext(query: SolverQuery, limits: SolverLimits = {}): Promise<Verdict<WitnessContext>> {
  const relevant = query.policy.statements.filter((s) => s.effect && statementCovers(s, query.action, query.resource) && query.principalApplies(s));
  const allows = relevant.filter((s) => s.effect === 'Allow');
  if (allows.length === 0) return { status: 'unsat' };
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
  const fixedContext = (extra?: [string, ContextValue]) => new RequestContext([...query.fixed.entries(), ...(extra ? [extra] : [])].map(([k, v]) => [k, { ...v }]));

  return decide((ctx, solver) => {
    const vars = new Map<string, Arith<'vigil'>>();
    for (const [key, domain] of domains) {
      const v = ctx.Int.const(`k${vars.size}`);
      vars.set(key, v);
      solver.add(v.ge(-1), v.lt(domain.length)); // -1 stands for "absent"
    }
    const clauseFormula = (clause: ConditionClause): Bool<'vigil'> => {
      const key = clause.key.toLowerCase();
      const v = vars.get(key);
      if (!v) return ctx.Bool.val(clauseHolds(clause, fixedContext(), variables));
      const domain = domains.get(key)!;
      const options: Bool<'vigil'>[] = [];
      if (clauseHolds(clause, fixedContext(), variables)) options.push(v.eq(-1));
      domain.forEach((value, i) => {
        if (clauseHolds(clause, fixedContext([key, { values: [value], multi: clause.set !== undefined }]), variables)) options.push(v.eq(i));
      });
      return options.length ? ctx.Or(...options) : ctx.Bool.val(false);
    };
    const applies = (s: Statement) => (s.conditions.length ? ctx.And(...s.conditions.map(clauseFormula)) : ctx.Bool.val(true));
    solver.add(ctx.Or(...allows.map(applies)));
    for (const d of denies) solver.add(ctx.Not(applies(d)));
    return (model) => {
      const context: WitnessContext = new Map([...query.fixed].map(([k, v]) => [k, { ...v }]));
      for (const [key, v] of vars) {
        const index = Number(model.eval(v, true).toString());
        if (index >= 0) {
          const multi = (byKey.get(key) ?? []).some((c) => c.set !== undefined);
          context.set(key, { values: [domains.get(key)![index]!], multi });
        }
      }
      return context;
    };
  }, limits);
}
