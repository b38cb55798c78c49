import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pLimit from 'p-limit';
import { FETCH_MANIFEST, normalizePrefix, s3Store, SIDECAR_SUFFIX, type FetchManifest, type MetadataSidecar } from './validate/store.ts';

export interface FetchOptions {
  bucket: string;
  prefix?: string;
  to: string;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  concurrency?: number;
  onObject?(key: string): void;
}

export interface FetchResult {
  objects: number;
  bytes: number;
  /** Objects that carried user metadata (digest signatures), kept in sidecars. */
  sidecars: number;
}

/**
 * Copies `s3://bucket/prefix` to a folder as `aws s3 sync` would (key minus prefix = path) and
 * keeps what sync loses and validation needs: each object's user metadata (the digest
 * signature) in `<file>.metadata.json`, and `.vigil-trail-fetch.json` naming the origin, so
 * that `vigil trail validate DIR` works offline.
 */
export async function fetchTrail(options: FetchOptions): Promise<FetchResult> {
  const prefix = normalizePrefix(options.prefix);
  const store = s3Store(options.bucket, prefix, options);
  const limit = pLimit(options.concurrency ?? 16);
  const root = resolve(options.to);
  const result: FetchResult = { objects: 0, bytes: 0, sidecars: 0 };
  const pending: Array<Promise<void>> = [];
  try {
    for await (const key of store.listKeys(prefix ? `${prefix}/` : '')) {
      if (key.endsWith('/')) continue;
      const relativeKey = prefix ? key.slice(prefix.length + 1) : key;
      const path = resolve(root, ...relativeKey.split('/'));
      // Keys are attacker-influenced names: never write outside the destination.
      if (!path.startsWith(root + sep)) continue;
      pending.push(
        limit(async () => {
          const object = await store.get(options.bucket, key);
          if (!object) return;
          await mkdir(dirname(path), { recursive: true });
          const counted = async function* () {
            for await (const chunk of object.body) {
              result.bytes += chunk.length;
              yield chunk;
            }
          };
          await pipeline(Readable.from(counted()), createWriteStream(path));
          if (Object.keys(object.metadata).length > 0) {
            const sidecar: MetadataSidecar = { bucket: options.bucket, key, metadata: object.metadata };
            await writeFile(path + SIDECAR_SUFFIX, JSON.stringify(sidecar, null, 2));
            result.sidecars++;
          }
          result.objects++;
          options.onObject?.(key);
        }),
      );
    }
    await Promise.all(pending);
  } finally {
    store.close();
  }
  const manifest: FetchManifest = { format: 'vigil-trail-fetch/1', bucket: options.bucket, prefix, fetchedAt: new Date().toISOString() };
  await mkdir(root, { recursive: true });
  await writeFile(join(root, FETCH_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return result;
}
