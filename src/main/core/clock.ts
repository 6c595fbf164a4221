/**
 * The core's clock: what time it is, and a timer. The system's by default; a manual one
 * for tests and the end-to-end runs (browser mode's --manual-clock), moved forward by
 * `dev.clock.advance`, so a reminder planned for tomorrow rings without waiting.
 */
export interface CoreClock {
  readonly kind: 'system' | 'manual';
  now(): Date;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Listens for the time moving by more than the timers know (a manual advance). */
  onJump(listener: () => void): () => void;
}

export function systemClock(): CoreClock {
  return {
    kind: 'system',
    now: () => new Date(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    // The system clock's jumps (sleep, a changed time) are caught by the scheduler's
    // bounded timer and by the shell's resume signal, not announced here.
    onJump: () => () => {},
  };
}

export interface ManualClock extends CoreClock {
  /** Moves the time forward and runs every timer that came due, in order. */
  advance(ms: number): void;
  /** Sets the time (forward or back), as a changed system clock would. */
  set(at: Date): void;
}

export function manualClock(start: Date): ManualClock {
  let nowMs = start.getTime();
  let nextHandle = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const jumpListeners = new Set<() => void>();
  const runDue = () => {
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= nowMs).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      due[1].fn();
    }
  };
  const moved = () => {
    runDue();
    for (const listener of [...jumpListeners]) listener();
  };
  return {
    kind: 'manual',
    now: () => new Date(nowMs),
    setTimer(fn, ms) {
      const handle = nextHandle++;
      timers.set(handle, { at: nowMs + Math.max(0, ms), fn });
      return handle;
    },
    clearTimer: (handle) => void timers.delete(handle as number),
    onJump(listener) {
      jumpListeners.add(listener);
      return () => jumpListeners.delete(listener);
    },
    advance(ms) {
      nowMs += ms;
      moved();
    },
    set(at) {
      nowMs = at.getTime();
      moved();
    },
  };
}
