import type { CommandInput, OutputFormat } from '../spec.ts';
import type { Severity } from '../../core/severity.ts';
import { InputError } from '../../core/errors.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { readSnapshot } from '../../inventory/snapshot.ts';
import { analyzeAccess } from '../../access/external/snapshot.ts';
import { closeSolver } from '../../access/index.ts';
import { persistFindings } from '../persist.ts';

interface Options {
  snapshot?: string;
  store?: string | boolean;
  format?: OutputFormat;
  out?: string;
  failOn?: Severity;
}

export async function run({ options, config, io }: CommandInput<Options>): Promise<number> {
  if (!options.snapshot) throw new InputError('--snapshot DIR is required');
  const snapshot = readSnapshot(options.snapshot);
  const findings = await analyzeAccess(snapshot, config);
  await closeSolver();
  // Capabilities do not import the hub; the command wires them together.
  const { snapshotScope } = await import('../../hub/index.ts');
  await persistFindings({ option: options.store, config, findings, command: 'iam access', scope: snapshotScope(snapshot.manifest, 'access'), io });
  const summary = {
    public: findings.filter((f) => (f as { isPublic?: boolean }).isPublic).length,
    external: findings.filter((f) => f.status === 'FAIL').length,
    unknown: findings.filter((f) => f.status === 'ERROR').length,
  };
  return emitReport(makeReport('iam access', findings, { summary }, 'External access'), { format: options.format, out: options.out, failOn: options.failOn }, io);
}
