import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { Finding } from '../../../src/core/finding.ts';
import { FindingsStore } from '../../../src/hub/store.ts';
import { resolveDestinations, wants, dueAt } from '../../../src/notify/destinations.ts';
import { slackMessage, slackText, notifiedFinding } from '../../../src/notify/messages.ts';
import { deliverPending, outboxItemsFor, outboxStatus } from '../../../src/notify/outbox.ts';
import { parseConfig } from '../../../src/core/config.ts';
import { startSink } from '../../helpers/http-sink.ts';
import { tempDir } from '../../helpers/vigil.ts';

const finding = (id: string, severity: Finding['severity'] = 'HIGH', extra: Partial<Finding> = {}): Finding => ({
  id, source: 'detection', type: 'UnauthorizedAccess:IAMUser/TorIPCaller', severity, title: `title ${id}`, description: 'desc',
  account: '111122223333', region: 'us-east-1', resource: { type: 'AWS::IAM::User', id: 'alice' }, compliance: {}, evidence: {},
  firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z', count: 1, ...extra,
});

test('Slack text cannot mention channels, inject links or auto-link URLs', () => {
  const hostile = finding('x', 'HIGH', { resource: { type: 'AWS::S3::Bucket', id: '<!channel> <http://evil.example|click here> @here https://evil.example' } });
  const json = JSON.stringify(slackMessage([notifiedFinding(hostile)], {}));
  assert.ok(!json.includes('<!channel>'));
  assert.ok(!json.includes('<http://evil.example|'));
  assert.ok(!json.includes('@here'));
  assert.ok(!json.includes('https://evil'));
  assert.match(slackText('<!channel>'), /^&lt;!channel&gt;$/);
});

test('routing: severity threshold, source and type globs; digest due times', () => {
  const [d] = resolveDestinations(parseConfig('notify:\n  destinations:\n    - {name: sec, type: webhook, urlEnv: HOOK, minSeverity: MEDIUM, types: ["UnauthorizedAccess:*"], mode: hourly}\n'), { HOOK: 'http://127.0.0.1:1/x' });
  assert.equal(wants(d!, finding('a', 'HIGH')), true);
  assert.equal(wants(d!, finding('b', 'LOW')), false);
  assert.equal(wants(d!, finding('c', 'HIGH', { type: 'Recon:EC2/Portscan' })), false);
  assert.equal(dueAt(d!, new Date('2026-01-01T10:20:00Z')), '2026-01-01T11:00:00.000Z');
});

test('a missing webhook URL variable is a config error naming the destination, not the URL', () => {
  assert.throws(() => resolveDestinations(parseConfig('notify:\n  destinations:\n    - {name: sec, type: slack, urlEnv: SLACK_URL}\n'), {}), /notify\.destinations\[0\]: environment variable SLACK_URL is not set/);
});

test('webhook deliveries are signed, carry the idempotency key, and mark findings NOTIFIED', async () => {
  const sink = await startSink();
  const store = await FindingsStore.open(join(tempDir(), 'v.db'));
  try {
    const config = parseConfig('notify:\n  destinations:\n    - {name: hook, type: webhook, urlEnv: HOOK, secretEnv: SECRET, minSeverity: LOW}\n');
    const destinations = resolveDestinations(config, { HOOK: sink.url, SECRET: 's3cret' });
    await store.ingest([finding('a'), finding('b', 'LOW')], { command: 'detect', enqueue: outboxItemsFor(destinations) });
    const summary = await deliverPending(store, destinations, { context: {} });
    assert.equal(summary.sent, 2);
    assert.equal(sink.received.length, 2);
    for (const request of sink.received) {
      const expected = createHmac('sha256', 's3cret').update(`${request.headers['x-vigil-timestamp']}.${request.body}`).digest('hex');
      assert.equal(request.headers['x-vigil-signature'], `sha256=${expected}`);
      assert.equal(request.json.idempotencyKey, request.headers['idempotency-key']);
    }
    assert.equal((await store.get('a'))?.workflow, 'NOTIFIED');
    // Ingesting the same problems again queues nothing new.
    await store.ingest([finding('a'), finding('b', 'LOW')], { command: 'detect', enqueue: outboxItemsFor(destinations) });
    assert.equal((await deliverPending(store, destinations, { context: {} })).sent, 0);
  } finally {
    await store.close();
    await sink.close();
  }
});

test('a failing destination retries with backoff and does not block another', async () => {
  const good = await startSink();
  const bad = await startSink(() => ({ status: 503 }));
  const store = await FindingsStore.open(join(tempDir(), 'v.db'));
  try {
    const config = parseConfig('notify:\n  destinations:\n    - {name: good, type: webhook, urlEnv: GOOD, minSeverity: LOW}\n    - {name: bad, type: slack, urlEnv: BAD, minSeverity: LOW}\n');
    const destinations = resolveDestinations(config, { GOOD: good.url, BAD: bad.url });
    await store.ingest([finding('a'), finding('b')], { command: 'detect', enqueue: outboxItemsFor(destinations) });
    const logs: string[] = [];
    const summary = await deliverPending(store, destinations, { context: {}, log: (m) => logs.push(m) });
    assert.equal(summary.byDestination.good?.sent, 2);
    assert.equal(summary.byDestination.bad?.retrying, 1);
    assert.ok(logs.every((line) => !line.includes(bad.url)), 'the Slack URL never appears in logs');
    const status = await outboxStatus(store);
    assert.deepEqual(status.filter((s) => s.destination === 'bad').map((s) => `${s.state}:${s.n}`), ['pending:2']);
  } finally {
    await store.close();
    await good.close();
    await bad.close();
  }
});

test('digest destinations send one message for the window', async () => {
  const sink = await startSink();
  const store = await FindingsStore.open(join(tempDir(), 'v.db'));
  try {
    const config = parseConfig('notify:\n  destinations:\n    - {name: daily, type: webhook, urlEnv: HOOK, minSeverity: LOW, mode: daily}\n');
    const destinations = resolveDestinations(config, { HOOK: sink.url });
    await store.ingest([finding('a'), finding('b'), finding('c')], { command: 'detect', enqueue: outboxItemsFor(destinations, new Date('2026-01-01T10:00:00Z')) });
    assert.equal((await deliverPending(store, destinations, { context: {}, now: () => new Date('2026-01-01T12:00:00Z') })).sent, 0, 'not due before the window ends');
    assert.equal((await deliverPending(store, destinations, { context: {}, now: () => new Date('2026-01-02T00:00:01Z') })).sent, 3);
    assert.equal(sink.received.length, 1);
    assert.deepEqual(sink.received[0]!.json.findings.map((f: Finding) => f.id).sort(), ['a', 'b', 'c']);
    assert.equal(sink.received[0]!.json.digest, 'daily');
  } finally {
    await store.close();
    await sink.close();
  }
});
