import { fillNumberFactsWindow } from '../db/backfills';
import type { LocalDb } from '../db/open';

/**
 * Fills in the number facts (display form, country zone) that the first directory
 * download leaves NULL on its phone rows (cache-write.ts, `deferNumberFacts`): deriving
 * them is ~20 µs a number, a third of a million-contact download, and the pop derives a
 * NULL at read time, so they can wait. Done here on the main connection, one small window
 * of phone ids per transaction with a yield between windows, so it never stalls the UI:
 * 100 numbers, ~2 ms on a quiet machine; on the loaded 2-core build machine a number took
 * ~100 µs and a window of 500 held the loop ~50 ms (npm run bench -- sync-directory). It
 * waits while a sync round runs so that it does not slow the download down.
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

export interface NumberFactsFillerOptions {
  local: LocalDb;
  yieldNow: () => Promise<void>;
  /** Resolves when no sync round is running. */
  roundsIdle: () => Promise<void>;
  /** Phone ids per window (one transaction). */
  window?: number;
  onError?: (error: unknown) => void;
}

export function createNumberFactsFiller(options: NumberFactsFillerOptions): NumberFactsFiller {
  const { local } = options;
  const window = options.window ?? 100;
  let sweeping: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const lastId = () => (local.sqlite.prepare(`SELECT max(id) AS id FROM phones`).get() as { id: number | null }).id;

  async function sweep(): Promise<void> {
    do {
      again = false;
      let after = 0;
      for (;;) {
        await options.roundsIdle();
        if (stopped || !local.sqlite.open) return;
        const last = lastId();
        if (last === null || after >= last) break;
        fillNumberFactsWindow(local.sqlite, after, window);
        after += window;
        await options.yieldNow();
      }
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
      await sweeping;
    },
  };
}
