import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const relatedTypes = ['account', 'contact', 'lead', 'opportunity', 'case'] as const;

/**
 * Text messages, a thread per customer number (shared/sms/message.ts). Written by the
 * `sms.send` mutator (an outbound text waits here, `queued`, while offline) and by pulls.
 */
export const smsMessages = sqliteTable(
  'sms_messages',
  {
    id: text('id').primaryKey(),
    direction: text('direction', { enum: ['outbound', 'inbound'] }).notNull(),
    status: text('status', {
      enum: ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'received'],
    }).notNull(),
    customerNumber: text('customer_number').notNull(),
    companyNumber: text('company_number'),
    body: text('body').notNull(),
    relatedType: text('related_type', { enum: relatedTypes }),
    relatedId: text('related_id'),
    relatedName: text('related_name'),
    authorId: text('author_id'),
    errorCode: text('error_code'),
    errorReason: text('error_reason'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('sms_messages_thread_idx').on(t.customerNumber, t.createdAt),
    index('sms_messages_related_idx').on(t.relatedType, t.relatedId, t.createdAt),
  ],
);

/**
 * What this agent has read, per thread: this desktop's own (never synced), so each
 * agent's unread badge counts what they have not seen.
 */
export const smsReadMarks = sqliteTable('sms_read_marks', {
  customerNumber: text('customer_number').primaryKey(),
  readThrough: text('read_through').notNull(),
});
