import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { redisUrl } from '../helpers/redis.ts';

// A queue of this test's own, so tests running side by side never take each other's units.
process.env.VIGIL_QUEUE_NAME = `vigil-test-${process.pid}`;
import { runVigil, tempDir, VIGIL_BIN } from '../helpers/vigil.ts';

/**
 * `vigil collect --queue`: the collection units of a real S3-compatible server (s3rver on
 * loopback) run on two `vigil worker` processes through a real Redis, and the snapshot is the
 * same as an in-process collection's.
 */

const redis = redisUrl();
const ACCOUNT = '123456789012';
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> };
const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_PROFILE: '', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
let server: InstanceType<typeof S3rver>;
let endpoint = '';
const workers: ChildProcess[] = [];

before(async () => {
  if (redis.skip) return;
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: tempDir('vigil-s3rver-'), configureBuckets: [{ name: 'alpha' }, { name: 'beta' }, { name: 'gamma' }] });
  endpoint = `http://127.0.0.1:${(await server.run()).port}`;
  for (let i = 0; i < 2; i++) {
    const worker = spawn(process.execPath, [VIGIL_BIN, 'worker', '--redis', redis.url!], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    workers.push(worker);
    await new Promise<void>((resolve, reject) => {
      let err = '';
      worker.stderr!.on('data', (chunk) => {
        err += chunk;
        if (err.includes('worker ready')) resolve();
      });
      worker.on('exit', () => reject(new Error(`worker exited: ${err}`)));
    });
  }
});

after(async () => {
  for (const worker of workers) worker.kill('SIGTERM');
  await server?.close();
});

test('collection through the queue gives the same snapshot as in-process collection', { skip: redis.skip }, async () => {
  const local = join(tempDir(), 'local');
  const queued = join(tempDir(), 'queued');
  const base = ['collect', '--endpoint-url', endpoint, '--services', 's3', '--accounts', ACCOUNT];
  const first = await runVigil([...base, '--out', local], { env });
  assert.equal(first.code, 0, first.stderr);
  const second = await runVigil([...base, '--out', queued, '--queue', redis.url!], { env });
  assert.equal(second.code, 0, second.stderr);
  const read = (dir: string) => JSON.parse(readFileSync(join(dir, `${ACCOUNT}.json`), 'utf8'));
  assert.deepEqual(read(queued), read(local));
  assert.deepEqual(Object.keys(read(queued).s3.GetBucketLocation['us-east-1'].resources).sort(), ['alpha', 'beta', 'gamma']);
});
