import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import {
  CompanySettingsInput,
  DEFAULT_COMPANY_SETTINGS,
  type CompanySettings,
} from '../../shared/domain/company-settings';
import { BusinessHours } from '../../shared/domain/triage';
import { authenticate, principalOf, requireSupervisor, type ServerContext } from '../context';
import type { Db, Tx } from '../db/database';
import { companySettings } from '../db/schema-company';
import { parseInput } from '../http/validate';

/**
 * The company's settings (business hours, the new-caller rule): every signed-in user of
 * the company reads them (each desktop keeps a copy, core/settings/company-settings.ts);
 * supervisors and admins change them. Both answer with the settings as stored.
 */

export async function readCompanySettings(db: Db | Tx, companyId: string): Promise<CompanySettings> {
  const [row] = await db.select().from(companySettings).where(eq(companySettings.companyId, companyId));
  if (!row) return { ...DEFAULT_COMPANY_SETTINGS };
  // Hours stored by another build that no longer parse read as "not set", not as a 500.
  const hours = BusinessHours.safeParse(row.businessHours);
  return { businessHours: hours.success ? hours.data : null, newCallerProfiles: row.newCallerProfiles };
}

export async function saveCompanySettings(
  db: Db,
  companyId: string,
  input: CompanySettingsInput,
  by: { userId: string; at: Date },
): Promise<CompanySettings> {
  const businessHours = { ...input.businessHours, days: [...input.businessHours.days].sort((a, b) => a - b) };
  const values = {
    businessHours,
    newCallerProfiles: input.newCallerProfiles,
    updatedBy: by.userId,
    updatedAt: by.at,
  };
  await db
    .insert(companySettings)
    .values({ companyId, ...values })
    .onConflictDoUpdate({ target: companySettings.companyId, set: values });
  return readCompanySettings(db, companyId);
}

export function registerCompanySettingsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);

  app.get('/company/settings', { onRequest }, async (request) =>
    readCompanySettings(ctx.db, principalOf(request).companyId),
  );

  app.put('/company/settings', { onRequest, preHandler: requireSupervisor }, async (request) => {
    const input = parseInput(CompanySettingsInput, request.body, 'company settings');
    const { companyId, userId } = principalOf(request);
    return saveCompanySettings(ctx.db, companyId, input, { userId, at: ctx.now() });
  });
}
