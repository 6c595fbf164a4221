import type { SyncEntity } from '../../../shared/sync/protocol';
import type { SyncError, SyncStatus } from '../../../shared/api/sync';
import type { LocalDb } from '../db/open';
import type { EventBus } from '../events';
import { CoreError } from '../errors';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
import { SyncFailure, type FailureKind } from './failure';
import { createNumberFactsFiller, type FactsSweep } from './number-facts-fill';
import { pullAll } from './pull';
import type { WorkerPull } from './pull-in-worker';
import { changedEntityOf } from './changed-entities';
import { pushAll } from './push';
import { SessionExpiredError, type SessionManager } from './session';
import { readSyncState } from './sync-state';
import { TransportError } from './transport';

/**
 * The sync loop: push what is waiting, then pull until up to date, again and again.
 *
 * One round at a time (a round asked for while one runs is run right after it). Rounds
 * start after a local write (debounced, so a burst of edits is one push), on an interval,
 * on "sync now", and when the network comes back. A failed round is retried with
 * exponential back-off and full jitter. Without a session the engine does nothing and
 * the desktop works locally as before. All state lives in the closure of one engine (no
 * module state), so a test can run several desktops in one process.
 */

export interface SyncTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncEngineOptions {
  pushBatch: number;
  pullLimit: number;
  /** Records per transaction before yielding to the event loop. */
  sliceSize: number;
  debounceMs: number;
  intervalMs: number;
  backoff: BackoffPolicy;
}

export const defaultEngineOptions: SyncEngineOptions = {
  pushBatch: 500,
  pullLimit: 2_000,
  // ~100 directory records take 2–3 ms to check and write: slices stay far below a frame.
  sliceSize: 100,
  debounceMs: 750,
  intervalMs: 60_000,
  backoff: defaultBackoff,
};

export interface SyncEngineDeps {
  local: LocalDb;
  session: SessionManager;
  events: EventBus;
  now: () => Date;
  userId: () => string;
  timers?: SyncTimers;
  random?: () => number;
  yieldNow?: () => Promise<void>;
  options?: Partial<SyncEngineOptions>;
  onInternalError?: (error: unknown) => void;
  /** Runs the directory download in a worker thread (pull-in-worker.ts); absent: on this thread. */
  workerPull?: WorkerPull;
  /** Runs the number-facts sweep in a worker thread (facts-in-worker.ts); absent: on this thread. */
  workerFacts?: FactsSweep;
}

export interface SyncEngine {
  status(): SyncStatus;
  /** Runs a round now (back-off skipped); returns at once. */
  syncNow(): SyncStatus;
  /** A local write queued mutations (sync/mutate.ts rings this): push them soon. */
  localWrite(): void;
  networkChanged(online: boolean): void;
  /** Signed in or out: start or stop the loop. */
  sessionChanged(): void;
  /** Runs one full round and resolves when it is over (tests, and sign-in). */
  runOnce(): Promise<void>;
  /** Resolves when the background work after rounds (the number-facts fill) is done: tests, benches. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const options = { ...defaultEngineOptions, ...deps.options };
  const timers: SyncTimers = deps.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  const random = deps.random ?? Math.random;
  const yieldNow = deps.yieldNow ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const { local } = deps;

  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let timer: { handle: unknown; dueMs: number } | null = null;
  let attempt = 0;
  let failure: { kind: FailureKind; error: SyncError } | null = null;
  let lastEmitted = '';
  let factsSweptSinceStart = false;
  const closing = new AbortController();
  const facts = createNumberFactsFiller({
    local,
    yieldNow,
    ...(deps.workerFacts ? { sweepElsewhere: deps.workerFacts } : {}),
    roundsIdle: async () => {
      while (running) await running.catch(() => {});
    },
    onError: (error) => deps.onInternalError?.(error),
  });

  const count = (sql: string, ...params: unknown[]) => (local.sqlite.prepare(sql).get(...params) as { n: number }).n;

  const status = (): SyncStatus => {
    const state = readSyncState(local.db);
    const signedIn = deps.session.stored() !== null;
    const lastSyncAt = state.lastPullAt;
    return {
      state: !signedIn
        ? 'signed-out'
        : running
          ? 'syncing'
          : failure
            ? failure.kind === 'offline'
              ? 'offline'
              : 'error'
            : 'online',
      pending: count(`select count(*) as n from outbox where mutation_id > ?`, state.lastMutationIdConfirmed),
      lastSyncAt,
      lastError: failure?.error ?? (signedIn ? null : sessionEndedError),
      rejected: count(`select count(*) as n from sync_rejections`),
      directory: { phase: state.directoryPhase, downloaded: state.directoryDownloaded },
    };
  };
  let sessionEndedError: SyncError | null = null;

  const emitStatus = () => {
    if (closed) return;
    const current = status();
    const text = JSON.stringify(current);
    if (text === lastEmitted) return;
    lastEmitted = text;
    deps.events.emit('sync.changed', current);
  };

  const schedule = (ms: number) => {
    if (closed) return;
    const dueMs = deps.now().getTime() + ms;
    if (timer && timer.dueMs <= dueMs) return;
    if (timer) timers.clearTimeout(timer.handle);
    timer = {
      dueMs,
      handle: timers.setTimeout(() => {
        timer = null;
        void round();
      }, ms),
    };
  };

  const cancelTimer = () => {
    if (timer) timers.clearTimeout(timer.handle);
    timer = null;
  };

  const classify = (error: unknown): { kind: FailureKind; error: SyncError } => {
    if (error instanceof SyncFailure) return { kind: error.kind, error: { code: error.code, message: error.message } };
    if (error instanceof TransportError) return { kind: 'offline', error: { code: 'offline', message: error.message } };
    if (error instanceof CoreError) return { kind: 'transient', error: { code: error.code, message: error.message } };
    deps.onInternalError?.(error);
    return {
      kind: 'transient',
      error: { code: 'internal', message: 'Sync stopped on an unexpected error on this desktop. It will try again.' },
    };
  };

  const changedEntities = new Set<SyncEntity>();
  const flushDataChanged = () => {
    const seen = new Set<string>();
    for (const entity of changedEntities) {
      const name = changedEntityOf[entity];
      if (seen.has(name)) continue;
      seen.add(name);
      deps.events.emit('data.changed', { entity: name, ids: [] });
    }
    changedEntities.clear();
  };

  async function work(): Promise<void> {
    await pushAll({ local, session: deps.session, now: deps.now, batchSize: options.pushBatch, onBatch: emitStatus });
    let pages = 0;
    let factsDeferred = false;
    const onFactsDeferred = () => {
      factsDeferred = true;
    };
    const onPage = (entities: SyncEntity[]) => {
      for (const entity of entities) changedEntities.add(entity);
      // While a big download runs, views refresh every few pages, not on every one.
      if (++pages % 10 === 1) flushDataChanged();
      emitStatus();
    };
    // The directory download (first, or resumed) is the one pull big enough to stall this
    // thread: it runs in a worker. Every later pull is a few records, done here.
    if (deps.workerPull && readSyncState(local.db).directoryPhase !== 'done') {
      await deps.workerPull({
        userId: deps.userId(),
        limit: options.pullLimit,
        onPage,
        onFactsDeferred,
        signal: closing.signal,
      });
    } else {
      await pullAll({
        local,
        session: deps.session,
        now: deps.now,
        userId: deps.userId,
        limit: options.pullLimit,
        sliceSize: options.sliceSize,
        yieldNow,
        onFactsDeferred,
        onPage,
      });
    }
    flushDataChanged();
    // After the round (the fill waits for it to end): facts the download deferred, and once
    // per start whatever an interrupted earlier fill left.
    if (factsDeferred || !factsSweptSinceStart) {
      factsSweptSinceStart = true;
      facts.request();
    }
  }

  async function round(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    if (closed || deps.session.stored() === null) {
      emitStatus();
      return;
    }
    cancelTimer();
    running = (async () => {
      emitStatus();
      try {
        await work();
        failure = null;
        attempt = 0;
      } catch (error) {
        // Closing mid-round (the database went away under it) is not a sync failure.
        if (closed) return;
        if (error instanceof SessionExpiredError) {
          sessionEndedError = { code: error.code, message: error.message };
          failure = null;
          deps.events.emit('session.changed', deps.session.info());
        } else {
          failure = classify(error);
          attempt += 1;
        }
      }
    })();
    try {
      await running;
    } finally {
      running = null;
      emitStatus();
    }
    if (closed || deps.session.stored() === null) return;
    if (again) {
      again = false;
      if (!failure) return round();
    }
    if (failure) schedule(backoffDelay(attempt, random, options.backoff));
    else schedule(options.intervalMs);
  }

  return {
    status,
    syncNow() {
      attempt = 0;
      cancelTimer();
      if (running) again = true;
      else schedule(0);
      const current = status();
      return deps.session.stored() ? { ...current, state: 'syncing' } : current;
    },
    localWrite() {
      emitStatus();
      if (closed || deps.session.stored() === null) return;
      // Rung by commit() after a write that queued mutations; if a round already took them
      // (pending is 0), there is nothing to push.
      if (status().pending === 0) return;
      if (running) {
        again = true;
        return;
      }
      // While backing off, the retry will take this write along; do not hammer a dead server.
      if (failure) return;
      schedule(options.debounceMs);
    },
    networkChanged(online) {
      if (online && failure) {
        attempt = 0;
        cancelTimer();
        schedule(0);
      }
    },
    sessionChanged() {
      failure = null;
      attempt = 0;
      if (deps.session.stored()) {
        sessionEndedError = null;
        schedule(0);
      } else cancelTimer();
      emitStatus();
    },
    async runOnce() {
      while (running) await running.catch(() => {});
      await round();
    },
    async idle() {
      while (running) await running.catch(() => {});
      await facts.idle();
    },
    async close() {
      closed = true;
      closing.abort();
      cancelTimer();
      await running?.catch(() => {});
      await facts.stop();
    },
  };
}
