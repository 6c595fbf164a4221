import type { CallRecord, Participant } from '../../shared/domain/call';
import type { Note, Reminder, Task } from '../../shared/domain/work';
import { calls, notes, reminders, tasks } from '../db/schema';

/** Row ⇄ record mapping for the work entities. Instants leave as ISO strings with ms. */

export type CallRow = typeof calls.$inferSelect;
export type NoteRow = typeof notes.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type ReminderRow = typeof reminders.$inferSelect;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
const toDate = (instant: string | null): Date | null => (instant ? new Date(instant) : null);

export function callRecordOf(row: CallRow): CallRecord {
  return {
    id: row.id,
    direction: row.direction,
    subject: row.subject,
    status: row.status,
    statusReason: row.statusReason,
    plannedStart: row.plannedStart ?? null,
    actualStart: iso(row.actualStart),
    actualEnd: iso(row.actualEnd),
    durationSeconds: row.durationSeconds,
    outcome: { dispositionCode: row.dispositionCode, text: row.outcomeText },
    participants: row.participants,
    related:
      row.relatedType && row.relatedId
        ? {
            type: row.relatedType as NonNullable<CallRecord['related']>['type'],
            id: row.relatedId,
            name: row.relatedName ?? '',
          }
        : null,
    ownerId: row.ownerId,
    teamId: row.teamId,
    fromNumber: row.fromNumber,
    toNumber: row.toNumber,
    providerCallId: row.providerCallId,
    recordingUrl: row.recordingUrl,
    quality: row.quality ?? null,
    // Left out when there is none (both are optional on the record).
    ...(row.review ? { review: row.review } : {}),
    ...(row.transcript ? { transcript: row.transcript } : {}),
    wrappedUpAt: row.wrappedUpAt?.toISOString() ?? null,
    history: row.history,
    ...(row.tagSet ? { tagSet: row.tagSet } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    isDemo: row.isDemo,
  };
}

export function participantUserIds(participants: readonly Participant[]): string[] {
  return [...new Set(participants.filter((p) => p.kind === 'user').map((p) => p.id))];
}

/** The instant a call is filed under: when it happened, else when it is planned, else when logged. */
export function occurredAt(record: Pick<CallRecord, 'actualStart' | 'plannedStart' | 'createdAt'>): Date {
  return new Date(record.actualStart ?? record.plannedStart?.utc ?? record.createdAt);
}

/** Every column of a call row derived from the record (not company, version or field clocks). */
export function callColumnsOf(record: CallRecord) {
  return {
    id: record.id,
    direction: record.direction,
    subject: record.subject,
    status: record.status,
    statusReason: record.statusReason,
    plannedStart: record.plannedStart,
    actualStart: toDate(record.actualStart),
    actualEnd: toDate(record.actualEnd),
    durationSeconds: record.durationSeconds,
    occurredAt: occurredAt(record),
    dispositionCode: record.outcome.dispositionCode,
    outcomeText: record.outcome.text,
    participants: record.participants,
    participantUserIds: participantUserIds(record.participants),
    relatedType: record.related?.type ?? null,
    relatedId: record.related?.id ?? null,
    relatedName: record.related?.name ?? null,
    ownerId: record.ownerId,
    teamId: record.teamId,
    fromNumber: record.fromNumber,
    toNumber: record.toNumber,
    providerCallId: record.providerCallId,
    recordingUrl: record.recordingUrl,
    quality: record.quality ?? null,
    review: record.review ?? null,
    transcript: record.transcript ?? null,
    wrappedUpAt: toDate(record.wrappedUpAt ?? null),
    history: record.history,
    tagSet: record.tagSet ?? null,
    isDemo: record.isDemo,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
  };
}

/**
 * The columns a status change writes: the status, its reason and history, and the times
 * that come with it. Shared by the desktops' `call.setStatus` and Twilio's settled outcome.
 */
export function statusColumnsOf(record: CallRecord) {
  const columns = callColumnsOf(record);
  return {
    status: columns.status,
    statusReason: columns.statusReason,
    actualStart: columns.actualStart,
    actualEnd: columns.actualEnd,
    durationSeconds: columns.durationSeconds,
    occurredAt: columns.occurredAt,
    history: columns.history,
  };
}

export function noteOf(row: NoteRow): Note {
  return {
    id: row.id,
    body: row.body,
    callId: row.callId,
    related:
      row.relatedType && row.relatedId
        ? {
            type: row.relatedType as NonNullable<Note['related']>['type'],
            id: row.relatedId,
            name: row.relatedName ?? '',
          }
        : null,
    authorId: row.authorId,
    category: row.category,
    createdAt: row.createdAt.toISOString(),
    isDemo: row.isDemo,
  };
}

export function taskOf(row: TaskRow): Task {
  return {
    id: row.id,
    subject: row.subject,
    dueAt: iso(row.dueAt),
    status: row.status,
    priority: row.priority,
    related: row.related as Task['related'],
    callId: row.callId,
    ownerId: row.ownerId,
    isDemo: row.isDemo,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function reminderOf(row: ReminderRow): Reminder {
  return {
    id: row.id,
    callId: row.callId,
    recipientId: row.ownerId,
    offsetMinutes: row.offsetMinutes,
    remindAt: row.remindAt.toISOString(),
    firedAt: iso(row.firedAt),
    dismissedAt: iso(row.dismissedAt),
  };
}

/** The later of two instants: `updatedAt` never moves back when an older edit arrives late. */
export function laterOf(a: Date, b: string): Date {
  const other = new Date(b);
  return other > a ? other : a;
}
