import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { runDetection } from '../../../src/detect/index.ts';
import { partition } from '../../../src/detect/workers/pool.ts';
import type { LogEvent } from '../../../src/logs/types.ts';
import { at, ct, user } from './events.ts';
import { tempDir } from '../../helpers/vigil.ts';

test('partition: balanced by size, deterministic, every file once', () => {
  const files = [{ path: 'a', size: 10 }, { path: 'b', size: 7 }, { path: 'c', size: 5 }, { path: 'd', size: 4 }];
  const shares = partition(files, 2);
  assert.deepEqual(shares, [['a', 'd'], ['b', 'c']]);
  assert.deepEqual(partition(files, 2), shares);
});

test('two workers find exactly what one thread finds, with the same counts and evidence', async () => {
  const dir = tempDir();
  // A burst of secret reads and a password-guessing run spread over several files: the
  // windows only add up when the workers' state is merged.
  const events: LogEvent[] = [];
  for (let i = 0; i < 24; i++) {
    events.push(ct({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue', eventTime: at('2026-11-01T10:00:00Z', i % 9), requestParameters: { secretId: `s${i}` }, userIdentity: user('mallory') }));
    events.push(ct({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventTime: at('2026-11-01T11:00:00Z', i), sourceIPAddress: '203.0.113.5', responseElements: { ConsoleLogin: 'Failure' }, userIdentity: { type: 'IAMUser', accountId: '111122223333', userName: 'root-guess' } }));
    events.push(ct({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime: at('2026-11-01T12:00:00Z', i), requestParameters: { name: 'trail' } }));
  }
  for (let f = 0; f < 4; f++) {
    const records = events.filter((_, i) => i % 4 === f).map((e) => (e as Extract<LogEvent, { kind: 'cloudtrail' }>).record);
    const body = JSON.stringify({ Records: records.reverse() });
    writeFileSync(join(dir, `part${f}.json${f % 2 ? '.gz' : ''}`), f % 2 ? gzipSync(body) : body);
  }
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
