import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The dashboard's pre-aggregations, kept by triggers on `calls` (migrations 0019 and 0021),
 * so they move in the same transaction as every call write and cannot drift. The rules are
 * those of shared/domain/call-analytics.ts.
 *
 * `call_stats`: one row per agent and 15 minutes of UTC that had a call that happened (Held
 * or Not Held), with its counts and time sums in columns by direction × status: a busy
 * month is ~2,900 rows, read as arrays and placed by arithmetic (analytics/local-folds.ts).
 * Migration 0019 kept a row per direction and status (~11,000 a month, 46 ms p50), 0017 a
 * row per disposition too (~31,000). Planned and Cancelled calls are not here: they count
 * in the outcome breakdown only (`call_outcome_days`). Talk and handle time have one count
 * (`*_timed`): both are defined exactly for the Held calls with a duration.
 */
export const callStats = sqliteTable(
  'call_stats',
  {
    ownerId: text('owner_id').notNull(),
    /** Start of the 15 minutes, Unix seconds (every zone's hours are whole buckets). */
    bucket: integer('bucket').notNull(),
    inHeld: integer('in_held').notNull(),
    /** Inbound, Not Held: the missed calls. */
    inMissed: integer('in_missed').notNull(),
    outHeld: integer('out_held').notNull(),
    outNotHeld: integer('out_not_held').notNull(),
    inTalkSum: integer('in_talk_sum').notNull(),
    inHandleSum: integer('in_handle_sum').notNull(),
    /** Inbound Held calls with a duration: the divisor of both averages. */
    inTimed: integer('in_timed').notNull(),
    outTalkSum: integer('out_talk_sum').notNull(),
    outHandleSum: integer('out_handle_sum').notNull(),
    outTimed: integer('out_timed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.bucket] })],
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
