/**
 * Retry delays after failed syncs: exponential with "full jitter" (AWS architecture blog,
 * "Exponential Backoff And Jitter"): attempt n waits a uniformly random time between 0
 * and min(cap, base · 2^(n-1)). The randomness spreads a fleet of desktops that lost the
 * server at the same moment, so they do not all come back in the same second.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

/** The ceiling for attempt n (1-based): base · 2^(n-1), capped. */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = defaultBackoff): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/** The wait before retry n; `random` returns [0, 1). */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = defaultBackoff): number {
  return Math.floor(random() * backoffCeiling(attempt, policy));
}
