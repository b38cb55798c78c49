import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingsStore } from '../../../src/hub/store.ts';
import type { Finding } from '../../../src/core/finding.ts';
import { storeTargets } from '../../helpers/stores.ts';

const result = (id: string, status: Finding['status'], region = 'us-east-1', severity: Finding['severity'] = 'HIGH'): Finding => ({
  id, source: 'posture', type: `check-${id}`, status, severity, title: `title ${id}`, description: 'd',
  account: '111122223333', region, resource: { type: 'AWS::S3::Bucket', id: `arn:aws:s3:::${id}` }, compliance: { 'aws-fsbp': ['S3.1'] }, evidence: {},
});
const scope = (regions: string[]) => ({ source: 'posture' as const, accounts: ['111122223333'], regions });

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
  });
}
