import { bigint, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Text messages (twilio/sms/…). Company-scoped like every tenant table: `company_id`
 * first in every key, and every query names it.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Every text to or from a customer. The id is the desktop's idempotency key for an
 * outbound message (one row, one Twilio request, however often a push is retried) and
 * `sms-<MessageSid>` for an inbound one (Twilio retrying a webhook finds it there).
 * `dispatch` is the server's own progress in handing an outbound message to Twilio:
 * pending → sending (claimed by one server, so no other sends it too) → done.
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    companyId: text('company_id').notNull(),
    id: text('id').notNull(),
    direction: text('direction', { enum: ['outbound', 'inbound'] }).notNull(),
    status: text('status', {
      enum: ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'received'],
    }).notNull(),
    customerNumber: text('customer_number').notNull(),
    companyNumber: text('company_number'),
    body: text('body').notNull(),
    relatedType: text('related_type'),
    relatedId: text('related_id'),
    relatedName: text('related_name'),
    authorId: text('author_id'),
    messageSid: text('message_sid'),
    errorCode: text('error_code'),
    errorReason: text('error_reason'),
    dispatch: text('dispatch', { enum: ['pending', 'sending', 'done'] }).notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('sms_messages_version').on(t.companyId, t.version, t.id),
    index('sms_messages_thread').on(t.companyId, t.customerNumber, t.createdAt),
    uniqueIndex('sms_messages_sid').on(t.companyId, t.messageSid),
    index('sms_messages_dispatch').on(t.companyId, t.dispatch),
  ],
);

/** Numbers that replied STOP (or an alias): nobody in the company may text them until they reply START. */
export const smsOptOuts = pgTable(
  'sms_opt_outs',
  {
    companyId: text('company_id').notNull(),
    e164: text('e164').notNull(),
    keyword: text('keyword').notNull(),
    optedOutAt: ts('opted_out_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.e164] })],
);

/** Templates an admin manages; every desktop of the company reads them. */
export const smsTemplates = pgTable(
  'sms_templates',
  {
    companyId: text('company_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] })],
);

/** The company's quiet hours (in the customer's zone) and the answer to HELP. */
export const smsSettings = pgTable('sms_settings', {
  companyId: text('company_id').primaryKey(),
  quietStart: text('quiet_start').notNull(),
  quietEnd: text('quiet_end').notNull(),
  helpText: text('help_text').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
