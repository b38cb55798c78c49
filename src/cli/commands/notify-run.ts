import type { CommandInput } from '../spec.ts';
import { FindingsStore } from '../../hub/index.ts';
import { deliverPending, outboxStatus, resolveDestinations } from '../../notify/index.ts';
import { sendContext } from '../../notify/index.ts';

/** Delivers due notifications from the outbox; prints what is left per destination. */
export async function run({ options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const destinations = resolveDestinations(config);
  if (destinations.length === 0) {
    io.warn('no notify.destinations in the config: nothing to deliver to');
    return 0;
  }
  const store = await FindingsStore.open(options.store ?? config.store);
  try {
    const leaseMs = options.leaseSeconds !== undefined ? Number(options.leaseSeconds) * 1000 : undefined;
    const summary = await deliverPending(store, destinations, { context: sendContext(config, options), maxAttempts: config.notify?.maxAttempts, leaseMs, log: (m) => io.debug(m) });
    for (const [name, s] of Object.entries(summary.byDestination)) {
      io.info(`${name}: ${s.sent} sent, ${s.retrying} to retry, ${s.failed} failed${s.lastError ? ` (last error: ${s.lastError})` : ''}`);
    }
    if (options.format === 'json') io.out(JSON.stringify({ delivery: summary, outbox: await outboxStatus(store) }, null, 2));
    return 0;
  } finally {
    await store.close();
  }
}
