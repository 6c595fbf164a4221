import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PhoneNumber } from '../../../../shared/domain/directory';
import type { Db } from '../client';
import { describeNumber } from '../../lookup/number-facts';
import { phones } from '../schema';

export type PhoneOwnerType = 'contact' | 'lead' | 'account';

/** A `phones` row as every writer stores it (keys are the drizzle names; raw SQL binds them as @names). */
export interface PhoneRowValues {
  ownerType: PhoneOwnerType;
  ownerId: string;
  position: number;
  kind: PhoneNumber['kind'];
  e164: string;
  extension: string | null;
  /** NULL only when the writer deferred the facts (see `deriveFacts` below). */
  display: string | null;
  countryZone: string | null;
}

/**
 * The ONE place a phone row's values are made, for every writer (repositories, the sync
 * cache writer, tests and benches that load stores): it derives what the screen pop shows
 * about the number — display form and single country zone — from e164 here, once per
 * write, so that a ring does no libphonenumber work (migration 0007). A writer that
 * bypasses it leaves those columns NULL and the pop derives them itself: slower, not wrong.
 *
 * `deriveFacts: false` leaves them NULL on purpose: the first directory download writes a
 * million numbers, and deriving them there (~20 µs each) would add ~20 s to it; the sync
 * engine fills them afterwards in small slices (fillNumberFactsWindow in db/backfills.ts).
 */
export function phoneRowValues(
  ownerType: PhoneOwnerType,
  ownerId: string,
  position: number,
  phone: PhoneNumber,
  deriveFacts = true,
): PhoneRowValues {
  const facts = deriveFacts ? describeNumber(phone.e164) : { display: null, zone: null };
  return {
    ownerType,
    ownerId,
    position,
    kind: phone.kind,
    e164: phone.e164,
    extension: phone.extension ?? null,
    display: facts.display,
    countryZone: facts.zone,
  };
}

/** Replaces every number of one owner (numbers are edited as one ordered list). */
export function replacePhones(db: Db, ownerType: PhoneOwnerType, ownerId: string, numbers: PhoneNumber[]): void {
  db.delete(phones)
    .where(and(eq(phones.ownerType, ownerType), eq(phones.ownerId, ownerId)))
    .run();
  if (numbers.length === 0) return;
  db.insert(phones)
    .values(numbers.map((n, position) => phoneRowValues(ownerType, ownerId, position, n)))
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
