/**
 * Per-key time buckets with counts, the earliest event ids and a capped set of distinct
 * values: the order-free state behind the window detectors. Events may arrive in any order;
 * buckets are plain data, so a worker's buckets merge into the main thread's by addition.
 */

export const MAX_IDS = 25;
/** Event ids kept per cell: the evidence of a window finding (its count says how many there were). */
export const CELL_IDS = 10;
const MAX_DISTINCT = 64;
/** Keys kept per detector; beyond it new keys are dropped and counted (bounded memory). */
export const MAX_KEYS = 50_000;
/**
 * Cells (key × time bucket) kept per detector. A long input (months of trail) would otherwise
 * grow a cell per key per hour without end; past this, the lightest half of the older cells is
 * folded away (a cell with its evidence ids and sample values is about 1–4 KB, so a detector
 * stays within a few MB to ~20 MB).
 */
export const MAX_CELLS = 5_000;

export interface Cell {
  count: number;
  first: number;
  last: number;
  ids: Array<[number, string]>;
  distinct: string[];
  /** Free-form small facts; the smallest value wins, so the result does not depend on event order. */
  meta: Record<string, string>;
}

export interface BucketState {
  keys: Array<[string, Array<[number, Cell]>]>;
  /** Per key, [count, how many folded cells had it]. */
  folded: Array<[string, Array<[number, number]>]>;
}

export interface BucketOptions {
  /** Distinct values kept per cell (default 64): detectors that only show a sample keep fewer. */
  maxDistinct?: number;
}

export class Buckets {
  private readonly keys = new Map<string, Map<number, Cell>>();
  /** Per key, a histogram (count → cells) of its cells folded away to bound memory (they still count for medians). */
  private readonly folded = new Map<string, Map<number, number>>();
  private cells = 0;
  /** The latest time bucket seen: cells well behind it are complete (folding them splits no burst). */
  private latest = -Infinity;
  private readonly maxDistinct: number;
  /** Events dropped because the key cap was reached. */
  dropped = 0;
  /** Cells folded away (each kept only as its count). */
  foldedCells = 0;

  constructor(
    readonly widthMs: number,
    options: BucketOptions = {},
  ) {
    this.maxDistinct = options.maxDistinct ?? MAX_DISTINCT;
  }

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
    if (index > this.latest) this.latest = index;
    let cell = buckets.get(index);
    if (!cell) {
      cell = { count: 0, first: time, last: time, ids: [], distinct: [], meta: {} };
      buckets.set(index, cell);
      if (++this.cells > MAX_CELLS) this.fold();
    }
    cell.count++;
    if (time < cell.first) cell.first = time;
    if (time > cell.last) cell.last = time;
    if (cell.ids.length < CELL_IDS || time <= cell.ids[CELL_IDS - 1]![0]) insertId(cell.ids, [time, id], CELL_IDS);
    if (distinct !== undefined) addDistinct(cell.distinct, distinct, this.maxDistinct);
    if (meta) mergeMeta(cell.meta, meta);
  }

  /**
   * Folds the lightest half of the cells (by events, or distinct values where those are more)
   * into per-key counts. What can fire is a heavy cell, and heavy cells stay; a folded cell
   * keeps counting toward its key's median. Events that arrive later for a folded hour start
   * a new cell (the input is unordered): a burst split that way can be missed, which is the
   * price of bounded memory on inputs with more than MAX_CELLS windows.
   */
  private fold(): void {
    // Complete cells first (two buckets or more behind the latest one seen): logs arrive
    // roughly in time order, so a recent light cell may still be filling up.
    for (const completeOnly of [true, false]) {
      const weights: number[] = [];
      for (const buckets of this.keys.values()) {
        for (const [index, cell] of buckets) if (!completeOnly || index < this.latest - 1) weights.push(weightOf(cell));
      }
      if (weights.length === 0) continue;
      weights.sort((a, b) => a - b);
      const cutoff = weights[Math.floor(weights.length / 2)]!;
      let toFold = this.cells - MAX_CELLS / 2;
      for (const [key, buckets] of this.keys) {
        for (const [index, cell] of buckets) {
          if (toFold <= 0) break;
          if ((completeOnly && index >= this.latest - 1) || weightOf(cell) > cutoff) continue;
          buckets.delete(index);
          this.addFolded(key, cell.count, 1);
          this.cells--;
          this.foldedCells++;
          toFold--;
        }
        if (buckets.size === 0) this.keys.delete(key);
      }
      if (this.cells <= MAX_CELLS / 2) return;
    }
  }

  private addFolded(key: string, count: number, cells: number): void {
    let histogram = this.folded.get(key);
    if (!histogram) {
      histogram = new Map();
      this.folded.set(key, histogram);
    }
    histogram.set(count, (histogram.get(count) ?? 0) + cells);
  }

  /** The counts of a key's folded cells, one per cell. */
  foldedCounts(key: string): number[] {
    const out: number[] = [];
    for (const [count, cells] of this.folded.get(key) ?? []) for (let i = 0; i < cells; i++) out.push(count);
    return out;
  }

  state(): BucketState {
    return { keys: [...this.keys].map(([key, buckets]) => [key, [...buckets]]), folded: [...this.folded].map(([key, histogram]) => [key, [...histogram]]) };
  }

  merge(state: BucketState): void {
    for (const [key, histogram] of state.folded) for (const [count, cells] of histogram) this.addFolded(key, count, cells);
    for (const [key, buckets] of state.keys) {
      let mine = this.keys.get(key);
      if (!mine) {
        mine = new Map();
        this.keys.set(key, mine);
      }
      for (const [index, cell] of buckets) {
        const existing = mine.get(index);
        if (!existing) {
          mine.set(index, cell);
          if (++this.cells > MAX_CELLS) this.fold();
          continue;
        }
        existing.count += cell.count;
        existing.first = Math.min(existing.first, cell.first);
        existing.last = Math.max(existing.last, cell.last);
        for (const id of cell.ids) insertId(existing.ids, id, CELL_IDS);
        for (const d of cell.distinct) addDistinct(existing.distinct, d, this.maxDistinct);
        mergeMeta(existing.meta, cell.meta);
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

function weightOf(cell: Cell): number {
  return Math.max(cell.count, cell.distinct.length);
}

function score(cell: Cell): number {
  return cell.distinct.length * 1e6 + cell.count;
}

export function combine(a: Cell, b: Cell): Cell {
  const ids = [...a.ids];
  for (const id of b.ids) insertId(ids, id);
  const distinct = [...a.distinct];
  for (const d of b.distinct) addDistinct(distinct, d, Infinity);
  const meta = { ...a.meta };
  mergeMeta(meta, b.meta);
  return { count: a.count + b.count, first: Math.min(a.first, b.first), last: Math.max(a.last, b.last), ids, distinct, meta };
}

/** Keeps, per meta key, the smallest value seen (order-free, like the rest of a cell). */
function mergeMeta(into: Record<string, string>, from: Record<string, string | undefined>): void {
  for (const k in from) {
    const v = from[k];
    if (v !== undefined && (!(k in into) || v < into[k]!)) into[k] = v;
  }
}

/**
 * Keeps `list` as the `cap` smallest distinct values, sorted: the same list whatever order the
 * values come in (files are read in any order and split across threads), so counts capped at
 * `cap` and the samples findings show do not depend on it.
 */
export function addDistinct(list: string[], value: string, cap: number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  if (list[low] === value) return;
  if (list.length >= cap) {
    if (low >= cap) return;
    list.pop();
  }
  list.splice(low, 0, value);
}

/** Keeps the `cap` earliest (time, id) pairs, sorted, without duplicates. */
export function insertId(list: Array<[number, string]>, item: [number, string], cap = MAX_IDS): void {
  if (list.length >= cap) {
    const last = list[list.length - 1]!;
    if (item[0] > last[0] || (item[0] === last[0] && item[1] >= last[1])) return;
  }
  for (let j = 0; j < list.length; j++) if (list[j]![1] === item[1]) return;
  let i = list.length;
  while (i > 0 && (list[i - 1]![0] > item[0] || (list[i - 1]![0] === item[0] && list[i - 1]![1] > item[1]))) i--;
  list.splice(i, 0, item);
  if (list.length > cap) list.pop();
}
