import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeapGuard } from '../../../src/detect/heap-guard.ts';

test('the heap guard collects once the heap passes its budget, then raises the budget above what is live', () => {
  const guard = new HeapGuard(1);
  for (let i = 0; i < 31; i++) guard.check();
  assert.equal(guard.collections, 0, 'the heap is looked at every 32 batches');
  guard.check();
  assert.equal(guard.collections, 1, 'a heap over a 1 MB budget is collected');
  // What is live is far above 1 MB: the budget now sits above it, so the next looks do not collect again and again.
  for (let i = 0; i < 32 * 4; i++) guard.check();
  assert.ok(guard.collections <= 2, `${guard.collections} collections`);
});

test('when collections would take more than a twentieth of the time, the budget grows by half instead', () => {
  const MB = 2 ** 20;
  // A heap always over its 100 MB budget with little live: only the time rule can move the budget.
  const heap = () => ({ total_heap_size: 200 * MB, used_heap_size: 10 * MB });
  const budgetOf = (guard: HeapGuard) => (guard as unknown as { budget: number }).budget;
  const checks = (guard: HeapGuard) => {
    for (let i = 0; i < 32; i++) guard.check();
  };
  const often = new HeapGuard(100, heap);
  (often as unknown as { lastCollection: number }).lastCollection = performance.now();
  checks(often);
  assert.equal(often.collections, 1);
  assert.equal(budgetOf(often), 150 * MB, 'a collection right after the last one: the budget grows');
  const seldom = new HeapGuard(100, heap);
  (seldom as unknown as { lastCollection: number }).lastCollection = performance.now() - 3_600_000;
  checks(seldom);
  assert.equal(seldom.collections, 1);
  assert.equal(budgetOf(seldom), 100 * MB, 'an hour after the last one: the budget stays');
});
