import { totalmem } from 'node:os';

/**
 * How many threads a detection run uses when `--workers` does not say. Each thread is a heap,
 * a copy of the code, the tables and every detector's state, so threads are had for the input
 * they have to read and the memory they may take, not only for the cores.
 */

/** Compressed input bytes per thread: a worker costs its start-up (~0.25 s, its code and tables). */
const BYTES_PER_THREAD = 16 * 2 ** 20;

/**
 * Peak RSS of detection over months of an organization's trail (5.4 GB of gzip, measured:
 * one thread 307 MB, two 490 MB; README, Performance), rounded up to 5 MB. A plan, not a
 * limit: a trail where every event brings a new address or identity holds more.
 */
const FIRST_THREAD_MB = 310;
const EXTRA_THREAD_MB = 185;

export interface ThreadPlanInput {
  cores: number;
  /** Compressed bytes of local input (0 for S3, which one thread reads). */
  bytes: number;
  /** The memory the run may plan for, in MB. */
  memoryMb: number;
}

/** The threads worth starting: no more than the cores, the input's share, and the memory allow; at least one. */
export function plannedThreads({ cores, bytes, memoryMb }: ThreadPlanInput): number {
  const forInput = Math.floor(bytes / BYTES_PER_THREAD);
  const forMemory = 1 + Math.floor((memoryMb - FIRST_THREAD_MB) / EXTRA_THREAD_MB);
  return Math.max(1, Math.min(cores, forInput, forMemory));
}

/** Half the memory this process can have: its container's limit where there is one, else the machine's. */
export function defaultMemoryMb(): number {
  const machine = totalmem();
  // Node reports no limit as 0 or as a number near 2^64, depending on the version and cgroup.
  const constrained = process.constrainedMemory?.() ?? 0;
  const limit = constrained > 0 && constrained < machine ? constrained : machine;
  return Math.floor(limit / 2 / 2 ** 20);
}
