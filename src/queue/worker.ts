import { Worker } from 'bullmq';
import { queueName, redisConnection } from './queue-executor.ts';
import { HANDLERS } from './handlers.ts';

/**
 * `vigil worker`: runs queued units until stopped. A unit whose handler throws is retried by
 * BullMQ with backoff (attempts set by the producer); a worker killed mid-job leaves the job's
 * lock to expire and another worker picks it up, and because units are idempotent a rerun
 * gives the same result.
 */
export function startWorker(redisUrl: string, options: { concurrency?: number; log?: (m: string) => void } = {}): Worker {
  const worker = new Worker(
    queueName(),
    async (job) => {
      const handler = HANDLERS[job.name];
      if (!handler) throw new Error(`no handler ${job.name} in this worker (version mismatch?)`);
      options.log?.(`${job.name} ${String((job.data as { key: string }).key)}`);
      return handler((job.data as { input: unknown }).input);
    },
    { connection: redisConnection(redisUrl), concurrency: options.concurrency ?? 2 },
  );
  worker.on('failed', (job, error) => options.log?.(`${job?.name} ${String(job?.data?.key)} failed: ${error.message}`));
  return worker;
}
