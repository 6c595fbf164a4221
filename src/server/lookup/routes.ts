import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { normalizePhone } from '../../shared/domain/phone';
import { authenticate, principalOf, type ServerContext } from '../context';
import { directoryPhones } from '../db/schema';
import { directoryTables } from '../directory/store';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';

export const LookupQuery = z
  .object({
    phone: z.string().trim().min(2).max(64),
    /** ISO 3166 alpha-2 region for numbers given without a country code. */
    region: z.string().length(2).default('US'),
  })
  .strict();

const kindOf = { contacts: 'contact', leads: 'lead', accounts: 'account' } as const;

/**
 * Caller recognition: who in the company directory has this number. Served by the
 * (company_id, e164) index on directory_phones, so it stays fast with millions of rows.
 */
export function registerLookupRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/lookup', { onRequest: authenticate(ctx) }, async (request) => {
    const query = parseInput(LookupQuery, request.query, 'query');
    const { companyId } = principalOf(request);
    const number = normalizePhone(query.phone, query.region);
    if (!number) throw new HttpError(400, 'invalid_phone', `"${query.phone}" is not a phone number we can look up.`);
    const hits = await ctx.db
      .select({ entity: directoryPhones.entity, id: directoryPhones.entityId })
      .from(directoryPhones)
      .where(and(eq(directoryPhones.companyId, companyId), eq(directoryPhones.e164, number.e164)))
      .limit(50);
    const matches: { type: 'contact' | 'lead' | 'account'; id: string; record: unknown }[] = [];
    for (const entity of ['contacts', 'leads', 'accounts'] as const) {
      const ids = hits.filter((hit) => hit.entity === entity).map((hit) => hit.id);
      if (ids.length === 0) continue;
      const table = directoryTables[entity];
      const rows = await ctx.db
        .select({ id: table.id, data: table.data })
        .from(table)
        .where(and(eq(table.companyId, companyId), inArray(table.id, ids)));
      for (const row of rows) matches.push({ type: kindOf[entity], id: row.id, record: row.data });
    }
    return { e164: number.e164, matches };
  });
}
