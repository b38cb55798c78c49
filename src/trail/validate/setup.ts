import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ClientPool } from '../../aws/client-pool.ts';
import { InputError } from '../../core/errors.ts';
import { listPublicKeys, readPublicKeysFile, type PublicKeySet } from './public-keys.ts';
import { FETCH_MANIFEST, localStore, s3Store, type FetchManifest, type TrailStore } from './store.ts';

export interface StoreChoice {
  dir?: string;
  bucket?: string;
  prefix?: string;
  endpointUrl?: string;
  region?: string;
  profile?: string;
}

/** S3 (`--bucket`) or a local copy (`DIR`, with the fetch manifest or `--bucket` naming its origin). */
export async function openTrailStore(choice: StoreChoice): Promise<TrailStore> {
  if (choice.dir) {
    if (!existsSync(choice.dir) || !statSync(choice.dir).isDirectory()) throw new InputError('no such folder', choice.dir);
    let manifest: Partial<FetchManifest> = {};
    const manifestPath = join(choice.dir, FETCH_MANIFEST);
    if (existsSync(manifestPath)) {
      try {
        manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as FetchManifest;
      } catch {
        throw new InputError('not valid JSON', manifestPath);
      }
    }
    const bucket = choice.bucket ?? manifest.bucket;
    if (!bucket) throw new InputError(`no ${FETCH_MANIFEST} here: pass --bucket (and --prefix) naming the S3 location this folder is a copy of`, choice.dir);
    return localStore(choice.dir, bucket, choice.prefix ?? manifest.prefix);
  }
  if (!choice.bucket) throw new InputError('trail validate needs --bucket BUCKET (S3) or a folder made by vigil trail fetch');
  return s3Store(choice.bucket, choice.prefix, choice);
}

/** Public keys per home region: from `--public-keys FILE` (any region), else ListPublicKeys. */
export function publicKeySource(options: { publicKeys?: string; start?: Date; end: Date; endpointUrl?: string; profile?: string }): { keysFor(homeRegion: string): Promise<PublicKeySet>; close(): void } {
  if (options.publicKeys) {
    const keys = readPublicKeysFile(options.publicKeys);
    return { keysFor: async () => keys, close: () => undefined };
  }
  // CloudTrail is not S3: --endpoint-url names the S3 endpoint, so it is not used here.
  const pool = new ClientPool({ profile: options.profile });
  const cache = new Map<string, Promise<PublicKeySet>>();
  return {
    keysFor(homeRegion) {
      let keys = cache.get(homeRegion);
      if (!keys) cache.set(homeRegion, (keys = listPublicKeys(pool, homeRegion, options.start, options.end)));
      return keys;
    },
    close: () => pool.destroy(),
  };
}
