import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { parseTimeOption } from '../../core/time.ts';
import { ingestTrail } from '../../trail/query/ingest.ts';

interface Options {
  to?: string;
  since?: string;
  until?: string;
}

export async function run({ args, options, io }: CommandInput<Options>): Promise<number> {
  if (!options.to) throw new InputError('trail ingest needs --to DIR');
  if (args.length === 0) throw new InputError('trail ingest needs at least one PATH (file, folder or s3://bucket/prefix)');
  const result = await ingestTrail(args, options.to, {
    since: options.since ? parseTimeOption(options.since, '--since') : undefined,
    until: options.until ? parseTimeOption(options.until, '--until') : undefined,
    endpointUrl: options.endpointUrl,
    region: options.region,
    profile: options.profile,
    onProblem: (problem) => io.warn(`${problem.file}${problem.line !== undefined ? `:${problem.line}` : problem.offset !== undefined ? ` (offset ${problem.offset})` : ''}: ${problem.reason}`),
  });
  const stats = result.stats;
  io.info(`ingested ${result.rows} events${stats ? ` from ${stats.files} files (${stats.filesSkipped} skipped, ${stats.skipped} bad records)` : ''} into ${options.to}`);
  io.info(`query with: vigil trail query "SELECT … FROM cloudtrail" ${options.to}`);
  return 0;
}
