import { and, asc, eq } from 'drizzle-orm';
import { BlockNumberInput, type BlockedNumber } from '../../shared/domain/blocked-numbers';
import { normalizePhone } from '../../shared/domain/phone';
import type { Db, Tx } from '../db/database';
import { blockedNumbers } from '../db/schema';
import { HttpError } from '../http/errors';

/** The company's blocked numbers (schema.ts blockedNumbers): every read and write is scoped to one company. */

type Queryable = Db | Tx;

/** Numbers typed without a country code are read as US numbers, as Twilio's webhooks are. */
const SERVER_REGION = 'US';

/** The number in E.164 by the shared phone rules, or a 400 in words. */
export function blockedE164(number: string): string {
  const parsed = normalizePhone(number, SERVER_REGION);
  if (!parsed) throw new HttpError(400, 'invalid_number', `“${number.slice(0, 64)}” is not a phone number.`);
  return parsed.e164;
}

function viewOf(row: typeof blockedNumbers.$inferSelect): BlockedNumber {
  return { e164: row.e164, reason: row.reason, addedBy: row.addedByName, addedAt: row.addedAt.toISOString() };
}

export async function listBlockedNumbers(db: Queryable, companyId: string): Promise<BlockedNumber[]> {
  const rows = await db
    .select()
    .from(blockedNumbers)
    .where(eq(blockedNumbers.companyId, companyId))
    .orderBy(asc(blockedNumbers.e164));
  return rows.map(viewOf);
}

/** The entry blocking this E.164 number in the company, or null. */
export async function findBlockedNumber(db: Queryable, companyId: string, e164: string): Promise<BlockedNumber | null> {
  const [row] = await db
    .select()
    .from(blockedNumbers)
    .where(and(eq(blockedNumbers.companyId, companyId), eq(blockedNumbers.e164, e164)));
  return row ? viewOf(row) : null;
}

/** Blocks a number; blocking it again replaces the reason and who/when. */
export async function blockNumber(
  db: Queryable,
  companyId: string,
  input: BlockNumberInput,
  by: { userId: string | null; name: string },
  now: Date,
): Promise<BlockedNumber> {
  const parsed = BlockNumberInput.parse(input);
  const values = {
    companyId,
    e164: blockedE164(parsed.number),
    reason: parsed.reason,
    addedBy: by.userId,
    addedByName: by.name,
    addedAt: now,
  };
  const [row] = await db
    .insert(blockedNumbers)
    .values(values)
    .onConflictDoUpdate({ target: [blockedNumbers.companyId, blockedNumbers.e164], set: values })
    .returning();
  return viewOf(row!);
}

/** Unblocks a number; false when it was not blocked. */
export async function unblockNumber(db: Queryable, companyId: string, number: string): Promise<boolean> {
  const deleted = await db
    .delete(blockedNumbers)
    .where(and(eq(blockedNumbers.companyId, companyId), eq(blockedNumbers.e164, blockedE164(number))))
    .returning({ e164: blockedNumbers.e164 });
  return deleted.length > 0;
}
