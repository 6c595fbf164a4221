import { and, asc, eq, gt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ClientId, PullRequest, PushRequest } from '../../shared/sync/protocol';
import { authenticate, principalOf, type ServerContext } from '../context';
import { syncRejections } from '../db/schema';
import { PUSH_BODY_LIMIT } from '../http/limits';
import { parseInput } from '../http/validate';
import { ownedClientLastMutationId } from './clients';
import { processPull } from './pull';
import { processPush } from './push';
import { createHeartbeat } from './heartbeat';
import { touchPresence } from '../twilio/presence';
import { dispatchPendingSms } from '../sms/send';
import { createSmsDispatchGate } from '../sms/dispatch-due';

export const RejectionsQuery = z
  .object({
    clientId: ClientId,
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);
  // Push and pull check the session in their first statement (push.ts, pull.ts): one round trip less each.
  const onSyncRequest = authenticate(ctx, { sessionChecked: 'by-handler' });
  // Every push and pull is a heartbeat: routing rings only desktops heard from lately.
  const heartbeat = createHeartbeat((companyId, userId, at) => touchPresence(ctx.db, companyId, userId, at), ctx.now);
  const smsDispatchDue = createSmsDispatchGate(ctx.now);

  app.post(
    '/sync/push',
    { onRequest: onSyncRequest, bodyLimit: PUSH_BODY_LIMIT, config: { controlCharactersCheckedBy: 'mutations-args' } },
    async (request, reply) => {
      const body = parseInput(PushRequest, request.body, 'push');
      const { response, transient } = await processPush(
        ctx,
        principalOf(request),
        body.clientId,
        body.mutations,
        request.log,
      );
      const { companyId, userId } = principalOf(request);
      await heartbeat(companyId, userId);
      // Texts this push stored go to Twilio now that it has committed (sms/send.ts); a
      // failure there is the message's (it shows as failed), never the push's.
      const carriesText = body.mutations.some((mutation) => mutation.name === 'sms.send');
      if (smsDispatchDue(companyId, carriesText)) {
        await dispatchPendingSms(ctx, companyId, request.log).catch((error: unknown) => {
          request.log.error({ err: error }, 'text messages could not be handed to Twilio');
        });
      }
      // 503 tells proxies and the client alike to retry; the body still says what was done.
      return reply.code(transient ? 503 : 200).send(response);
    },
  );

  app.post('/sync/pull', { onRequest: onSyncRequest }, async (request) => {
    const body = parseInput(PullRequest, request.body, 'pull');
    const principal = principalOf(request);
    // After the pull, whose first statement refuses a signed-out session.
    const page = await processPull(ctx, principal, body);
    await heartbeat(principal.companyId, principal.userId);
    return page;
  });

  /** Rejections of one's own client, for a desktop that lost the push response that carried them. */
  app.get('/sync/rejections', { onRequest }, async (request) => {
    const query = parseInput(RejectionsQuery, request.query, 'query');
    const principal = principalOf(request);
    await ownedClientLastMutationId(ctx.db, principal, query.clientId);
    const rows = await ctx.db
      .select()
      .from(syncRejections)
      .where(
        and(
          eq(syncRejections.companyId, principal.companyId),
          eq(syncRejections.clientId, query.clientId),
          gt(syncRejections.mutationId, query.after),
        ),
      )
      .orderBy(asc(syncRejections.mutationId))
      .limit(query.limit);
    return {
      items: rows.map((row) => ({
        mutationId: row.mutationId,
        name: row.name,
        code: row.code,
        message: row.message,
        rejectedAt: row.rejectedAt.toISOString(),
      })),
    };
  });
}
