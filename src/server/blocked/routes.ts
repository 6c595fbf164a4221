import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BlockNumberInput, type BlockedNumberList } from '../../shared/domain/blocked-numbers';
import { authenticate, principalOf, requireSupervisor, type ServerContext } from '../context';
import { users } from '../db/schema';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { blockNumber, listBlockedNumbers, unblockNumber } from './store';

/**
 * The blocked-numbers list: every signed-in user of the company reads it (each desktop
 * keeps a copy); supervisors and admins change it. Both changes answer with the whole
 * list, so the desktop that made the change stores it at once.
 */

export const UnblockInput = z.object({ number: BlockNumberInput.shape.number }).strict();

export function registerBlockedNumberRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);
  const manage = { onRequest, preHandler: requireSupervisor };
  const list = async (companyId: string): Promise<BlockedNumberList> => ({
    items: await listBlockedNumbers(ctx.db, companyId),
  });

  app.get('/blocked-numbers', { onRequest }, async (request) => list(principalOf(request).companyId));

  app.post('/admin/blocked-numbers', manage, async (request) => {
    const input = parseInput(BlockNumberInput, request.body, 'blocked number');
    const { companyId, userId } = principalOf(request);
    const [user] = await ctx.db
      .select({ name: users.displayName })
      .from(users)
      .where(and(eq(users.companyId, companyId), eq(users.id, userId)));
    await blockNumber(ctx.db, companyId, input, { userId, name: user?.name ?? 'a supervisor' }, ctx.now());
    return list(companyId);
  });

  app.post('/admin/blocked-numbers/remove', manage, async (request) => {
    const input = parseInput(UnblockInput, request.body, 'number to unblock');
    const { companyId } = principalOf(request);
    if (!(await unblockNumber(ctx.db, companyId, input.number))) {
      throw new HttpError(404, 'not_found', `${input.number} is not on the blocked list.`);
    }
    return list(companyId);
  });
}
