import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { readSnapshot } from '../../src/inventory/snapshot.ts';
import { runVigil, tempDir } from '../helpers/vigil.ts';

/**
 * `vigil collect --services s3` end to end: the real binary and the real S3 client against a
 * real S3-compatible server (s3rver) on loopback. s3rver implements bucket listing, location,
 * CORS and website configuration; the rest of the per-bucket calls answer NotImplemented or
 * MethodNotAllowed, which the snapshot must record as errors (never as "not configured").
 */

const ACCOUNT = '123456789012';
const WEBSITE = '<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>';
const CORS = '<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>';

/** s3rver ships no types: the little of it this test uses. */
interface S3rverServer {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: Record<string, unknown>) => S3rverServer;

let server: S3rverServer;
let endpoint: string;
const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_PROFILE: '', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };

before(async () => {
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: tempDir('vigil-s3rver-'),
    configureBuckets: [{ name: 'public-site', configs: [WEBSITE] }, { name: 'shared-assets', configs: [CORS] }, { name: 'plain-data' }],
  });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
});
after(async () => {
  await server.close();
});

describe('vigil collect against s3rver', () => {
  it('records every bucket and every per-bucket answer or error, keyed by bucket name', async () => {
    const out = join(tempDir(), 'snap');
    const run = await runVigil(['collect', '--endpoint-url', endpoint, '--services', 's3', '--accounts', ACCOUNT, '--out', out], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /collecting \[/, 'no progress bar in a pipe');
    assert.match(run.stderr, /collected 1 account\(s\)/);
    assert.match(run.stderr, new RegExp(`${ACCOUNT}\\s+ok`));
    assert.match(run.stderr, /calls made: \d+/);
    assert.match(run.stderr, /errors recorded: \d+ \(.*NotImplemented \d+/);
    assert.match(run.stderr, new RegExp(`snapshot written to ${out}`));

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    assert.equal(manifest.format, 'vigil-snapshot/1');
    assert.deepEqual(manifest.accounts, [{ id: ACCOUNT, regions: ['us-east-1'], status: 'ok' }]);

    const s3 = JSON.parse(readFileSync(join(out, `${ACCOUNT}.json`), 'utf8')).s3;
    const names = s3.ListBuckets['us-east-1'].data.Buckets.map((b: { Name: string }) => b.Name).sort();
    assert.deepEqual(names, ['plain-data', 'public-site', 'shared-assets']);
    assert.match(s3.ListBuckets['us-east-1'].data.Buckets[0].CreationDate, /^\d{4}-\d\d-\d\dT.*Z$/, 'dates as ISO strings');
    assert.equal(s3.ListBuckets['us-east-1'].data.$metadata, undefined);

    for (const bucket of names) assert.ok('data' in s3.GetBucketLocation['us-east-1'].resources[bucket], `${bucket} location`);
    const website = s3.GetBucketWebsite['us-east-1'].resources;
    assert.deepEqual(website['public-site'].data.IndexDocument, { Suffix: 'index.html' });
    assert.equal(website['plain-data'].error.code, 'NoSuchWebsiteConfiguration');
    const cors = s3.GetBucketCors['us-east-1'].resources;
    assert.deepEqual(cors['shared-assets'].data.CORSRules[0].AllowedOrigins, ['*']);
    assert.equal(cors['public-site'].error.code, 'NoSuchCORSConfiguration');
    // Calls the server does not implement are unknowns, recorded per bucket.
    assert.equal(s3.GetBucketEncryption['us-east-1'].resources['plain-data'].error.code, 'NotImplemented');
    assert.ok(s3.GetBucketPolicy['us-east-1'].resources['plain-data'].error.code);

    // The snapshot reads back: website present, absent, and an unknown.
    const snapshot = readSnapshot(out);
    assert.equal(snapshot.resourceCall(ACCOUNT, 's3', 'GetBucketWebsite', 'us-east-1', 'public-site').kind, 'data');
    assert.equal(snapshot.resourceCall(ACCOUNT, 's3', 'GetBucketWebsite', 'us-east-1', 'plain-data').kind, 'absent');
    assert.equal(snapshot.resourceCall(ACCOUNT, 's3', 'GetBucketEncryption', 'us-east-1', 'plain-data').kind, 'error');
  });

  it('writes .json.gz with --gzip, readable as the same snapshot', async () => {
    const out = join(tempDir(), 'snap-gz');
    const run = await runVigil(['collect', '--endpoint-url', endpoint, '--services', 's3', '--accounts', ACCOUNT, '--out', out, '--gzip', '--quiet'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '', '--quiet prints nothing');
    assert.deepEqual(readdirSync(out).sort(), [`${ACCOUNT}.json.gz`, 'manifest.json']);
    const snapshot = readSnapshot(out);
    assert.equal(snapshot.call(ACCOUNT, 's3', 'ListBuckets', 'us-east-1').kind, 'data');
  });

  it('names the account 000000000000 when the endpoint has no STS and no --accounts is given', async () => {
    const out = join(tempDir(), 'snap-unnamed');
    const run = await runVigil(['collect', '--endpoint-url', endpoint, '--services', 's3', '--out', out], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /caller: the endpoint has no sts:GetCallerIdentity \(\w+\); collected as account 000000000000/);
    assert.equal(readSnapshot(out).call('000000000000', 's3', 'ListBuckets', 'us-east-1').kind, 'data');
  });

  it('exits 3 naming the cause when the endpoint cannot be reached', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'vigil.yaml'), 'aws:\n  maxAttempts: 1\n');
    const closed = await closedPort();
    const run = await runVigil(['collect', '--endpoint-url', `http://127.0.0.1:${closed}`, '--services', 's3', '--out', join(dir, 'x')], { env, cwd: dir });
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /^vigil: AWS failure \(ECONNREFUSED\): cannot identify the caller \(sts:GetCallerIdentity\)/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
