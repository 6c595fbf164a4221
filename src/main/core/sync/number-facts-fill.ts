import { fillNumberFactsWindow } from '../db/backfills';
import type { LocalDb } from '../db/open';
import { writeUnsynced } from './mutate';

/**
 * Fills in the number facts (display form, country zone) that the first directory
 * download leaves NULL on its phone rows (cache-write.ts, `deferNumberFacts`): deriving
 * them is ~20 µs a number, a third of a million-contact download, and the pop derives a
 * NULL at read time, so they can wait.
 *
 * Where a worker thread can run (the same one as the download, facts-in-worker.ts), the
 * sweep runs there on its own connection: a sweep of a million numbers on the main
 * connection held the loop 82 ms once (51 ms of it running; likely a commit checkpointing
 * the WAL, which the main connection does again after a download). Otherwise here on the
 * main connection, one small window of phone ids per transaction with a yield between
 * windows: 100 numbers, ~2 ms on a quiet machine. Either way it waits while a sync round
 * runs, so it does not slow a download.
 *
 * A sweep reads every phone id once. The engine asks for one after a download that
 * deferred facts, and once when it starts (a download interrupted after its last page
 * but before its sweep finished leaves NULLs no later download would sweep).
 */

export interface NumberFactsFiller {
  /** Sweep the phone rows (again, if a sweep is under way: it may have passed new rows). */
  request(): void;
  /** Resolves when no sweep is under way or asked for. */
  idle(): Promise<void>;
  /** Stops after the current window; a later engine picks up the rest. */
  stop(): Promise<void>;
}

/** One whole sweep somewhere else (a worker thread); stops after its current window once aborted. */
export type FactsSweep = (signal: AbortSignal) => Promise<void>;

export interface NumberFactsFillerOptions {
  local: LocalDb;
  yieldNow: () => Promise<void>;
  /** Resolves when no sync round is running. */
  roundsIdle: () => Promise<void>;
  /** Phone ids per window (one transaction). */
  window?: number;
  /** Runs each sweep there instead of on this thread. */
  sweepElsewhere?: FactsSweep;
  onError?: (error: unknown) => void;
}

/** One window through the write path: derived data of the server's copy, never pushed. */
export function fillFactsWindow(local: LocalDb, after: number, span: number): number {
  return fillNumberFactsWindow(local.sqlite, after, span, (fill) => writeUnsynced(local, 'number facts', fill));
}

/**
 * Every window of phone ids in turn; `between` runs before each window and says whether
 * to go on (it is where the caller yields). Returns whether it got to the end.
 */
export async function sweepNumberFacts(
  local: LocalDb,
  window: number,
  between: () => Promise<boolean>,
): Promise<boolean> {
  const lastId = local.sqlite.prepare<[], { id: number | null }>(`SELECT max(id) AS id FROM phones`);
  let after = 0;
  for (;;) {
    if (!(await between()) || !local.sqlite.open) return false;
    // Read each time: rows written during the sweep get ids above the old maximum.
    const last = lastId.get()!.id;
    if (last === null || after >= last) return true;
    fillFactsWindow(local, after, window);
    after += window;
  }
}

export function createNumberFactsFiller(options: NumberFactsFillerOptions): NumberFactsFiller {
  const { local } = options;
  const window = options.window ?? 100;
  let sweeping: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const stopping = new AbortController();

  async function sweep(): Promise<void> {
    do {
      again = false;
      if (options.sweepElsewhere) {
        await options.roundsIdle();
        if (stopped) return;
        await options.sweepElsewhere(stopping.signal);
        continue;
      }
      let first = true;
      const between = async () => {
        if (!first) await options.yieldNow();
        first = false;
        await options.roundsIdle();
        return !stopped;
      };
      await sweepNumberFacts(local, window, between);
    } while (again && !stopped);
  }

  return {
    request() {
      if (stopped) return;
      if (sweeping) {
        again = true;
        return;
      }
      sweeping = sweep()
        .catch((error: unknown) => {
          // The store closed under it, or a write failed: the pop derives what is left.
          if (!stopped) options.onError?.(error);
        })
        .finally(() => {
          sweeping = null;
        });
    },
    async idle() {
      while (sweeping) await sweeping;
    },
    async stop() {
      stopped = true;
      stopping.abort();
      await sweeping;
    },
  };
}
