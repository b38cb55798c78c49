import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDetection } from '../../../src/detect/index.ts';
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
