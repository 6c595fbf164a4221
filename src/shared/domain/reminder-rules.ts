import { v5 as uuidv5 } from 'uuid';
import type { Participant, PlannedStart } from './call';
import { reminderInstant } from './time';

/**
 * Who is reminded of a planned call, and when: the rules the desktop's local mutators and
 * the server's mutators both apply, so two desktops never disagree about a reminder.
 *
 * A reminder is one row per recipient and offset ("30 minutes before", for the owner;
 * the same for each teammate taking part). Its id is derived from the three, so the
 * desktop and the server, adding the rows for a new participant each on their own,
 * make the same rows, and a sync never doubles them.
 */

/** The offsets the scheduling sheet offers, in minutes before the planned start. */
export const REMINDER_PRESETS = [0, 5, 15, 30, 60, 1440] as const;

/** A reminder as far as these rules care. */
export interface ReminderRow {
  id: string;
  callId: string;
  /** '' on rows from before reminders had recipients: the call's owner. */
  recipientId: string;
  offsetMinutes: number;
  remindAt: string;
  firedAt: string | null;
  dismissedAt: string | null;
}

export interface RemindedCall {
  id: string;
  ownerId: string;
  participants: readonly Pick<Participant, 'kind' | 'id'>[];
  plannedStart: Pick<PlannedStart, 'utc'> | null;
}

const REMINDER_NAMESPACE = '3f1c6a52-7d0e-4f7b-9a51-2b8f4c0d9e11';

/** The id of the reminder of `callId` for `recipientId`, `offsetMinutes` before. */
export function reminderId(callId: string, recipientId: string, offsetMinutes: number): string {
  return uuidv5(`${callId}\u0000${recipientId}\u0000${offsetMinutes}`, REMINDER_NAMESPACE);
}

/** The owner, then each teammate taking part, once each. Contacts and leads get no reminder. */
export function reminderRecipients(call: Pick<RemindedCall, 'ownerId' | 'participants'>): string[] {
  const users = call.participants.filter((p) => p.kind === 'user').map((p) => p.id);
  return [...new Set([call.ownerId, ...users])];
}

/** The recipient a row is for, reading '' as the owner. */
export function recipientOf(row: Pick<ReminderRow, 'recipientId'>, ownerId: string): string {
  return row.recipientId === '' ? ownerId : row.recipientId;
}

/** The same reminder due again: rescheduled, or planned again after it was cleared. */
export function requeued(row: ReminderRow, plannedUtc: string): ReminderRow {
  return { ...row, remindAt: reminderInstant(plannedUtc, row.offsetMinutes), firedAt: null, dismissedAt: null };
}

/** A Cancelled or Not Held call rings no more: its reminders are cleared (kept, dismissed). */
export function cleared(row: ReminderRow, at: string): ReminderRow {
  return row.dismissedAt !== null ? row : { ...row, dismissedAt: at };
}

export interface RecipientChange {
  /** Rows to write: the call's offsets for a recipient who did not have them. */
  add: ReminderRow[];
  /** Rows of someone who is no longer the owner or a participant. */
  remove: ReminderRow[];
}

/**
 * After the owner or the participants of a call changed: every recipient gets each of
 * the call's offsets (due again from the planned time), and who left loses theirs.
 */
export function recipientChange(rows: readonly ReminderRow[], call: RemindedCall): RecipientChange {
  const recipients = reminderRecipients(call);
  const offsets = [...new Set(rows.map((r) => r.offsetMinutes))];
  const has = new Set(rows.map((r) => `${recipientOf(r, call.ownerId)}\u0000${r.offsetMinutes}`));
  const add: ReminderRow[] = [];
  if (call.plannedStart) {
    for (const recipientId of recipients) {
      for (const offsetMinutes of offsets) {
        if (has.has(`${recipientId}\u0000${offsetMinutes}`)) continue;
        add.push({
          id: reminderId(call.id, recipientId, offsetMinutes),
          callId: call.id,
          recipientId,
          offsetMinutes,
          remindAt: reminderInstant(call.plannedStart.utc, offsetMinutes),
          firedAt: null,
          dismissedAt: null,
        });
      }
    }
  }
  const remove = rows.filter((r) => !recipients.includes(recipientOf(r, call.ownerId)));
  return { add, remove };
}

/** "30 minutes before", "1 day before", "At the time": how a reminder is named. */
export function reminderLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'At the time';
  if (offsetMinutes % 1440 === 0) return `${offsetMinutes / 1440} day${offsetMinutes === 1440 ? '' : 's'} before`;
  if (offsetMinutes % 60 === 0) return `${offsetMinutes / 60} hour${offsetMinutes === 60 ? '' : 's'} before`;
  return `${offsetMinutes} minutes before`;
}

/** A call's state as far as its reminders care. */
export interface CallForReminders extends RemindedCall {
  status: 'Planned' | 'Held' | 'NotHeld' | 'Cancelled';
}

export interface ReminderPlan {
  upsert: ReminderRow[];
  remove: ReminderRow[];
}

const samePeople = (a: CallForReminders, b: CallForReminders) =>
  reminderRecipients(a).join('\u0000') === reminderRecipients(b).join('\u0000');

/**
 * What a change of a call does to its reminders, the one rule both sides apply after
 * every call.update and call.setStatus:
 * - Cancelled or Not Held: all cleared (kept as dismissed; the planned time stays on the call);
 * - rescheduled, or planned again: all due again from the new planned time;
 * - a different owner or participants: the new ones get the call's reminders, who left loses theirs.
 */
export function remindersAfterCallChange(
  rows: readonly ReminderRow[],
  before: CallForReminders,
  after: CallForReminders,
  at: string,
): ReminderPlan {
  if (rows.length === 0) return { upsert: [], remove: [] };
  if (after.status === 'NotHeld' || after.status === 'Cancelled') {
    const changed = rows.map((r) => cleared(r, at)).filter((r, i) => r !== rows[i]);
    return { upsert: changed, remove: [] };
  }
  if (after.status !== 'Planned') return { upsert: [], remove: [] };
  const upsert: ReminderRow[] = [];
  let current = [...rows];
  const planned = after.plannedStart;
  if (planned && (before.status !== 'Planned' || before.plannedStart?.utc !== planned.utc)) {
    current = current.map((r) => requeued(r, planned.utc));
    upsert.push(...current);
  }
  if (!samePeople(before, after)) {
    const change = recipientChange(current, after);
    const removed = new Set(change.remove.map((r) => r.id));
    return { upsert: [...upsert.filter((r) => !removed.has(r.id)), ...change.add], remove: change.remove };
  }
  return { upsert, remove: [] };
}
