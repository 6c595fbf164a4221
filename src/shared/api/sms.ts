import { z } from 'zod';
import { RelatedRef } from '../domain/call';
import { E164, Id } from '../domain/primitives';
import { SMS_MAX_LENGTH, QuietHours, SmsMessage } from '../sms/message';
import { SmsTemplate } from '../sms/templates';
import type { ApiTable, EventTable } from './table';

/** Texting customers from the console: the compose sheet, threads, the unread badge. */

export const ComposeTarget = z
  .object({
    /** A number as typed or linked (`sms:+1…`, `(646) 555-0107`); the contact's first mobile when left out. */
    number: z.string().max(300).optional(),
    related: RelatedRef.nullable().optional(),
  })
  .strict();

export const ComposeInfo = z.object({
  number: E164.nullable(),
  numberDisplay: z.string(),
  /** The record's numbers, for a picker when it has several. */
  numbers: z.array(z.object({ e164: E164, display: z.string(), kind: z.string() })),
  related: RelatedRef.nullable(),
  /** What templates fill in by themselves: firstName, lastName, fullName, agentName. */
  values: z.record(z.string(), z.string()),
  zone: z.string(),
  /** The customer's clock ("22:14 EST") and whether it falls in quiet hours. */
  localTime: z.string(),
  quietHours: QuietHours,
  inQuietHours: z.boolean(),
  /** Why this number cannot be texted (opted out, do-not-contact, not a number); null when it can. */
  blocked: z.string().nullable(),
  templates: z.array(SmsTemplate),
});
export type ComposeInfo = z.infer<typeof ComposeInfo>;

export const SendSmsInput = z
  .object({
    to: E164,
    body: z.string().trim().min(1, 'Write a message first.').max(SMS_MAX_LENGTH),
    related: RelatedRef.nullable().default(null),
    /** The agent saw the quiet-hours warning and chose to send anyway. */
    quietHoursConfirmed: z.boolean().default(false),
  })
  .strict();

export const SmsThread = z.object({
  number: E164,
  numberDisplay: z.string(),
  items: z.array(SmsMessage),
  unread: z.number().int(),
  optedOut: z.boolean(),
});
export type SmsThread = z.infer<typeof SmsThread>;

export const smsApi = {
  'sms.compose': {
    input: ComposeTarget,
    output: ComposeInfo,
    summary:
      'What the compose sheet shows: the number, the customer and their clock, templates, why it cannot be sent.',
  },
  'sms.send': {
    input: SendSmsInput,
    output: SmsMessage,
    summary:
      'Queues a text (sent at once when online, after reconnecting otherwise); refused when the number may not be texted.',
  },
  'sms.threads': {
    input: z
      .object({ related: RelatedRef.pick({ type: true, id: true }).optional(), number: E164.optional() })
      .strict(),
    output: z.object({ threads: z.array(SmsThread) }),
    summary: 'The threads of a record (one per number texted) or of one number, oldest message first.',
  },
  'sms.markRead': {
    input: z.object({ number: E164 }).strict(),
    output: z.object({ unread: z.number().int() }),
    summary: 'Marks a thread read on this desktop; returns how many messages are still unread in all threads.',
  },
  'sms.unread': {
    input: z.object({}).strict(),
    output: z.object({ unread: z.number().int() }),
    summary: 'Inbound messages this agent has not read yet, for the badge.',
  },
} as const satisfies ApiTable;

export const smsEvents = {
  /** An sms: link arrived (OS handler or links.open): open the compose sheet on it. */
  'sms.requested': z.object({ uri: z.string(), number: E164.nullable() }),
  /** A customer's text arrived through sync: for a toast and an OS notification. */
  'sms.received': z.object({
    id: Id,
    from: z.string(),
    who: z.string(),
    body: z.string(),
    related: RelatedRef.nullable(),
  }),
} as const satisfies EventTable;
