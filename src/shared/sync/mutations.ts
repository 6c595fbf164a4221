import { z } from 'zod';
import { CallDirection, CallQualitySummary, CallStatus, Participant, PlannedStart, RelatedRef } from '../domain/call';
import { AppointmentStatus, ServiceType } from '../domain/appointment';
import {
  Address,
  CalendarDate,
  ClockTime,
  CustomerInfo,
  Equipment,
  NoteCategory,
  Preferences,
} from '../domain/customer';
import { PhoneNumber } from '../domain/directory';
import { E164, Id, Instant, RecordingUrl, TimeZone } from '../domain/primitives';
import { TagAddId, TagName } from '../domain/tag-set';
import { TaskStatus } from '../domain/work';
import { SMS_MAX_LENGTH } from '../sms/message';

/**
 * Every write the desktop makes offline, by name, with the schema of its arguments. The
 * desktop validates before it queues (so its outbox only holds well-formed mutations);
 * the server validates again, and a mutation whose arguments do not parse is rejected,
 * never retried. Names are part of the wire protocol: add new ones, never rename.
 *
 * Who made a change is never an argument: the server takes it from the access token.
 * `at` is the agent's wall-clock time of the change (for timestamps shown to people);
 * the mutation's HLC, not `at`, decides conflicts.
 */

/** Editable call fields; each is a unit of last-writer-wins by HLC. */
export const CallFields = z
  .object({
    subject: z.string().trim().min(1).max(500),
    plannedStart: PlannedStart.nullable(),
    dispositionCode: z.string().max(64).nullable(),
    outcomeText: z.string().max(4000),
    related: RelatedRef.nullable(),
    participants: z.array(Participant).max(100),
    teamId: Id.nullable(),
    fromNumber: E164.nullable(),
    toNumber: E164.nullable(),
    providerCallId: z.string().max(128).nullable(),
    recordingUrl: RecordingUrl.nullable(),
    /** Measured by the desktop's line during the call, written when it ends. */
    quality: CallQualitySummary.nullable(),
    /** Set by the wrap-up when it is saved: the end of the call's after-call work. */
    wrappedUpAt: Instant.nullable(),
    /**
     * The reason of a Not Held or Cancelled call, as refined at wrap-up ("Left a voicemail"
     * instead of telephony's "No answer"). Ignored against a call in another status
     * (call-records.ts). A status change sets the reason too, through the lifecycle.
     */
    statusReason: z.string().trim().min(1).max(1000),
  })
  .strict();
export type CallFields = z.infer<typeof CallFields>;
export type CallField = keyof CallFields;
export const callFieldNames = Object.keys(CallFields.shape) as CallField[];

const nonEmpty = <T extends z.ZodObject>(schema: T) =>
  schema.refine((value) => Object.keys(value).length > 0, 'Nothing to change: `set` is empty.');

export const CallCreateArgs = z
  .object({
    id: Id,
    direction: CallDirection,
    subject: z.string().trim().min(1).max(500),
    status: CallStatus.default('Planned'),
    reason: z.string().max(1000).nullable().default(null),
    plannedStart: PlannedStart.nullable().default(null),
    actualStart: Instant.nullable().default(null),
    actualEnd: Instant.nullable().default(null),
    dispositionCode: z.string().max(64).nullable().default(null),
    outcomeText: z.string().max(4000).default(''),
    related: RelatedRef.nullable().default(null),
    participants: z.array(Participant).max(100).default([]),
    /** Defaults to the caller; only supervisors and admins may log a call for someone else. */
    ownerId: Id.optional(),
    teamId: Id.nullable().default(null),
    fromNumber: E164.nullable().default(null),
    toNumber: E164.nullable().default(null),
    providerCallId: z.string().max(128).nullable().default(null),
    recordingUrl: RecordingUrl.nullable().default(null),
    isDemo: z.boolean().default(false),
    at: Instant,
  })
  .strict();

export const CallUpdateArgs = z.object({ id: Id, set: nonEmpty(CallFields.partial()), at: Instant }).strict();

export const CallSetStatusArgs = z
  .object({
    id: Id,
    to: CallStatus,
    reason: z.string().max(1000).nullable().optional(),
    actualStart: Instant.nullable().optional(),
    actualEnd: Instant.nullable().optional(),
    at: Instant,
  })
  .strict();

/**
 * The live call connected: its actual start, written on the still-Planned record so a
 * rebase during the call (and the server) keep it. A call no longer Planned ignores it:
 * the status change that ended the call carries the times itself.
 */
export const CallAnsweredArgs = z.object({ id: Id, actualStart: Instant, at: Instant }).strict();

/**
 * A supervisor flags a call for review with a score and a comment (null takes the review
 * back). Supervisors and admins only: the server refuses it from an agent. Who reviewed
 * comes from the access token, as always.
 */
export const CallReviewArgs = z
  .object({
    id: Id,
    review: z
      .object({
        score: z.number().int().min(1, 'A score is 1 to 5.').max(5, 'A score is 1 to 5.'),
        comment: z.string().trim().max(2000, 'A comment has at most 2,000 characters.'),
      })
      .strict()
      .nullable(),
    at: Instant,
  })
  .strict();

/**
 * A supervisor gives a call to another user of the company (the bulk bar's "Change owner").
 * Supervisors and admins only, to an enabled colleague: the server checks both. Who can
 * see the call follows the owner: an agent who loses it gets a tombstone for it.
 */
export const CallSetOwnerArgs = z.object({ id: Id, ownerId: Id, at: Instant }).strict();

export const NoteAddArgs = z
  .object({
    id: Id,
    body: z.string().trim().min(1).max(20000),
    callId: Id.nullable().default(null),
    related: RelatedRef.nullable().default(null),
    category: NoteCategory.default('general'),
    isDemo: z.boolean().default(false),
    at: Instant,
  })
  .strict();

export const TaskFields = z
  .object({
    subject: z.string().trim().min(1).max(500),
    dueAt: Instant.nullable(),
    priority: z.enum(['Low', 'Normal', 'High']),
    related: RelatedRef.nullable(),
    callId: Id.nullable(),
    ownerId: Id,
  })
  .strict();
export type TaskFields = z.infer<typeof TaskFields>;

export const TaskCreateArgs = z
  .object({
    id: Id,
    subject: z.string().trim().min(1).max(500),
    dueAt: Instant.nullable().default(null),
    priority: z.enum(['Low', 'Normal', 'High']).default('Normal'),
    related: RelatedRef.nullable().default(null),
    callId: Id.nullable().default(null),
    /** Defaults to the caller; assigning to someone else needs supervisor or admin. */
    ownerId: Id.optional(),
    isDemo: z.boolean().default(false),
    at: Instant,
  })
  .strict();
export const TaskUpdateArgs = z.object({ id: Id, set: nonEmpty(TaskFields.partial()), at: Instant }).strict();
export const TaskSetStatusArgs = z.object({ id: Id, to: TaskStatus, at: Instant }).strict();

export const ReminderSetArgs = z
  .object({
    id: Id,
    callId: Id,
    offsetMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 14),
    remindAt: Instant,
    /**
     * Who is reminded: the caller when left out. Another recipient must be the call's
     * owner or a teammate taking part (reminder-rules.ts).
     */
    recipientId: Id.optional(),
    at: Instant,
  })
  .strict();
export const ReminderUpdateArgs = z
  .object({
    id: Id,
    set: nonEmpty(z.object({ firedAt: Instant.nullable(), dismissedAt: Instant.nullable() }).partial().strict()),
    at: Instant,
  })
  .strict();
export const ReminderDeleteArgs = z.object({ id: Id, at: Instant }).strict();

/**
 * The customer profile, part by part (customer.ts), on a contact or an account: each part
 * its own last-writer-wins unit.
 */
const profileFieldShape = {
  customer: CustomerInfo.nullable(),
  addresses: z.array(Address).max(20),
  equipment: z.array(Equipment).max(50),
  preferences: Preferences,
};

export const ContactFields = z
  .object({
    firstName: z.string().trim().max(100),
    lastName: z.string().trim().min(1).max(100),
    title: z.string().max(200),
    email: z.string().max(320),
    phones: z.array(PhoneNumber).max(20),
    tags: z.array(z.string().min(1).max(50)).max(50),
    doNotContact: z.boolean(),
    doNotContactReason: z.string().max(500).nullable(),
    doNotContactSince: Instant.nullable(),
    doNotContactBy: z.string().max(200).nullable(),
    timeZone: TimeZone.nullable(),
    accountId: Id.nullable(),
    ...profileFieldShape,
  })
  .strict();
export type ContactFields = z.infer<typeof ContactFields>;

/**
 * What a desktop edits on an account: its customer profile. The account itself (name,
 * numbers) comes from the company directory's import.
 */
export const AccountFields = z.object(profileFieldShape).strict();
export type AccountFields = z.infer<typeof AccountFields>;

export const ContactCreateArgs = z
  .object({
    id: Id,
    firstName: z.string().trim().max(100).default(''),
    lastName: z.string().trim().min(1).max(100),
    title: z.string().max(200).default(''),
    email: z.string().max(320).default(''),
    phones: z.array(PhoneNumber).max(20).default([]),
    tags: z.array(z.string().min(1).max(50)).max(50).default([]),
    doNotContact: z.boolean().default(false),
    doNotContactReason: z.string().max(500).nullable().default(null),
    doNotContactSince: Instant.nullable().default(null),
    doNotContactBy: z.string().max(200).nullable().default(null),
    timeZone: TimeZone.nullable().default(null),
    accountId: Id.nullable().default(null),
    customer: CustomerInfo.nullable().default(null),
    addresses: z.array(Address).max(20).default([]),
    equipment: z.array(Equipment).max(50).default([]),
    preferences: Preferences.optional(),
    isDemo: z.boolean().default(false),
    at: Instant,
  })
  .strict();
export const ContactUpdateArgs = z.object({ id: Id, set: nonEmpty(ContactFields.partial()), at: Instant }).strict();
export const AccountUpdateArgs = z.object({ id: Id, set: nonEmpty(AccountFields.partial()), at: Instant }).strict();

/**
 * A visit booked for a customer (appointment.ts). The window is on the customer's clock in
 * `timeZone`; the instants are derived from it by the booking desktop and checked by the
 * server against the same rule, so both sides file the visit at the same moment.
 */
export const AppointmentBookArgs = z
  .object({
    id: Id,
    contactId: Id,
    callId: Id.nullable().default(null),
    date: CalendarDate,
    windowFrom: ClockTime,
    windowUntil: ClockTime,
    timeZone: TimeZone,
    address: Address.nullable().default(null),
    serviceType: ServiceType,
    technicianNotes: z.string().trim().max(2000).default(''),
    isDemo: z.boolean().default(false),
    at: Instant,
  })
  .strict()
  .refine((a) => a.windowFrom < a.windowUntil, {
    message: 'The arrival window ends after it starts.',
    path: ['windowUntil'],
  });

/**
 * A visit moved to a new date and arrival window on the customer's clock in `timeZone`
 * (appointment.ts, rescheduledAppointment). The slot merges on its own: the newest move
 * by HLC wins, whatever happened to the status meanwhile.
 */
export const AppointmentRescheduleArgs = z
  .object({
    id: Id,
    date: CalendarDate,
    windowFrom: ClockTime,
    windowUntil: ClockTime,
    timeZone: TimeZone,
    reason: z.string().trim().max(500).default(''),
    at: Instant,
  })
  .strict()
  .refine((a) => a.windowFrom < a.windowUntil, {
    message: 'The arrival window ends after it starts.',
    path: ['windowUntil'],
  });

/** Completed, cancelled, no-show (or back to scheduled): the newest change by HLC wins. */
export const AppointmentSetStatusArgs = z.object({ id: Id, to: AppointmentStatus, at: Instant }).strict();

/**
 * The agent's availability, as their desktop sees it (after-call work included), so the
 * server rings only agents who are Available. Last report by HLC wins; the server also
 * notes when the desktop was last heard from, so a silent desktop is not rung.
 */
export const PresenceSetArgs = z
  .object({
    availability: z.enum(['Available', 'Busy', 'Away', 'Offline', 'AfterCallWork']),
    at: Instant,
  })
  .strict();

/**
 * A text to a customer. `id` is the message's idempotency key: the server stores one
 * message per id and hands it to Twilio once, however often the push is retried.
 * Quiet hours (the customer's evening and night) are the desktop's to check:
 * `quietHoursConfirmed` records that the agent chose to send anyway.
 */
export const SmsSendArgs = z
  .object({
    id: Id,
    to: E164,
    body: z.string().trim().min(1, 'The message is empty.').max(SMS_MAX_LENGTH),
    related: RelatedRef.nullable().default(null),
    quietHoursConfirmed: z.boolean().default(false),
    at: Instant,
  })
  .strict();

/** What can carry tags. */
export const TaggedEntity = z.enum(['calls', 'contacts']);
export type TaggedEntity = z.infer<typeof TaggedEntity>;

/**
 * Tags are an add-wins observed-remove set (domain/tag-set.ts), not a field: an addition
 * is its own entry with a fresh id, and a removal names the additions its desktop saw,
 * so two agents tagging one call offline both keep their tags.
 */
export const TagAddArgs = z
  .object({ entity: TaggedEntity, id: Id, tag: TagName, addId: TagAddId, at: Instant })
  .strict();
export const TagRemoveArgs = z
  .object({ entity: TaggedEntity, id: Id, addIds: z.array(TagAddId).min(1).max(200), at: Instant })
  .strict();

export const mutationArgs = {
  'call.create': CallCreateArgs,
  'call.update': CallUpdateArgs,
  'call.setStatus': CallSetStatusArgs,
  'call.answered': CallAnsweredArgs,
  'call.review': CallReviewArgs,
  'call.setOwner': CallSetOwnerArgs,
  'note.add': NoteAddArgs,
  'task.create': TaskCreateArgs,
  'task.update': TaskUpdateArgs,
  'task.setStatus': TaskSetStatusArgs,
  'reminder.set': ReminderSetArgs,
  'reminder.update': ReminderUpdateArgs,
  'reminder.delete': ReminderDeleteArgs,
  'contact.create': ContactCreateArgs,
  'contact.update': ContactUpdateArgs,
  'account.update': AccountUpdateArgs,
  'appointment.book': AppointmentBookArgs,
  'appointment.setStatus': AppointmentSetStatusArgs,
  'appointment.reschedule': AppointmentRescheduleArgs,
  'presence.set': PresenceSetArgs,
  'sms.send': SmsSendArgs,
  'tag.add': TagAddArgs,
  'tag.remove': TagRemoveArgs,
} as const;

export type MutationName = keyof typeof mutationArgs;
export const mutationNames = Object.keys(mutationArgs) as MutationName[];
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;
/** What the desktop passes when it queues a mutation (before defaults). */
export type MutationInput<N extends MutationName> = z.input<(typeof mutationArgs)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutationArgs, name);
}
