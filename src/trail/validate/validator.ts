import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import pLimit from 'p-limit';
import { decompress } from '../../logs/decompress.ts';
import { isDigestContent, parseDigestName, ymd, type DigestContent, type DigestLogFile, type DigestName } from './digest-files.ts';
import type { PublicKeySet } from './public-keys.ts';
import { verifyDigestSignature } from './signing.ts';
import type { TrailStore } from './store.ts';

/**
 * CloudTrail log-file integrity validation, as the CloudTrail User Guide specifies it and
 * `aws cloudtrail validate-logs` performs it: per trail and region, walk the digest chain from
 * the newest digest in the window to the oldest, following previous-digest links; check each
 * digest's location, signing key and SHA256withRSA signature; then the SHA-256 of every log
 * file it lists, over the uncompressed bytes. A digest without a previous link starts a new
 * chain: logging or validation was off in between, which is a gap, not a failure.
 */

export type FileStatus = 'valid' | 'invalid' | 'missing';

export interface FileResult {
  kind: 'digest' | 'log';
  bucket: string;
  key: string;
  status: FileStatus;
  /** As the AWS CLI words it: `valid`, `not found`, `hash value doesn't match`, … */
  reason: string;
  account: string;
  region: string;
  trail: string;
  /** Logs: the digest that lists them. */
  digestKey?: string;
  /** Backfill digests (and their logs) stand outside the chain. */
  backfill?: boolean;
  fingerprint?: string;
}

export interface Gap {
  account: string;
  region: string;
  trail: string;
  /** No digests (so no log deliveries with validation on) between these times. */
  from: string;
  to: string;
}

export interface ValidationSummary {
  digests: { valid: number; invalid: number; missing: number };
  logs: { valid: number; invalid: number; missing: number };
  /** Fingerprints of signing keys that digests name but that were not found. */
  invalidKeys: string[];
  gaps: number;
  requested: { start: string | null; end: string };
  found: { start: string | null; end: string | null };
}

export interface ValidationResult {
  files: FileResult[];
  gaps: Gap[];
  summary: ValidationSummary;
  /** Trails (account/region/name) that had digests in the window. */
  chains: Array<{ account: string; region: string; trail: string; homeRegion: string; digests: number }>;
}

export interface ValidateOptions {
  store: TrailStore;
  start?: Date;
  end: Date;
  accounts?: string[];
  regions?: string[];
  /** Only this trail (name), e.g. from --trail-arn. */
  trailName?: string;
  /** Public keys of a home region (live: ListPublicKeys; offline: the same set for all). */
  keysFor(homeRegion: string): Promise<PublicKeySet>;
  concurrency?: number;
  onResult?(result: FileResult): void;
  onGap?(gap: Gap): void;
}

const HOUR = 3_600_000;

/** `2024-06-01T10:00:00Z`: the form the AWS CLI prints times in. */
export function displayTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
const DAY = 24 * HOUR;

export async function validateTrail(options: ValidateOptions): Promise<ValidationResult> {
  const files: FileResult[] = [];
  const gaps: Gap[] = [];
  const invalidKeys = new Set<string>();
  const chains: ValidationResult['chains'] = [];
  const found: { start?: number; end?: number } = {};
  const record = (result: FileResult) => {
    files.push(result);
    options.onResult?.(result);
  };
  const limit = pLimit(options.concurrency ?? 16);

  for (const group of await findDigests(options)) {
    chains.push({ account: group.account, region: group.region, trail: group.trailName, homeRegion: group.homeRegion, digests: group.digests.length });
    const keys = await options.keysFor(group.homeRegion);
    const context = { account: group.account, region: group.region, trail: group.trailName };

    const checkLogs = async (digest: DigestContent, digestKey: string, backfill: boolean) => {
      await Promise.all(
        (digest.logFiles ?? []).map((log) =>
          limit(async () => record({ kind: 'log', ...context, ...(await checkLogFile(options.store, log)), bucket: log.s3Bucket, key: log.s3Object, digestKey, ...(backfill ? { backfill } : {}) })),
        ),
      );
    };
    const trackFound = (digest: DigestContent) => {
      const digestStart = Date.parse(digest.digestStartTime);
      const digestEnd = Date.parse(digest.digestEndTime);
      if (options.start === undefined || digestStart > options.start.getTime()) found.start = Math.min(found.start ?? Infinity, digestStart);
      found.end = Math.max(found.end ?? -Infinity, Math.min(digestEnd, options.end.getTime()));
    };

    // The chain, newest first.
    const regular = group.digests.filter((d) => !d.backfill);
    const olderThan = (time: number) => {
      for (let i = regular.length - 1; i >= 0; i--) if ((regular[i] as DigestName).time < time) return regular[i];
      return undefined;
    };
    let next: { bucket: string; key: string; time: number } | undefined = regular.at(-1) && { bucket: options.store.bucket, key: (regular.at(-1) as DigestName).key, time: (regular.at(-1) as DigestName).time };
    let lastStart = Infinity;
    const visited = new Set<string>();
    while (next && (options.start === undefined || options.start.getTime() <= lastStart)) {
      const current = next;
      visited.add(`${current.bucket}/${current.key}`);
      const checked = await checkDigest(options.store, current.bucket, current.key, keys, group.homeRegion);
      record({ kind: 'digest', ...context, bucket: current.bucket, key: current.key, status: checked.status, reason: checked.reason, ...(checked.fingerprint ? { fingerprint: checked.fingerprint } : {}) });
      if (checked.keyNotFound) invalidKeys.add(checked.keyNotFound);
      const fallback = olderThan(current.time);
      next = fallback && { bucket: options.store.bucket, key: fallback.key, time: fallback.time };
      if (!checked.digest) continue;
      const digest = checked.digest;
      trackFound(digest);
      await checkLogs(digest, current.key, false);
      lastStart = Date.parse(digest.digestStartTime);
      if (!digest.previousDigestS3Bucket || !digest.previousDigestS3Object) {
        // A new chain began here: nothing was digested between the older digest and this one.
        if (next) {
          const gap = { ...context, from: displayTime(new Date(next.time)), to: digest.digestStartTime };
          gaps.push(gap);
          options.onGap?.(gap);
        }
        continue;
      }
      const linked = parseDigestName(digest.previousDigestS3Object);
      next = { bucket: digest.previousDigestS3Bucket, key: digest.previousDigestS3Object, time: linked?.time ?? lastStart };
      if (visited.has(`${next.bucket}/${next.key}`)) break;
    }

    // Backfill digests: signed like the others, outside the chain.
    for (const name of group.digests.filter((d) => d.backfill)) {
      const checked = await checkDigest(options.store, options.store.bucket, name.key, keys, group.homeRegion);
      record({ kind: 'digest', ...context, bucket: options.store.bucket, key: name.key, status: checked.status, reason: checked.reason, backfill: true });
      if (checked.keyNotFound) invalidKeys.add(checked.keyNotFound);
      if (checked.digest) await checkLogs(checked.digest, name.key, true);
    }
  }

  const count = (kind: FileResult['kind'], status: FileStatus) => files.filter((f) => f.kind === kind && f.status === status).length;
  const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? null : displayTime(new Date(ms)));
  return {
    files,
    gaps,
    chains,
    summary: {
      digests: { valid: count('digest', 'valid'), invalid: count('digest', 'invalid'), missing: count('digest', 'missing') },
      logs: { valid: count('log', 'valid'), invalid: count('log', 'invalid'), missing: count('log', 'missing') },
      invalidKeys: [...invalidKeys].sort(),
      gaps: gaps.length,
      requested: { start: iso(options.start?.getTime()), end: iso(options.end.getTime()) as string },
      found: { start: found.end === undefined ? null : iso(found.start ?? options.start?.getTime()), end: iso(found.end) },
    },
  };
}

interface DigestGroup {
  account: string;
  region: string;
  trailName: string;
  homeRegion: string;
  /** In time order, oldest first. */
  digests: DigestName[];
}

/**
 * The digest files in the window, grouped per (account, region, trail). Listing starts at the
 * day before the window and stops a day after it; within that, digests count when their end
 * time is between the start and one hour after the end (logs delivered at the end of the
 * window are digested up to an hour later), as the AWS CLI selects them.
 */
async function findDigests(options: ValidateOptions): Promise<DigestGroup[]> {
  const { store } = options;
  const awsLogs = `${store.prefix ? `${store.prefix}/` : ''}AWSLogs/`;
  const accountRoots: string[] = [];
  for (const folder of await store.listFolders(awsLogs)) {
    const name = folder.slice(awsLogs.length, -1);
    if (/^o-[a-z0-9]{10,32}$/.test(name)) {
      for (const inner of await store.listFolders(folder)) if (/^\d{12}\/$/.test(inner.slice(folder.length))) accountRoots.push(inner);
    } else if (/^\d{12}$/.test(name)) {
      accountRoots.push(folder);
    }
  }
  const from = options.start ? options.start.getTime() : -Infinity;
  const to = options.end.getTime() + HOUR;
  const groups = new Map<string, DigestGroup>();
  for (const root of accountRoots) {
    const account = root.split('/').at(-2) as string;
    if (options.accounts?.length && !options.accounts.includes(account)) continue;
    const digestRoot = `${root}CloudTrail-Digest/`;
    for (const regionFolder of await store.listFolders(digestRoot)) {
      const region = regionFolder.slice(digestRoot.length, -1);
      if (options.regions?.length && !options.regions.includes(region)) continue;
      const startAfter = options.start ? regionFolder + ymd(new Date(options.start.getTime() - DAY)) : undefined;
      const stopAfter = regionFolder + ymd(new Date(to + DAY));
      for await (const key of store.listKeys(regionFolder, startAfter)) {
        if (key > stopAfter && !key.startsWith(stopAfter)) break;
        const name = parseDigestName(key);
        if (!name || name.account !== account || name.region !== region) continue;
        if (options.trailName && name.trailName !== options.trailName) continue;
        if (name.time < from || name.time > to) continue;
        const id = `${account}/${region}/${name.trailName}/${name.homeRegion}`;
        let group = groups.get(id);
        if (!group) groups.set(id, (group = { account, region, trailName: name.trailName, homeRegion: name.homeRegion, digests: [] }));
        group.digests.push(name);
      }
    }
  }
  for (const group of groups.values()) group.digests.sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
  return [...groups.values()].sort((a, b) => (a.account + a.region + a.trailName < b.account + b.region + b.trailName ? -1 : 1));
}

interface DigestCheck {
  status: FileStatus;
  reason: string;
  digest?: DigestContent;
  fingerprint?: string;
  keyNotFound?: string;
}

async function checkDigest(store: TrailStore, bucket: string, key: string, keys: PublicKeySet, homeRegion: string): Promise<DigestCheck> {
  const object = await store.get(bucket, key);
  if (!object) return { status: 'missing', reason: 'not found' };
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.from(chunk));
  let raw: Buffer;
  let digest: unknown;
  try {
    raw = gunzipSync(Buffer.concat(chunks));
    digest = JSON.parse(raw.toString('utf8'));
  } catch {
    return { status: 'invalid', reason: 'invalid format' };
  }
  if (!isDigestContent(digest)) return { status: 'invalid', reason: 'invalid format' };
  const signature = object.metadata.signature;
  if (!signature || !object.metadata['signature-algorithm']) return { status: 'invalid', reason: 'signature verification failed' };
  if (digest.digestS3Bucket !== bucket || digest.digestS3Object !== key) return { status: 'invalid', reason: 'has been moved from its original location' };
  const fingerprint = digest.digestPublicKeyFingerprint;
  const publicKey = keys.get(fingerprint);
  if (!publicKey) return { status: 'invalid', reason: `public key not found in region ${homeRegion} for fingerprint ${fingerprint}`, keyNotFound: fingerprint, fingerprint };
  if (!verifyDigestSignature(digest, raw, signature, publicKey.key)) return { status: 'invalid', reason: 'signature verification failed', fingerprint };
  return { status: 'valid', reason: 'valid', digest, fingerprint };
}

/**
 * A log file's SHA-256 over its uncompressed bytes, streamed. Anything that is not exactly one
 * gzip stream (corrupt data, data after the end, zero padding) is invalid: CloudTrail never
 * writes it, so it was changed after delivery.
 */
async function checkLogFile(store: TrailStore, log: DigestLogFile): Promise<{ status: FileStatus; reason: string }> {
  const object = await store.get(log.s3Bucket, log.s3Object, { metadata: false });
  if (!object) return { status: 'missing', reason: 'not found' };
  const hash = createHash('sha256');
  const iterator = object.body[Symbol.asyncIterator]();
  // Log files are small: inflate them in one call when they arrive whole (local copies), and
  // stream only what arrives in pieces, so memory stays bounded for large ones.
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size <= WHOLE_FILE_LIMIT) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(Buffer.from(next.value));
    size += next.value.length;
  }
  if (done) {
    const bytes = Buffer.concat(head);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { status: 'invalid', reason: 'invalid format' };
    let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      inflated = gunzipSync(bytes, { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    } catch {
      return { status: 'invalid', reason: 'invalid format' };
    }
    if (inflated.engine.bytesWritten !== bytes.length) return { status: 'invalid', reason: 'invalid format' };
    hash.update(inflated.buffer);
  } else {
    const rest = async function* () {
      yield* head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    };
    const { chunks, info } = decompress(rest());
    try {
      for await (const chunk of chunks) hash.update(chunk);
    } catch {
      return { status: 'invalid', reason: 'invalid format' };
    }
    if (!info.gzip || info.bytesConsumed !== info.bytesIn) return { status: 'invalid', reason: 'invalid format' };
  }
  if (hash.digest('hex') !== String(log.hashValue).toLowerCase()) return { status: 'invalid', reason: "hash value doesn't match" };
  return { status: 'valid', reason: 'valid' };
}

/** Log files up to this size are inflated in one call. */
const WHOLE_FILE_LIMIT = 16 * 1024 * 1024;
