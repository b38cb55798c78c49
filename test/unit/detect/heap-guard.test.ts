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
