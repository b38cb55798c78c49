import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildTrailFixture, listPublicKeysResponse, testSigningKey, type StoredTestObject, type TrailFixture } from '../../src/trail/validate/testing.ts';
import { runVigil, tempDir } from '../helpers/vigil.ts';
import { startS3, type TestS3 } from '../helpers/trail-s3rver.ts';

/**
 * `vigil trail validate` end to end: trails signed exactly as CloudTrail signs them, one
 * account per tamper case, served by a real S3-compatible server (s3rver) on loopback, then
 * fetched to a folder and validated offline.
 */

const BUCKET = 'trail-bucket';
const PREFIX = 'audit';
const ORG = 'o-aaaaaaaaaa';
const START = new Date('2024-05-01T01:00:00Z');

const trusted = testSigningKey();
const rogue = testSigningKey();
const objects = new Map<string, StoredTestObject>();
const fixtures = new Map<string, TrailFixture>();

function trail(account: string, options: { key?: typeof trusted; region?: string; org?: boolean; gapsBefore?: number[]; backfillAfter?: number } = {}): TrailFixture {
  const fixture = buildTrailFixture({
    bucket: BUCKET, prefix: PREFIX, orgId: options.org === false ? undefined : ORG, account, region: options.region ?? 'us-east-1', homeRegion: 'us-east-1',
    trailName: 'org-trail', key: options.key ?? trusted, start: START, digests: 5, logsPerDigest: 2, gapsBefore: options.gapsBefore, backfillAfter: options.backfillAfter,
  });
  for (const [key, object] of fixture.objects) objects.set(key, object);
  fixtures.set(`${account}/${options.region ?? 'us-east-1'}`, fixture);
  return fixture;
}

const regzip = (body: Buffer, change: (raw: Buffer) => Buffer) => gzipSync(change(gunzipSync(body)));

// Given: a clean trail with a gap and a backfill digest, a clean non-organization trail in two
// regions, and one account per way of tampering.
trail('111111111111', { gapsBefore: [3], backfillAfter: 1 });
trail('999999999999', { org: false });
trail('999999999999', { org: false, region: 'eu-west-1' });
const changedByte = trail('222222222222').logKeys[3]!;
objects.get(changedByte)!.body = regzip(objects.get(changedByte)!.body, (raw) => Buffer.from(raw.toString().replace('DescribeInstances', 'DescribeInstanceZ')));
const deletedLog = trail('333333333333').logKeys[5]!;
objects.delete(deletedLog);
const deletedDigest = trail('444444444444').digestKeys[2]!;
objects.delete(deletedDigest);
trail('555555555555', { key: rogue });
const moved = trail('666666666666').digestKeys[4]!;
const movedTo = moved.replace('T050000Z', 'T053000Z');
objects.set(movedTo, objects.get(moved)!);
objects.delete(moved);
const edited = trail('777777777777').digestKeys[1]!;
objects.get(edited)!.body = regzip(objects.get(edited)!.body, (raw) => Buffer.from(raw.toString().replace(/"hashValue":"[0-9a-f]{4}/, '"hashValue":"0000')));
const trailing = trail('888888888888').logKeys[0]!;
objects.get(trailing)!.body = Buffer.concat([objects.get(trailing)!.body, Buffer.from('appended')]);

let s3: TestS3;
let endpoint: string;
let env: Record<string, string>;
let keysFile: string;

before(async () => {
  s3 = await startS3([BUCKET]);
  endpoint = s3.endpoint;
  env = s3.env;
  for (const [key, object] of objects) await s3.put(BUCKET, key, object.body, object.metadata);
  keysFile = join(tempDir(), 'public-keys.json');
  writeFileSync(keysFile, JSON.stringify(listPublicKeysResponse([trusted])));
});
after(async () => {
  await s3.close();
});

interface FileResult { kind: string; key: string; status: string; reason: string; account: string; region: string }
interface Output {
  findings: Array<{ source: string; type: string; severity: string; evidence: { file?: string } }>;
  summary: { digests: Record<string, number>; logs: Record<string, number>; invalidKeys: string[]; gaps: number };
  files: FileResult[];
  gaps: Array<{ account: string; from: string; to: string }>;
}

function invalid(output: Output, account: string) {
  return output.files.filter((f) => f.account === account && f.status !== 'valid').map((f) => `${f.kind} ${f.status}: ${f.reason}`).sort();
}

describe('vigil trail validate against s3rver', () => {
  let output: Output;
  let code: number;

  before(async () => {
    const run = await runVigil(['trail', 'validate', '--bucket', BUCKET, '--prefix', PREFIX, '--endpoint-url', endpoint, '--public-keys', keysFile, '--start-time', '2024-05-01T00:00:00Z', '--end-time', '2024-05-02T00:00:00Z', '--format', 'json'], { env });
    code = run.code;
    assert.ok(run.stdout.startsWith('{'), run.stderr);
    output = JSON.parse(run.stdout) as Output;
  });

  it('exits 1 when anything is invalid', () => assert.equal(code, 1));

  it('a clean organization trail validates, with its gap reported as a gap and its backfill digest checked', () => {
    assert.deepEqual(invalid(output, '111111111111'), []);
    const files = output.files.filter((f) => f.account === '111111111111');
    assert.equal(files.filter((f) => f.kind === 'digest').length, 6, 'five chained digests and one backfill');
    assert.equal(files.filter((f) => f.kind === 'log').length, 11);
    assert.deepEqual(output.gaps.filter((g) => g.account === '111111111111').map((g) => [g.from, g.to]), [['2024-05-01T03:00:00Z', '2024-05-01T06:00:00Z']]);
  });

  it('a trail outside an organization validates in every region', () => {
    assert.deepEqual(invalid(output, '999999999999'), []);
    const regions = new Set(output.files.filter((f) => f.account === '999999999999').map((f) => f.region));
    assert.deepEqual([...regions].sort(), ['eu-west-1', 'us-east-1']);
  });

  it('a changed byte in a log file: hash value doesn\'t match', () => {
    assert.deepEqual(invalid(output, '222222222222'), ["log invalid: hash value doesn't match"]);
    assert.ok(output.files.some((f) => f.key === changedByte && f.status === 'invalid'));
  });

  it('a deleted log file: not found', () => assert.deepEqual(invalid(output, '333333333333'), ['log missing: not found']));

  it('a deleted digest file: not found, and the chain continues below it', () => {
    assert.deepEqual(invalid(output, '444444444444'), ['digest missing: not found']);
    assert.equal(output.files.filter((f) => f.account === '444444444444' && f.kind === 'digest' && f.status === 'valid').length, 4);
  });

  it('a digest signed with a key CloudTrail does not list: public key not found, key reported', () => {
    const reasons = invalid(output, '555555555555');
    assert.equal(reasons.length, 5);
    for (const reason of reasons) assert.equal(reason, `digest invalid: public key not found in region us-east-1 for fingerprint ${rogue.fingerprint}`);
    assert.deepEqual(output.summary.invalidKeys, [rogue.fingerprint]);
  });

  it('a digest moved to another key: has been moved from its original location', () => {
    const files = output.files.filter((f) => f.account === '666666666666' && f.status !== 'valid');
    assert.ok(files.some((f) => f.key === movedTo && f.reason === 'has been moved from its original location'));
  });

  it('an edited digest file: signature verification failed', () => {
    assert.deepEqual(invalid(output, '777777777777'), ['digest invalid: signature verification failed']);
  });

  it('data appended after the gzip stream of a log file: invalid format', () => {
    assert.deepEqual(invalid(output, '888888888888'), ['log invalid: invalid format']);
  });

  it('findings carry source integrity, and the summary counts digests and logs', () => {
    assert.ok(output.findings.length > 0);
    for (const finding of output.findings) assert.equal(finding.source, 'integrity');
    assert.ok(output.findings.some((f) => f.type === 'Integrity:CloudTrail/LogFileModified' && f.evidence.file === `s3://${BUCKET}/${changedByte}`));
    assert.ok(output.findings.some((f) => f.type === 'Integrity:CloudTrail/DigestChainGap' && f.severity === 'INFORMATIONAL'));
    assert.equal(output.summary.logs.missing, 1);
    assert.equal(output.summary.digests.missing, 1);
    assert.equal(output.summary.gaps, 1);
  });

  it('--account-id limits validation to one account of an organization trail; exit 0 when it is clean', async () => {
    const run = await runVigil(['trail', 'validate', '--bucket', BUCKET, '--prefix', PREFIX, '--endpoint-url', endpoint, '--public-keys', keysFile, '--account-id', '111111111111', '--format', 'table'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Digest file\ts3:\/\/trail-bucket\/audit\/AWSLogs\/o-aaaaaaaaaa\/111111111111\/CloudTrail-Digest\/.*\tvalid$/m);
    assert.match(run.stdout, /^6\/6 digest files valid$/m);
    assert.match(run.stdout, /^11\/11 log files valid$/m);
    assert.match(run.stdout, /No log files were delivered by CloudTrail between 2024-05-01T03:00:00Z and 2024-05-01T06:00:00Z/);
  });
});

describe('vigil trail fetch, then validate the local copy', () => {
  let dir: string;
  before(async () => {
    dir = join(tempDir(), 'copy');
    const run = await runVigil(['trail', 'fetch', '--bucket', BUCKET, '--prefix', PREFIX, '--to', dir, '--endpoint-url', endpoint], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /fetched \d+ objects/);
  });

  it('gives the same results offline', async () => {
    const run = await runVigil(['trail', 'validate', dir, '--public-keys', keysFile, '--account-id', '111111111111,999999999999', '--format', 'json'], { env });
    assert.equal(run.code, 0, run.stderr);
    const output = JSON.parse(run.stdout) as Output;
    assert.deepEqual(output.summary.digests, { valid: 6 + 10, invalid: 0, missing: 0 });
    assert.deepEqual(output.summary.logs, { valid: 11 + 20, invalid: 0, missing: 0 });
  });

  it('a byte changed in the local copy is found', async () => {
    const log = fixtures.get('999999999999/eu-west-1')!.logKeys[2]!;
    const path = join(dir, ...log.slice(PREFIX.length + 1).split('/'));
    writeFileSync(path, regzip(readFileSync(path), (raw) => Buffer.from(raw.toString().replace('alice', 'alicf'))));
    const run = await runVigil(['trail', 'validate', dir, '--public-keys', keysFile, '--account-id', '999999999999', '--format', 'table'], { env });
    assert.equal(run.code, 1);
    assert.ok(run.stdout.includes(`Log file\ts3://${BUCKET}/${log}\tINVALID: hash value doesn't match`), run.stdout);
    assert.match(run.stdout, /^19\/20 log files valid, 1\/20 log files INVALID$/m);
  });

  it('a folder without the fetch manifest and without --bucket is a usage error (exit 2)', async () => {
    const run = await runVigil(['trail', 'validate', tempDir(), '--public-keys', keysFile], { env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /pass --bucket/);
  });
});

describe('log sources read s3:// through the AWSLogs layout (trail query against s3rver)', () => {
  it('counts every event of the selected accounts and reports the corrupt object', async () => {
    const run = await runVigil(['trail', 'query', 'SELECT recipientaccountid AS account, count(*) AS n FROM cloudtrail GROUP BY 1 ORDER BY 1', `s3://${BUCKET}/${PREFIX}/`, '--endpoint-url', endpoint, '--format', 'json'], { env });
    assert.equal(run.code, 0, run.stderr);
    const output = JSON.parse(run.stdout) as { rows: Array<{ account: string; n: number }>; stats: { files: number; filesSkipped: number } };
    const counts = Object.fromEntries(output.rows.map((r) => [r.account, r.n]));
    // Five digests of two logs of three events, per region; 333… lost one log, 888…'s first log has data appended.
    assert.equal(counts['111111111111'], 33, 'ten logs and the late (backfilled) one');
    assert.equal(counts['999999999999'], 60);
    assert.equal(counts['333333333333'], 27);
    assert.equal(counts['888888888888'], 27);
    assert.equal(output.stats.filesSkipped, 1);
    assert.match(run.stderr, /s3:\/\/trail-bucket\/audit\/AWSLogs\/o-aaaaaaaaaa\/888888888888\/CloudTrail\/.*gzip: data after the end of the gzip stream/);
  });

  it('--since/--until prune by day folder and filter by event time', async () => {
    const run = await runVigil(['trail', 'query', 'SELECT count(*) AS n FROM cloudtrail', `s3://${BUCKET}/${PREFIX}/AWSLogs/o-aaaaaaaaaa/111111111111/`, '--since', '2024-05-01T02:00:00Z', '--until', '2024-05-01T03:00:00Z', '--endpoint-url', endpoint, '--format', 'json'], { env });
    assert.equal(run.code, 0, run.stderr);
    const output = JSON.parse(run.stdout) as { rows: Array<{ n: number }>; stats: { filtered: number } };
    assert.ok(output.rows[0]!.n > 0 && output.rows[0]!.n < 33, String(output.rows[0]!.n));
    assert.ok(output.stats.filtered > 0);
  });
});

