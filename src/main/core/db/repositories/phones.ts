import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PhoneNumber } from '../../../../shared/domain/directory';
import type { Db } from '../client';
import { phones } from '../schema';

export type PhoneOwnerType = 'contact' | 'lead' | 'account';

/** Replaces every number of one owner (numbers are edited as one ordered list). */
export function replacePhones(db: Db, ownerType: PhoneOwnerType, ownerId: string, numbers: PhoneNumber[]): void {
  db.delete(phones)
    .where(and(eq(phones.ownerType, ownerType), eq(phones.ownerId, ownerId)))
    .run();
  if (numbers.length === 0) return;
  db.insert(phones)
    .values(
      numbers.map((n, position) => ({
        ownerType,
        ownerId,
        position,
        kind: n.kind,
        e164: n.e164,
        extension: n.extension ?? null,
      })),
    )
    .run();
}

/** The numbers of several owners of one type, in their order, keyed by owner id. */
export function phonesOf(db: Db, ownerType: PhoneOwnerType, ownerIds: string[]): Map<string, PhoneNumber[]> {
  const byOwner = new Map<string, PhoneNumber[]>();
  if (ownerIds.length === 0) return byOwner;
  const rows = db
    .select()
    .from(phones)
    .where(and(eq(phones.ownerType, ownerType), inArray(phones.ownerId, ownerIds)))
    .orderBy(asc(phones.ownerId), asc(phones.position))
    .all();
  for (const row of rows) {
    const list = byOwner.get(row.ownerId) ?? [];
    list.push({ kind: row.kind, e164: row.e164, extension: row.extension });
    byOwner.set(row.ownerId, list);
  }
  return byOwner;
}

export interface PhoneOwnerRef {
  ownerType: PhoneOwnerType;
  ownerId: string;
}

/**
 * Who owns a number: one point lookup on the e164 index, whatever the table size.
 * Screen pop starts here; the owners' records are fetched by primary key after.
 */
export function ownersOfNumber(db: Db, e164: string): PhoneOwnerRef[] {
  return db
    .selectDistinct({ ownerType: phones.ownerType, ownerId: phones.ownerId })
    .from(phones)
    .where(eq(phones.e164, e164))
    .all();
}
