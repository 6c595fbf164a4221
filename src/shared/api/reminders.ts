import { z } from 'zod';
import { E164, Id, Instant } from '../domain/primitives';
import { Reminder } from '../domain/work';
import type { ApiTable, EventTable } from './table';

/** A reminder that came due, with what the banner and the OS notification say about its call. */
export const DueReminder = z.object({
  id: Id,
  callId: Id,
  subject: z.string(),
  plannedUtc: Instant.nullable(),
  plannedZone: z.string().nullable(),
  offsetMinutes: z.number().int(),
  remindAt: Instant,
  /** The number to dial for "Call now": the other party's. */
  number: E164.nullable(),
  relatedName: z.string().nullable(),
});
export type DueReminder = z.infer<typeof DueReminder>;

export const SNOOZE_MINUTES = [5, 10] as const;

export const remindersApi = {
  'reminders.ringing': {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(DueReminder) }),
    summary: 'The agent’s reminders that came due and are not dismissed yet (the banners to show).',
  },
  'reminders.ofCall': {
    input: z.object({ callId: Id }).strict(),
    output: z.object({ items: z.array(Reminder) }),
    summary: 'The agent’s own reminders of a call, soonest first.',
  },
  'reminders.snooze': {
    input: z.object({ id: Id, minutes: z.union([z.literal(5), z.literal(10)]) }).strict(),
    output: z.object({ remindAt: Instant }),
    summary: 'Rings the reminder again in 5 or 10 minutes.',
  },
  'reminders.dismiss': {
    input: z.object({ id: Id }).strict(),
    output: z.object({}),
    summary: 'Dismisses a reminder: its banner goes away on every desktop of the agent.',
  },
  'dev.clock.advance': {
    input: z
      .object({
        ms: z
          .number()
          .int()
          .min(0)
          .max(366 * 86_400_000),
      })
      .strict(),
    output: z.object({ now: Instant }),
    summary: 'Tests only (browser mode’s --manual-clock): moves the core’s clock forward.',
  },
} as const satisfies ApiTable;

export const reminderEvents = {
  /**
   * Reminders came due: the banner shows them, the shell turns them into an OS
   * notification. `whileClosed`: they came due while the app was not running (shown once, at start).
   */
  'reminder.due': z.object({ items: z.array(DueReminder), whileClosed: z.boolean() }),
} as const satisfies EventTable;
