import { and, asc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
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
 * The earliest pending instant for `recipientId` (rows from before recipients, '', are
 * this desktop's own). Each `min()` is one seek to the first entry of the partial
 * (recipient_id, remind_at) index, so it costs the same at 100 pending or 100,000; the
 * statement is prepared once per connection because the scheduler asks after every
 * change (test/bench/reminders.ts measures it).
 */
export function nextPendingReminder(db: Db, recipientId: string): string | null {
  let statement = nextPendingStatements.get(db);
  if (!statement) {
    const pendingMin = (who: SQL) =>
      sql`select min(${reminders.remindAt}) as at from ${reminders} where ${reminders.recipientId} = ${who} and ${reminders.firedAt} is null and ${reminders.dismissedAt} is null`;
    statement = db
      .select({ at: sql<string | null>`min(at)` })
      .from(sql`(${pendingMin(sql.placeholder('who') as unknown as SQL)} union all ${pendingMin(sql`''`)})`)
      .prepare();
    nextPendingStatements.set(db, statement);
  }
  return statement.get({ who: recipientId })?.at ?? null;
}

interface NextPendingStatement {
  get(values: { who: string }): { at: string | null } | undefined;
}
const nextPendingStatements = new WeakMap<Db, NextPendingStatement>();

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
