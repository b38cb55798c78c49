import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InProcessExecutor, type Job, type JobResult } from '../../../src/core/executor.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function drain<T>(iterable: AsyncIterable<JobResult<T>>): Promise<Array<JobResult<T>>> {
  const out: Array<JobResult<T>> = [];
  for await (const result of iterable) out.push(result);
  return out;
}

describe('in-process executor', () => {
  it('keeps to the per-account and per-region limits and runs everything once', async () => {
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    const bump = (key: string, by: number) => {
      const now = (running.get(key) ?? 0) + by;
      running.set(key, now);
      peak.set(key, Math.max(peak.get(key) ?? 0, now));
    };
    const jobs: Array<Job<string>> = [];
    for (const account of ['111111111111', '222222222222'])
      for (const region of ['us-east-1', 'eu-west-1'])
        for (const service of ['s3', 'ec2', 'iam', 'kms', 'rds'])
          jobs.push({
            key: `${account}/${region}/${service}`,
            run: async () => {
              bump(account, 1);
              bump(`${account}/${region}`, 1);
              await sleep(5);
              bump(account, -1);
              bump(`${account}/${region}`, -1);
              return service;
            },
          });
    const executor = new InProcessExecutor({ concurrency: 100, perPrefix: { 1: 3, 2: 2 } });
    const results = await drain(executor.run([...jobs, jobs[0]!]));
    assert.equal(results.length, jobs.length, 'duplicate key run once');
    assert.ok(results.every((r) => r.ok));
    assert.equal(peak.get('111111111111'), 3);
    assert.equal(peak.get('111111111111/us-east-1'), 2);
  });

  it('yields failures as results instead of throwing', async () => {
    const executor = new InProcessExecutor();
    const results = await drain(executor.run([{ key: 'a', run: async () => { throw new Error('boom'); } }, { key: 'b', run: async () => 1 }]));
    const failed = results.find((r) => r.key === 'a');
    assert.ok(failed && !failed.ok && (failed.error as Error).message === 'boom');
    assert.ok(results.find((r) => r.key === 'b')?.ok);
  });

  it('completes an empty batch', async () => {
    assert.deepEqual(await drain(new InProcessExecutor().run([])), []);
  });
});
