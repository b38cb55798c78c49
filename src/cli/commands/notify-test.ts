import type { CommandInput } from '../spec.ts';
import type { Finding } from '../../core/finding.ts';
import { findingId } from '../../core/finding.ts';
import { resolveDestinations, sendContext } from '../../notify/index.ts';
import { notifiedFinding } from '../../notify/messages.ts';
import { send } from '../../notify/senders.ts';

/** Sends one sample finding straight to each destination and reports each result. Exit 3 if any failed. */
export async function run({ options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const destinations = resolveDestinations(config);
  if (destinations.length === 0) {
    io.warn('no notify.destinations in the config');
    return 0;
  }
  const now = new Date().toISOString();
  const sample: Finding = {
    id: findingId('notify-test', now), source: 'detection', type: 'Vigil:Test/NotificationTest', severity: 'LOW',
    title: 'Vigil test notification', description: 'This is a test message from `vigil notify test`. No action is needed.',
    account: '000000000000', region: 'global', resource: { type: 'AWS::::Account', id: '000000000000' }, compliance: {}, evidence: {}, firstSeen: now, lastSeen: now, count: 1,
  };
  let failures = 0;
  for (const destination of destinations) {
    try {
      await send({ destination, findings: [notifiedFinding(sample)], idempotencyKey: sample.id }, sendContext(config, options));
      io.out(`${destination.label}: ok`);
    } catch (error) {
      failures++;
      io.out(`${destination.label}: FAILED (${(error as Error).message})`);
    }
  }
  return failures > 0 ? 3 : 0;
}
