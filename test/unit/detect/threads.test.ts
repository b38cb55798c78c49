import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totalmem } from 'node:os';
import { defaultMemoryMb, plannedThreads } from '../../../src/detect/threads.ts';

const MB = 2 ** 20;
const GB = 2 ** 30;

test('threads are planned for the input: one per 16 MB of gzip, at least one', () => {
  assert.equal(plannedThreads({ cores: 8, bytes: 0, memoryMb: 64_000 }), 1, 'S3 or nothing local: this thread');
  assert.equal(plannedThreads({ cores: 8, bytes: 20 * MB, memoryMb: 64_000 }), 1);
  assert.equal(plannedThreads({ cores: 8, bytes: 40 * MB, memoryMb: 64_000 }), 2);
  assert.equal(plannedThreads({ cores: 8, bytes: 5 * GB, memoryMb: 64_000 }), 8, 'no more than the cores');
});

test('threads are planned for the memory: what fits beside the first thread, and never none', () => {
  const large = { cores: 16, bytes: 5 * GB };
  assert.equal(plannedThreads({ ...large, memoryMb: 490 }), 1, 'under the first and a second thread');
  assert.equal(plannedThreads({ ...large, memoryMb: 500 }), 2, 'two fit in 500 MB, as measured on 5 GB');
  assert.equal(plannedThreads({ ...large, memoryMb: 1024 }), 4);
  assert.equal(plannedThreads({ ...large, memoryMb: 100 }), 1, 'too little for any: still one');
});

test('the default memory is half of what the process may have', () => {
  const planned = defaultMemoryMb();
  assert.ok(planned > 0 && planned <= totalmem() / 2 / MB, `${planned} MB`);
});
