import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeapGuard } from '../../../src/detect/heap-guard.ts';

const MB = 2 ** 20;
const budgetOf = (guard: HeapGuard) => (guard as unknown as { budget: number }).budget;
const checks = (guard: HeapGuard, n = 32) => {
  for (let i = 0; i < n; i++) guard.check();
};

test('the heap guard collects once the heap passes its budget, then raises the budget above what is live', () => {
  const guard = new HeapGuard(1);
  checks(guard, 31);
  assert.equal(guard.collections, 0, 'the heap is looked at every 32 batches');
  guard.check();
  assert.equal(guard.collections, 1, 'a heap over a 1 byte budget is collected');
  // What is live is far above the budget: the budget now sits above it, so the next looks do not collect again and again.
  checks(guard, 32 * 4);
  assert.ok(guard.collections <= 2, `${guard.collections} collections`);
});

test('the budget is twice what is live, between its floor and 512 MB, and follows the live size down again', () => {
  let live = 10 * MB;
  let total = 200 * MB;
  const guard = new HeapGuard(100 * MB, () => ({ total_heap_size: total, used_heap_size: live }));
  checks(guard);
  assert.equal(guard.collections, 1);
  assert.equal(budgetOf(guard), 100 * MB, 'little live: the floor');
  live = 90 * MB;
  checks(guard);
  assert.equal(budgetOf(guard), 180 * MB, 'twice what is live');
  total = 170 * MB;
  checks(guard);
  assert.equal(guard.collections, 2, 'under the budget: no collection');
  live = 300 * MB;
  total = 400 * MB;
  checks(guard);
  assert.equal(budgetOf(guard), 512 * MB, 'at most 512 MB');
  live = 20 * MB;
  total = 600 * MB;
  checks(guard);
  assert.equal(budgetOf(guard), 100 * MB, 'back to the floor once little is live');
  assert.equal(guard.collections, 4);
});
