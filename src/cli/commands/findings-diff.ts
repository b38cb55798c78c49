import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { FindingsStore } from '../../hub/index.ts';
import { emitReport, makeReport } from '../../output/index.ts';

const scanId = (value: string | undefined, name: string) => {
  if (value === undefined) return undefined;
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new InputError(`${name}: expected a scan id (see vigil findings trends), got ${value}`);
  return id;
};

/** New, resolved and still-open problems between two scans; JSON adds `diff` with the three lists of ids. */
export async function run({ args, options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const store = await FindingsStore.open(options.store ?? config.store);
  try {
    const diff = await store.diff(scanId(args[0], 'from'), scanId(args[1], 'to'));
    io.info(`scan ${diff.from} → ${diff.to}: ${diff.new.length} new, ${diff.resolved.length} resolved, ${diff.open.length} still open`);
    const findings = [...diff.new, ...diff.open];
    const extra = { diff: { from: diff.from, to: diff.to, new: diff.new.map((f) => f.id), resolved: diff.resolved.map((f) => f.id), open: diff.open.map((f) => f.id) } };
    return await emitReport(makeReport('findings diff', findings, extra), { format: options.format, out: options.out, failOn: options.failOn }, io);
  } finally {
    await store.close();
  }
}
