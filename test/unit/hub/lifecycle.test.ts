import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeFinding } from '../../../src/hub/lifecycle.ts';
import type { Finding } from '../../../src/core/finding.ts';

const posture = (status: Finding['status']): Finding => ({
  id: 'vigil-p1', source: 'posture', type: 's3-bucket-versioning-enabled', status, severity: 'MEDIUM', title: 't', description: 'd',
  account: '111122223333', region: 'us-east-1', resource: { type: 'AWS::S3::Bucket', id: 'arn:aws:s3:::b' }, compliance: {}, evidence: {},
});
const detection = (firstSeen: string, lastSeen: string, count: number): Finding => ({
  id: 'vigil-d1', source: 'detection', type: 'Stealth:IAMUser/CloudTrailLoggingDisabled', severity: 'LOW', title: 't', description: 'd',
  account: '111122223333', region: 'us-east-1', resource: { type: 'AWS::CloudTrail::Trail', id: 'trail' }, compliance: {}, evidence: {}, firstSeen, lastSeen, count,
});

test('a failing posture result is NEW, passing resolves it, failing again reopens it', () => {
  const first = mergeFinding(undefined, posture('FAIL'), '2026-01-01T00:00:00Z').next;
  assert.equal(first.workflow, 'NEW');
  const passed = mergeFinding(first, posture('PASS'), '2026-01-02T00:00:00Z');
  assert.equal(passed.next.workflow, 'RESOLVED');
  assert.deepEqual(passed.changes.map((c) => `${c.field}:${c.from}->${c.to}`), ['workflow:NEW->RESOLVED', 'status:FAIL->PASS']);
  const again = mergeFinding(passed.next, posture('FAIL'), '2026-01-03T00:00:00Z').next;
  assert.equal(again.workflow, 'NEW');
  assert.equal(again.firstSeen, '2026-01-01T00:00:00Z');
});

test('NOTIFIED stays NOTIFIED while the problem persists', () => {
  const first = { ...mergeFinding(undefined, posture('FAIL'), 'a').next, workflow: 'NOTIFIED' as const };
  assert.equal(mergeFinding(first, posture('FAIL'), 'b').next.workflow, 'NOTIFIED');
});

test('a person\'s suppression is sticky; a rule\'s suppression lapses with the rule', () => {
  const first = mergeFinding(undefined, posture('FAIL'), 'a').next;
  assert.equal(mergeFinding({ ...first, workflow: 'SUPPRESSED', workflowBy: 'person' }, posture('FAIL'), 'b').next.workflow, 'SUPPRESSED');
  const byRule = mergeFinding(first, { ...posture('SUPPRESSED'), suppression: { reason: 'accepted risk' } }, 'b').next;
  assert.equal(byRule.workflow, 'SUPPRESSED');
  assert.equal(mergeFinding(byRule, posture('FAIL'), 'c').next.workflow, 'NEW');
});

test('detections re-read from overlapping logs do not double count; later activity adds up', () => {
  const first = mergeFinding(undefined, detection('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 5), 'n').next;
  const overlap = mergeFinding(first, detection('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 5), 'n').next;
  assert.equal(overlap.count, 5);
  const later = mergeFinding(overlap, detection('2026-01-02T00:00:00Z', '2026-01-02T01:00:00Z', 3), 'n').next;
  assert.equal(later.count, 8);
  assert.equal(later.firstSeen, '2026-01-01T00:00:00Z');
  assert.equal(later.lastSeen, '2026-01-02T01:00:00Z');
});

test('a resolved detection reopens only on newer activity', () => {
  const resolved = { ...mergeFinding(undefined, detection('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 1), 'n').next, workflow: 'RESOLVED' as const };
  assert.equal(mergeFinding(resolved, detection('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 1), 'n').next.workflow, 'RESOLVED');
  assert.equal(mergeFinding(resolved, detection('2026-01-05T00:00:00Z', '2026-01-05T01:00:00Z', 1), 'n').next.workflow, 'NEW');
});

test('the stored finding has the incoming keys in their order, then the lifecycle\'s; a __proto__ key from JSON stays a key', () => {
  const incoming = posture('FAIL');
  const { next } = mergeFinding(undefined, incoming, 'now');
  assert.deepEqual(Object.keys(next), [...Object.keys(incoming), 'workflow', 'workflowBy', 'firstSeen', 'lastSeen', 'count', 'updatedAt']);
  const hostile = JSON.parse(JSON.stringify(incoming).replace(/^\{/, '{"__proto__":{"workflow":"RESOLVED"},')) as Finding;
  const merged = mergeFinding(undefined, hostile, 'now').next;
  assert.equal(Object.getPrototypeOf(merged), Object.prototype);
  assert.ok(Object.hasOwn(merged, '__proto__'));
  assert.equal(merged.workflow, 'NEW');
});
