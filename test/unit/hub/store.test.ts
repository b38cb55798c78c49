import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingsStore, type StoredFinding } from '../../../src/hub/store.ts';
import { openDb } from '../../../src/hub/db.ts';
import { MIGRATIONS } from '../../../src/hub/migrations.ts';
import type { Finding } from '../../../src/core/finding.ts';
import { severityRank } from '../../../src/core/severity.ts';
import { storeTargets } from '../../helpers/stores.ts';

const result = (id: string, status: Finding['status'], region = 'us-east-1', severity: Finding['severity'] = 'HIGH'): Finding => ({
  id, source: 'posture', type: `check-${id}`, status, severity, title: `title ${id}`, description: 'd',
  account: '111122223333', region, resource: { type: 'AWS::S3::Bucket', id: `arn:aws:s3:::${id}` }, compliance: { 'aws-fsbp': ['S3.1'] }, evidence: {},
});
const scope = (regions: string[]) => ({ source: 'posture' as const, accounts: ['111122223333'], regions });
const many = (n: number, status: Finding['status'] = 'FAIL') => Array.from({ length: n }, (_, i) => result(`f${String(i).padStart(5, '0')}`, status));

/** A finding with every optional field of Contract 2 set. */
const full: Finding = {
  id: 'vigil-full', source: 'detection', type: 'UnauthorizedAccess:IAMUser/TorIPCaller', severity: 'HIGH', title: 'Tor caller', description: 'API calls from a Tor exit node.',
  remediation: 'Rotate the key.', account: '111122223333', region: 'eu-west-1',
  resource: { type: 'AWS::IAM::AccessKey', id: 'AKIAEXAMPLE', name: 'alice key', tags: { team: 'a' } }, compliance: { 'aws-fsbp': ['IAM.3'] },
  techniques: ['T1090.003'], firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T02:00:00.000Z', count: 3,
  evidence: { events: ['e1', 'e2'], ruleId: 'tor', nested: { a: [1, null, 'x'] } }, references: ['https://docs.aws.amazon.com/guardduty/'],
  observedAt: '2026-01-01T03:00:00.000Z',
};

/** Opens a store as v3 (the last schema before the slim `data` column) and writes a row as v3 wrote it. */
async function v3StoreWith(location: string, finding: Finding, stored: Pick<StoredFinding, 'workflow' | 'workflowBy' | 'firstSeen' | 'lastSeen' | 'count' | 'updatedAt'>): Promise<void> {
  const db = await openDb(location);
  try {
    await db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) {
      await db.exec(migration.sql(db.dialect));
      await db.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [migration.version, '2026-01-01T00:00:00.000Z']);
    }
    // v3 kept the whole finding in `data`, the columns' values included.
    const data = JSON.stringify({ ...finding, workflow: 'NEW', firstSeen: stored.firstSeen, lastSeen: stored.lastSeen, count: stored.count });
    await db.run(
      `INSERT INTO findings (id, source, type, severity, severity_rank, status, workflow, workflow_by, account, region, resource_type, resource_id, title, first_seen, last_seen, count, updated_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [finding.id, finding.source, finding.type, finding.severity, severityRank(finding.severity), finding.status ?? null, stored.workflow, stored.workflowBy, finding.account, finding.region,
        finding.resource.type, finding.resource.id, finding.title, stored.firstSeen, stored.lastSeen, stored.count, stored.updatedAt, data],
    );
  } finally {
    await db.close();
  }
}

async function indexNames(store: FindingsStore): Promise<string[]> {
  const sql = store.db.dialect === 'sqlite'
    ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'findings' AND name NOT LIKE 'sqlite_%'"
    : "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'findings' AND indexname <> 'findings_pkey'";
  return (await store.db.all<{ name: string }>(sql)).map((r) => r.name).sort();
}

for (const target of storeTargets()) {
  describe(`findings store on ${target.name}`, { skip: target.skip }, () => {
    test('upsert, lifecycle, history and scope-aware resolution', async () => {
      const store = await FindingsStore.open(await target.create());
      try {
        const first = await store.ingest([result('a', 'FAIL'), result('b', 'FAIL'), result('c', 'FAIL', 'eu-west-1')], { command: 'scan', scope: scope(['us-east-1', 'eu-west-1']), now: '2026-01-01T00:00:00.000Z' });
        assert.equal(first.created, 3);
        assert.deepEqual(first.newProblems.sort(), ['a', 'b', 'c']);

        // Rescan of us-east-1 only: a passes, b disappeared; c (eu-west-1) is out of scope and stays open.
        const second = await store.ingest([result('a', 'PASS')], { command: 'scan', scope: scope(['us-east-1']), now: '2026-01-02T00:00:00.000Z' });
        assert.equal(second.resolved, 2);
        assert.equal((await store.get('a'))?.workflow, 'RESOLVED');
        assert.equal((await store.get('b'))?.workflow, 'RESOLVED');
        assert.equal((await store.get('c'))?.workflow, 'NEW');

        const third = await store.ingest([result('a', 'FAIL')], { command: 'scan', scope: scope(['us-east-1']), now: '2026-01-03T00:00:00.000Z' });
        assert.equal(third.reopened, 1);
        const history = await store.history('a');
        assert.deepEqual(history.filter((h) => h.field === 'workflow').map((h) => `${h.from}->${h.to}`), ['NEW->RESOLVED', 'RESOLVED->NEW']);

        const diff = await store.diff();
        assert.deepEqual(diff.new.map((f) => f.id), ['a']);
        assert.deepEqual(diff.resolved.map((f) => f.id), []);
      } finally {
        await store.close();
      }
    });

    test('filters, person updates and quiet-period resolution', async () => {
      const store = await FindingsStore.open(await target.create());
      try {
        const detection: Finding = { ...result('d', undefined, 'us-east-1', 'MEDIUM'), source: 'detection', type: 'Recon:IAMUser/MaliciousIPCaller', status: undefined, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z', count: 4 };
        await store.ingest([result('a', 'FAIL', 'us-east-1', 'CRITICAL'), result('b', 'FAIL', 'us-east-1', 'LOW'), detection], { command: 'mixed', now: '2026-01-01T00:00:00.000Z' });
        assert.deepEqual((await store.list({ minSeverity: 'MEDIUM' })).map((f) => f.id), ['a', 'd']);
        assert.deepEqual((await store.list({ type: 'Recon:*' })).map((f) => f.id), ['d']);
        assert.deepEqual((await store.list({ sources: ['posture'], severities: ['LOW'] })).map((f) => f.id), ['b']);

        await store.updateWorkflow(['b'], 'SUPPRESSED', 'alice', 'accepted risk');
        const b = await store.get('b');
        assert.equal(b?.workflow, 'SUPPRESSED');
        assert.equal((await store.history('b')).at(-1)?.actor, 'alice');

        assert.equal(await store.resolveQuietDetections(7, '2026-01-10T00:00:00.000Z'), 1);
        assert.equal((await store.get('d'))?.workflow, 'RESOLVED');
        await assert.rejects(store.updateWorkflow(['nope'], 'RESOLVED', 'alice'), /no finding with id nope/);
      } finally {
        await store.close();
      }
    });

    test('every field of a finding survives the store (columns and the rest of the finding)', async () => {
      const store = await FindingsStore.open(await target.create());
      try {
        await store.ingest([full, result('p', 'PASS')], { command: 'detect', now: '2026-01-05T00:00:00.000Z' });
        const expected: StoredFinding = { ...full, workflow: 'NEW', workflowBy: 'system', updatedAt: '2026-01-05T00:00:00.000Z' } as StoredFinding;
        const got = await store.get('vigil-full');
        assert.deepEqual(got, expected);
        // Contract order, then the lifecycle's keys (as JSON output shows them).
        const lifecycle = ['workflow', 'firstSeen', 'lastSeen', 'count', 'workflowBy', 'updatedAt'];
        assert.deepEqual(Object.keys(got!), [...Object.keys(full).filter((k) => !lifecycle.includes(k)), ...lifecycle]);
        assert.deepEqual((await store.list({ type: 'Unauthorized*' }))[0], expected);
        const pass = await store.get('p');
        assert.equal(pass?.status, 'PASS');
        assert.deepEqual(pass?.resource, { type: 'AWS::S3::Bucket', id: 'arn:aws:s3:::p' });
        assert.equal('status' in (await store.get('vigil-full'))!, false);
      } finally {
        await store.close();
      }
    });

    test('keys beyond the contract come back in their order, a __proto__ key as a key', async () => {
      const store = await FindingsStore.open(await target.create());
      try {
        const extra = JSON.parse(JSON.stringify({ ...result('x', 'FAIL'), principal: '*', isPublic: true }).replace(/\}$/, ',"__proto__":{"workflow":"RESOLVED"}}')) as Finding;
        await store.ingest([extra], { command: 'access' });
        const got = (await store.get('x')) as unknown as Record<string, unknown>;
        assert.deepEqual(Object.keys(got).slice(-9), ['principal', 'isPublic', '__proto__', 'workflow', 'firstSeen', 'lastSeen', 'count', 'workflowBy', 'updatedAt']);
        assert.equal(Object.getPrototypeOf(got), Object.prototype);
        assert.equal(got.workflow, 'NEW');
        assert.equal(got.isPublic, true);
      } finally {
        await store.close();
      }
    });

    test('a v3 store upgrades: one state index instead of two, its findings read as before, rescans update them', async () => {
      const location = await target.create();
      const stored = { workflow: 'NOTIFIED' as const, workflowBy: 'system' as const, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T02:00:00.000Z', count: 3, updatedAt: '2026-01-02T00:00:00.000Z' };
      await v3StoreWith(location, full, stored);
      const store = await FindingsStore.open(location);
      try {
        assert.deepEqual(await indexNames(store), ['findings_order', 'findings_state']);
        // The columns win over the copy a v3 row kept in `data` (its workflow there was stale).
        assert.deepEqual(await store.get('vigil-full'), { ...full, ...stored });
        const rescan = await store.ingest([{ ...full, firstSeen: '2026-01-03T00:00:00.000Z', lastSeen: '2026-01-03T01:00:00.000Z', count: 2 }], { command: 'detect', now: '2026-01-04T00:00:00.000Z' });
        assert.equal(rescan.updated, 1);
        const after = await store.get('vigil-full');
        assert.deepEqual(after, { ...full, ...stored, lastSeen: '2026-01-03T01:00:00.000Z', count: 5, updatedAt: '2026-01-04T00:00:00.000Z' });
      } finally {
        await store.close();
      }
      // Opening again applies nothing twice.
      const again = await FindingsStore.open(location);
      try {
        assert.deepEqual(await indexNames(again), ['findings_order', 'findings_state']);
        assert.equal(Number((await again.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations'))?.n), MIGRATIONS.length);
      } finally {
        await again.close();
      }
    });

    test('a run larger than one batch: one scan, every result, history and outbox row; duplicates across batches merge', async () => {
      const store = await FindingsStore.open(await target.create());
      try {
        // 10,000 findings per transaction: the run spans two, and f00000 comes again in the second.
        const run = [...many(10_050), { ...result('f00000', 'FAIL'), severity: 'CRITICAL' as const }];
        const summary = await store.ingest(run, {
          command: 'scan', scope: scope(['us-east-1']), now: '2026-01-01T00:00:00.000Z',
          enqueue: (finding, scanId) => [{ destination: 'chat', idempotencyKey: `${finding.id}/${scanId}`, payload: finding.id }],
        });
        assert.equal(summary.created, 10_050);
        assert.equal(summary.newProblems.length, 10_050);
        assert.equal(summary.updated, 1);
        const count = async (sql: string, params: unknown[] = []) => Number((await store.db.get<{ n: number }>(sql, params))?.n);
        assert.equal(await count('SELECT COUNT(*) AS n FROM findings'), 10_050);
        assert.equal(await count('SELECT COUNT(*) AS n FROM scan_results WHERE scan_id = ?', [summary.scanId]), 10_050);
        assert.equal(await count('SELECT COUNT(*) AS n FROM outbox'), 10_050);
        assert.equal(await count("SELECT COUNT(*) AS n FROM finding_history WHERE field = 'created'"), 10_050);
        assert.deepEqual((await store.history('f00000')).map((h) => `${h.field}:${h.from ?? ''}->${h.to}`), ['created:->NEW', 'severity:HIGH->CRITICAL']);
        assert.equal((await store.get('f00000'))?.count, 2);
        assert.equal((await store.scans()).length, 1);
      } finally {
        await store.close();
      }
    });

    test('an enqueue failure rolls back its batch: no finding without its notification', async () => {
      const store = await FindingsStore.open(await target.create());
      try {
        let calls = 0;
        const enqueue = (finding: StoredFinding) => {
          if (++calls === 3) throw new Error('destination misconfigured');
          return [{ destination: 'chat', idempotencyKey: finding.id, payload: finding.id }];
        };
        await assert.rejects(store.ingest(many(5), { command: 'scan', enqueue }), /destination misconfigured/);
        assert.equal(Number((await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM findings'))?.n), 0);
        assert.equal(Number((await store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox'))?.n), 0);
      } finally {
        await store.close();
      }
    });

    test('resolution and person updates of more findings than one statement takes', async () => {
      const store = await FindingsStore.open(await target.create());
      try {
        await store.ingest(many(2_500), { command: 'scan', scope: scope(['us-east-1']), now: '2026-01-01T00:00:00.000Z' });
        const ids = many(2_500).map((f) => f.id);

        // All-or-nothing: one unknown id among 2,500 changes nothing.
        await assert.rejects(store.updateWorkflow([...ids, 'nope'], 'NOTIFIED', 'vigil notify'), /no finding with id nope/);
        assert.equal((await store.list({ workflows: ['NOTIFIED'] })).length, 0);

        // A repeated id counts once; findings already in the state are not changed again.
        await store.updateWorkflow(['f00001'], 'NOTIFIED', 'vigil notify');
        assert.equal(await store.updateWorkflow([...ids, 'f00002'], 'NOTIFIED', 'vigil notify', 'sent', '2026-01-02T00:00:00.000Z'), 2_499);
        assert.equal((await store.list({ workflows: ['NOTIFIED'] })).length, 2_500);
        assert.deepEqual((await store.history('f00002')).map((h) => `${h.from ?? ''}->${h.to}:${h.note}`), ['->NEW:first result: FAIL', 'NEW->NOTIFIED:sent']);

        // A rescan of the same scope that reports none of them resolves every one.
        const rescan = await store.ingest([], { command: 'scan', scope: scope(['us-east-1']), now: '2026-01-03T00:00:00.000Z' });
        assert.equal(rescan.resolved, 2_500);
        assert.equal((await store.list({ workflows: ['RESOLVED'] })).length, 2_500);
        const last = (await store.history('f02499')).at(-1);
        assert.deepEqual(last, { at: '2026-01-03T00:00:00.000Z', actor: 'vigil scan', field: 'workflow', from: 'NOTIFIED', to: 'RESOLVED', note: 'no longer reported by a scan of the same scope' });
      } finally {
        await store.close();
      }
    });
  });
}

describe('findings store query plans (SQLite)', () => {
  test('lists walk findings_order; open counts, scope resolution and the quiet period use findings_state', async () => {
    const location = await storeTargets()[0]!.create();
    const store = await FindingsStore.open(location);
    try {
      await store.ingest(many(300), { command: 'scan' });
      const plan = async (sql: string) => (await store.db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)).map((r) => r.detail).join(' | ');
      assert.match(await plan("SELECT id FROM findings INDEXED BY findings_order WHERE workflow IN ('NEW') AND severity_rank >= 3 ORDER BY severity_rank DESC, last_seen DESC, id DESC LIMIT 100"), /USING INDEX findings_order/);
      assert.match(await plan("SELECT severity, COUNT(*) AS n FROM findings WHERE workflow IN ('NEW', 'NOTIFIED') GROUP BY severity"), /USING COVERING INDEX findings_state/);
      assert.match(await plan("SELECT id, workflow FROM findings WHERE source = 'posture' AND account IN ('1') AND region IN ('us-east-1') AND workflow IN ('NEW', 'NOTIFIED') AND id NOT IN (SELECT finding_id FROM scan_results WHERE scan_id = 1)"), /USING INDEX findings_state \(workflow=\? AND source=\?\)/);
      assert.match(await plan("SELECT id, workflow FROM findings WHERE source = 'detection' AND workflow IN ('NEW', 'NOTIFIED') AND last_seen < '2026'"), /USING INDEX findings_(state|order)/);
      assert.match(await plan("SELECT id, workflow FROM findings WHERE id IN ('a', 'b')"), /USING INDEX sqlite_autoindex_findings_1/);
    } finally {
      await store.close();
    }
  });
});
