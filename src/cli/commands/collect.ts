import { collect } from '../../inventory/collect/collector.ts';
import { collectOptionsFromCli, type CollectCliFlags } from '../../inventory/collect/options.ts';
import { collectionPolicy } from '../../inventory/collect/policy.ts';
import { progressBar } from '../../inventory/collect/progress.ts';
import { formatSummary } from '../../inventory/collect/summary.ts';
import { writeSnapshot } from '../../inventory/snapshot.ts';
import type { CommandInput } from '../spec.ts';

interface CollectCommandOptions extends CollectCliFlags {
  out?: string;
  gzip?: boolean;
  printPolicy?: boolean;
  /** Run the units on `vigil worker` processes through this Redis. */
  queue?: string;
}

/** `vigil collect`: live inventory → snapshot folder, or the IAM policy it needs. */
export async function run({ options, config, io }: CommandInput<CollectCommandOptions>): Promise<number> {
  if (options.printPolicy) {
    // Validates --services the same way collection does.
    const { services } = collectOptionsFromCli({ services: options.services }, {});
    io.out(JSON.stringify(collectionPolicy(services, { organization: Boolean(options.orgRole ?? config.aws?.orgRole) }), null, 2));
    return 0;
  }
  const out = options.out ?? 'snapshot';
  const collectOptions = collectOptionsFromCli(options, config.aws);
  let queue: import('../../queue/queue-executor.ts').QueueExecutor | undefined;
  if (options.queue) {
    const { QueueExecutor, validateRedisUrl } = await import('../../queue/queue-executor.ts');
    queue = new QueueExecutor(validateRedisUrl(options.queue, '--queue'), `collect-${Date.now()}`);
    collectOptions.executor = queue;
  }
  let result;
  try {
    result = await collect(collectOptions, progressBar(io));
  } finally {
    await queue?.close();
  }
  await writeSnapshot(out, result.manifest, result.data, { gzip: options.gzip });
  for (const line of formatSummary(result.summary, out)) io.info(line);
  // Every account failed (e.g. AssumeRole everywhere): the job did not get done.
  return result.summary.accounts.some((a) => a.status === 'ok') ? 0 : 3;
}

/** Kept for `vigil scan` live mode, which imports it from here. */
export const collectOptionsFrom = collectOptionsFromCli;
