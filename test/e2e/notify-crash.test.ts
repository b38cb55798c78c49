import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.ts';
import { parseConfig } from '../../src/core/config.ts';
import { FindingsStore } from '../../src/hub/store.ts';
import { resolveDestinations } from '../../src/notify/destinations.ts';
import { outboxItemsFor, outboxStatus } from '../../src/notify/outbox.ts';
import { startSink } from '../helpers/http-sink.ts';
import { runVigil, tempDir, VIGIL_BIN } from '../helpers/vigil.ts';

const TOTAL = 25;

test('a notifier killed with SIGKILL mid-batch delivers each finding exactly once after restart', async () => {
  // Given a store with 25 queued notifications for a webhook that answers slowly,
  const dir = tempDir();
  const storePath = join(dir, 'vigil.db');
  const configPath = join(dir, 'vigil.yaml');
  const configText = 'notify:\n  destinations:\n    - {name: hook, type: webhook, urlEnv: HOOK_URL, minSeverity: LOW}\n';
  writeFileSync(configPath, configText);
  const sink = await startSink(() => ({ status: 200, delayMs: 40 }));
  const env = { HOOK_URL: sink.url };
  const store = await FindingsStore.open(storePath);
  const findings: Finding[] = Array.from({ length: TOTAL }, (_, i) => ({
    id: `vigil-f${i}`, source: 'detection', type: 'Recon:IAMUser/MaliciousIPCaller', severity: 'HIGH', title: `f${i}`, description: 'd',
    account: '111122223333', region: 'us-east-1', resource: { type: 'AWS::IAM::User', id: `u${i}` }, compliance: {}, evidence: {},
    firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z', count: 1,
  }));
  await store.ingest(findings, { command: 'detect', enqueue: outboxItemsFor(resolveDestinations(parseConfig(configText), env)) });
  await store.close();

  // When the notifier is killed while the 10th request is in flight,
  const child = spawn(process.execPath, [VIGIL_BIN, 'notify', 'run', '--store', storePath, '--config', configPath, '--lease-seconds', '1'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const killed = new Promise<void>((resolve) => {
    sink.onRequest((_request, index) => {
      if (index === 9) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal === 'SIGKILL' ? -9 : code)));
  await killed;
  assert.equal(await exited, -9, 'the first notifier died by SIGKILL');
  const beforeRestart = sink.received.length;
  assert.ok(beforeRestart >= 10 && beforeRestart < TOTAL);

  // and restarted once its lease has expired,
  await new Promise((resolve) => setTimeout(resolve, 1200));
  const rerun = await runVigil(['notify', 'run', '--store', storePath, '--config', configPath, '--lease-seconds', '1'], { env });
  assert.equal(rerun.code, 0, rerun.stderr);
  await sink.close();

  // then every finding reached the receiver under exactly one idempotency key,
  const keysByFinding = new Map<string, Set<string>>();
  for (const request of sink.received) {
    for (const f of request.json.findings as Finding[]) {
      const keys = keysByFinding.get(f.id) ?? new Set<string>();
      keys.add(String(request.headers['idempotency-key']));
      keysByFinding.set(f.id, keys);
    }
  }
  assert.equal(keysByFinding.size, TOTAL, 'every finding delivered');
  for (const [id, keys] of keysByFinding) assert.equal(keys.size, 1, `${id} was sent under one key only`);
  // a retry (the in-flight message) repeats its key; there is never a second distinct message,
  const distinctKeys = new Set(sink.received.map((r) => r.headers['idempotency-key']));
  assert.equal(distinctKeys.size, TOTAL);
  assert.ok(sink.received.length <= TOTAL + 1, `at most the one in-flight message is retried (got ${sink.received.length})`);
  // and the outbox is empty of pending work.
  const after = await FindingsStore.open(storePath);
  assert.deepEqual(await outboxStatus(after), [{ destination: 'hook', state: 'sent', n: TOTAL }]);
  await after.close();
});
