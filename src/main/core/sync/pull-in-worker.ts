import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SyncEntity } from '../../../shared/sync/protocol';
import type { LocalDb } from '../db/open';
import { deserializeError, type ToMain, type ToWorker, type WorkerData } from './pull-worker-protocol';
import type { SessionManager } from './session';

/**
 * Runs a pull (the directory download: up to a million records) in a worker thread
 * (pull-worker.ts), so its fetch, JSON parse, validation and SQLite writes never hold
 * the main event loop: the console stays responsive and the phone keeps ringing.
 *
 * Where the worker's code is: in the built app, `pull-worker.js` beside the main bundle
 * (electron.vite.config.ts builds it as an entry of its own; the shell passes its path).
 * From source (browser mode, tests, benches, all under tsx) the TypeScript file itself,
 * loaded through tsx's loader registered inside the worker.
 */

export interface WorkerPullOptions {
  userId: string;
  limit: number;
  onPage: (entities: SyncEntity[]) => void;
  onFactsDeferred: () => void;
  /** Aborted when the engine closes: the worker stops after its current slice. */
  signal: AbortSignal;
}

export interface WorkerPullDeps {
  local: LocalDb;
  session: Pick<SessionManager, 'accessFor'>;
  /** The compiled worker; null: the TypeScript source (only under tsx). */
  entry: string | null;
  timeoutMs: number;
  /** Records per transaction in the worker. */
  sliceSize?: number;
}

export type WorkerPull = (options: WorkerPullOptions) => Promise<void>;

/** The worker's source file when this module itself runs from source, else null. */
export function sourceWorkerEntry(): string | null {
  return import.meta.url.endsWith('.ts') ? fileURLToPath(new URL('./pull-worker.ts', import.meta.url)) : null;
}

/** Starts the worker (pull-worker.ts) on one of its jobs. */
function spawnSyncWorker(entry: string | null, workerData: WorkerData): Worker {
  if (entry) return new Worker(entry, { workerData });
  const source = sourceWorkerEntry();
  if (!source) throw new Error('No compiled pull worker and not running from source.');
  // Loader hooks are per thread: register tsx in the worker, then load the TypeScript
  // entry. execArgv is not inherited, so a parent's `--import tsx` is not registered twice.
  const tsxApi = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const bootstrap = [
    `import { register } from ${JSON.stringify(pathToFileURL(tsxApi).href)};`,
    'register();',
    `await import(${JSON.stringify(pathToFileURL(source).href)});`,
  ].join('\n');
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData, execArgv: [] });
}

export interface SyncWorkerRun {
  /** Aborted when the engine closes: the worker is told to stop after its current slice. */
  signal: AbortSignal;
  /** Named in the error when the worker exits without finishing. */
  name: string;
  /** Messages other than 'done' and 'failed', with a way to answer. */
  onMessage?: (message: ToMain, send: (message: ToWorker) => void) => void;
  /** The round's error from the worker's: a caller may put a failure of its own side first. */
  errorOf?: (error: unknown) => unknown;
  /** Once, however the job ended. */
  onSettled?: () => void;
}

/** Runs one job of the worker (pull-worker.ts) to its end: 'done', 'failed', an error or an exit. */
export function runSyncWorker(entry: string | null, workerData: WorkerData, run: SyncWorkerRun): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = spawnSyncWorker(entry, workerData);
    } catch (error) {
      run.onSettled?.();
      reject(error);
      return;
    }
    const errorOf = run.errorOf ?? ((error: unknown) => error);
    let settled = false;
    const finish = (error: unknown) => {
      if (settled) return;
      settled = true;
      run.signal.removeEventListener('abort', stop);
      run.onSettled?.();
      if (error) reject(error);
      else resolve();
    };
    const send = (message: ToWorker) => worker.postMessage(message);
    const stop = () => send({ type: 'stop' });
    if (run.signal.aborted) stop();
    else run.signal.addEventListener('abort', stop, { once: true });
    worker.on('message', (message: ToMain) => {
      if (message.type === 'done') finish(null);
      else if (message.type === 'failed') finish(errorOf(deserializeError(message.error)));
      else run.onMessage?.(message, send);
    });
    worker.on('error', (error) => finish(errorOf(error)));
    worker.on('exit', (code) => finish(code === 0 ? null : new Error(`${run.name} worker exited with ${code}`)));
  });
}

export function createWorkerPull(deps: WorkerPullDeps): WorkerPull {
  return (options) => {
    // The worker's connection checkpoints the WAL from a thread of its own; this one must
    // not pick the job up on its next small commit (a checkpoint of a big WAL takes tens of ms).
    deps.local.sqlite.pragma('wal_autocheckpoint = 0');
    // A failure on this side (the session ended while renewing the token) is the round's
    // error as it is, not as the worker retells it.
    let mainSideError: unknown = null;
    const workerData = {
      job: 'pull',
      file: deps.local.file,
      nativeBinding: deps.local.nativeBinding,
      userId: options.userId,
      limit: options.limit,
      sliceSize: deps.sliceSize ?? 500,
      timeoutMs: deps.timeoutMs,
    } as const;
    return runSyncWorker(deps.entry, workerData, {
      signal: options.signal,
      name: 'Directory download',
      errorOf: (error) => mainSideError ?? error,
      onSettled: () => {
        if (deps.local.sqlite.open) deps.local.sqlite.pragma('wal_autocheckpoint = 1000');
      },
      onMessage: (message, send) => {
        switch (message.type) {
          case 'token':
            deps.session.accessFor(message.renew).then(
              (access) => send({ type: 'token', id: message.id, access }),
              (error: unknown) => {
                mainSideError = error;
                send({ type: 'tokenFailed', id: message.id });
              },
            );
            return;
          case 'page':
            options.onPage(message.entities);
            return;
          case 'factsDeferred':
            options.onFactsDeferred();
        }
      },
    });
  };
}
