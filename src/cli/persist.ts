import type { VigilConfig } from '../core/config.ts';
import type { Finding } from '../core/finding.ts';
import type { ScanScope } from '../hub/store.ts';
import type { Io } from './io.ts';

/**
 * `--store` for every findings-producing command: the one place a command's findings enter
 * the store, queue their notifications in the same transaction, and get delivered.
 * `--store` alone means vigil.yaml `store:` or the default file; `--store PATH|URL` names it.
 */
export async function persistFindings(args: { option: string | boolean | undefined; config: VigilConfig; findings: Finding[]; command: string; scope?: ScanScope; io: Io }): Promise<void> {
  const { option, config, findings, command, scope, io } = args;
  if (option === undefined || option === false) return;
  const { FindingsStore } = await import('../hub/store.ts');
  const { enqueueHook, deliverConfigured } = await import('../notify/index.ts');
  const enqueue = enqueueHook(config);
  const store = await FindingsStore.open(typeof option === 'string' && option.length > 0 ? option : config.store);
  try {
    const summary = await store.ingest(findings, { command, scope, enqueue });
    io.info(`store: ${summary.created} new, ${summary.reopened} reopened, ${summary.resolved} resolved, ${summary.updated} updated (scan ${summary.scanId})`);
    if (enqueue) {
      const delivery = await deliverConfigured(store, config, (m) => io.debug(m));
      io.info(`notifications: ${delivery.sent} sent, ${delivery.retrying} to retry, ${delivery.failed} failed`);
    }
  } finally {
    await store.close();
  }
}
