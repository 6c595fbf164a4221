import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Reminder } from '../../../../shared/domain/work';
import type { Db } from '../client';
import { reminders } from '../schema';

export function insertReminder(db: Db, reminder: Reminder): void {
  db.insert(reminders).values(reminder).run();
}

export function remindersOfCall(db: Db, callId: string): Reminder[] {
  return db.select().from(reminders).where(eq(reminders.callId, callId)).orderBy(asc(reminders.remindAt)).all();
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
