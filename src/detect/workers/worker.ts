import { openLogs } from '../../logs/index.ts';
import { builtinDetectors } from '../detectors/index.ts';
import { Engine } from '../engine.ts';
import { Intel } from '../intel/index.ts';
import { useAsnTable } from '../intel/geo.ts';
import { loadRules } from '../index.ts';
import { PROGRESS_INTERVAL_MS, type WorkerJob, type WorkerMessage } from './pool.ts';

/**
 * One detection worker's job: reads its share of the files through the log sources, runs the
 * rules and detectors on them, and posts back its engine state (aggregated hits and detector
 * state) for the main thread to merge. Problems are posted as they happen. Started by
 * bootstrap.mjs, from the precompiled bundle or through tsx; importing it does nothing.
 */
export async function runJob(job: WorkerJob, post: (message: WorkerMessage) => void): Promise<void> {
  try {
    if (job.asnTable) useAsnTable(job.asnTable);
    const rules = loadRules(job.rules, job.builtin);
    const engine = new Engine({
      rules: rules.rules,
      detectors: job.builtin ? builtinDetectors() : [],
      intel: Intel.fromData(job.intel),
      settings: job.settings,
      allow: job.allow,
    });
    const stream = openLogs(job.files, {
      since: job.since ? new Date(job.since) : undefined,
      until: job.until ? new Date(job.until) : undefined,
      onProblem: (problem) => post({ kind: 'problem', problem }),
      lazyRecords: true,
    });
    // The first batch is reported at once, then at most every PROGRESS_INTERVAL_MS.
    let reported = -Infinity;
    await engine.observeStream(stream, () => {
      const now = performance.now();
      if (now - reported < PROGRESS_INTERVAL_MS) return;
      reported = now;
      post({ kind: 'progress', bytes: stream.stats.bytes });
    });
    post({ kind: 'done', state: engine.state(), stats: stream.stats });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error), file: (error as { file?: string }).file });
  }
}
