import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { athenaDdl } from '../../trail/athena-ddl.ts';

interface Options {
  bucket?: string;
  prefix?: string;
  orgId?: string;
  table?: string;
  kind?: 'cloudtrail' | 'vpcflow';
  accounts?: string;
  regions?: string;
  since?: string;
}

const list = (value: string | undefined) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

export async function run({ options, io }: CommandInput<Options>): Promise<number> {
  if (!options.bucket) throw new InputError('trail athena-ddl needs --bucket');
  io.out(athenaDdl({ kind: options.kind ?? 'cloudtrail', bucket: options.bucket, prefix: options.prefix, orgId: options.orgId, table: options.table, accounts: list(options.accounts), regions: list(options.regions), since: options.since }));
  return 0;
}
