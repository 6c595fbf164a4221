import { z } from 'zod';
import { RelatedRef } from './call';
import { NoteCategory } from './customer';
import { Id, Instant } from './primitives';

export const TaskStatus = z.enum(['Open', 'Done', 'Cancelled']);
export const Task = z.object({
  id: Id,
  subject: z.string().min(1).max(500),
  dueAt: Instant.nullable(),
  status: TaskStatus,
  priority: z.enum(['Low', 'Normal', 'High']).default('Normal'),
  related: RelatedRef.nullable(),
  /** The call this task follows up, if any. */
  callId: Id.nullable(),
  ownerId: Id,
  isDemo: z.boolean().default(false),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Task = z.infer<typeof Task>;

/** Notes are append-only: a correction is a new note, so two editors never collide. */
export const Note = z.object({
  id: Id,
  body: z.string().min(1).max(20000),
  callId: Id.nullable(),
  related: RelatedRef.nullable(),
  authorId: Id,
  /** What the note is about, for the profile's sorting (customer.ts); 'general' before categories. */
  category: NoteCategory.default('general'),
  createdAt: Instant,
  isDemo: z.boolean().default(false),
});
export type Note = z.infer<typeof Note>;

export const Reminder = z.object({
  id: Id,
  callId: Id,
  /** Who is reminded: the call's owner or a teammate taking part ('' from older records: the owner). */
  recipientId: z.string().max(64).default(''),
  /** How long before the planned start, in minutes. The instant is derived (time.ts). */
  offsetMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 14),
  remindAt: Instant,
  firedAt: Instant.nullable(),
  dismissedAt: Instant.nullable(),
});
export type Reminder = z.infer<typeof Reminder>;
