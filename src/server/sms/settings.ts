import { and, asc, eq } from 'drizzle-orm';
import { DEFAULT_HELP_TEXT, DEFAULT_QUIET_HOURS, type QuietHours } from '../../shared/sms/message';
import type { SmsTemplate } from '../../shared/sms/templates';
import type { Db, Tx } from '../db/database';
import { companies } from '../db/schema';
import { smsOptOuts, smsSettings, smsTemplates } from '../db/schema-sms';

/** The company's texting rules: quiet hours, the HELP answer, templates and opt-outs. */

type Queryable = Db | Tx;

export interface SmsSettingsView {
  quietHours: QuietHours;
  helpText: string;
  /** True once an admin set them; false while the defaults apply. */
  custom: boolean;
}

export async function readSmsSettings(db: Queryable, companyId: string): Promise<SmsSettingsView> {
  const [row] = await db.select().from(smsSettings).where(eq(smsSettings.companyId, companyId));
  if (!row) return { quietHours: { ...DEFAULT_QUIET_HOURS }, helpText: DEFAULT_HELP_TEXT, custom: false };
  return { quietHours: { start: row.quietStart, end: row.quietEnd }, helpText: row.helpText, custom: true };
}

export async function saveSmsSettings(
  db: Db,
  companyId: string,
  input: { quietHours?: QuietHours | undefined; helpText?: string | undefined },
  now: Date,
): Promise<SmsSettingsView> {
  const current = await readSmsSettings(db, companyId);
  const values = {
    companyId,
    quietStart: input.quietHours?.start ?? current.quietHours.start,
    quietEnd: input.quietHours?.end ?? current.quietHours.end,
    helpText: input.helpText ?? current.helpText,
    updatedAt: now,
  };
  await db.insert(smsSettings).values(values).onConflictDoUpdate({ target: smsSettings.companyId, set: values });
  return readSmsSettings(db, companyId);
}

/** The HELP answer with the company's name filled in. */
export async function helpAnswer(db: Queryable, companyId: string): Promise<string> {
  const { helpText } = await readSmsSettings(db, companyId);
  const [company] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  return helpText.replace(/\{\{\s*companyName\s*\}\}/g, company?.name ?? 'us');
}

export async function listTemplates(db: Queryable, companyId: string): Promise<SmsTemplate[]> {
  const rows = await db
    .select({ id: smsTemplates.id, name: smsTemplates.name, body: smsTemplates.body })
    .from(smsTemplates)
    .where(eq(smsTemplates.companyId, companyId))
    .orderBy(asc(smsTemplates.name), asc(smsTemplates.id));
  return rows;
}

export async function saveTemplate(db: Db, companyId: string, template: SmsTemplate, now: Date): Promise<SmsTemplate> {
  const values = { companyId, ...template, updatedAt: now };
  await db
    .insert(smsTemplates)
    .values(values)
    .onConflictDoUpdate({ target: [smsTemplates.companyId, smsTemplates.id], set: values });
  return template;
}

export async function deleteTemplate(db: Db, companyId: string, id: string): Promise<boolean> {
  const removed = await db
    .delete(smsTemplates)
    .where(and(eq(smsTemplates.companyId, companyId), eq(smsTemplates.id, id)))
    .returning({ id: smsTemplates.id });
  return removed.length > 0;
}

/** The keyword the number opted out with, or null when it may be texted. */
export async function optOutOf(db: Queryable, companyId: string, e164: string): Promise<string | null> {
  const [row] = await db
    .select({ keyword: smsOptOuts.keyword })
    .from(smsOptOuts)
    .where(and(eq(smsOptOuts.companyId, companyId), eq(smsOptOuts.e164, e164)));
  return row?.keyword ?? null;
}

export async function optOut(db: Queryable, companyId: string, e164: string, keyword: string, at: Date) {
  await db
    .insert(smsOptOuts)
    .values({ companyId, e164, keyword, optedOutAt: at })
    .onConflictDoUpdate({ target: [smsOptOuts.companyId, smsOptOuts.e164], set: { keyword, optedOutAt: at } });
}

export async function optIn(db: Queryable, companyId: string, e164: string) {
  await db.delete(smsOptOuts).where(and(eq(smsOptOuts.companyId, companyId), eq(smsOptOuts.e164, e164)));
}
