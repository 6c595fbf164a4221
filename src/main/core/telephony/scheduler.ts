/**
 * Time for the line: what the clock says and how to run something later. Injected so
 * the simulated engine and the CallController run on a manual clock in tests (no
 * sleeping, fully deterministic) and on the system clock in the app.
 */
export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` after `ms`; returns a function that cancels it. */
  setTimeout(task: () => void, ms: number): () => void;
}

export function systemScheduler(): Scheduler {
  return {
    now: () => Date.now(),
    setTimeout(task, ms) {
      const handle = setTimeout(task, ms);
      // A pending simulated answer must not keep a test process or a closing app alive.
      handle.unref?.();
      return () => clearTimeout(handle);
    },
  };
}

export interface ManualScheduler extends Scheduler {
  /** Moves the clock forward, running every task that falls due, in time order. */
  advance(ms: number): void;
  /** Tasks waiting to run. */
  pending(): number;
}

interface Timer {
  at: number;
  seq: number;
  task: () => void;
}

export function createManualScheduler(startMs = Date.parse('2026-03-02T14:00:00.000Z')): ManualScheduler {
  let current = startMs;
  let seq = 0;
  const timers = new Set<Timer>();

  function nextDue(until: number): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of timers) {
      if (timer.at > until) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }

  return {
    now: () => current,
    setTimeout(task, ms) {
      const timer: Timer = { at: current + Math.max(0, ms), seq: seq++, task };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    advance(ms) {
      const until = current + ms;
      // Tasks scheduled by a running task are picked up if they fall inside the window.
      for (let timer = nextDue(until); timer; timer = nextDue(until)) {
        timers.delete(timer);
        current = timer.at;
        timer.task();
      }
      current = until;
    },
    pending: () => timers.size,
  };
}
