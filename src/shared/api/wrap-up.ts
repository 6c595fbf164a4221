import { z } from 'zod';
import { CallRecord, RelatedRef } from '../domain/call';
import { DispositionCode, DispositionStatus, TelephonyOutcome } from '../domain/disposition';
import { Id, Instant, TimeZone } from '../domain/primitives';

/**
 * The wrap-up form's schemas: the draft saved as the agent types (nothing required
 * yet) and what submit accepts (a disposition code, a reason for a call not held).
 */

export const FollowUpPreset = z.enum(['in30m', 'in2h', 'tomorrow9']);
export type FollowUpPreset = z.infer<typeof FollowUpPreset>;

export const FollowUp = z
  .object({
    subject: z.string().trim().min(1, 'Give the follow-up task a subject.').max(500),
    /** A preset, resolved at submit; `tomorrow9` is 09:00 tomorrow in the customer's zone. */
    preset: FollowUpPreset.nullable().default(null),
    /** A chosen due time, when no preset is used. */
    dueAt: Instant.nullable().default(null),
  })
  .refine((f) => f.preset !== null || f.dueAt !== null, {
    message: 'Pick when the follow-up is due.',
    path: ['dueAt'],
  });
export type FollowUp = z.infer<typeof FollowUp>;

/** The same while the agent is still filling it in: nothing required yet. */
export const FollowUpDraft = z.object({
  subject: z.string().max(500).default(''),
  preset: FollowUpPreset.nullable().default(null),
  dueAt: Instant.nullable().default(null),
});

const wrapUpFields = {
  status: DispositionStatus,
  /** The Not Held reason (prefilled from the telephony outcome). */
  reason: z.string().trim().max(1000).nullable(),
  dispositionCode: z.string().max(64).nullable(),
  outcomeText: z.string().max(4000),
  notes: z.string().max(20000),
  related: RelatedRef.nullable(),
  followUp: FollowUpDraft.nullable(),
  /**
   * An unknown caller's name as the agent typed it: with new-caller profiles on (Settings)
   * the number becomes a customer of that name at submit. Empty: leave the caller unknown.
   */
  newCaller: z
    .object({ firstName: z.string().trim().max(100), lastName: z.string().trim().max(100) })
    .default({ firstName: '', lastName: '' }),
};

/** What the form holds while the agent types; nothing required yet. */
export const WrapUpDraft = z.object({ callId: Id, ...wrapUpFields });
export type WrapUpDraft = z.infer<typeof WrapUpDraft>;

export const SaveDraftInput = z
  .object({
    callId: Id,
    status: wrapUpFields.status.optional(),
    reason: wrapUpFields.reason.optional(),
    dispositionCode: wrapUpFields.dispositionCode.optional(),
    outcomeText: wrapUpFields.outcomeText.optional(),
    notes: wrapUpFields.notes.optional(),
    related: wrapUpFields.related.optional(),
    followUp: wrapUpFields.followUp.optional(),
    newCaller: wrapUpFields.newCaller.optional(),
  })
  .strict();

/** What submit accepts: a disposition code is required, a Not Held call needs a reason. */
export const WrapUpSubmit = z
  .object({
    callId: Id,
    ...wrapUpFields,
    dispositionCode: z.string().min(1, 'Pick a disposition code.').max(64),
    outcomeText: z.string().max(4000).default(''),
    notes: z.string().max(20000).default(''),
    related: RelatedRef.nullable().default(null),
    followUp: FollowUp.nullable().default(null),
    reason: wrapUpFields.reason.default(null),
  })
  .strict()
  .refine((w) => w.status === 'Held' || (w.reason ?? '').trim() !== '', {
    message: 'Say why the call was not held.',
    path: ['reason'],
  });
export type WrapUpSubmit = z.infer<typeof WrapUpSubmit>;

export const PendingWrapUp = z.object({
  callId: Id,
  /** After-call work started here (the timer counts from it). */
  since: Instant,
  outcome: TelephonyOutcome,
  call: CallRecord,
  draft: WrapUpDraft,
  /** Active codes; the form offers those whose status matches the draft's. */
  dispositions: z.array(DispositionCode),
  /** The zone "tomorrow 9:00" resolves in: the customer's, else the agent's. */
  customerZone: TimeZone,
  /** The caller matched nobody and new callers get a profile: the form asks for their name. */
  asksNewCallerName: z.boolean().default(false),
  /** The customer the call is with (the chosen contact match), for booking a visit; null when none. */
  customerId: Id.nullable().default(null),
});
export type PendingWrapUp = z.infer<typeof PendingWrapUp>;
