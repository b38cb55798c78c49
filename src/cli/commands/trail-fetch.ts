import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { fetchTrail } from '../../trail/fetch.ts';

interface Options {
  bucket?: string;
  prefix?: string;
  to?: string;
}

export async function run({ options, io }: CommandInput<Options>): Promise<number> {
  if (!options.bucket) throw new InputError('trail fetch needs --bucket');
  if (!options.to) throw new InputError('trail fetch needs --to DIR');
  const result = await fetchTrail({ bucket: options.bucket, prefix: options.prefix, to: options.to, endpointUrl: options.endpointUrl, region: options.region, profile: options.profile, onObject: (key) => io.debug(`fetched ${key}`) });
  io.info(`fetched ${result.objects} objects (${result.bytes} bytes, ${result.sidecars} with signature metadata) to ${options.to}`);
  io.info(`validate offline with: vigil trail validate ${options.to} --public-keys KEYS.json`);
  return 0;
}
