import { asc, eq } from 'drizzle-orm';
import type { BlockedNumber } from '../../../../shared/domain/blocked-numbers';
import type { Db } from '../client';
import { blockedNumbers } from '../schema';
import type { WriteTx } from '../write-tx';

/** The desktop's copy of the company's blocked numbers (sync/server-copies.ts keeps it in step). */

export function listBlockedNumbers(db: Db): BlockedNumber[] {
  return db.select().from(blockedNumbers).orderBy(asc(blockedNumbers.e164)).all();
}

/** The entry blocking this E.164 number, or null: a primary-key lookup, cheap enough for every ring. */
export function findBlockedNumber(db: Db, e164: string): BlockedNumber | null {
  return db.select().from(blockedNumbers).where(eq(blockedNumbers.e164, e164)).get() ?? null;
}

/** Replaces the whole copy with the server's list. */
export function replaceBlockedNumbers({ db }: WriteTx, list: readonly BlockedNumber[]): void {
  db.delete(blockedNumbers).run();
  for (const entry of list) db.insert(blockedNumbers).values(entry).run();
}
