import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runDetection, type DetectProgress } from '../../../src/detect/index.ts';
import { partition } from '../../../src/detect/workers/pool.ts';
import { mergeTrailFolder } from './events.ts';

test('partition: balanced by size, deterministic, every file once', () => {
  const files = [{ path: 'a', size: 10 }, { path: 'b', size: 7 }, { path: 'c', size: 5 }, { path: 'd', size: 4 }];
  const shares = partition(files, 2);
  assert.deepEqual(shares, [['a', 'd'], ['b', 'c']]);
  assert.deepEqual(partition(files, 2), shares);
});

test('two workers find exactly what one thread finds, with the same counts and evidence', async () => {
  // The windows only add up when the workers' state is merged.
  const dir = mergeTrailFolder({ loginAddress: '203.0.113.5', reversed: true });
  const one = await runDetection([dir], { workers: 1 });
  const two = await runDetection([dir], { workers: 2 });
  assert.equal(two.stats.workers, 2);
  assert.equal(two.stats.events.parsed, 72);
  const view = (r: typeof one) => r.findings.map((f) => [f.id, f.type, f.count, f.firstSeen, f.lastSeen, f.evidence.events]);
  assert.deepEqual(view(two), view(one));
  assert.deepEqual(one.findings.map((f) => f.type).sort(), [
    'CredentialAccess:IAMUser/SecretsBurst',
    'Stealth:IAMUser/CloudTrailLoggingDisabled',
    'UnauthorizedAccess:IAMUser/ConsoleLoginBruteForce',
  ]);
});

test('progress: what every thread reads adds up, never goes back, and ends at the size of the input', async () => {
  const dir = mergeTrailFolder({ loginAddress: '203.0.113.5', broken: true });
  const total = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  for (const workers of [1, 2]) {
    const seen: DetectProgress[] = [];
    const result = await runDetection([dir], { workers, onProgress: (progress) => seen.push(progress) });
    assert.equal(result.stats.workers, workers);
    assert.ok(seen.length > 0);
    for (const progress of seen) assert.equal(progress.totalBytes, total);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.bytes > seen[i - 1]!.bytes, `${workers} thread(s): ${seen.map((p) => p.bytes).join(', ')}`);
    assert.equal(seen.at(-1)!.bytes, total);
  }
});
