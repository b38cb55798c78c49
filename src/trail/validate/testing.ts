import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { accountRoot, digestStamp, ymd, type DigestContent } from './digest-files.ts';
import { signingString, SIGNATURE_ALGORITHM } from './signing.ts';
import { FETCH_MANIFEST, SIDECAR_SUFFIX, type FetchManifest, type MetadataSidecar } from './store.ts';

/**
 * Builds CloudTrail trails the way CloudTrail writes them (log files, hourly digest files
 * chained by previous-digest links, signed with SHA256withRSA over the documented signing
 * string, signature in user metadata), with a test key, for tests and benches.
 */

export interface TestSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Hex MD5 of the DER public key: the form CloudTrail's fingerprints take. */
  fingerprint: string;
  /** Base64 DER, PKCS#1 RSAPublicKey (what ListPublicKeys returns). */
  value: string;
}

export function testSigningKey(): TestSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ format: 'der', type: 'pkcs1' });
  return { privateKey, publicKey, fingerprint: createHash('md5').update(der).digest('hex'), value: der.toString('base64') };
}

/** A ListPublicKeys response holding these keys. */
export function listPublicKeysResponse(keys: TestSigningKey[], start = '2020-01-01T00:00:00Z', end = '2030-01-01T00:00:00Z') {
  return { PublicKeyList: keys.map((k) => ({ Value: k.value, ValidityStartTime: start, ValidityEndTime: end, Fingerprint: k.fingerprint })) };
}

export interface StoredTestObject {
  body: Buffer;
  metadata?: Record<string, string>;
}

export interface TrailFixtureOptions {
  bucket: string;
  prefix?: string;
  account: string;
  orgId?: string;
  region: string;
  homeRegion?: string;
  trailName: string;
  key: TestSigningKey;
  /** End time of the first digest; the next ones follow hourly. */
  start: Date;
  digests: number;
  logsPerDigest: number;
  eventsPerLog?: number;
  /** Digest indexes before which logging was off for three hours: that digest starts a new chain. */
  gapsBefore?: number[];
  /** Add a backfill digest (with one late log file) after this digest index. */
  backfillAfter?: number;
}

export interface TrailFixture {
  objects: Map<string, StoredTestObject>;
  digestKeys: string[];
  logKeys: string[];
  backfillKeys: string[];
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

export function buildTrailFixture(options: TrailFixtureOptions): TrailFixture {
  const objects = new Map<string, StoredTestObject>();
  const digestKeys: string[] = [];
  const logKeys: string[] = [];
  const backfillKeys: string[] = [];
  const home = options.homeRegion ?? options.region;
  const root = accountRoot(options.prefix ?? '', options.account, options.orgId);
  let previous: { key: string; raw: Buffer; signature: string } | undefined;
  let eventNumber = 0;

  const makeLog = (at: Date): { s3Bucket: string; s3Object: string; hashValue: string; hashAlgorithm: string; newestEventTime: string; oldestEventTime: string } => {
    const records = [];
    for (let e = 0; e < (options.eventsPerLog ?? 3); e++) {
      eventNumber++;
      records.push({
        eventVersion: '1.09', userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${options.account}:user/alice`, accountId: options.account, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: 'alice' },
        eventTime: iso(new Date(at.getTime() - (e + 1) * 60_000)), eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', awsRegion: options.region,
        sourceIPAddress: '198.51.100.10', userAgent: 'aws-cli/2.15.0', requestParameters: null, responseElements: null,
        requestID: `req-${eventNumber}`, eventID: `00000000-0000-4000-8000-${String(eventNumber).padStart(12, '0')}`, readOnly: true,
        eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: options.account, eventCategory: 'Management',
      });
    }
    const raw = Buffer.from(JSON.stringify({ Records: records }));
    const stamp = digestStamp(at).slice(0, 13) + 'Z';
    const key = `${root}CloudTrail/${options.region}/${ymd(at)}/${options.account}_CloudTrail_${options.region}_${stamp}_${createHash('md5').update(`${at.getTime()}-${eventNumber}`).digest('hex').slice(0, 16)}.json.gz`;
    objects.set(key, { body: gzipSync(raw) });
    logKeys.push(key);
    return { s3Bucket: options.bucket, s3Object: key, hashValue: createHash('sha256').update(raw).digest('hex'), hashAlgorithm: 'SHA-256', newestEventTime: records[0]!.eventTime, oldestEventTime: records.at(-1)!.eventTime };
  };

  const makeDigest = (end: Date, logFiles: DigestContent['logFiles'], link: typeof previous, backfill: boolean) => {
    const key = `${root}CloudTrail-Digest/${options.region}/${ymd(end)}/${options.account}_CloudTrail-Digest_${options.region}_${options.trailName}_${home}_${digestStamp(end)}${backfill ? '_backfill' : ''}.json.gz`;
    const digest: DigestContent = {
      awsAccountId: options.account,
      digestStartTime: iso(new Date(end.getTime() - 3_600_000)),
      digestEndTime: iso(end),
      digestS3Bucket: options.bucket,
      digestS3Object: key,
      digestPublicKeyFingerprint: options.key.fingerprint,
      digestSignatureAlgorithm: SIGNATURE_ALGORITHM,
      newestEventTime: logFiles[0]?.newestEventTime ?? null,
      oldestEventTime: logFiles.at(-1)?.oldestEventTime ?? null,
      previousDigestS3Bucket: link ? options.bucket : null,
      previousDigestS3Object: link ? link.key : null,
      previousDigestHashValue: link ? createHash('sha256').update(link.raw).digest('hex') : null,
      previousDigestHashAlgorithm: link ? 'SHA-256' : null,
      previousDigestSignature: link ? link.signature : null,
      logFiles,
    };
    const raw = Buffer.from(JSON.stringify(digest));
    const signature = signDigest(digest, raw, options.key.privateKey);
    objects.set(key, { body: gzipSync(raw), metadata: { signature, 'signature-algorithm': SIGNATURE_ALGORITHM } });
    return { key, raw, signature };
  };

  let offHours = 0;
  for (let d = 0; d < options.digests; d++) {
    if (options.gapsBefore?.includes(d)) {
      previous = undefined;
      offHours += 3;
    }
    const end = new Date(options.start.getTime() + (d + offHours) * 3_600_000);
    const logFiles = [];
    for (let l = 0; l < options.logsPerDigest; l++) logFiles.push(makeLog(new Date(end.getTime() - (l + 1) * 300_000)));
    previous = makeDigest(end, logFiles, previous, false);
    digestKeys.push(previous.key);
    if (options.backfillAfter === d) {
      const late = makeLog(new Date(end.getTime() - 1_800_000));
      const backfill = makeDigest(new Date(end.getTime() + 1_000), [late], undefined, true);
      backfillKeys.push(backfill.key);
    }
  }
  return { objects, digestKeys, logKeys, backfillKeys };
}

export function signDigest(digest: DigestContent, raw: Buffer, privateKey: KeyObject): string {
  return sign('sha256', Buffer.from(signingString(digest, raw)), privateKey).toString('hex');
}

/** Writes objects as `vigil trail fetch` would: files under their key (prefix removed), sidecars for metadata, a manifest. */
export function writeFixtureToFolder(dir: string, bucket: string, prefix: string | undefined, objects: Map<string, StoredTestObject>): void {
  const keyPrefix = prefix ? `${prefix.replace(/\/+$/, '')}/` : '';
  for (const [key, object] of objects) {
    const path = join(dir, ...key.slice(keyPrefix.length).split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, object.body);
    if (object.metadata) {
      const sidecar: MetadataSidecar = { bucket, key, metadata: object.metadata };
      writeFileSync(path + SIDECAR_SUFFIX, JSON.stringify(sidecar));
    }
  }
  const manifest: FetchManifest = { format: 'vigil-trail-fetch/1', bucket, prefix: prefix ?? '', fetchedAt: new Date().toISOString() };
  writeFileSync(join(dir, FETCH_MANIFEST), JSON.stringify(manifest));
}
