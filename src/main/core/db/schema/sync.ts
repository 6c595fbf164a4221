import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Mutations waiting to be pushed, after Replicache's model: this client numbers its
 * mutations 1, 2, 3… and the server remembers the last one it applied. AUTOINCREMENT
 * (not a plain rowid) because confirmed rows are deleted, and a plain rowid would reuse
 * a number the server has already seen, which it would then skip as a duplicate.
 */
export const outbox = sqliteTable('outbox', {
  mutationId: integer('mutation_id').primaryKey({ autoIncrement: true }),
  /** The mutation's name, e.g. `calls.setStatus`. */
  name: text('name').notNull(),
  args: text('args', { mode: 'json' }).$type<unknown>().notNull(),
  createdAt: text('created_at').notNull(),
});

/** One row: who this client is to the server and how far sync has got. */
export const syncState = sqliteTable(
  'sync_state',
  {
    id: integer('id').primaryKey(),
    clientId: text('client_id').notNull(),
    /** The highest mutation id the server confirmed; outbox rows up to it are dropped. */
    lastMutationIdConfirmed: integer('last_mutation_id_confirmed').notNull().default(0),
    /** The server's opaque pull cursor; null until the first pull. */
    cursor: text('cursor'),
    lastPushAt: text('last_push_at'),
    lastPullAt: text('last_pull_at'),
    lastError: text('last_error'),
    /** Where a resumable first directory download stopped. */
    directoryCursor: text('directory_cursor'),
  },
  (t) => [check('sync_state_single_row', sql`${t.id} = 1`)],
);
