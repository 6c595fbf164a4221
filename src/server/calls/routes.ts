import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newId } from '../../shared/domain/ids';
import { Id } from '../../shared/domain/primitives';
import { authenticate, principalOf, type ServerContext } from '../context';
import { calls, notes } from '../db/schema';
import { HttpError, notFound } from '../http/errors';
import { parseInput } from '../http/validate';
import { callRecordOf, noteOf } from '../sync/records';
import { takeVersion } from '../sync/versions';
import { beforePosition, CallFilters, callFilterWhere, decodePosition, encodePosition, newestFirst } from './filters';
import { visibleCalls } from './visibility';

export const ListQuery = CallFilters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
}).strict();
const CallParams = z.object({ id: Id }).strict();
export const NoteBody = z.object({ id: Id.optional(), body: z.string().trim().min(1).max(20000) }).strict();

export function registerCallRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);

  app.get('/calls', { onRequest }, async (request) => {
    const query = parseInput(ListQuery, request.query, 'query');
    const principal = principalOf(request);
    const position = query.cursor ? decodePosition(query.cursor) : null;
    if (query.cursor && !position) throw new HttpError(400, 'invalid_cursor', 'The page cursor is not valid.');
    const rows = await ctx.db
      .select()
      .from(calls)
      .where(and(callFilterWhere(principal, query), beforePosition(position)))
      .orderBy(...newestFirst)
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(callRecordOf),
      nextCursor:
        rows.length > query.limit && last ? encodePosition({ occurredAt: last.occurredAt, id: last.id }) : null,
    };
  });

  async function visibleCall(request: Parameters<typeof principalOf>[0], id: string) {
    const [row] = await ctx.db
      .select()
      .from(calls)
      .where(and(visibleCalls(principalOf(request)), eq(calls.id, id)));
    // Another company's call and a colleague's call an agent may not see answer alike: 404.
    if (!row) throw notFound(`Call ${id}`);
    return row;
  }

  app.get('/calls/:id', { onRequest }, async (request) => {
    const { id } = parseInput(CallParams, request.params, 'path');
    return callRecordOf(await visibleCall(request, id));
  });

  app.get('/calls/:id/notes', { onRequest }, async (request) => {
    const { id } = parseInput(CallParams, request.params, 'path');
    const call = await visibleCall(request, id);
    const rows = await ctx.db
      .select()
      .from(notes)
      .where(and(eq(notes.companyId, call.companyId), eq(notes.callId, call.id)))
      .orderBy(asc(notes.createdAt), asc(notes.id));
    return { items: rows.map(noteOf) };
  });

  /** A note written on the server (say, by a supervisor in a browser); it reaches desktops through pull. */
  app.post('/calls/:id/notes', { onRequest }, async (request, reply) => {
    const { id } = parseInput(CallParams, request.params, 'path');
    const body = parseInput(NoteBody, request.body, 'note');
    const principal = principalOf(request);
    const call = await visibleCall(request, id);
    const noteId = body.id ?? newId();
    const row = await ctx.db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: notes.id })
        .from(notes)
        .where(and(eq(notes.companyId, principal.companyId), eq(notes.id, noteId)));
      if (existing) throw new HttpError(409, 'already_exists', `A note with the id ${noteId} already exists.`);
      // Stamped with a change version like any synced write, or pulls would never carry it.
      const version = await takeVersion(tx, principal.companyId);
      const [inserted] = await tx
        .insert(notes)
        .values({
          companyId: principal.companyId,
          id: noteId,
          body: body.body,
          callId: call.id,
          authorId: principal.userId,
          createdAt: ctx.now(),
          version,
        })
        .returning();
      return inserted!;
    });
    return reply.code(201).send(noteOf(row));
  });
}
