import { z } from 'zod';
import { CallRecord } from '../domain/call';
import { TriageReason } from '../domain/triage';
import { ScreenPop } from './line';
import type { ApiTable } from './table';

/** One call in the triage queue, with what the agent needs to decide on it. */
export const TriageItem = z.object({
  call: CallRecord,
  reason: TriageReason,
  emergency: z.boolean(),
  afterHours: z.boolean(),
  tags: z.array(z.string()),
  /** The other party's number (E.164), null when the call has none. */
  number: z.string().nullable(),
  /** Who it is: the caller card the phone shows when it rings (history, open tasks). */
  pop: ScreenPop.nullable(),
});
export type TriageItem = z.infer<typeof TriageItem>;

export const triageApi = {
  'triage.queue': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(500) }).strict(),
    output: z.object({ items: z.array(TriageItem), total: z.number().int() }),
    summary:
      'Calls that want a decision (missed, voicemail, no disposition, refused by the server), emergencies first, then after-hours calls, then the oldest.',
  },
} as const satisfies ApiTable;
