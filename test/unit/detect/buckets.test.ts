import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buckets, MAX_CELLS } from '../../../src/detect/detectors/buckets.ts';

const HOUR = 3_600_000;

test('buckets stay bounded on long inputs: the lightest cells fold into counts, heavy ones stay', () => {
  const buckets = new Buckets(HOUR);
  // A burst of 500 events in one hour, then a cell per hour for more hours than the cap.
  for (let i = 0; i < 500; i++) buckets.add('burst', 10 * HOUR + i, `b${i}`, `k${i}`);
  for (let h = 0; h < MAX_CELLS + 10; h++) buckets.add('steady', h * HOUR, `s${h}`);
  const kept = [...buckets.entries()].reduce((sum, [, cells]) => sum + cells.length, 0);
  assert.ok(kept <= MAX_CELLS, `${kept} cells kept`);
  assert.ok(buckets.foldedCells > 0);
  const burst = [...buckets.entries()].find(([key]) => key === 'burst');
  assert.equal(burst?.[1][0]?.[1].count, 500, 'the heavy cell is never folded');
  assert.equal(buckets.foldedCounts('steady').every((count) => count === 1), true);
  assert.equal(buckets.foldedCounts('steady').length + (([...buckets.entries()].find(([key]) => key === 'steady')?.[1].length) ?? 0), MAX_CELLS + 10, 'every steady hour is a cell or a folded count');
});

test('folded counts travel with the state from a worker and are merged', () => {
  const worker = new Buckets(HOUR);
  for (let h = 0; h < MAX_CELLS + 1; h++) worker.add('k', h * HOUR, `e${h}`);
  const main = new Buckets(HOUR);
  main.merge(structuredClone(worker.state()));
  assert.equal(main.foldedCounts('k').length, worker.foldedCounts('k').length);
  assert.ok(main.foldedCounts('k').length > 0);
});

test('a detector that only samples values keeps fewer distinct values per cell', () => {
  const buckets = new Buckets(HOUR, { maxDistinct: 3 });
  for (let i = 9; i >= 0; i--) buckets.add('k', i, `e${i}`, `v${i}`);
  const [, cells] = [...buckets.entries()][0]!;
  assert.deepEqual(cells[0]![1].distinct, ['v0', 'v1', 'v2']);
  assert.equal(cells[0]![1].count, 10);
});

test('the distinct values a cell keeps do not depend on the order events come in or how they are split', () => {
  const values = Array.from({ length: 100 }, (_, i) => `value-${(i * 37) % 100}`);
  const inOrder = new Buckets(HOUR, { maxDistinct: 8 });
  for (const [i, v] of values.entries()) inOrder.add('k', i, `e${i}`, v);
  const split = [new Buckets(HOUR, { maxDistinct: 8 }), new Buckets(HOUR, { maxDistinct: 8 })];
  for (const [i, v] of [...values.entries()].reverse()) split[i % 2]!.add('k', i, `e${i}`, v);
  split[1]!.merge(structuredClone(split[0]!.state()));
  const distinct = (b: Buckets) => [...b.entries()][0]![1][0]![1].distinct;
  assert.deepEqual(distinct(inOrder), ['value-0', 'value-1', 'value-10', 'value-11', 'value-12', 'value-13', 'value-14', 'value-15']);
  assert.deepEqual(distinct(split[1]!), distinct(inOrder));
});

test('folding takes complete (older) cells first: a light cell of the latest hours may still be filling up', () => {
  const buckets = new Buckets(HOUR);
  const now = MAX_CELLS + 100;
  buckets.add('filling', now * HOUR, 'f0');
  for (let h = 0; h < MAX_CELLS + 10; h++) buckets.add(`old-${h % 7}`, h * HOUR, `o${h}`);
  buckets.add('filling', now * HOUR + 1, 'f1');
  const filling = [...buckets.entries()].find(([key]) => key === 'filling');
  assert.equal(filling?.[1][0]?.[1].count, 2, 'the latest hour kept its cell');
  assert.ok(buckets.foldedCells > 0);
});

test('a cell keeps its ten earliest event ids, whatever the order', () => {
  const buckets = new Buckets(HOUR);
  for (let i = 30; i > 0; i--) buckets.add('k', i, `e${String(i).padStart(2, '0')}`);
  const [, cells] = [...buckets.entries()][0]!;
  assert.deepEqual(cells[0]![1].ids.map(([, id]) => id), ['e01', 'e02', 'e03', 'e04', 'e05', 'e06', 'e07', 'e08', 'e09', 'e10']);
  assert.equal(cells[0]![1].count, 30);
});
