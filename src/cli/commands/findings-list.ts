import type { CommandInput } from '../spec.ts';
import { FindingsStore } from '../../hub/index.ts';
import { filterFromOptions } from '../../hub/filters.ts';
import { emitReport, makeReport } from '../../output/index.ts';

export async function run({ options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const filter = filterFromOptions(options);
  const store = await FindingsStore.open(options.store ?? config.store);
  try {
    const findings = await store.list(filter);
    return await emitReport(makeReport('findings list', findings), { format: options.format, out: options.out, failOn: options.failOn }, io);
  } finally {
    await store.close();
  }
}
