import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps a detection thread's heap near what it holds. The detectors' live state is bounded by
 * their caps (about 60 MB on months of trail), but the windows, evidence ids and caches they
 * replace become old garbage, and V8 lets the heap grow to a multiple of the live size before
 * it collects it; with one heap per thread the process then passes several hundred MB. When
 * the heap passes its budget, a full collection gives that garbage back. If what is live is
 * itself near the budget, the budget doubles, so a full collection never runs over and over;
 * and where garbage comes so fast that collections would take more than a twentieth of the
 * time (every event a new address or identity), the budget grows by half, up to 512 MB.
 */
const MAX_BUDGET = 512 * 2 ** 20;

export class HeapGuard {
  private readonly gc: () => void;
  private budget: number;
  private batches = 0;
  private lastCollection = performance.now();
  /** Full collections run (stats, tests). */
  collections = 0;

  // 128 MB: twice the ~60 MB the detectors hold on months of trail; old garbage grows by a few
  // MB a minute, so a full collection runs every few minutes at most. (With 192 MB, two threads
  // on 5 GB of trail peaked at 600 MB of RSS; 96 MB gave no less.)
  constructor(
    budgetMb = 128,
    /** The heap's figures (V8's own; tests give others). */
    private readonly heap: () => { total_heap_size: number; used_heap_size: number } = v8.getHeapStatistics,
  ) {
    // V8's full collection without starting node with --expose-gc: the flag exposes `gc` to
    // contexts created after it is set.
    v8.setFlagsFromString('--expose-gc');
    this.gc = runInNewContext('gc') as () => void;
    this.budget = budgetMb * 2 ** 20;
  }

  /** Called once per batch of events; looks at the heap every 32 batches. */
  check(): void {
    if (++this.batches % 32 !== 0) return;
    if (this.heap().total_heap_size <= this.budget) return;
    const started = performance.now();
    this.gc();
    this.collections++;
    const ended = performance.now();
    if (ended - started > (started - this.lastCollection) / 20 && this.budget < MAX_BUDGET) this.budget = Math.min(this.budget * 1.5, MAX_BUDGET);
    this.lastCollection = ended;
    const live = this.heap().used_heap_size;
    if (live > this.budget / 2) this.budget = live * 2;
  }
}
