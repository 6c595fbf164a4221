import { z } from 'zod';
import { CallDirection, type CallStatus } from './call';

/**
 * Disposition codes: what the agent picks at wrap-up to say how a call went. The list
 * is configurable per team (Settings), so records store the `code`, never the label,
 * and a code that was later removed from the list still reads as itself.
 *
 * Each code suggests the CRM status it goes with: "Left voicemail" means the call was
 * not held, "Sale" means it was. The wrap-up form uses the suggestion to preselect a
 * status and to offer only codes that fit the status the call already has.
 *
 * Each code also says which directions it fits: "Left voicemail" or "Reached
 * gatekeeper" only make sense when the agent placed the call, "Caller hung up" only when
 * a customer called in. Which codes a call may carry therefore depends on its direction
 * and on whether it connected (Held) or not (Not Held): `dispositionsFor` and
 * `checkDisposition` below are that one rule, used by the wrap-up form, the desktop core
 * and the CRM server alike.
 */

/** The statuses a finished call can have; Planned and Cancelled calls have no wrap-up. */
export const DispositionStatus = z.enum(['Held', 'NotHeld']);
export type DispositionStatus = z.infer<typeof DispositionStatus>;

export const DispositionCode = z.object({
  /** Stable identifier stored on the call record's outcome (`Outcome.dispositionCode`). */
  code: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, 'A disposition code is lower-case letters, digits and underscores'),
  label: z.string().trim().min(1).max(80),
  suggestsStatus: DispositionStatus,
  /** For Not Held codes: the reason sentence prefilled into the status change. */
  notHeldReason: z.string().trim().min(1).max(200).nullable().default(null),
  /** The wrap-up form should offer to schedule a follow-up call. */
  suggestsFollowUp: z.boolean().default(false),
  /** Retired codes stay in the list so old calls still show their label. */
  active: z.boolean().default(true),
  /** The directions the code fits; a list saved before directions existed fits both. */
  directions: z.array(CallDirection).min(1).default(['Inbound', 'Outbound']),
});
export type DispositionCode = z.infer<typeof DispositionCode>;

/** A team's list: codes unique, at least one usable, Not Held codes carry a reason. */
export const DispositionList = z
  .array(DispositionCode)
  .min(1)
  .max(200)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      if (seen.has(entry.code)) {
        ctx.addIssue({ code: 'custom', path: [index, 'code'], message: `The code "${entry.code}" is listed twice.` });
      }
      seen.add(entry.code);
      if (entry.suggestsStatus === 'NotHeld' && entry.notHeldReason === null) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'notHeldReason'],
          message: `"${entry.label}" marks a call Not Held, so it needs a reason sentence.`,
        });
      }
    });
    if (!list.some((entry) => entry.active)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Keep at least one disposition code active.' });
    }
  });
export type DispositionList = z.infer<typeof DispositionList>;

const both: CallDirection[] = ['Inbound', 'Outbound'];
const outboundOnly: CallDirection[] = ['Outbound'];
const inboundOnly: CallDirection[] = ['Inbound'];

// A conversation took place: its outcome reads the same whoever dialed.
const held = (code: string, label: string, suggestsFollowUp = false): DispositionCode => ({
  code,
  label,
  suggestsStatus: 'Held',
  notHeldReason: null,
  suggestsFollowUp,
  active: true,
  directions: both,
});

const notHeld = (
  code: string,
  label: string,
  reason: string,
  directions: CallDirection[],
  suggestsFollowUp = true,
): DispositionCode => ({
  code,
  label,
  suggestsStatus: 'NotHeld',
  notHeldReason: reason,
  suggestsFollowUp,
  active: true,
  directions,
});

/** The list a new install starts with; a team edits it in Settings. */
export const DEFAULT_DISPOSITIONS: readonly DispositionCode[] = Object.freeze([
  held('resolved', 'Resolved'),
  held('callback_requested', 'Callback requested', true),
  held('follow_up_needed', 'Follow-up needed', true),
  held('sale', 'Sale'),
  held('interested', 'Interested', true),
  held('not_interested', 'Not interested'),
  held('escalated', 'Escalated'),
  held('transferred', 'Transferred'),
  held('do_not_call', 'Do not call again'),
  // A wrong number did connect (someone answered), so the call was held.
  held('wrong_number', 'Wrong number'),
  notHeld('left_voicemail', 'Left voicemail', 'Left a voicemail', outboundOnly),
  notHeld('no_answer', 'No answer', 'No answer', outboundOnly),
  notHeld('busy', 'Busy', 'Line busy', outboundOnly),
  notHeld('gatekeeper', 'Reached gatekeeper', 'Did not reach the contact', outboundOnly),
  notHeld('invalid_number', 'Number not in service', 'Number not in service', outboundOnly, false),
  // An inbound call that never connected: the customer tried to reach us.
  notHeld('missed', 'Missed call', 'Missed call: nobody answered', inboundOnly),
  notHeld('caller_hung_up', 'Caller hung up', 'Caller hung up before the call was answered', inboundOnly),
  notHeld('declined', 'Declined', 'Call declined', inboundOnly),
]);

/** The entry for a stored code, inactive ones included (old calls keep their label). */
export function findDisposition(list: readonly DispositionCode[], code: string | null): DispositionCode | null {
  if (code === null) return null;
  return list.find((entry) => entry.code === code) ?? null;
}

/** What the wrap-up form offers for a call in `status`: active codes that fit it. */
export function dispositionsForStatus(list: readonly DispositionCode[], status: CallStatus): DispositionCode[] {
  return list.filter((entry) => entry.active && entry.suggestsStatus === status);
}

/** What a call's disposition is chosen against: its direction and whether it connected. */
export interface DispositionContext {
  direction: CallDirection;
  status: CallStatus;
}

function fits(entry: DispositionCode, call: DispositionContext): boolean {
  return entry.suggestsStatus === call.status && entry.directions.includes(call.direction);
}

/**
 * What the wrap-up form offers for a call: active codes of its direction that fit
 * whether it connected. A Planned or Cancelled call has no outcome yet, so none.
 */
export function dispositionsFor(list: readonly DispositionCode[], call: DispositionContext): DispositionCode[] {
  return list.filter((entry) => entry.active && fits(entry, call));
}

export interface DispositionRefusal {
  code: 'invalid_disposition';
  message: string;
}

const directionWords: Record<CallDirection, string> = { Inbound: 'an incoming', Outbound: 'an outgoing' };

/**
 * Whether `code` may be set on a call in this state (null: it may). `unknownCodes: 'accept'` is for
 * the CRM server, which does not hold each team's configured list: a code it does not
 * know (a team's own) passes, a known one must still fit the call. The desktop knows
 * its list and refuses codes outside it.
 */
export function checkDisposition(
  list: readonly DispositionCode[],
  code: string | null,
  call: DispositionContext,
  unknownCodes: 'accept' | 'refuse' = 'refuse',
): DispositionRefusal | null {
  if (code === null) return null;
  const entry = findDisposition(list, code);
  if (!entry) {
    return unknownCodes === 'accept'
      ? null
      : { code: 'invalid_disposition', message: `"${code}" is not one of the disposition codes in use.` };
  }
  // A Planned or Cancelled call may carry a code (a wrap-up saved before the call was
  // reopened): it is kept, unchecked, until the call is finished again.
  if (call.status !== 'Held' && call.status !== 'NotHeld') return null;
  if (entry.suggestsStatus !== call.status) {
    const status = call.status === 'Held' ? 'held' : 'not held';
    return { code: 'invalid_disposition', message: `"${entry.label}" does not fit a call that was ${status}.` };
  }
  if (!entry.directions.includes(call.direction)) {
    return {
      code: 'invalid_disposition',
      message: `"${entry.label}" does not fit ${directionWords[call.direction]} call.`,
    };
  }
  return null;
}

/** The label to show for a stored code; an unknown code shows as itself rather than vanishing. */
export function dispositionLabel(list: readonly DispositionCode[], code: string | null): string {
  if (code === null) return '';
  return findDisposition(list, code)?.label ?? code;
}

// ---------------------------------------------------------------------------------
// Telephony outcomes → CRM status.

/**
 * How a live call ended, as the voice engine reports it. The first five are Twilio's
 * final call statuses; `rejected` (the agent declined an inbound call) and `missed`
 * (an inbound call rang out or the caller hung up before anyone answered) are the
 * softphone's own.
 */
export const TelephonyOutcome = z.enum(['completed', 'busy', 'no-answer', 'failed', 'canceled', 'rejected', 'missed']);
export type TelephonyOutcome = z.infer<typeof TelephonyOutcome>;

export interface CrmOutcome {
  status: DispositionStatus;
  /** The Not Held reason sentence; null for Held. */
  reason: string | null;
  /** The disposition code the wrap-up form preselects, if one obviously fits. */
  suggestedDisposition: string | null;
}

/**
 * A call that connected is Held; one that never connected is Not Held with the reason
 * filled in. `canceled` is Not Held, not Cancelled: in the CRM, Cancelled means a
 * planned call withdrawn before anyone dialed, while a canceled dial attempt did
 * happen and did not connect.
 */
const OUTCOMES: Record<TelephonyOutcome, CrmOutcome> = {
  completed: { status: 'Held', reason: null, suggestedDisposition: null },
  busy: { status: 'NotHeld', reason: 'Line busy', suggestedDisposition: 'busy' },
  'no-answer': { status: 'NotHeld', reason: 'No answer', suggestedDisposition: 'no_answer' },
  failed: { status: 'NotHeld', reason: 'Call failed to connect', suggestedDisposition: null },
  canceled: { status: 'NotHeld', reason: 'Hung up before the call was answered', suggestedDisposition: null },
  rejected: { status: 'NotHeld', reason: 'Call declined', suggestedDisposition: 'declined' },
  missed: { status: 'NotHeld', reason: 'Missed call: nobody answered', suggestedDisposition: 'missed' },
};

export function crmOutcomeFor(outcome: TelephonyOutcome): CrmOutcome {
  return { ...OUTCOMES[outcome] };
}
