import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The dashboard's pre-aggregation: one row per 15 minutes of UTC, agent, direction,
 * status and disposition, with the call count and the talk and handle time sums
 * (the rules of shared/domain/call-analytics.ts). Kept by triggers on `calls`
 * (migration 0015), so it moves in the same transaction as every call write and cannot
 * drift; a month's dashboard reads a few thousand rows instead of every call.
 */
export const callStats = sqliteTable(
  'call_stats',
  {
    ownerId: text('owner_id').notNull(),
    /** Start of the 15 minutes, `YYYY-MM-DDTHH:MM` UTC (every zone's hours are whole buckets). */
    bucket: text('bucket').notNull(),
    direction: text('direction', { enum: ['Inbound', 'Outbound'] }).notNull(),
    status: text('status', { enum: ['Planned', 'Held', 'NotHeld', 'Cancelled'] }).notNull(),
    /** '' for calls without a disposition (a primary key column cannot hold null usefully). */
    disposition: text('disposition').notNull(),
    calls: integer('calls').notNull(),
    talkSum: integer('talk_sum').notNull(),
    talkCount: integer('talk_count').notNull(),
    handleSum: integer('handle_sum').notNull(),
    handleCount: integer('handle_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.bucket, t.direction, t.status, t.disposition] })],
);
