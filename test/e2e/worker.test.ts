import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { QueueExecutor, type RemoteJob } from '../../src/queue/queue-executor.ts';
import { redisUrl } from '../helpers/redis.ts';

// A queue of this test's own, so tests running side by side never take each other's units.
process.env.VIGIL_QUEUE_NAME = `vigil-test-${process.pid}`;
import { VIGIL_BIN } from '../helpers/vigil.ts';

const redis = redisUrl();

test('two vigil worker processes share queued units; a duplicate key runs once', { skip: redis.skip }, async () => {
  const workers = [0, 1].map(() => spawn(process.execPath, [VIGIL_BIN, 'worker', '--redis', redis.url!, '--concurrency', '2'], { stdio: ['ignore', 'ignore', 'pipe'] }));
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    let err = '';
    w.stderr!.on('data', (chunk) => {
      err += chunk;
      if (err.includes('worker ready')) resolve();
    });
    w.on('exit', () => reject(new Error(`worker exited: ${err}`)));
  })));
  const executor = new QueueExecutor(redis.url!, randomUUID());
  try {
    const jobs: RemoteJob[] = Array.from({ length: 12 }, (_, i) => ({ key: `unit/${i}`, handler: 'echo', input: { n: i } }));
    jobs.push({ key: 'unit/3', handler: 'echo', input: { n: 3 } });
    const results = [];
    for await (const result of executor.run<{ echoed: { n: number }; pid: number }>(jobs)) results.push(result);
    assert.equal(results.length, 12);
    assert.ok(results.every((r) => r.ok));
    const values = results.map((r) => (r.ok ? r.value.echoed.n : -1)).sort((a, b) => a - b);
    assert.deepEqual(values, [...Array(12).keys()]);
    const pids = new Set(results.map((r) => (r.ok ? r.value.pid : 0)));
    assert.ok(pids.size >= 1 && !pids.has(process.pid), 'units ran in the worker processes');
  } finally {
    await executor.close();
    for (const w of workers) w.kill('SIGTERM');
  }
});
