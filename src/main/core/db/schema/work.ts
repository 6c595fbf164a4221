import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { noteCategories } from '../../../../shared/domain/customer';
import { calls } from './calls';

const relatedTypes = ['account', 'contact', 'lead', 'opportunity', 'case'] as const;

export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    subject: text('subject').notNull(),
    dueAt: text('due_at'),
    status: text('status', { enum: ['Open', 'Done', 'Cancelled'] }).notNull(),
    priority: text('priority', { enum: ['Low', 'Normal', 'High'] })
      .notNull()
      .default('Normal'),
    relatedType: text('related_type', { enum: relatedTypes }),
    relatedId: text('related_id'),
    relatedName: text('related_name'),
    /** No foreign key: a follow-up task may arrive by sync before the call it follows. */
    callId: text('call_id'),
    ownerId: text('owner_id').notNull(),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('tasks_related_status_idx').on(t.relatedType, t.relatedId, t.status, t.dueAt),
    index('tasks_owner_status_idx').on(t.ownerId, t.status, t.dueAt),
    index('tasks_status_due_idx').on(t.status, t.dueAt),
    index('tasks_call_idx').on(t.callId),
    index('tasks_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
  ],
);

/** Append-only (see domain/work.ts), so two editors never collide. */
export const notes = sqliteTable(
  'notes',
  {
    id: text('id').primaryKey(),
    body: text('body').notNull(),
    callId: text('call_id'),
    relatedType: text('related_type', { enum: relatedTypes }),
    relatedId: text('related_id'),
    relatedName: text('related_name'),
    authorId: text('author_id').notNull(),
    category: text('category', { enum: noteCategories }).notNull().default('general'),
    createdAt: text('created_at').notNull(),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('notes_call_idx').on(t.callId, t.createdAt),
    index('notes_related_idx').on(t.relatedType, t.relatedId, t.createdAt),
    index('notes_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
  ],
);

/**
 * Reminders before planned calls: one row per recipient (the owner and each teammate
 * taking part) and offset, with the instant it is due. The reminder scheduler arms one
 * timer for the earliest pending row of this desktop's agent (partial index below).
 */
export const reminders = sqliteTable(
  'reminders',
  {
    id: text('id').primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** Who is reminded; '' for rows written before reminders had recipients (the owner's). */
    recipientId: text('recipient_id').notNull().default(''),
    offsetMinutes: integer('offset_minutes').notNull(),
    remindAt: text('remind_at').notNull(),
    firedAt: text('fired_at'),
    dismissedAt: text('dismissed_at'),
  },
  (t) => [
    index('reminders_call_idx').on(t.callId),
    index('reminders_pending_idx')
      .on(t.remindAt)
      .where(sql`fired_at is null and dismissed_at is null`),
    index('reminders_recipient_pending_idx')
      .on(t.recipientId, t.remindAt)
      .where(sql`fired_at is null and dismissed_at is null`),
  ],
);

/** The company's users (teammates), as the CRM server lists them: for picking participants. */
export const teammates = sqliteTable('teammates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().default(''),
  role: text('role').notNull().default('agent'),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
});
