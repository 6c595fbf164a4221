import { z } from 'zod';
import { CallDirection, CallRecord, CallStatus, Outcome, Participant, RelatedRef } from '../domain/call';
import { DispositionCode } from '../domain/disposition';
import { E164, Id, Instant, LocalDateTime } from '../domain/primitives';
import { Note } from '../domain/work';
import type { ApiTable } from './table';
import { FollowUp } from './wrap-up';

/**
 * The zone is only bounded here, not checked: the shared planning rule checks it
 * (planned-time.ts) and refuses an unknown one in the agent's words, where a schema
 * refusal could only name the field ("plannedStart.zone").
 */
export const PlannedStartInput = z.object({ local: LocalDateTime, zone: z.string().max(64) });

/** A reminder's offset before the planned start: at the time, up to two weeks before. */
export const ReminderOffset = z
  .number()
  .int()
  .min(0, 'A reminder comes before the call, not after it.')
  .max(60 * 24 * 14, 'A reminder can be at most two weeks before the call.');

export const CallListInput = z
  .object({
    status: z.array(CallStatus).optional(),
    direction: CallDirection.optional(),
    /** Calls whose related record is this one. */
    related: z.object({ type: RelatedRef.shape.type, id: Id }).optional(),
    /** Calls with this contact or lead as a participant. */
    participantId: Id.optional(),
    /** Free text over subject, outcome, participant names and notes; or a phone number in any format. */
    search: z.string().max(200).optional(),
    /** Planned in [plannedFrom, plannedTo): a schedule's week. */
    plannedFrom: Instant.optional(),
    plannedTo: Instant.optional(),
    /** `recent`: newest first by when it happened (or is planned); `planned`: soonest planned first. */
    sort: z.enum(['recent', 'planned']).default('recent'),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const CallList = z.object({ items: z.array(CallRecord), total: z.number().int() });

export const CreateCallInput = z
  .object({
    direction: CallDirection,
    subject: z.string().trim().min(1, 'Give the call a subject.').max(500),
    status: CallStatus.default('Planned'),
    reason: z.string().max(1000).nullable().optional(),
    plannedStart: PlannedStartInput.nullable().default(null),
    actualStart: Instant.nullable().default(null),
    actualEnd: Instant.nullable().default(null),
    outcome: Outcome.default({ dispositionCode: null, text: '' }),
    related: RelatedRef.nullable().default(null),
    participants: z.array(Participant).default([]),
    fromNumber: E164.nullable().default(null),
    toNumber: E164.nullable().default(null),
    /** Reminders before the planned start, in minutes (0: at the time), for the owner and each teammate taking part. */
    reminders: z.array(ReminderOffset).max(10).default([]),
  })
  .strict();

export const UpdateCallInput = z
  .object({
    id: Id,
    subject: z.string().trim().min(1).max(500).optional(),
    plannedStart: PlannedStartInput.nullable().optional(),
    outcome: Outcome.optional(),
    related: RelatedRef.nullable().optional(),
    participants: z.array(Participant).optional(),
  })
  .strict();

/**
 * Marking a call by hand asks for what the lifecycle needs and, in the same save, what
 * the seeds ask of a finished call: its outcome, a note and a follow-up (Held), or a
 * new planned time (Plan again). One commit: all of it is saved, or none.
 */
export const SetStatusInput = z
  .object({
    id: Id,
    to: CallStatus,
    reason: z.string().max(1000).nullable().optional(),
    actualStart: Instant.nullable().optional(),
    actualEnd: Instant.nullable().optional(),
    outcome: Outcome.optional(),
    note: z.string().trim().max(20000).optional(),
    /** A follow-up task linked to the call and its related record. */
    followUp: FollowUp.optional(),
    plannedStart: PlannedStartInput.optional(),
  })
  .strict();

export const callsApi = {
  'calls.list': { input: CallListInput, output: CallList, summary: 'The call log, newest first, filtered.' },
  'calls.get': { input: z.object({ id: Id }).strict(), output: CallRecord, summary: 'One call with its history.' },
  'calls.create': { input: CreateCallInput, output: CallRecord, summary: 'Logs or plans a call.' },
  'calls.update': { input: UpdateCallInput, output: CallRecord, summary: 'Edits fields other than status.' },
  'calls.setStatus': {
    input: SetStatusInput,
    output: CallRecord,
    summary: 'Moves a call through the lifecycle (shared rules decide what is allowed).',
  },
  'calls.addNote': {
    input: z.object({ callId: Id, body: z.string().trim().min(1).max(20000) }).strict(),
    output: Note,
    summary: 'Adds a note to a call (notes are append-only: a correction is a new note).',
  },
  'calls.notes': {
    input: z.object({ callId: Id }).strict(),
    output: z.object({ items: z.array(Note) }),
    summary: 'The notes of a call, oldest first (the agent’s, and supervisors’ from the CRM).',
  },
  'calls.dispositions': {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(DispositionCode) }),
    summary: 'The team’s disposition codes, retired ones included (so old calls still show their label).',
  },
} as const satisfies ApiTable;
