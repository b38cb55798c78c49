import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { newManifest, readSnapshot, writeSnapshot, type AccountData } from '../../../src/inventory/snapshot.ts';

/** Snapshot.peek reads one entry without loading the account; release drops a loaded account. */

const dir = mkdtempSync(join(tmpdir(), 'vigil-peek-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const D = '444444444444';
const data: AccountData = {
  // Decoys first: the same names as values, inside strings, and nested deeper.
  iam: { GetAccountAuthorizationDetails: { 'us-east-1': { data: { Note: '"s3": {"ListBuckets": {"us-east-1": {"data": {"Buckets": [{"Name": "evil"}]}}}}', s3: { ListBuckets: 'x' } } } } },
  s3: {
    GetBucketPolicy: { 'us-east-1': { resources: { 'b"1': { data: { Policy: '{"Statement":[]} \\ "' } } } } },
    ListBuckets: { 'eu-west-1': { data: { Buckets: [{ Name: 'wrong-region' }] } }, 'us-east-1': { data: { Buckets: [{ Name: 'logs-bucket' }, { Name: 'app' }] } } },
  },
};

await writeSnapshot(dir, newManifest([A, B, C, D].map((id) => ({ id, regions: ['us-east-1'] }))), { [A]: data, [B]: { s3: { ListBuckets: { 'us-east-1': { error: { code: 'AccessDenied', message: 'no' } } } } } });
// C: pretty-printed and gzipped; D: no file at all.
writeFileSync(join(dir, `${C}.json.gz`), gzipSync(JSON.stringify(data, null, 2)));

describe('Snapshot.peek', () => {
  it('reads the entry without loading the account, and matches call()', () => {
    const snapshot = readSnapshot(dir);
    const peeked = snapshot.peek(A, 's3', 'ListBuckets', 'us-east-1');
    assert.deepEqual(peeked, { kind: 'data', data: { Buckets: [{ Name: 'logs-bucket' }, { Name: 'app' }] } });
    assert.equal(snapshot.isLoaded(A), false);
    assert.deepEqual(snapshot.call(A, 's3', 'ListBuckets', 'us-east-1'), peeked);
    assert.equal(snapshot.isLoaded(A), true);
  });

  it('handles errors, pretty-printed gzip files, missing entries and missing files', () => {
    const snapshot = readSnapshot(dir);
    assert.equal(snapshot.peek(B, 's3', 'ListBuckets', 'us-east-1').kind, 'error');
    assert.deepEqual(snapshot.peek(C, 's3', 'ListBuckets', 'us-east-1'), { kind: 'data', data: { Buckets: [{ Name: 'logs-bucket' }, { Name: 'app' }] } });
    assert.equal(snapshot.peek(C, 's3', 'ListBuckets', 'ap-south-1').kind, 'missing');
    assert.equal(snapshot.peek(A, 'ec2', 'DescribeVpcs', 'us-east-1').kind, 'missing');
    assert.equal(snapshot.peek(D, 's3', 'ListBuckets', 'us-east-1').kind, 'missing');
    assert.equal(snapshot.peek(A, 's3', 'GetBucketPolicy', 'us-east-1').kind, 'error', 'per-resource entries are not account-level calls');
    for (const id of [A, B, C, D]) assert.equal(snapshot.isLoaded(id), false);
  });

  it('falls back to a full read (with its exit-2 error) on a corrupt file', () => {
    writeFileSync(join(dir, `${D}.json`), '{"s3": {"ListBuckets": {"us-east-1": {"data": ');
    const snapshot = readSnapshot(dir);
    assert.throws(() => snapshot.peek(D, 's3', 'ListBuckets', 'us-east-1'), /invalid JSON/);
    rmSync(join(dir, `${D}.json`));
  });
});

describe('Snapshot.release', () => {
  it('drops a loaded account; the next read loads it again', () => {
    const snapshot = readSnapshot(dir);
    const first = snapshot.account(A);
    assert.equal(snapshot.isLoaded(A), true);
    snapshot.release(A);
    assert.equal(snapshot.isLoaded(A), false);
    const again = snapshot.account(A);
    assert.notEqual(again, first);
    assert.deepEqual(again, first);
  });
});
