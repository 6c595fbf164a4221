import { DEFAULT_PRESENCE_TIMEOUT_SECONDS } from '../twilio/presence';

/**
 * How often one server instance writes a desktop's "heard from" time. Routing asks for
 * desktops heard from within the presence timeout (120 s), so a touch every 15 s keeps a
 * live desktop ringable with a wide margin, while sparing a write on almost every push
 * and pull (a desktop syncs every few seconds; each touch was a round trip and a WAL
 * record). Several instances each touch on their own schedule: more touches, never fewer.
 */
export const HEARTBEAT_EVERY_MS = 15_000;
if (HEARTBEAT_EVERY_MS * 4 > DEFAULT_PRESENCE_TIMEOUT_SECONDS * 1000) {
  throw new Error('heartbeats must come several times within the presence timeout');
}

/** Users remembered at most; past it the memory starts again (each user then touches once more). */
const REMEMBERED_USERS = 50_000;

/**
 * `beat(companyId, userId)`: the desktop was heard from; calls `touch` (presence.ts's
 * touchPresence) at most every HEARTBEAT_EVERY_MS per user.
 */
export function createHeartbeat(
  touch: (companyId: string, userId: string, at: Date) => Promise<void>,
  now: () => Date,
): (companyId: string, userId: string) => Promise<void> {
  const touchedAt = new Map<string, number>();
  return async (companyId, userId) => {
    const at = now();
    const key = `${companyId}/${userId}`;
    const last = touchedAt.get(key);
    // A clock that went back (tests move it freely) counts as due.
    if (last !== undefined && at.getTime() >= last && at.getTime() - last < HEARTBEAT_EVERY_MS) return;
    if (touchedAt.size >= REMEMBERED_USERS) touchedAt.clear();
    await touch(companyId, userId, at);
    touchedAt.set(key, at.getTime());
  };
}
