import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { FindingsStore } from '../../hub/index.ts';
import { filterFromOptions } from '../../hub/filters.ts';
import { exportToSecurityHub } from '../../hub/export-securityhub.ts';
import { emitReport, makeReport } from '../../output/index.ts';

/** Exports stored findings: to Security Hub (`--to securityhub`) or in any --format to --out. */
export async function run({ options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const store = await FindingsStore.open(options.store ?? config.store);
  let findings;
  try {
    findings = await store.list(filterFromOptions(options));
  } finally {
    await store.close();
  }
  if (!options.to) return emitReport(makeReport('findings export', findings), { format: options.format, out: options.out, failOn: options.failOn }, io);
  if (options.to !== 'securityhub') throw new InputError(`--to: unknown target ${options.to} (securityhub; for files use --format and --out)`);

  const { ClientPool } = await import('../../aws/client-pool.ts');
  const pool = new ClientPool({ profile: options.profile ?? config.aws?.profile, endpointUrl: options.endpointUrl ?? config.aws?.endpointUrl });
  try {
    // Passing results and imported findings are not re-exported: Security Hub has those already.
    const exportable = findings.filter((f) => f.source !== 'imported');
    const summary = await exportToSecurityHub(pool, exportable);
    io.info(`Security Hub: ${summary.succeeded} imported, ${summary.failed.length} failed, ${summary.oversized.length} too large`);
    for (const failure of summary.failed.slice(0, 20)) io.warn(`${failure.id}: ${failure.code}: ${failure.message}`);
    if (options.format === 'json') io.out(JSON.stringify({ export: summary }, null, 2));
    return summary.failed.length > 0 && summary.succeeded === 0 ? 3 : 0;
  } finally {
    pool.destroy();
  }
}
