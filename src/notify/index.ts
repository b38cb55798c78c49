import type { VigilConfig } from '../core/config.ts';
import type { FindingsStore } from '../hub/store.ts';
import { resolveDestinations, type Destination } from './destinations.ts';
import { deliverPending, outboxItemsFor, type DeliverySummary } from './outbox.ts';
import type { SendContext } from './senders.ts';

export { resolveDestinations, wants } from './destinations.ts';
export type { Destination } from './destinations.ts';
export { deliverPending, outboxItemsFor, outboxStatus } from './outbox.ts';

/** The send context from config: dashboard links and, for SNS, the shared AWS client pool. */
export function sendContext(config: VigilConfig, aws: { profile?: string; endpointUrl?: string } = {}): SendContext {
  return {
    dashboardUrl: config.notify?.dashboardUrl,
    pool: async () => {
      const { ClientPool } = await import('../aws/client-pool.ts');
      return new ClientPool({ profile: aws.profile ?? config.aws?.profile, endpointUrl: aws.endpointUrl ?? config.aws?.endpointUrl });
    },
  };
}

/** Delivers what is due for every configured destination. */
export async function deliverConfigured(store: FindingsStore, config: VigilConfig, log?: (m: string) => void, destinations: Destination[] = resolveDestinations(config)): Promise<DeliverySummary> {
  return deliverPending(store, destinations, { context: sendContext(config), maxAttempts: config.notify?.maxAttempts, log });
}

export function enqueueHook(config: VigilConfig) {
  const destinations = resolveDestinations(config);
  return destinations.length > 0 ? outboxItemsFor(destinations) : undefined;
}
