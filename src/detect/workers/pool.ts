import { debuglog } from 'node:util';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../core/errors.ts';
import type { LogProblem, LogStats } from '../../logs/types.ts';
import type { AllowList, EngineState } from '../engine.ts';
import type { IntelData } from '../intel/index.ts';
import type { AsnTable } from '../intel/geo.ts';
import type { DetectSettings } from '../types.ts';

/**
 * Detection across worker threads: the files are split into `count` shares of about equal
 * size (largest first onto the lightest share, deterministic for the same input), each share
 * runs in a worker, and results come back in share order so the merge is deterministic.
 */

export interface WorkerConfig {
  /** The ASN table in shared memory (parsed once by the main thread). */
  asnTable?: AsnTable;
  rules: string[];
  builtin: boolean;
  intel: IntelData;
  settings: DetectSettings;
  allow?: AllowList;
  since?: string;
  until?: string;
  /**
   * URL of the precompiled worker module (default: `workerBundle()` makes or reuses it);
   * workers load worker.ts through tsx when it is absent or does not load.
   */
  bundle?: string;
}

export interface WorkerJob extends WorkerConfig {
  files: string[];
}

/** How a worker loaded its code: the precompiled bundle or the TypeScript through tsx. */
export type WorkerLoad = 'bundle' | 'tsx';

export type WorkerMessage =
  /** `at`: when the code was loaded, ms since the epoch (the main thread may read it later). */
  | { kind: 'loaded'; via: WorkerLoad; at: number }
  | { kind: 'problem'; problem: LogProblem }
  /** Compressed bytes of the files read so far (sent at most every PROGRESS_INTERVAL_MS). */
  | { kind: 'progress'; bytes: number }
  | { kind: 'done'; state: EngineState; stats: LogStats }
  | { kind: 'error'; message: string; file?: string };

export interface WorkerResult {
  state: EngineState;
  stats: LogStats;
  via: WorkerLoad;
}

/** How often a worker reports its reading progress, at most. */
export const PROGRESS_INTERVAL_MS = 200;

/** A worker's reading progress: its share's index and the compressed bytes it has read. */
export type ShareProgress = (share: number, bytes: number) => void;

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
const debug = debuglog('vigil');

/**
 * bundle.ts runs in the main thread only, and is kept out of the worker bundle (which holds
 * this file): a specifier esbuild cannot read at build time stays a run-time import.
 */
function loadBundler(): Promise<typeof import('./bundle.ts')> {
  return import(new URL('./bundle.ts', import.meta.url).href);
}

export function partition(files: Array<{ path: string; size: number }>, count: number): string[][] {
  const shares = Array.from({ length: count }, () => ({ size: 0, files: [] as string[] }));
  const ordered = [...files].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  for (const file of ordered) {
    const lightest = shares.reduce((best, share) => (share.size < best.size ? share : best));
    lightest.files.push(file.path);
    lightest.size += Math.max(1, file.size);
  }
  return shares.map((s) => s.files.sort()).filter((f) => f.length > 0);
}

/** Runs each share of files in a worker of its own; results in share order. */
export async function runShares(shares: string[][], config: WorkerConfig, onProblem?: (problem: LogProblem) => void, onProgress?: ShareProgress): Promise<WorkerResult[]> {
  const bundle = config.bundle ?? (await (await loadBundler()).workerBundle());
  return Promise.all(shares.map((share, index) => runOne({ ...config, bundle, files: share }, onProblem, onProgress && ((bytes) => onProgress(index, bytes)))));
}

function runOne(job: WorkerJob, onProblem?: (problem: LogProblem) => void, onProgress?: (bytes: number) => void): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const started = performance.timeOrigin + performance.now();
    // V8's default young generation: a 16 MB one (tried) promoted short-lived parse objects
    // into the old generation at ~80 MB/s, and the heap guard then ran a full collection
    // about every second.
    const worker = new Worker(BOOTSTRAP, { workerData: job });
    let settled = false;
    let via: WorkerLoad = 'tsx';
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'loaded') {
        via = message.via;
        debug(`detection worker ${worker.threadId}: code loaded (${via}) ${Math.round(message.at - started)} ms after it was started`);
      } else if (message.kind === 'problem') onProblem?.(message.problem);
      else if (message.kind === 'progress') onProgress?.(message.bytes);
      else if (message.kind === 'done') {
        debug(`detection worker ${worker.threadId}: results read ${Math.round(performance.timeOrigin + performance.now() - started)} ms after it was started`);
        settled = true;
        // The worker's heap is given back before the caller merges its state: the process then
        // never holds both at once (the peak of a long run otherwise came at its very end).
        const result = { state: message.state, stats: message.stats, via };
        worker.once('exit', () => resolve(result));
        void worker.terminate();
      } else {
        settled = true;
        reject(new InputError(message.message, message.file));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`detection worker exited with code ${code}`));
    });
  });
}
