import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_SLA_RULES, SlaRules, SlaRulesInput, type SlaRulesView } from '../../shared/domain/sla';
import { authenticate, principalOf, requireAdmin, type ServerContext } from '../context';
import type { Db } from '../db/database';
import { companies } from '../db/schema';
import { parseInput } from '../http/validate';

/**
 * The company's follow-up SLA rules (minutes by disposition code). An admin sets them;
 * every desktop of the company reads them (GET /sla-rules) after its sync rounds and
 * counts its follow-ups' deadlines by them, so all desktops agree.
 */
export async function readSlaRules(db: Db, companyId: string): Promise<SlaRulesView> {
  const [row] = await db.select({ rules: companies.slaRules }).from(companies).where(eq(companies.id, companyId));
  // A stored value that no longer reads as rules (hand-edited) falls back to the defaults.
  const stored = SlaRules.safeParse(row?.rules);
  return row?.rules && stored.success
    ? { rules: stored.data, custom: true }
    : { rules: { ...DEFAULT_SLA_RULES }, custom: false };
}

/** Replaces the company's rules; null goes back to the defaults. */
export async function saveSlaRules(db: Db, companyId: string, rules: SlaRules | null): Promise<SlaRulesView> {
  await db.update(companies).set({ slaRules: rules }).where(eq(companies.id, companyId));
  return readSlaRules(db, companyId);
}

export function registerSlaRulesRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);
  const admin = [authenticate(ctx), requireAdmin];

  app.get('/sla-rules', { onRequest }, async (request) => readSlaRules(ctx.db, principalOf(request).companyId));

  app.put('/admin/sla-rules', { preHandler: admin }, async (request) => {
    const input = parseInput(SlaRulesInput, request.body, 'SLA rules');
    return saveSlaRules(ctx.db, principalOf(request).companyId, input.rules);
  });

  app.delete('/admin/sla-rules', { preHandler: admin }, async (request) =>
    saveSlaRules(ctx.db, principalOf(request).companyId, null),
  );
}
