import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { keywordOf } from '../../../../shared/sms/keywords';
import type { SmsMessage } from '../../../../shared/sms/message';
import type { Db } from '../client';
import type { WriteTx } from '../../db/write-tx';
import { smsMessages, smsReadMarks } from '../schema';
import { relatedColumns, relatedFromColumns } from './related';

/** Text messages in the local store: a thread per customer number, and what this agent has read. */

type Row = typeof smsMessages.$inferSelect;

function messageOf(row: Row): SmsMessage {
  const { relatedType, relatedId, relatedName, ...rest } = row;
  return { ...rest, related: relatedFromColumns({ relatedType, relatedId, relatedName }) };
}

export function upsertMessage({ db }: WriteTx, message: SmsMessage): void {
  const { related, ...rest } = message;
  const row = { ...rest, ...relatedColumns(related) };
  db.insert(smsMessages).values(row).onConflictDoUpdate({ target: smsMessages.id, set: row }).run();
}

export function getMessage(db: Db, id: string): SmsMessage | null {
  const row = db.select().from(smsMessages).where(eq(smsMessages.id, id)).get();
  return row ? messageOf(row) : null;
}

/** Every message with these numbers, oldest first. */
export function messagesOfNumbers(db: Db, numbers: string[]): SmsMessage[] {
  if (numbers.length === 0) return [];
  return db
    .select()
    .from(smsMessages)
    .where(inArray(smsMessages.customerNumber, numbers))
    .orderBy(asc(smsMessages.createdAt), asc(smsMessages.id))
    .all()
    .map(messageOf);
}

/** The numbers a record has texts with (they may be numbers it no longer has). */
export function numbersTextedBy(db: Db, related: { type: string; id: string }): string[] {
  return db
    .selectDistinct({ number: smsMessages.customerNumber })
    .from(smsMessages)
    .where(
      and(
        eq(smsMessages.relatedType, related.type as Row['relatedType'] & string),
        eq(smsMessages.relatedId, related.id),
      ),
    )
    .all()
    .map((row) => row.number);
}

/**
 * Whether the customer opted out, as far as this desktop knows: their latest STOP or
 * START (and its aliases) decides. The server keeps the authoritative list and refuses
 * a send either way; this lets the compose sheet say so before the agent writes.
 */
export function optedOutKeyword(db: Db, number: string): string | null {
  const inbound = db
    .select({ body: smsMessages.body })
    .from(smsMessages)
    .where(and(eq(smsMessages.customerNumber, number), eq(smsMessages.direction, 'inbound')))
    .orderBy(desc(smsMessages.createdAt), desc(smsMessages.id))
    .limit(200)
    .all();
  for (const { body } of inbound) {
    const keyword = keywordOf(body);
    if (keyword === 'opt-out') return body.trim().toUpperCase();
    if (keyword === 'opt-in') return null;
  }
  return null;
}

/** Inbound messages newer than the thread's read mark, per number (all threads when `numbers` is left out). */
export function unreadCount(db: Db, numbers?: string[]): number {
  const row = db
    .select({ n: count() })
    .from(smsMessages)
    .leftJoin(smsReadMarks, eq(smsReadMarks.customerNumber, smsMessages.customerNumber))
    .where(
      and(
        eq(smsMessages.direction, 'inbound'),
        numbers ? inArray(smsMessages.customerNumber, numbers) : undefined,
        or(isNull(smsReadMarks.readThrough), gt(smsMessages.createdAt, smsReadMarks.readThrough)),
      ),
    )
    .get();
  return row?.n ?? 0;
}

/** Marks the thread read up to its newest message. Local state, written by the caller's unsynced write. */
export function markThreadRead({ db }: WriteTx, number: string): void {
  const newest = db
    .select({ at: sql<string>`max(${smsMessages.createdAt})` })
    .from(smsMessages)
    .where(eq(smsMessages.customerNumber, number))
    .get()?.at;
  if (!newest) return;
  db.insert(smsReadMarks)
    .values({ customerNumber: number, readThrough: newest })
    .onConflictDoUpdate({ target: smsReadMarks.customerNumber, set: { readThrough: newest } })
    .run();
}

/** Inbound messages created after `after` (ISO), oldest first: what the alerts have not announced yet. */
export function inboundSince(db: Db, after: string): SmsMessage[] {
  return db
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.direction, 'inbound'), gt(smsMessages.createdAt, after)))
    .orderBy(asc(smsMessages.createdAt), asc(smsMessages.id))
    .limit(50)
    .all()
    .map(messageOf);
}

export function newestInbound(db: Db): string | null {
  return (
    db
      .select({ at: sql<string | null>`max(${smsMessages.createdAt})` })
      .from(smsMessages)
      .where(eq(smsMessages.direction, 'inbound'))
      .get()?.at ?? null
  );
}
