import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CallTableLayout, CompanyCallViewInput, type CallView } from '../../shared/api/call-table';
import { Id } from '../../shared/domain/primitives';
import { authenticate, principalOf, type ServerContext } from '../context';
import type { Db } from '../db/database';
import { callViews } from '../db/schema';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';

/**
 * Company views of the calls table: supervisors and admins name a filter + sort +
 * columns set and share it with everyone in their company; every desktop reads the list
 * after its sync rounds (GET /call-views) and shows it beside the agent's own views.
 * Every query is scoped to the caller's company: another company's view id is simply
 * not found.
 */
export const CallViewParams = z.object({ id: Id }).strict();

/** preHandler after `authenticate`: supervisors and admins pass. */
async function requireSupervisor(request: FastifyRequest): Promise<void> {
  if (principalOf(request).role === 'agent') {
    throw new HttpError(403, 'forbidden', 'Only a supervisor or an admin can share views with the company.');
  }
}

export async function listCompanyViews(db: Db, companyId: string): Promise<CallView[]> {
  const rows = await db
    .select()
    .from(callViews)
    .where(eq(callViews.companyId, companyId))
    .orderBy(asc(callViews.name), asc(callViews.id));
  return rows.flatMap((row) => {
    // A stored layout from another build that no longer parses is left out, not served broken.
    const layout = CallTableLayout.safeParse(row.layout);
    return layout.success
      ? [{ id: row.id, name: row.name, layout: layout.data, pinned: row.pinned, scope: 'company' as const }]
      : [];
  });
}

export function registerCallViewRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);
  const supervisor = [authenticate(ctx), requireSupervisor];

  app.get('/call-views', { onRequest }, async (request) => ({
    items: await listCompanyViews(ctx.db, principalOf(request).companyId),
  }));

  app.put('/call-views/:id', { preHandler: supervisor }, async (request) => {
    const { id } = parseInput(CallViewParams, request.params, 'path');
    const input = parseInput(CompanyCallViewInput, request.body, 'view');
    const { companyId, userId } = principalOf(request);
    const values = { name: input.name, layout: input.layout, pinned: input.pinned, updatedAt: new Date() };
    const [existing] = await ctx.db
      .select({ companyId: callViews.companyId })
      .from(callViews)
      .where(eq(callViews.id, id));
    // An id taken in another company is not this company's to overwrite, nor to learn about.
    if (existing && existing.companyId !== companyId) throw new HttpError(404, 'not_found', 'There is no such view.');
    if (existing)
      await ctx.db
        .update(callViews)
        .set(values)
        .where(and(eq(callViews.id, id), eq(callViews.companyId, companyId)));
    else await ctx.db.insert(callViews).values({ id, companyId, createdBy: userId, ...values });
    return { id, ...input, scope: 'company' } satisfies CallView;
  });

  app.delete('/call-views/:id', { preHandler: supervisor }, async (request) => {
    const { id } = parseInput(CallViewParams, request.params, 'path');
    const { companyId } = principalOf(request);
    const removed = await ctx.db
      .delete(callViews)
      .where(and(eq(callViews.id, id), eq(callViews.companyId, companyId)))
      .returning({ id: callViews.id });
    if (removed.length === 0) throw new HttpError(404, 'not_found', 'There is no such view.');
    return { items: await listCompanyViews(ctx.db, companyId) };
  });
}
