// Starts a detection worker. Worker threads do not inherit the main thread's tsx loader:
// load the precompiled bundle the main thread made (workerData.bundle, see bundle.ts), and
// only when there is none or it cannot be loaded, register tsx and load the TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { debuglog } from 'node:util';

const debug = debuglog('vigil');

async function load() {
  if (workerData.bundle) {
    try {
      return { worker: await import(workerData.bundle), via: 'bundle' };
    } catch (error) {
      // A failed link or a module that threw while loading: nothing has been posted yet.
      debug(`detection worker: ${workerData.bundle} did not load (${error instanceof Error ? error.message : String(error)}); using tsx`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return { worker: await import('./worker.ts'), via: 'tsx' };
}

const { worker, via } = await load();
const post = (message) => parentPort.postMessage(message);
post({ kind: 'loaded', via, at: performance.timeOrigin + performance.now() });
await worker.runJob(workerData, post);
