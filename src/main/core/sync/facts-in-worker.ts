import type { LocalDb } from '../db/open';
import type { FactsSweep } from './number-facts-fill';
import { runSyncWorker } from './pull-in-worker';

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
    runSyncWorker(
      deps.entry,
      { job: 'facts', file: deps.local.file, nativeBinding: deps.local.nativeBinding, window: deps.window ?? 500 },
      { signal, name: 'Number facts' },
    );
}
