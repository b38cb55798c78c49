import type { CommandInput, OutputFormat } from '../spec.ts';
import type { Severity } from '../../core/severity.ts';
import { InputError } from '../../core/errors.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { readSnapshot } from '../../inventory/snapshot.ts';
import { escalationPaths } from '../../access/paths/index.ts';

export async function run({ options, io }: CommandInput<{ snapshot?: string; format?: OutputFormat; out?: string; failOn?: Severity }>): Promise<number> {
  if (!options.snapshot) throw new InputError('--snapshot DIR is required');
  const result = escalationPaths(readSnapshot(options.snapshot));
  if (result.unknownPolicies.length) io.warn(`${result.unknownPolicies.length} attached managed policies have no document in the snapshot; paths through them are not seen: ${result.unknownPolicies.slice(0, 5).join(', ')}`);
  return emitReport(makeReport('iam paths', result.findings, { administrators: result.administrators, unknownPolicies: result.unknownPolicies }, 'Privilege escalation paths'), { format: options.format, out: options.out, failOn: options.failOn }, io);
}
