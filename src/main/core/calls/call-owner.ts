import type { Handlers } from '../api/dispatch';
import { getCall } from '../db/repositories/calls';
import { CoreError } from '../errors';
import { nowIso, orNotFound, type HandlerContext } from '../handler-context';
import { commit } from '../sync/mutate';
import type { SessionManager } from '../sync/session';
import { colleague } from './bulk-owner';
import { supervisesCalls } from './supervision';

export type OwnerHandlers = Pick<Handlers, 'calls.setOwner'>;

/**
 * The call drawer's "Change owner": one call.setOwner, the same mutation as the bulk bar's,
 * for supervisors and admins. The server checks the role and the colleague again.
 */
export function ownerHandlers(ctx: HandlerContext, session: Pick<SessionManager, 'info'>): OwnerHandlers {
  return {
    'calls.setOwner': ({ id, ownerId }) => {
      if (!supervisesCalls(session)) {
        throw new CoreError(
          'forbidden',
          'Only a supervisor or an admin, signed in to the CRM server, can change who owns calls.',
        );
      }
      const call = orNotFound(getCall(ctx.local.db, id), 'Call', id);
      colleague(ctx.local.db, ownerId);
      if (call.ownerId !== ownerId) {
        commit(ctx, [{ name: 'call.setOwner', args: { id, ownerId, at: nowIso(ctx) } }]);
      }
      return getCall(ctx.local.db, id)!;
    },
  };
}
