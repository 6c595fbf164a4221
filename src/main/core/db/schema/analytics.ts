import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The dashboard's pre-aggregations, kept by triggers on `calls` (migration 0019), so they
 * move in the same transaction as every call write and cannot drift. The rules are those
 * of shared/domain/call-analytics.ts.
 *
 * `call_stats`: one row per 15 minutes of UTC, agent, direction and status, with the call
 * count and the talk and handle time sums: what the charts and tiles need, about four
 * rows per 15 minutes (a busy month: ~12,000). The disposition is not in its key: with it
 * a month was ~31,000 rows to read and group (migration 0017's table).
 */
export const callStats = sqliteTable(
  'call_stats',
  {
    ownerId: text('owner_id').notNull(),
    /** Start of the 15 minutes, `YYYY-MM-DDTHH:MM` UTC (every zone's hours are whole buckets). */
    bucket: text('bucket').notNull(),
    direction: text('direction', { enum: ['Inbound', 'Outbound'] }).notNull(),
    status: text('status', { enum: ['Planned', 'Held', 'NotHeld', 'Cancelled'] }).notNull(),
    calls: integer('calls').notNull(),
    talkSum: integer('talk_sum').notNull(),
    talkCount: integer('talk_count').notNull(),
    handleSum: integer('handle_sum').notNull(),
    handleCount: integer('handle_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.bucket, t.direction, t.status] })],
);

/**
 * `call_outcome_days`: calls by agent, UTC day, status and disposition, for the outcome and
 * disposition breakdown. A period cut at the agent's midnight covers whole UTC days read
 * here (a month: a few hundred rows) plus two partial days counted from `calls` itself.
 */
export const callOutcomeDays = sqliteTable(
  'call_outcome_days',
  {
    ownerId: text('owner_id').notNull(),
    /** The UTC day, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    status: text('status', { enum: ['Planned', 'Held', 'NotHeld', 'Cancelled'] }).notNull(),
    /** '' for calls without a disposition (a primary key column cannot hold null usefully). */
    disposition: text('disposition').notNull(),
    calls: integer('calls').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.day, t.status, t.disposition] })],
);
