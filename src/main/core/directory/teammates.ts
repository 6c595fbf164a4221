import { z } from 'zod';
import { Teammate } from '../../../shared/api/teammates';
import type { Handlers } from '../api/dispatch';
import { listTeammates, replaceTeammates } from '../db/repositories/teammates';
import type { HandlerContext } from '../handler-context';
import type { ServerCopy } from '../sync/server-copies';

export function teammateHandlers(ctx: HandlerContext): Pick<Handlers, 'teammates.list'> {
  return { 'teammates.list': () => ({ items: listTeammates(ctx.local.db) }) };
}

/** GET /users as the server sends it (auth/accounts.ts userView). */
const UsersReply = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), email: z.string(), role: Teammate.shape.role })),
});

/** The company's users, kept for the participants' picker (sync/server-copies.ts). */
export const teammatesCopy: ServerCopy<Teammate[]> = {
  path: '/users',
  parse(body) {
    const parsed = UsersReply.safeParse(body);
    if (!parsed.success) return null;
    return parsed.data.items.map((u) => ({ id: u.id, name: u.displayName, email: u.email, role: u.role }));
  },
  store: (tx, list) => replaceTeammates(tx, list, { demo: false }),
  changed: { entity: 'teammate', ids: (list) => list.map((t) => t.id) },
};
