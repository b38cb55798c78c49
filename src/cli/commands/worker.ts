import type { CommandInput } from '../spec.ts';
import { validateRedisUrl } from '../../queue/queue-executor.ts';
import { startWorker } from '../../queue/worker.ts';

/** Runs queued units of work from Redis until interrupted. */
export async function run({ options, io }: CommandInput<Record<string, any>>): Promise<number> {
  const url = String(options.redis ?? process.env.VIGIL_REDIS_URL ?? 'redis://127.0.0.1:6379');
  validateRedisUrl(url, '--redis');
  const concurrency = Number(options.concurrency ?? 2);
  const worker = startWorker(url, { concurrency, log: (m) => io.debug(m) });
  worker.on('error', (error) => io.warn(`redis: ${error.message}`));
  await worker.waitUntilReady();
  io.info(`worker ready (${concurrency} at a time) on ${new URL(url).host}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await worker.close();
  return 0;
}
