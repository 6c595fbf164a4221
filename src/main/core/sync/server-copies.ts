import type { ChangedEntity } from '../../../shared/api/events';
import type { HandlerContext } from '../handler-context';
import type { WriteTx } from '../db/write-tx';
import { settings } from '../db/schema';
import { writeUnsynced } from './mutate';
import type { SessionManager } from './session';

/** How often the company's lists (users, SLA rules) are read again while signed in, unless a copy says otherwise. */
export const SERVER_COPIES_REFRESH_MS = 10 * 60_000;

/**
 * A company-wide list the desktop keeps a copy of for offline use (the teammates, the
 * follow-up SLA rules): read with GET from the CRM server, parsed, stored locally.
 */
export interface ServerCopy<T> {
  path: string;
  /** The reply body as the copy, or null when it does not read as one (the last copy stays). */
  parse(body: unknown): T | null;
  store(tx: WriteTx, value: T): void;
  changed: { entity: ChangedEntity; ids: (value: T) => string[] };
  /** Read again at most this often (default SERVER_COPIES_REFRESH_MS). */
  refreshMs?: number;
}

/**
 * Keeps the copies in step: after a sync round, at most every ten minutes, one request
 * after the other (two racing requests could both try to renew an expired access token
 * and spend the same refresh token twice). A failed read keeps the last copy.
 *
 * A round asked for while one runs is not dropped: it runs once the current one ends
 * (a sign-in landing while the reads before a sign-out were still going would otherwise
 * wait ten minutes for the company's copies). A sign-out ends the reads under way: a
 * reply that arrives after it is not stored nor counted as read, so the next sign-in
 * reads every copy again (the company-settings sync test failed 2 of 3 runs on this).
 */
export function createServerCopiesRefresh<T extends unknown[]>(
  deps: { ctx: HandlerContext; session: Pick<SessionManager, 'info' | 'send'>; now: () => Date },
  copies: { [K in keyof T]: ServerCopy<T[K]> },
): { syncRan: () => Promise<void>; close: () => void } {
  // When each copy was last read whole; a failed read leaves it due.
  const lastRead = new Map<ServerCopy<unknown>, number>();
  // Moves on at every sign-out: a read begun before it is stale.
  let signedInTerm = 0;
  let running = false;
  let again = false;

  // Set when the core stops (it closes the local store the session is read from): a round
  // still queued then (see `again`), or a reply still on its way, ends without touching it.
  let closed = false;
  const signedIn = () => !closed && deps.session.info().signedIn;

  const refreshDue = async () => {
    const nowMs = deps.now().getTime();
    const term = signedInTerm;
    const current = () => term === signedInTerm && signedIn();
    const due = (copies as ServerCopy<unknown>[]).filter(
      (copy) => nowMs - (lastRead.get(copy) ?? -Infinity) >= (copy.refreshMs ?? SERVER_COPIES_REFRESH_MS),
    );
    for (const copy of due) {
      if (!current()) return;
      if (await refreshOne(deps, copy, current)) lastRead.set(copy, nowMs);
    }
  };

  return {
    async syncRan() {
      if (closed) return;
      // Signed out: the next sign-in (perhaps to another company) reads every copy at once.
      if (!signedIn()) {
        lastRead.clear();
        signedInTerm += 1;
        return;
      }
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          await refreshDue();
        } while (again);
      } finally {
        running = false;
      }
    },
    close() {
      closed = true;
    },
  };
}

async function refreshOne(
  deps: { ctx: HandlerContext; session: Pick<SessionManager, 'send'> },
  copy: ServerCopy<unknown>,
  current: () => boolean,
): Promise<boolean> {
  try {
    const reply = await deps.session.send('GET', copy.path);
    const value = reply.status === 200 ? copy.parse(reply.body) : null;
    // Signed out while the reply was on its way: it is no longer this desktop's copy.
    if (value === null || !current()) return false;
    writeUnsynced(deps.ctx.local, 'server copy', (tx) => copy.store(tx, value));
    deps.ctx.events.emit('data.changed', { entity: copy.changed.entity, ids: copy.changed.ids(value) });
    return true;
  } catch {
    // Offline or refused: the copy read last time stays.
    return false;
  }
}

/** A copy's `store` that keeps it as one row of the settings table (the SLA rules, the texting rules). */
export function storeAsSetting<T>(key: string): ServerCopy<T>['store'] {
  return ({ db }, value) =>
    void db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}
