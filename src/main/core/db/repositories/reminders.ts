import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { ReminderRow } from '../../../../shared/domain/reminder-rules';
import type { Reminder } from '../../../../shared/domain/work';
import type { Db } from '../client';
import { reminders } from '../schema';
import type { WriteTx } from '../write-tx';

export function insertReminder(db: Db, reminder: Reminder): void {
  db.insert(reminders).values(reminder).run();
}

export function remindersOfCall(db: Db, callId: string): Reminder[] {
  return db.select().from(reminders).where(eq(reminders.callId, callId)).orderBy(asc(reminders.remindAt)).all();
}

/** Writes reminder rows whole (insert or replace the row's fields). */
export function upsertReminders({ db }: WriteTx, rows: readonly ReminderRow[]): void {
  for (const row of rows) {
    db.insert(reminders).values(row).onConflictDoUpdate({ target: reminders.id, set: row }).run();
  }
}

export function deleteReminders({ db }: WriteTx, ids: readonly string[]): void {
  if (ids.length > 0)
    db.delete(reminders)
      .where(inArray(reminders.id, [...ids]))
      .run();
}

/** Reminders due by `at` that have neither fired nor been dismissed (partial index). */
export function dueReminders(db: Db, at: string): Reminder[] {
  return db
    .select()
    .from(reminders)
    .where(and(isNull(reminders.firedAt), isNull(reminders.dismissedAt), lte(reminders.remindAt, at)))
    .orderBy(asc(reminders.remindAt))
    .all();
}

/**
 * The earliest pending reminder for `recipientId` (rows from before recipients, '', are
 * this desktop's own): two seeks on the partial (recipient, remind_at) index.
 */
export function nextPendingReminder(db: Db, recipientId: string): string | null {
  let next: string | null = null;
  for (const who of [recipientId, '']) {
    const row = db
      .select({ at: reminders.remindAt })
      .from(reminders)
      .where(and(eq(reminders.recipientId, who), isNull(reminders.firedAt), isNull(reminders.dismissedAt)))
      .orderBy(asc(reminders.remindAt))
      .limit(1)
      .get();
    if (row && (next === null || row.at < next)) next = row.at;
  }
  return next;
}

/** The recipient's pending reminders due by `at`, oldest first. */
export function dueRemindersFor(db: Db, recipientId: string, at: string): Reminder[] {
  return db
    .select()
    .from(reminders)
    .where(
      and(
        inArray(reminders.recipientId, [recipientId, '']),
        isNull(reminders.firedAt),
        isNull(reminders.dismissedAt),
        lte(reminders.remindAt, at),
      ),
    )
    .orderBy(asc(reminders.remindAt))
    .all();
}

/** Fired and not yet dismissed: the banners that are showing for the recipient. */
export function ringingReminders(db: Db, recipientId: string): Reminder[] {
  return db
    .select()
    .from(reminders)
    .where(
      and(
        inArray(reminders.recipientId, [recipientId, '']),
        sql`${reminders.firedAt} is not null`,
        isNull(reminders.dismissedAt),
      ),
    )
    .orderBy(asc(reminders.remindAt))
    .all();
}
