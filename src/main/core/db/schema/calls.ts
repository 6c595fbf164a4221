import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CallQualitySummary, CallReview, CallTranscript } from '../../../../shared/domain/call';

/**
 * Calls. `seq` is an INTEGER PRIMARY KEY, i.e. SQLite's rowid made explicit: the FTS5
 * search index (custom migration) is keyed by it, and an implicit rowid may be renumbered
 * by VACUUM, which would silently detach the search index from its calls. The record's
 * real identity is `id`, the client-made UUIDv7 that also travels through sync.
 */
export const calls = sqliteTable(
  'calls',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull(),
    direction: text('direction', { enum: ['Inbound', 'Outbound'] }).notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['Planned', 'Held', 'NotHeld', 'Cancelled'] }).notNull(),
    statusReason: text('status_reason'),
    plannedLocal: text('planned_local'),
    plannedZone: text('planned_zone'),
    plannedUtc: text('planned_utc'),
    actualStart: text('actual_start'),
    actualEnd: text('actual_end'),
    durationSeconds: integer('duration_seconds'),
    dispositionCode: text('disposition_code'),
    outcomeText: text('outcome_text').notNull().default(''),
    relatedType: text('related_type', { enum: ['account', 'contact', 'lead', 'opportunity', 'case'] }),
    relatedId: text('related_id'),
    relatedName: text('related_name'),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id'),
    fromNumber: text('from_number'),
    toNumber: text('to_number'),
    providerCallId: text('provider_call_id'),
    recordingUrl: text('recording_url'),
    /** The call's quality summary (JSON: average MOS, worst jitter, packet loss); null when not measured. */
    quality: text('quality', { mode: 'json' }).$type<CallQualitySummary>(),
    /** A supervisor's review and the provider's transcript (JSON); null when there is none. */
    review: text('review', { mode: 'json' }).$type<CallReview>(),
    transcript: text('transcript', { mode: 'json' }).$type<CallTranscript>(),
    /** When the wrap-up was saved (the end of after-call work, for handle time); null before. */
    wrappedUpAt: text('wrapped_up_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    /**
     * The time a call log sorts by: when it happened, else when it is planned, else when
     * it was logged. Generated so it can never drift from the columns it is made of;
     * every instant is a fixed-width UTC ISO string, so text order is time order.
     */
    sortAt: text('sort_at').generatedAlwaysAs(sql`coalesce(actual_start, planned_utc, created_at)`, {
      mode: 'virtual',
    }),
  },
  (t) => [
    uniqueIndex('calls_id_unique').on(t.id),
    index('calls_sort_idx').on(t.sortAt),
    index('calls_related_idx').on(t.relatedType, t.relatedId, t.sortAt),
    index('calls_status_sort_idx').on(t.status, t.sortAt),
    // The schedule: soonest planned first, unplanned last, in index order (the
    // leading `is null` term makes "nulls last" an index walk instead of a sort).
    index('calls_schedule_idx').on(sql`(${t.plannedUtc} is null)`, t.plannedUtc),
    // The Schedule view's week: `status = ? and planned_utc in [from, to)` is one range
    // seek that is already in planned order, and its count reads the index alone.
    index('calls_status_planned_idx').on(t.status, t.plannedUtc),
    index('calls_provider_call_idx').on(t.providerCallId),
    // Search by phone number: each side is an index seek (an OR of the two becomes a
    // union of seeks), however long the log.
    index('calls_from_number_idx').on(t.fromNumber),
    index('calls_to_number_idx').on(t.toNumber),
    index('calls_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
    // The calls table (repositories/call-table.ts): each filter that narrows a lot has an
    // index in "when" order, so a filtered page newest-first is a seek, not a scan of
    // the log; each sortable column has its own (the rowid, seq, ends every index).
    index('calls_owner_sort_idx').on(t.ownerId, t.sortAt),
    // The dashboard's partial days (repositories/call-stats.ts): an agent's calls of a few
    // hours by status and disposition, from the index alone (~1,300 calls a day read through
    // the one above cost a table page each: ~7 ms of a month's request).
    index('calls_owner_outcome_idx').on(t.ownerId, t.sortAt, t.status, t.dispositionCode),
    index('calls_direction_sort_idx').on(t.direction, t.sortAt),
    index('calls_disposition_sort_idx').on(t.dispositionCode, t.sortAt),
    index('calls_subject_idx').on(t.subject),
    index('calls_duration_idx').on(t.durationSeconds),
    index('calls_needs_disposition_idx')
      .on(t.sortAt)
      .where(sql`(disposition_code is null and status in ('Held', 'NotHeld'))`),
    index('calls_recording_idx')
      .on(t.sortAt)
      .where(sql`recording_url is not null`),
  ],
);

/** Who took part: users, contacts, leads. `position` keeps the order the agent gave. */
export const callParticipants = sqliteTable(
  'call_participants',
  {
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['user', 'contact', 'lead'] }).notNull(),
    participantId: text('participant_id').notNull(),
    role: text('role', { enum: ['organizer', 'attendee'] }).notNull(),
    name: text('name').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.position] }),
    index('call_participants_participant_idx').on(t.participantId),
  ],
);

/** Append-only: every status change, in order (`seq` 0 is the creation entry). */
export const callStatusHistory = sqliteTable(
  'call_status_history',
  {
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    fromStatus: text('from_status', { enum: ['Planned', 'Held', 'NotHeld', 'Cancelled'] }),
    toStatus: text('to_status', { enum: ['Planned', 'Held', 'NotHeld', 'Cancelled'] }).notNull(),
    reason: text('reason'),
    at: text('at').notNull(),
    by: text('by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.seq] })],
);
