import type { LocalDb } from '../db/open';
import type { FactsSweep } from './number-facts-fill';
import { spawnSyncWorker } from './pull-in-worker';
import { deserializeError, type ToMain, type ToWorker } from './pull-worker-protocol';

/**
 * The number-facts sweep after a directory download (number-facts-fill.ts), run in the
 * download's worker (pull-worker.ts, job 'facts') on a connection of its own: deriving a
 * million display forms and writing them, with the checkpoints of that WAL, never runs on
 * the main event loop. The main thread's writes meanwhile wait for at most one window.
 */

export interface WorkerFactsDeps {
  local: LocalDb;
  /** The compiled worker; null: the TypeScript source (only under tsx). */
  entry: string | null;
  /** Phone ids per transaction in the worker. */
  window?: number;
}

export function createWorkerFactsSweep(deps: WorkerFactsDeps): FactsSweep {
  return (signal) =>
    new Promise<void>((resolve, reject) => {
      const worker = spawnSyncWorker(deps.entry, {
        job: 'facts',
        file: deps.local.file,
        nativeBinding: deps.local.nativeBinding,
        window: deps.window ?? 500,
      });
      let settled = false;
      const finish = (error: unknown) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', stop);
        if (error) reject(error);
        else resolve();
      };
      const stop = () => worker.postMessage({ type: 'stop' } satisfies ToWorker);
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
      worker.on('message', (message: ToMain) => {
        if (message.type === 'done') finish(null);
        else if (message.type === 'failed') finish(deserializeError(message.error));
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(code === 0 ? null : new Error(`Number facts worker exited with ${code}`)));
    });
}
