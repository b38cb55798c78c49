import { Queue, type ConnectionOptions } from 'bullmq';
import type { Executor, Job, JobResult } from '../core/executor.ts';
import { InputError } from '../core/errors.ts';

/**
 * Scale-out: units of work described as data (a handler name and its input) go onto a Redis
 * queue (BullMQ), and `vigil worker` processes on any number of machines run them. The job
 * id is the unit's key within a run, so adding the same unit twice does the work once.
 */

/** The queue's name; VIGIL_QUEUE_NAME separates several Vigil deployments (or test runs) on one Redis. */
export function queueName(): string {
  return process.env.VIGIL_QUEUE_NAME || 'vigil-jobs';
}

export interface RemoteJob<I = unknown> {
  /** Stable key of the unit (`account/region/service`, `detect/file-7`). */
  key: string;
  /** Name of the handler a worker runs (see ./handlers.ts). */
  handler: string;
  input: I;
}

/** A redis:// or rediss:// URL, or a usage error naming the option (the URL may hold a password: never echoed). */
export function validateRedisUrl(url: string, option: string): string {
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new InputError(`${option}: expected a redis:// URL`);
  return url;
}

export function redisConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers need blocking commands to wait forever.
    maxRetriesPerRequest: null,
  };
}

export class QueueExecutor implements Executor {
  private readonly queue: Queue;

  constructor(
    redisUrl: string,
    /** Distinguishes runs: the same key in another run is new work. */
    private readonly runId: string,
    private readonly options: { timeoutMs?: number; attempts?: number } = {},
  ) {
    const connection = redisConnection(redisUrl);
    this.queue = new Queue(queueName(), { connection });
  }

  /**
   * Enqueues the jobs and yields each result as workers finish them. Jobs must carry their
   * plain-JSON form (`handler`, `input`): a closure cannot cross Redis.
   */
  async *run<T>(jobs: Iterable<RemoteJob | Job<T>>): AsyncIterable<JobResult<T>> {
    const added = [];
    const seen = new Set<string>();
    for (const job of jobs) {
      if (!job.handler) throw new Error(`job ${job.key} has no plain-JSON form (handler/input) for a queue`);
      if (seen.has(job.key)) continue;
      seen.add(job.key);
      added.push(
        this.queue.add(job.handler, { key: job.key, input: 'input' in job ? job.input : undefined }, {
          jobId: `${this.runId}:${job.key}`.replace(/:/g, '_'),
          attempts: this.options.attempts ?? 3,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 86400 },
        }),
      );
    }
    const queued = await Promise.all(added);
    // Poll each job's state rather than wait for completion events: an event published
    // before the listener caught up would leave the run waiting forever; the state cannot be missed.
    const waiting = new Map(queued.map((job) => [job.id!, (job.data as { key: string }).key]));
    const deadline = Date.now() + (this.options.timeoutMs ?? 30 * 60_000);
    while (waiting.size > 0) {
      for (const [id, key] of [...waiting]) {
        // The state first, then the job: read the other way round, a job that completes
        // between the two reads is seen as completed with the return value it had before (null).
        const state = await this.queue.getJobState(id);
        const job = state === 'unknown' ? undefined : await this.queue.getJob(id);
        if (state === 'completed' && job) {
          waiting.delete(id);
          yield { key, ok: true as const, value: job!.returnvalue as T };
        } else if (state === 'failed' && job!.attemptsMade >= (job!.opts.attempts ?? 1)) {
          waiting.delete(id);
          yield { key, ok: false as const, error: new Error(job!.failedReason || 'job failed') };
        } else if (state === 'unknown' || !job) {
          waiting.delete(id);
          yield { key, ok: false as const, error: new Error(`job ${id} disappeared from the queue`) };
        }
      }
      if (waiting.size === 0) break;
      if (Date.now() > deadline) {
        for (const [id, key] of waiting) yield { key, ok: false as const, error: new Error(`job ${id} did not finish in time`) };
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
