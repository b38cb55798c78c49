import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { debuglog } from 'node:util';

const debug = debuglog('vigil');
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * Keeps a detection thread's heap near what it holds. The detectors' live state is bounded by
 * their caps (about 60 MB on months of trail), but the windows, evidence ids and caches they
 * replace become old garbage, and V8 lets the heap grow to a multiple of the live size before
 * it collects it; with one heap per thread the process then passes several hundred MB. When
 * the heap passes its budget, a full collection gives that garbage back.
 *
 * The budget is twice what was live after the last collection, at least 128 MB (twice the
 * ~60 MB the detectors hold on months of trail) and at most 512 MB: each collection then frees
 * at least what it has to mark, so its cost stays a modest share of the run when every event
 * brings a new address or identity (a large live state), and a thread holding little stays
 * near 128 MB. The rule looks at sizes only, never at timings, so the memory a run takes does
 * not depend on how busy the machine is. (Earlier rules: growing the budget by half when
 * collections took more than a twentieth of the time took two threads holding 35 MB each to
 * 288 MB budgets on a busy machine, and the process to 630 MB on 5 GB of trail; three times
 * what was live, to 530 MB.)
 */
const MIN_BUDGET = 128 * 2 ** 20;
const MAX_BUDGET = 512 * 2 ** 20;
/** Budget per byte live after a collection. */
const GROWTH = 2;

export class HeapGuard {
  private readonly gc: () => void;
  private budget: number;
  private batches = 0;
  /** Full collections run (stats, tests). */
  collections = 0;

  constructor(
    private readonly minBudget = MIN_BUDGET,
    /** The heap's figures (V8's own; tests give others). */
    private readonly heap: () => { total_heap_size: number; used_heap_size: number } = v8.getHeapStatistics,
  ) {
    // V8's full collection without starting node with --expose-gc: the flag exposes `gc` to
    // contexts created after it is set.
    v8.setFlagsFromString('--expose-gc');
    // V8 allocates straight into the old generation from any allocation site whose objects
    // survived a collection. A full collection run mid-batch finds the batch's parse objects
    // alive, so V8 then pretenured them: ~170 MB/s of old-generation garbage, and a full
    // collection every half second (194 on 1 GB of trail with two threads, 11 s of the run).
    // Without pretenuring they die young: 2 collections, 20 % less time, 30 MB less RSS.
    v8.setFlagsFromString('--no-allocation-site-pretenuring');
    this.gc = runInNewContext('gc') as () => void;
    this.budget = minBudget;
  }

  /** Called once per batch of events; looks at the heap every 32 batches. */
  check(): void {
    if (++this.batches % 32 !== 0) return;
    if (this.heap().total_heap_size <= this.budget) return;
    const started = performance.now();
    this.gc();
    this.collections++;
    const live = this.heap().used_heap_size;
    this.budget = Math.min(Math.max(live * GROWTH, this.minBudget), MAX_BUDGET);
    debug(`heap guard: full collection ${this.collections} took ${Math.round(performance.now() - started)} ms, ${mb(live)} MB live, budget ${mb(this.budget)} MB`);
  }
}
