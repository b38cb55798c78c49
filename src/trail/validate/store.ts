import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ClientPool } from '../../aws/client-pool.ts';
import { errorCode } from '../../aws/errors.ts';
import { AwsFailure } from '../../core/errors.ts';
import { listInput } from '../../logs/sources/s3-client.ts';
import { listChildren } from '../../logs/sources/s3-children.ts';

/**
 * Where a trail's files are read from: S3 itself, or a local copy (made by `vigil trail fetch`,
 * or by `aws s3 sync` plus metadata sidecars). Keys are always the S3 keys CloudTrail wrote,
 * so digests' references resolve the same way in both.
 */
export interface TrailStore {
  /** For messages: `s3://bucket/prefix` or the folder. */
  readonly label: string;
  readonly bucket: string;
  readonly prefix: string;
  /** Keys under `prefix` (all levels), in key order, starting after `startAfter`. */
  listKeys(prefix: string, startAfter?: string): AsyncIterable<string>;
  /** Folder names (ending in `/`) directly under `prefix`. */
  listFolders(prefix: string): Promise<string[]>;
  /** The object, or undefined when it does not exist. `metadata: false` when it is not needed (logs). */
  get(bucket: string, key: string, options?: { metadata?: boolean }): Promise<StoredObject | undefined>;
  close(): void;
}

export interface StoredObject {
  body: AsyncIterable<Uint8Array>;
  /** S3 user metadata (without the x-amz-meta- prefix). */
  metadata: Record<string, string>;
}

/** The sidecar `vigil trail fetch` writes beside each digest: `<file>.metadata.json`. */
export interface MetadataSidecar {
  bucket: string;
  key: string;
  metadata: Record<string, string>;
}
export const SIDECAR_SUFFIX = '.metadata.json';

/** Written at the root of a fetched copy: which bucket and prefix it mirrors. */
export interface FetchManifest {
  format: 'vigil-trail-fetch/1';
  bucket: string;
  prefix: string;
  fetchedAt: string;
}
export const FETCH_MANIFEST = '.vigil-trail-fetch.json';

export function normalizePrefix(prefix: string | undefined): string {
  return (prefix ?? '').replace(/^\/+|\/+$/g, '');
}

export function s3Store(bucket: string, prefix: string | undefined, options: { endpointUrl?: string; region?: string; profile?: string }): TrailStore {
  const pool = new ClientPool({ endpointUrl: options.endpointUrl, profile: options.profile });
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const send = async (operation: string, input: Record<string, unknown>) => {
    try {
      return await pool.send('s3', undefined, region, operation, input);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'NoSuchKey' || code === 'NotFound') throw error;
      throw new AwsFailure(`S3 ${operation} s3://${String(input.Bucket)}/${String(input.Key ?? input.Prefix ?? '')}: ${error instanceof Error ? error.message : String(error)}`, code);
    }
  };
  const listPage = async (under: string, page: { startAfter?: string; token?: string }) => {
    const out = (await send('ListObjectsV2', listInput(bucket, under, page))) as { Contents?: Array<{ Key?: string }>; IsTruncated?: boolean; NextContinuationToken?: string };
    return { objects: (out.Contents ?? []).flatMap((o) => (o.Key ? [{ key: o.Key }] : [])), nextToken: out.IsTruncated ? out.NextContinuationToken : undefined };
  };
  const normalized = normalizePrefix(prefix);
  return {
    label: `s3://${bucket}${normalized ? `/${normalized}` : ''}`,
    bucket,
    prefix: normalized,
    async *listKeys(under, startAfter) {
      let token: string | undefined;
      do {
        const page = await listPage(under, { startAfter, token });
        for (const object of page.objects) yield object.key;
        token = page.nextToken;
      } while (token);
    },
    async listFolders(under) {
      const folders: string[] = [];
      for await (const child of listChildren(listPage, under)) if (child.kind === 'folder') folders.push(child.prefix);
      return folders;
    },
    async get(objectBucket, key) {
      try {
        const out = await send('GetObject', { Bucket: objectBucket, Key: key });
        return { body: out.Body as AsyncIterable<Uint8Array>, metadata: (out.Metadata ?? {}) as Record<string, string> };
      } catch (error) {
        const code = errorCode(error);
        if (code === 'NoSuchKey' || code === 'NotFound') return undefined;
        throw error;
      }
    },
    close: () => pool.destroy(),
  };
}

/**
 * A local copy of `s3://bucket/prefix` in `root`: key `prefix/AWSLogs/…` is the file
 * `root/AWSLogs/…`. Digest metadata comes from `<file>.metadata.json` sidecars.
 */
export async function localStore(root: string, bucket: string, prefix: string | undefined): Promise<TrailStore> {
  const normalized = normalizePrefix(prefix);
  const keyPrefix = normalized ? `${normalized}/` : '';
  let keys: string[] | undefined;
  const allKeys = async () => {
    if (!keys) {
      keys = [];
      await walk(root, keys);
      keys.sort();
    }
    return keys;
  };
  async function walk(dir: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, out);
      else if (entry.isFile() && !entry.name.endsWith(SIDECAR_SUFFIX) && entry.name !== FETCH_MANIFEST) {
        out.push(keyPrefix + relative(root, path).split(sep).join('/'));
      }
    }
  }
  const pathOf = (key: string) => (key.startsWith(keyPrefix) ? join(root, ...key.slice(keyPrefix.length).split('/')) : undefined);
  return {
    label: root,
    bucket,
    prefix: normalized,
    async *listKeys(under, startAfter) {
      for (const key of await allKeys()) {
        if (key.startsWith(under) && (!startAfter || key > startAfter)) yield key;
      }
    },
    async listFolders(under) {
      const folders = new Set<string>();
      for (const key of await allKeys()) {
        if (!key.startsWith(under)) continue;
        const slash = key.indexOf('/', under.length);
        if (slash >= 0) folders.add(key.slice(0, slash + 1));
      }
      return [...folders].sort();
    },
    async get(objectBucket, key, options) {
      const path = objectBucket === bucket ? pathOf(key) : undefined;
      if (!path) return undefined;
      try {
        // Trail files are small: one read each is faster than a stream.
        const bytes = await readFile(path);
        return { body: single(bytes), metadata: options?.metadata === false ? {} : await readSidecar(path) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR') return undefined;
        throw error;
      }
    },
    close: () => undefined,
  };
}

async function* single(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function readSidecar(path: string): Promise<Record<string, string>> {
  try {
    const sidecar = JSON.parse(await readFile(path + SIDECAR_SUFFIX, 'utf8')) as Partial<MetadataSidecar>;
    const metadata = sidecar.metadata ?? {};
    return Object.fromEntries(Object.entries(metadata).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k.toLowerCase(), v]));
  } catch {
    return {};
  }
}
