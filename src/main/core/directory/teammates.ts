import { z } from 'zod';
import { Teammate } from '../../../shared/api/teammates';
import type { Handlers } from '../api/dispatch';
import { listTeammates, replaceTeammates } from '../db/repositories/teammates';
import type { HandlerContext } from '../handler-context';
import { writeUnsynced } from '../sync/mutate';
import type { SessionManager } from '../sync/session';

export function teammateHandlers(ctx: HandlerContext): Pick<Handlers, 'teammates.list'> {
  return { 'teammates.list': () => ({ items: listTeammates(ctx.local.db) }) };
}

/** GET /users as the server sends it (auth/accounts.ts userView). */
const UsersReply = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), email: z.string(), role: Teammate.shape.role })),
});

/** How often the company's user list is read again while signed in. */
export const TEAMMATES_REFRESH_MS = 10 * 60_000;

/**
 * Keeps the teammates list (participants' picker) in step with the company's users: read
 * from the CRM server after a sync round, at most every ten minutes, and kept locally so
 * the picker works offline. A failed read keeps the last list.
 */
export function createTeammatesRefresh(deps: {
  ctx: HandlerContext;
  session: Pick<SessionManager, 'info' | 'send'>;
  now: () => Date;
}): { syncRan: () => Promise<void> } {
  let lastRead = -Infinity;
  let running = false;
  return {
    async syncRan() {
      const nowMs = deps.now().getTime();
      if (running || !deps.session.info().signedIn || nowMs - lastRead < TEAMMATES_REFRESH_MS) return;
      running = true;
      try {
        const reply = await deps.session.send('GET', '/users');
        const parsed = UsersReply.safeParse(reply.body);
        if (reply.status !== 200 || !parsed.success) return;
        lastRead = nowMs;
        const list = parsed.data.items.map((u) => ({ id: u.id, name: u.displayName, email: u.email, role: u.role }));
        writeUnsynced(deps.ctx.local, 'server copy', (tx) => replaceTeammates(tx, list, { demo: false }));
        deps.ctx.events.emit('data.changed', { entity: 'teammate', ids: list.map((t) => t.id) });
      } catch {
        // Offline or refused: the list read last time stays.
      } finally {
        running = false;
      }
    },
  };
}
