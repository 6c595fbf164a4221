import { z } from 'zod';
import { RelatedRef } from '../domain/call';
import { Id, Instant } from '../domain/primitives';
import { Task } from '../domain/work';
import type { ApiTable } from './table';
import { FollowUpPreset } from './wrap-up';

/** An open task with its service level: which rule applies and by when it must be done. */
export const FollowUpItem = z.object({
  task: Task,
  /** The disposition code whose SLA applies ('missed' for a missed call), or null. */
  slaRule: z.string().nullable(),
  slaMinutes: z.number().int().nullable(),
  /** The SLA deadline (or the due time), null when the task has neither. */
  deadline: Instant.nullable(),
  callSubject: z.string().nullable(),
});
export type FollowUpItem = z.infer<typeof FollowUpItem>;

export const CreateFollowUpInput = z
  .object({
    subject: z.string().trim().min(1, 'Give the follow-up a subject.').max(500),
    preset: FollowUpPreset.nullable().default(null),
    dueAt: Instant.nullable().default(null),
    priority: z.enum(['Low', 'Normal', 'High']).default('Normal'),
    /** The call it follows; its related record is linked too unless `related` says otherwise. */
    callId: Id.nullable().default(null),
    related: RelatedRef.nullable().optional(),
  })
  .strict()
  .refine((f) => f.preset !== null || f.dueAt !== null, {
    message: 'Pick when the follow-up is due.',
    path: ['dueAt'],
  });

export const followUpsApi = {
  'followUps.list': {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(FollowUpItem), overdue: z.number().int() }),
    summary: 'Open tasks with their SLA deadline, soonest first, and how many are overdue now.',
  },
  'followUps.create': {
    input: CreateFollowUpInput,
    output: Task,
    summary:
      'A follow-up task: a preset (30 min, 2 h, tomorrow 9:00) or any due time, linked to a call and its record.',
  },
} as const satisfies ApiTable;
