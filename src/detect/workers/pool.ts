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
}

export interface WorkerJob extends WorkerConfig {
  files: string[];
}

export type WorkerMessage =
  | { kind: 'problem'; problem: LogProblem }
  | { kind: 'done'; state: EngineState; stats: LogStats }
  | { kind: 'error'; message: string; file?: string };

export interface WorkerResult {
  state: EngineState;
  stats: LogStats;
}

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

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

export async function runWorkers(
  files: Array<{ path: string; size: number }>,
  count: number,
  config: WorkerConfig,
  onProblem?: (problem: LogProblem) => void,
): Promise<WorkerResult[]> {
  return runShares(partition(files, count), config, onProblem);
}

/** Runs each share of files in a worker of its own; results in share order. */
export function runShares(shares: string[][], config: WorkerConfig, onProblem?: (problem: LogProblem) => void): Promise<WorkerResult[]> {
  return Promise.all(shares.map((share) => runOne({ ...config, files: share }, onProblem)));
}

function runOne(job: WorkerJob, onProblem?: (problem: LogProblem) => void): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { workerData: job });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'problem') onProblem?.(message.problem);
      else if (message.kind === 'done') {
        settled = true;
        resolve({ state: message.state, stats: message.stats });
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
