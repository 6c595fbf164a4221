import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The company's blocked numbers, as the CRM server lists them (GET /blocked-numbers):
 * read on every ring and dial, so a point lookup on the primary key.
 */
export const blockedNumbers = sqliteTable('blocked_numbers', {
  e164: text('e164').primaryKey(),
  reason: text('reason').notNull().default(''),
  addedBy: text('added_by').notNull().default(''),
  addedAt: text('added_at').notNull(),
});
