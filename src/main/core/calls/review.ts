import type { Handlers } from '../api/dispatch';
import { getCall } from '../db/repositories/calls';
import { CoreError } from '../errors';
import { nowIso, orNotFound, type HandlerContext } from '../handler-context';
import { commit } from '../sync/mutate';
import type { SessionManager } from '../sync/session';
import { supervisesCalls } from './supervision';

/**
 * Call review: a supervisor or admin signed in to the CRM server flags a call with a
 * score and a comment. The review is a mutation like any change (call.review), so it is
 * saved offline, synced, and reaches the agent with the call; the server checks the role again.
 */

export type ReviewHandlers = Pick<Handlers, 'calls.review' | 'calls.canReview'>;

export function reviewHandlers(ctx: HandlerContext, session: Pick<SessionManager, 'info'>): ReviewHandlers {
  const canReview = () => supervisesCalls(session);
  return {
    'calls.canReview': () => ({ canReview: canReview() }),
    'calls.review': ({ id, review }) => {
      if (!canReview()) {
        throw new CoreError(
          'forbidden',
          'Only a supervisor or an admin, signed in to the CRM server, can review calls.',
        );
      }
      orNotFound(getCall(ctx.local.db, id), 'Call', id);
      commit(ctx, [{ name: 'call.review', args: { id, review, at: nowIso(ctx) } }]);
      return getCall(ctx.local.db, id)!;
    },
  };
}
