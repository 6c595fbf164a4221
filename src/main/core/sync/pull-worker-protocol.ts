import type { SyncEntity } from '../../../shared/sync/protocol';
import { CoreError } from '../errors';
import { SyncFailure, type FailureKind } from './failure';
import { TransportError } from './transport';

/** What the main thread hands the pull worker (pull-worker.ts) at start: a download. */
export interface PullWorkerData {
  job: 'pull';
  file: string;
  nativeBinding: string | undefined;
  userId: string;
  limit: number;
  sliceSize: number;
  timeoutMs: number;
}

/** The same worker's other job: the number-facts sweep after a download (facts-in-worker.ts). */
export interface FactsWorkerData {
  job: 'facts';
  file: string;
  nativeBinding: string | undefined;
  /** Phone ids per transaction. */
  window: number;
}

export type WorkerData = PullWorkerData | FactsWorkerData;

export type ToMain =
  | { type: 'token'; id: number; renew: boolean }
  | { type: 'page'; entities: SyncEntity[] }
  | { type: 'factsDeferred' }
  | { type: 'done' }
  | { type: 'failed'; error: SerializedError };

export type ToWorker =
  | { type: 'token'; id: number; access: { serverUrl: string; token: string } }
  | { type: 'tokenFailed'; id: number }
  | { type: 'stop' };

/** An error as it crosses the thread boundary: enough for the engine to classify it again. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  kind?: FailureKind;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof SyncFailure)
    return { name: 'SyncFailure', message: error.message, code: error.code, kind: error.kind };
  if (error instanceof TransportError) return { name: 'TransportError', message: error.message };
  if (error instanceof CoreError) return { name: 'CoreError', message: error.message, code: error.code };
  return { name: 'Error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** The same error on this side, so the engine treats a worker's failure like its own. */
export function deserializeError(error: SerializedError): Error {
  switch (error.name) {
    case 'SyncFailure':
      return new SyncFailure(error.code ?? 'sync_failed', error.message, error.kind);
    case 'TransportError':
      return new TransportError(error.message);
    case 'CoreError':
      return new CoreError(error.code ?? 'internal', error.message);
    default:
      return new Error(`Directory download worker: ${error.message}`);
  }
}
