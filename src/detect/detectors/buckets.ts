/**
 * Per-key time buckets with counts, the earliest event ids and a capped set of distinct
 * values: the order-free state behind the window detectors. Events may arrive in any order;
 * buckets are plain data, so a worker's buckets merge into the main thread's by addition.
 */

export const MAX_IDS = 25;
const MAX_DISTINCT = 256;
/** Keys kept per detector; beyond it new keys are dropped and counted (bounded memory). */
export const MAX_KEYS = 50_000;

export interface Cell {
  count: number;
  first: number;
  last: number;
  ids: Array<[number, string]>;
  distinct: string[];
  /** Free-form small facts; the smallest value wins, so the result does not depend on event order. */
  meta: Record<string, string>;
}

export type BucketState = Array<[string, Array<[number, Cell]>]>;

export class Buckets {
  private readonly keys = new Map<string, Map<number, Cell>>();
  dropped = 0;

  constructor(readonly widthMs: number) {}

  add(key: string, time: number, id: string, distinct?: string, meta?: Record<string, string | undefined>): void {
    let buckets = this.keys.get(key);
    if (!buckets) {
      if (this.keys.size >= MAX_KEYS) {
        this.dropped++;
        return;
      }
      buckets = new Map();
      this.keys.set(key, buckets);
    }
    const index = Math.floor(time / this.widthMs);
    let cell = buckets.get(index);
    if (!cell) {
      cell = { count: 0, first: time, last: time, ids: [], distinct: [], meta: {} };
      buckets.set(index, cell);
    }
    cell.count++;
    if (time < cell.first) cell.first = time;
    if (time > cell.last) cell.last = time;
    if (cell.ids.length < MAX_IDS || time <= cell.ids[MAX_IDS - 1]![0]) insertId(cell.ids, [time, id]);
    if (distinct !== undefined && cell.distinct.length < MAX_DISTINCT && !cell.distinct.includes(distinct)) cell.distinct.push(distinct);
    if (meta) {
      for (const k in meta) {
        const v = meta[k];
        if (v !== undefined && (!(k in cell.meta) || v < cell.meta[k]!)) cell.meta[k] = v;
      }
    }
  }

  state(): BucketState {
    return [...this.keys].map(([key, buckets]) => [key, [...buckets]]);
  }

  merge(state: BucketState): void {
    for (const [key, buckets] of state) {
      let mine = this.keys.get(key);
      if (!mine) {
        mine = new Map();
        this.keys.set(key, mine);
      }
      for (const [index, cell] of buckets) {
        const existing = mine.get(index);
        if (!existing) {
          mine.set(index, cell);
          continue;
        }
        existing.count += cell.count;
        existing.first = Math.min(existing.first, cell.first);
        existing.last = Math.max(existing.last, cell.last);
        for (const id of cell.ids) insertId(existing.ids, id);
        for (const d of cell.distinct) if (existing.distinct.length < MAX_DISTINCT && !existing.distinct.includes(d)) existing.distinct.push(d);
        for (const [k, v] of Object.entries(cell.meta)) if (!(k in existing.meta) || v < existing.meta[k]!) existing.meta[k] = v;
      }
    }
  }

  /** Every key with its buckets in time order. */
  *entries(): Generator<[string, Array<[number, Cell]>]> {
    for (const [key, buckets] of this.keys) yield [key, [...buckets].sort((a, b) => a[0] - b[0])];
  }

  /**
   * Windows of two adjacent buckets (so a burst that straddles a bucket boundary is still
   * seen), each with summed counts and the union of distinct values; a key yields its best window.
   */
  *bestWindows(): Generator<{ key: string; window: Cell }> {
    for (const [key, buckets] of this.entries()) {
      let best: Cell | undefined;
      for (let i = 0; i < buckets.length; i++) {
        const [index, cell] = buckets[i]!;
        const next = buckets[i + 1];
        const window = next && next[0] === index + 1 ? combine(cell, next[1]) : cell;
        if (!best || score(window) > score(best)) best = window;
      }
      if (best) yield { key, window: best };
    }
  }
}

function score(cell: Cell): number {
  return cell.distinct.length * 1e6 + cell.count;
}

export function combine(a: Cell, b: Cell): Cell {
  const ids = [...a.ids];
  for (const id of b.ids) insertId(ids, id);
  const distinct = [...a.distinct];
  for (const d of b.distinct) if (!distinct.includes(d)) distinct.push(d);
  const meta = { ...a.meta };
  for (const [k, v] of Object.entries(b.meta)) if (!(k in meta) || v < meta[k]!) meta[k] = v;
  return { count: a.count + b.count, first: Math.min(a.first, b.first), last: Math.max(a.last, b.last), ids, distinct, meta };
}

/** Keeps the MAX_IDS earliest (time, id) pairs, sorted, without duplicates. */
export function insertId(list: Array<[number, string]>, item: [number, string]): void {
  if (list.length >= MAX_IDS) {
    const last = list[list.length - 1]!;
    if (item[0] > last[0] || (item[0] === last[0] && item[1] >= last[1])) return;
  }
  for (let j = 0; j < list.length; j++) if (list[j]![1] === item[1]) return;
  let i = list.length;
  while (i > 0 && (list[i - 1]![0] > item[0] || (list[i - 1]![0] === item[0] && list[i - 1]![1] > item[1]))) i--;
  list.splice(i, 0, item);
  if (list.length > MAX_IDS) list.pop();
}
