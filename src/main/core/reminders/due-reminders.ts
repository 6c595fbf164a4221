import type { DueReminder } from '../../../shared/api/reminders';
import type { Reminder } from '../../../shared/domain/work';
import type { Db } from '../db/client';
import { getCall } from '../db/repositories/calls';

/** A reminder with what its banner says about the call; null when the call is gone. */
export function describeDue(db: Db, reminder: Reminder): DueReminder | null {
  const call = getCall(db, reminder.callId);
  if (!call) return null;
  return {
    id: reminder.id,
    callId: call.id,
    subject: call.subject,
    plannedUtc: call.plannedStart?.utc ?? null,
    plannedZone: call.plannedStart?.zone ?? null,
    offsetMinutes: reminder.offsetMinutes,
    remindAt: reminder.remindAt,
    number: call.direction === 'Outbound' ? call.toNumber : call.fromNumber,
    relatedName: call.related?.name || null,
  };
}

export function describeAll(db: Db, reminders: readonly Reminder[]): DueReminder[] {
  return reminders.map((r) => describeDue(db, r)).filter((r): r is DueReminder => r !== null);
}
