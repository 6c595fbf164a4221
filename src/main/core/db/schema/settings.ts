import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Key/value, each value JSON: new settings need no migration, defaults live in code. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
});
