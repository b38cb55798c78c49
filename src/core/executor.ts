import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Fan-out of units of work. A job is idempotent and keyed (`account/region/service` for
 * collection), so running it twice gives the same answer and a queue-backed executor (many
 * machines) can replace the in-process one without the caller changing.
 */

export interface Job<T> {
  /** Unique, stable id of the unit, slash-separated from the widest scope down. */
  key: string;
  /** Runs the unit here (in-process executors). */
  run(): Promise<T>;
  /**
   * The same unit as plain JSON, for executors that run it elsewhere: a worker looks the
   * handler up by name and calls it with `input`; its result must equal what `run` returns.
   */
  handler?: string;
  input?: unknown;
}

export type JobResult<T> = { key: string; ok: true; value: T } | { key: string; ok: false; error: unknown };
export type Result<T> = JobResult<T>;

export interface Executor {
  /** Runs the jobs and yields each result as it completes (in completion order). */
  run<T>(jobs: Iterable<Job<T>>): AsyncIterable<JobResult<T>>;
}

export interface InProcessOptions {
  /** Most jobs running at once overall. */
  concurrency?: number;
  /**
   * Most jobs running at once under each key prefix of the given depth: `{1: 8}` allows 8
   * per account for `account/region/service` keys, `{2: 4}` 4 per account and region.
   */
  perPrefix?: Record<number, number>;
}

export class InProcessExecutor implements Executor {
  private readonly overall: LimitFunction;
  private readonly prefixLimits = new Map<string, LimitFunction>();

  constructor(private readonly options: InProcessOptions = {}) {
    this.overall = pLimit(options.concurrency ?? 32);
  }

  async *run<T>(jobs: Iterable<Job<T>>): AsyncIterable<JobResult<T>> {
    const seen = new Set<string>();
    const done: Array<JobResult<T>> = [];
    let wake: (() => void) | undefined;
    let pending = 0;
    for (const job of jobs) {
      // Same key, same work: a duplicate would only repeat the calls.
      if (seen.has(job.key)) continue;
      seen.add(job.key);
      pending++;
      void this.limited(job).then((result) => {
        done.push(result);
        wake?.();
      });
    }
    while (pending > 0) {
      if (done.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      while (done.length > 0) {
        pending--;
        yield done.shift()!;
      }
    }
  }

  private limited<T>(job: Job<T>): Promise<JobResult<T>> {
    // Acquire from the widest limit to the narrowest, always in the same order.
    let run = (): Promise<T> => job.run();
    const parts = job.key.split('/');
    const depths = Object.keys(this.options.perPrefix ?? {}).map(Number).sort((a, b) => b - a);
    for (const depth of depths) {
      if (parts.length < depth) continue;
      const prefix = `${depth}:${parts.slice(0, depth).join('/')}`;
      let limit = this.prefixLimits.get(prefix);
      if (!limit) {
        limit = pLimit(this.options.perPrefix![depth]!);
        this.prefixLimits.set(prefix, limit);
      }
      const inner = run;
      const bound = limit;
      run = () => bound(inner);
    }
    const outer = run;
    return this.overall(outer).then(
      (value) => ({ key: job.key, ok: true as const, value }),
      (error: unknown) => ({ key: job.key, ok: false as const, error }),
    );
  }
}
