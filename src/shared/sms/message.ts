import { z } from 'zod';
import { RelatedRef } from '../domain/call';
import { E164, Id, Instant } from '../domain/primitives';

/**
 * A text message to or from a customer, as the server stores it and the desktops show
 * it in the customer's thread (one thread per customer number).
 */

export const SmsDirection = z.enum(['outbound', 'inbound']);
/**
 * Twilio's message states that matter to an agent. `queued` also covers a message the
 * desktop holds until it reconnects; `failed` covers one the server refused to send
 * (opted out, do not contact), with the reason in words.
 */
export const SmsStatus = z.enum(['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'received']);
export type SmsStatus = z.infer<typeof SmsStatus>;

export const SMS_MAX_LENGTH = 1600;

export const SmsMessage = z.object({
  id: Id,
  direction: SmsDirection,
  status: SmsStatus,
  /** The customer's number: the thread this message belongs to. */
  customerNumber: E164,
  /** The company's number it went from or came to; null until the server sent it. */
  companyNumber: E164.nullable(),
  body: z.string().max(SMS_MAX_LENGTH),
  /** The customer record the number belongs to, when the directory knows it. */
  related: RelatedRef.nullable(),
  /** The agent who wrote it (outbound); null for the customer's messages. */
  authorId: Id.nullable(),
  /** Twilio's error code when it was not delivered ("30003"), or our own ("opted_out"). */
  errorCode: z.string().max(40).nullable(),
  /** Why it was not delivered, in plain words. */
  errorReason: z.string().max(500).nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type SmsMessage = z.infer<typeof SmsMessage>;

/**
 * How far a message has got. A callback can arrive late or twice (Twilio retries, and
 * `sent` may come after `delivered`), so a status only ever moves forward: a lower or
 * equal rank leaves the message as it is. The ends (delivered, undelivered, failed)
 * share the last rank: whichever came first stays.
 */
const rank: Record<string, number> = {
  accepted: 0,
  scheduled: 0,
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
  canceled: 3,
  read: 3,
  received: 3,
  receiving: 0,
};

/** Twilio's status words mapped to ours; null for one we do not track. */
export function smsStatusOf(twilioStatus: string): SmsStatus | null {
  switch (twilioStatus) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
      return 'queued';
    case 'sending':
    case 'sent':
    case 'delivered':
    case 'undelivered':
    case 'failed':
    case 'received':
      return twilioStatus;
    case 'read':
      return 'delivered';
    case 'canceled':
      return 'failed';
    default:
      return null;
  }
}

export function movesForward(from: SmsStatus, to: SmsStatus): boolean {
  return (rank[to] ?? 0) > (rank[from] ?? 0);
}

/** The status in the thread, in words. */
export const smsStatusWords: Record<SmsStatus, string> = {
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Not delivered',
  failed: 'Failed',
  received: 'Received',
};

/**
 * Twilio's error codes for messages, in words an agent can act on
 * (https://www.twilio.com/docs/api/errors). Unknown codes keep their number.
 */
const carrierReasons: Record<string, string> = {
  '21211': 'The number is not a valid phone number.',
  '21408': 'Texting this country is not enabled on the Twilio account.',
  '21610': 'The customer replied STOP, so texts to them are blocked.',
  '21612': 'This number cannot receive texts from our number.',
  '21614': 'The number is not a mobile number, so it cannot get texts.',
  '30001': 'Too many messages were waiting at Twilio; try again later.',
  '30002': 'The Twilio account is suspended.',
  '30003': 'The phone is off or out of reach.',
  '30004': 'The customer or their carrier blocks our messages.',
  '30005': 'The number does not exist or is no longer in use.',
  '30006': 'The number is a landline or its carrier cannot take texts.',
  '30007': 'The carrier filtered the message as spam.',
  '30008': 'The carrier could not deliver it and gave no reason.',
  '30034': 'Our number is not registered for business texting (A2P 10DLC) yet.',
};

export function carrierReason(errorCode: string | null | undefined): string | null {
  if (!errorCode) return null;
  return carrierReasons[errorCode] ?? `The carrier refused it (Twilio error ${errorCode}).`;
}

/** Who may text whom: the company's quiet hours and HELP text, read by every desktop. */
export const QuietHours = z
  .object({
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 21:00.'),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 08:00.'),
  })
  .strict();
export type QuietHours = z.infer<typeof QuietHours>;
export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

/** Whether `clock` (HH:mm, the customer's) falls in quiet hours; the span may cross midnight. */
export function inQuietHours(clock: string, quiet: QuietHours): boolean {
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end
    ? clock >= quiet.start && clock < quiet.end
    : clock >= quiet.start || clock < quiet.end;
}

export const DEFAULT_HELP_TEXT =
  'You are texting {{companyName}}. Reply STOP to stop receiving texts, START to receive them again.';

export const SmsSettingsInput = z
  .object({
    quietHours: QuietHours.optional(),
    helpText: z.string().trim().min(1).max(320).optional(),
  })
  .strict();
