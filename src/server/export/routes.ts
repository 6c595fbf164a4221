import { Readable } from 'node:stream';
import { and } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { CallRecord } from '../../shared/domain/call';
import { callStatusLabel } from '../../shared/domain/call';
import type { Principal } from '../auth/tokens';
import { beforePosition, CallFilters, callFilterWhere, newestFirst, type CallPosition } from '../calls/filters';
import { authenticate, principalOf, type ServerContext } from '../context';
import { calls } from '../db/schema';
import { parseInput } from '../http/validate';
import { callRecordOf } from '../sync/records';
import { csvField, csvRecord } from '../../shared/csv';

const PAGE = 1000;

const columns: { header: string; value: (call: CallRecord) => string }[] = [
  { header: 'id', value: (c) => csvField(c.id) },
  { header: 'direction', value: (c) => csvField(c.direction) },
  { header: 'status', value: (c) => csvField(callStatusLabel[c.status]) },
  { header: 'status_reason', value: (c) => csvField(c.statusReason) },
  { header: 'subject', value: (c) => csvField(c.subject) },
  { header: 'planned_start', value: (c) => csvField(c.plannedStart?.utc) },
  { header: 'actual_start', value: (c) => csvField(c.actualStart) },
  { header: 'actual_end', value: (c) => csvField(c.actualEnd) },
  { header: 'duration_seconds', value: (c) => csvField(c.durationSeconds) },
  { header: 'disposition', value: (c) => csvField(c.outcome.dispositionCode) },
  { header: 'outcome', value: (c) => csvField(c.outcome.text) },
  { header: 'related_type', value: (c) => csvField(c.related?.type) },
  { header: 'related_id', value: (c) => csvField(c.related?.id) },
  { header: 'related_name', value: (c) => csvField(c.related?.name) },
  {
    header: 'participants',
    value: (c) => csvField(c.participants.map((p) => p.name || p.id).join('; ')),
  },
  { header: 'owner_id', value: (c) => csvField(c.ownerId) },
  { header: 'from_number', value: (c) => csvField(c.fromNumber) },
  { header: 'to_number', value: (c) => csvField(c.toNumber) },
  { header: 'created_at', value: (c) => csvField(c.createdAt) },
  { header: 'updated_at', value: (c) => csvField(c.updatedAt) },
];

/** Pages through the calls by keyset, so memory stays flat however many calls match. */
async function* exportRows(ctx: ServerContext, principal: Principal, filters: CallFilters): AsyncGenerator<string> {
  yield csvRecord(columns.map((column) => csvField(column.header)));
  let position: CallPosition | null = null;
  for (;;) {
    const rows: (typeof calls.$inferSelect)[] = await ctx.db
      .select()
      .from(calls)
      .where(and(callFilterWhere(principal, filters), beforePosition(position)))
      .orderBy(...newestFirst)
      .limit(PAGE);
    if (rows.length > 0)
      yield rows.map((row) => csvRecord(columns.map((column) => column.value(callRecordOf(row))))).join('');
    if (rows.length < PAGE) return;
    const last: typeof calls.$inferSelect = rows.at(-1)!;
    position = { occurredAt: last.occurredAt, id: last.id };
  }
}

export function registerExportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/export/calls.csv', { onRequest: authenticate(ctx) }, async (request, reply) => {
    const filters = parseInput(CallFilters.strict(), request.query, 'query');
    const principal = principalOf(request);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="calls.csv"');
    return reply.send(Readable.from(exportRows(ctx, principal, filters)));
  });
}
