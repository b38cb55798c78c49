import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { validateTrail } from '../../../src/trail/validate/validator.ts';
import { signingString, importPublicKey } from '../../../src/trail/validate/signing.ts';
import { parseDigestName, type DigestContent } from '../../../src/trail/validate/digest-files.ts';
import type { PublicKeySet } from '../../../src/trail/validate/public-keys.ts';
import type { TrailStore } from '../../../src/trail/validate/store.ts';
import { buildTrailFixture, testSigningKey, type StoredTestObject } from '../../../src/trail/validate/testing.ts';

const key = testSigningKey();

function memoryStore(bucket: string, objects: Map<string, StoredTestObject>): TrailStore {
  const keys = () => [...objects.keys()].sort();
  return {
    label: `s3://${bucket}`, bucket, prefix: '',
    async *listKeys(prefix, startAfter) {
      for (const k of keys()) if (k.startsWith(prefix) && (!startAfter || k > startAfter)) yield k;
    },
    async listFolders(prefix) {
      return [...new Set(keys().filter((k) => k.startsWith(prefix) && k.indexOf('/', prefix.length) >= 0).map((k) => k.slice(0, k.indexOf('/', prefix.length) + 1)))];
    },
    async get(b, k) {
      const object = b === bucket ? objects.get(k) : undefined;
      return object && { body: (async function* () { yield object.body; })(), metadata: object.metadata ?? {} };
    },
    close() {},
  };
}

const keySet = (): PublicKeySet => new Map([[key.fingerprint, { fingerprint: key.fingerprint, key: key.publicKey }]]);

test('the signing string is the four documented lines, with "null" for the first digest of a chain', () => {
  const digest = { digestEndTime: '2015-08-17T15:01:31Z', digestS3Bucket: 'b', digestS3Object: 'AWSLogs/1/CloudTrail-Digest/x.json.gz', previousDigestSignature: null } as unknown as DigestContent;
  const raw = Buffer.from('{"x":1}');
  assert.equal(signingString(digest, raw), `2015-08-17T15:01:31Z\nb/AWSLogs/1/CloudTrail-Digest/x.json.gz\n${createHash('sha256').update(raw).digest('hex')}\nnull`);
});

test('public keys are accepted as PKCS#1 RSAPublicKey and as SubjectPublicKeyInfo DER', () => {
  const pkcs1 = key.publicKey.export({ format: 'der', type: 'pkcs1' });
  const spki = key.publicKey.export({ format: 'der', type: 'spki' });
  assert.equal(importPublicKey(pkcs1).asymmetricKeyType, 'rsa');
  assert.equal(importPublicKey(spki).export({ format: 'der', type: 'pkcs1' }).equals(pkcs1), true);
});

test('digest names are read, trail names with underscores and backfill suffixes included', () => {
  const name = parseDigestName('p/AWSLogs/o-aaaaaaaaaa/111122223333/CloudTrail-Digest/eu-west-1/2024/05/01/111122223333_CloudTrail-Digest_eu-west-1_my_trail_us-east-1_20240501T053000Z_backfill.json.gz');
  assert.equal(name?.trailName, 'my_trail');
  assert.equal(name?.region, 'eu-west-1');
  assert.equal(name?.homeRegion, 'us-east-1');
  assert.equal(name?.backfill, true);
  assert.equal(new Date(name!.time).toISOString(), '2024-05-01T05:30:00.000Z');
});

test('zero bytes after a log file\'s gzip stream make it invalid, although zlib would accept them', async () => {
  const fixture = buildTrailFixture({ bucket: 'b', account: '111122223333', region: 'us-east-1', trailName: 't', key, start: new Date('2024-05-01T01:00:00Z'), digests: 2, logsPerDigest: 1 });
  const log = fixture.logKeys[0]!;
  fixture.objects.get(log)!.body = Buffer.concat([fixture.objects.get(log)!.body, Buffer.alloc(16)]);
  const result = await validateTrail({ store: memoryStore('b', fixture.objects), end: new Date('2024-06-01T00:00:00Z'), keysFor: async () => keySet() });
  assert.deepEqual(result.files.filter((f) => f.status !== 'valid').map((f) => [f.key, f.reason]), [[log, 'invalid format']]);
});

test('the window selects digests by end time (to one hour past the end), and the walk stops at the start', async () => {
  const fixture = buildTrailFixture({ bucket: 'b', account: '111122223333', region: 'us-east-1', trailName: 't', key, start: new Date('2024-05-01T01:00:00Z'), digests: 10, logsPerDigest: 1 });
  const result = await validateTrail({ store: memoryStore('b', fixture.objects), start: new Date('2024-05-01T04:00:00Z'), end: new Date('2024-05-01T06:00:00Z'), keysFor: async () => keySet() });
  const digests = result.files.filter((f) => f.kind === 'digest').map((f) => parseDigestName(f.key)!.stamp);
  assert.deepEqual(digests, ['20240501T070000Z', '20240501T060000Z', '20240501T050000Z', '20240501T040000Z']);
  assert.equal(result.summary.found.end, '2024-05-01T06:00:00Z');
});

test('a digest whose log entry was rewritten and re-signed with another key fails on the key, not silently', async () => {
  const rogue = testSigningKey();
  const fixture = buildTrailFixture({ bucket: 'b', account: '111122223333', region: 'us-east-1', trailName: 't', key: rogue, start: new Date('2024-05-01T01:00:00Z'), digests: 1, logsPerDigest: 1 });
  const result = await validateTrail({ store: memoryStore('b', fixture.objects), end: new Date('2024-06-01T00:00:00Z'), keysFor: async () => keySet() });
  assert.deepEqual(result.summary.digests, { valid: 0, invalid: 1, missing: 0 });
  assert.deepEqual(result.summary.invalidKeys, [rogue.fingerprint]);
  assert.equal(result.summary.logs.valid, 0, 'logs of an unverified digest are not counted as valid');
});

test('a digest without signature metadata fails verification', async () => {
  const fixture = buildTrailFixture({ bucket: 'b', account: '111122223333', region: 'us-east-1', trailName: 't', key, start: new Date('2024-05-01T01:00:00Z'), digests: 1, logsPerDigest: 1 });
  delete fixture.objects.get(fixture.digestKeys[0]!)!.metadata;
  const result = await validateTrail({ store: memoryStore('b', fixture.objects), end: new Date('2024-06-01T00:00:00Z'), keysFor: async () => keySet() });
  assert.equal(result.files[0]?.reason, 'signature verification failed');
  // The gzip of the digest itself must be valid too.
  fixture.objects.get(fixture.digestKeys[0]!)!.body = gzipSync('not json');
  const again = await validateTrail({ store: memoryStore('b', fixture.objects), end: new Date('2024-06-01T00:00:00Z'), keysFor: async () => keySet() });
  assert.equal(again.files[0]?.reason, 'invalid format');
});
