import { sql } from 'drizzle-orm';
import { check, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Mutations waiting to be pushed, after Replicache's model: this client numbers its
 * mutations 1, 2, 3… and the server remembers the last one it applied. AUTOINCREMENT
 * (not a plain rowid) because confirmed rows are deleted, and a plain rowid would reuse
 * a number the server has already seen, which it would then skip as a duplicate.
 */
export const outbox = sqliteTable('outbox', {
  mutationId: integer('mutation_id').primaryKey({ autoIncrement: true }),
  /** A protocol mutation name (src/shared/sync/mutations.ts), e.g. `call.setStatus`. */
  name: text('name').notNull(),
  /** The mutation's arguments, parsed by the protocol schema before they were stored. */
  args: text('args', { mode: 'json' }).$type<unknown>().notNull(),
  createdAt: text('created_at').notNull(),
  /**
   * The packed HLC stamped when the agent made the change (it decides field conflicts on
   * the server). Empty only for rows queued by builds before sync, upgraded at start.
   */
  hlc: text('hlc').notNull().default(''),
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
    /** This desktop's hybrid logical clock (packed); every queued mutation ticks it. */
    hlc: text('hlc'),
    /**
     * Outbox row `n` is the client's mutation `n - clientBase`: a new client (a new login)
     * starts at 1 on the server, while the outbox's AUTOINCREMENT never goes back.
     */
    clientBase: integer('client_base').notNull().default(0),
    /** The signed-in session, without its secret (JSON); null when signed out. */
    session: text('session', { mode: 'json' }).$type<unknown>(),
    /** The server user whose changes the outbox holds (a different user may not send them). */
    outboxUserId: text('outbox_user_id'),
    directoryPhase: text('directory_phase', { enum: ['idle', 'downloading', 'done'] })
      .notNull()
      .default('idle'),
    directoryDownloaded: integer('directory_downloaded').notNull().default(0),
  },
  (t) => [check('sync_state_single_row', sql`${t.id} = 1`)],
);

/** Mutations the server refused for good: kept so the agent can see what did not reach the CRM and why. */
export const syncRejections = sqliteTable('sync_rejections', {
  mutationId: integer('mutation_id').primaryKey(),
  name: text('name').notNull(),
  args: text('args', { mode: 'json' }).$type<unknown>(),
  code: text('code').notNull(),
  message: text('message').notNull(),
  rejectedAt: text('rejected_at').notNull(),
});

/**
 * The server's version of records this desktop may have changed optimistically (see
 * sync/rebase.ts): every pulled call, task and reminder, and any other pulled record
 * that had pending local changes. Rebase rebuilds a record from here plus the changes
 * still waiting, which is how a change the server refused or overruled gets undone.
 */
export const syncBase = sqliteTable(
  'sync_base',
  {
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    record: text('record', { mode: 'json' }).$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.id] })],
);
