import { sql } from 'drizzle-orm';
import type { TagSet } from '../../shared/domain/tag-set';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { noteCategories } from '../../shared/domain/customer';
import { companySettings } from './schema-company';
import { loginThrottle, revokedSessions } from './schema-security';
import { smsMessages, smsOptOuts, smsSettings, smsTemplates } from './schema-sms';
import type {
  CallQualitySummary,
  CallReview,
  CallTranscript,
  Participant,
  PlannedStart,
  StatusHistoryEntry,
} from '../../shared/domain/call';

/**
 * The server's Postgres schema. Conventions that correctness relies on:
 *
 * - Every tenant table has `company_id` first in its primary key. Ids are made on the
 *   desktops, so two companies may well use the same id; the composite key keeps them
 *   apart, and every query names the company (from the access token, never a body).
 * - `version` is the id of the transaction that last wrote the row (pg_current_xact_id,
 *   sync/versions.ts). Rows written by one transaction share a version; a pull pages by
 *   (version, entity, id) and never hands out a cursor past a transaction still in
 *   flight (sync/pull.ts explains why that keeps it from skipping a late commit).
 * - Instants are timestamptz (analytics and filters need them as times), read back as
 *   ISO strings with milliseconds.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const version = () => bigint('version', { mode: 'number' }).notNull();

export const companies = pgTable('companies', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /**
   * The last change version of the per-company counter that stamped rows before versions
   * became transaction ids (sync/versions.ts). No longer written; kept so old rows'
   * versions stay explained (they are all below any transaction id handed out since).
   */
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  /** Tombstones at or below this version were compacted away; older cursors get a reset. */
  horizon: bigint('horizon', { mode: 'number' }).notNull().default(0),
  /**
   * The newest HLC of the server's own writes (Twilio's call facts). Desktops' stamps are
   * kept per client (sync_clients.max_hlc) so a push never locks this row; a pull hands
   * out the greatest of both (sync/company-clock.ts).
   */
  maxHlc: text('max_hlc'),
  /**
   * Follow-up SLA minutes by disposition code, as an admin set them (shared/domain/sla.ts
   * SlaRules); null keeps the defaults. Desktops read them with GET /sla-rules.
   */
  slaRules: jsonb('sla_rules').$type<Record<string, number>>(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    /** Stored lower-cased; unique per company. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['agent', 'supervisor', 'admin'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: ts('disabled_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_company_email').on(t.companyId, t.email)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** sha256 of the token: the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    /** All tokens descending from one login; reuse of a spent token revokes the family. */
    familyId: text('family_id').notNull(),
    /**
     * The token whose refresh issued this one (null for a login's first token, and for
     * tokens issued before parents were recorded). auth/refresh.ts tells a retry from a
     * copy by it.
     */
    parentId: text('parent_id'),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family').on(t.familyId), index('refresh_tokens_parent').on(t.parentId)],
);

export const syncClients = pgTable(
  'sync_clients',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    userId: text('user_id').notNull(),
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    /** The newest HLC this client's applied mutations carried (part of the company clock). */
    maxHlc: text('max_hlc'),
    /** The change version (transaction id) of the client's last push: a pull delivers up to it (sync/pull.ts). */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Counting a user's recent registrations (the per-user client limit, sync/clients.ts).
    index('sync_clients_user_created').on(t.userId, t.createdAt),
    // The company clock is max(max_hlc) per company: one index probe, in bytewise order.
    index('sync_clients_company_hlc').on(t.companyId, sql`(${t.maxHlc} collate "C")`),
  ],
);

/** Mutations that can never apply, kept so a client that lost the push response can still learn why. */
export const syncRejections = pgTable(
  'sync_rejections',
  {
    clientId: text('client_id').notNull(),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    companyId: text('company_id').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    rejectedAt: ts('rejected_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] })],
);

export const calls = pgTable(
  'calls',
  {
    companyId: text('company_id').notNull(),
    id: text('id').notNull(),
    direction: text('direction', { enum: ['Inbound', 'Outbound'] }).notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['Planned', 'Held', 'NotHeld', 'Cancelled'] }).notNull(),
    statusReason: text('status_reason'),
    plannedStart: jsonb('planned_start').$type<PlannedStart | null>(),
    actualStart: ts('actual_start'),
    actualEnd: ts('actual_end'),
    durationSeconds: integer('duration_seconds'),
    /** When the call happened or is planned: actual start, else planned start, else creation. */
    occurredAt: ts('occurred_at').notNull(),
    dispositionCode: text('disposition_code'),
    outcomeText: text('outcome_text').notNull().default(''),
    participants: jsonb('participants').$type<Participant[]>().notNull(),
    /** User ids among the participants, for the "agents see calls they take part in" rule. */
    participantUserIds: text('participant_user_ids').array().notNull(),
    relatedType: text('related_type'),
    relatedId: text('related_id'),
    relatedName: text('related_name'),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id'),
    fromNumber: text('from_number'),
    toNumber: text('to_number'),
    providerCallId: text('provider_call_id'),
    recordingUrl: text('recording_url'),
    /** The call's quality summary as the agent's line measured it; null when not measured. */
    quality: jsonb('quality').$type<CallQualitySummary>(),
    /** A supervisor's review (call.review) and the provider's transcript (Twilio's callback). */
    review: jsonb('review').$type<CallReview>(),
    transcript: jsonb('transcript').$type<CallTranscript>(),
    /** When the wrap-up was saved (the end of after-call work); null before. */
    wrappedUpAt: ts('wrapped_up_at'),
    history: jsonb('history').$type<StatusHistoryEntry[]>().notNull(),
    /** The call's tags: an add-wins observed-remove set (shared/domain/tag-set.ts); null until tagged. */
    tagSet: jsonb('tag_set').$type<TagSet>(),
    /** field name → packed HLC of the write that set it (last writer wins per field). */
    fieldHlc: jsonb('field_hlc').$type<Record<string, string>>().notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('calls_version').on(t.companyId, t.version, t.id),
    index('calls_occurred').on(t.companyId, t.occurredAt, t.id),
    index('calls_owner_occurred').on(t.companyId, t.ownerId, t.occurredAt),
    index('calls_participant_users').using('gin', t.participantUserIds),
    // The agent's pull (sync/pull.ts): its own calls changed since its cursor, and the calls
    // it takes part in without owning them (a transfer, a conference), so a pull reads what
    // the agent can see that changed, not every change of the company.
    index('calls_owner_version').on(t.companyId, t.ownerId, t.version, t.id),
    // The calls with guests (participants besides the owner), in version order: the guests'
    // branch walks the company's changed calls that have any guest, a few, instead of every
    // changed call (what Postgres did with the GIN index this replaced, migration 0021,
    // whenever its statistics were young) or a GIN search, whose pending list of recent
    // inserts every search reads whole. The branch repeats the predicate so it may use it.
    index('calls_guests_version')
      .on(t.companyId, t.version, t.id)
      .where(sql`array_remove(${t.participantUserIds}, ${t.ownerId}) <> '{}'`),
    index('calls_related').on(t.companyId, t.relatedType, t.relatedId),
  ],
);

export const notes = pgTable(
  'notes',
  {
    companyId: text('company_id').notNull(),
    id: text('id').notNull(),
    body: text('body').notNull(),
    callId: text('call_id'),
    relatedType: text('related_type'),
    relatedId: text('related_id'),
    relatedName: text('related_name'),
    authorId: text('author_id').notNull(),
    /** shared/domain/customer.ts noteCategories; 'general' for notes written before categories. */
    category: text('category', { enum: noteCategories }).notNull().default('general'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    version: version(),
    /**
     * Who sees the note's call, copied from it by triggers (migration 0020): its owner, and
     * its participants other than the owner (null when none). An agent's pull selects its
     * notes by these indexes instead of matching every changed note of the company to its
     * calls. Never written by the server: the insert trigger fills them from the call (a
     * share lock on it, so a concurrent reassignment waits), the calls trigger keeps them.
     */
    callOwnerId: text('call_owner_id'),
    callGuestIds: text('call_guest_ids').array(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('notes_version').on(t.companyId, t.version, t.id),
    index('notes_call').on(t.companyId, t.callId),
    index('notes_call_owner_version').on(t.companyId, t.callOwnerId, t.version, t.id),
    index('notes_unlinked_version')
      .on(t.companyId, t.version, t.id)
      .where(sql`${t.callId} is null`),
    // Notes on calls with guests, in version order (as calls_guests_version, migration 0021).
    index('notes_guests_version')
      .on(t.companyId, t.version, t.id)
      .where(sql`${t.callGuestIds} is not null`),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    companyId: text('company_id').notNull(),
    id: text('id').notNull(),
    subject: text('subject').notNull(),
    dueAt: ts('due_at'),
    status: text('status', { enum: ['Open', 'Done', 'Cancelled'] }).notNull(),
    priority: text('priority', { enum: ['Low', 'Normal', 'High'] }).notNull(),
    related: jsonb('related').$type<{ type: string; id: string; name: string } | null>(),
    callId: text('call_id'),
    ownerId: text('owner_id').notNull(),
    createdBy: text('created_by').notNull(),
    fieldHlc: jsonb('field_hlc').$type<Record<string, string>>().notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), index('tasks_version').on(t.companyId, t.version, t.id)],
);

/** Reminders are personal: they pop up on their owner's desktop only. */
export const reminders = pgTable(
  'reminders',
  {
    companyId: text('company_id').notNull(),
    id: text('id').notNull(),
    callId: text('call_id').notNull(),
    ownerId: text('owner_id').notNull(),
    offsetMinutes: integer('offset_minutes').notNull(),
    remindAt: ts('remind_at').notNull(),
    firedAt: ts('fired_at'),
    dismissedAt: ts('dismissed_at'),
    updatedAt: ts('updated_at').notNull(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), index('reminders_version').on(t.companyId, t.version, t.id)],
);

/**
 * The company directory. Records are stored whole (validated by the shared zod schemas)
 * because the server only filters them by phone; `directory_phones` indexes the numbers.
 */
function directoryTable(name: string, options: { byAccount?: boolean } = {}) {
  return pgTable(
    name,
    {
      companyId: text('company_id').notNull(),
      id: text('id').notNull(),
      data: jsonb('data').$type<Record<string, unknown>>().notNull(),
      fieldHlc: jsonb('field_hlc')
        .$type<Record<string, string>>()
        .notNull()
        .default(sql`'{}'::jsonb`),
      updatedAt: ts('updated_at').notNull(),
      version: version(),
    },
    (t) => [
      primaryKey({ columns: [t.companyId, t.id] }),
      index(`${name}_version`).on(t.companyId, t.version, t.id),
      // An account's people (its customer profile counts their calls, customers/account-routes.ts).
      ...(options.byAccount ? [index(`${name}_account`).on(t.companyId, sql`(${t.data} ->> 'accountId')`)] : []),
    ],
  );
}

export const accounts = directoryTable('accounts');
export const contacts = directoryTable('contacts', { byAccount: true });
export const leads = directoryTable('leads');
export const opportunities = directoryTable('opportunities');
export const cases = directoryTable('cases');

/**
 * Customers' visits (shared/domain/appointment.ts), for the whole company like the
 * directory. The record is stored whole; the columns beside it are what the server
 * filters and orders by (a customer's visits, bookings of a period, a call's bookings).
 * `statusHlc` is the clock stamp of the status's last change, `slotHlc` of the slot's
 * (date and window, appointment.reschedule): each merges on its own, the newest change wins.
 */
export const appointments = pgTable(
  'appointments',
  {
    companyId: text('company_id').notNull(),
    id: text('id').notNull(),
    contactId: text('contact_id').notNull(),
    callId: text('call_id'),
    startsAt: ts('starts_at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    statusHlc: text('status_hlc').notNull(),
    /** Empty until the first reschedule: every stamp is newer. */
    slotHlc: text('slot_hlc').notNull().default(''),
    createdAt: ts('created_at').notNull(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('appointments_version').on(t.companyId, t.version, t.id),
    index('appointments_contact').on(t.companyId, t.contactId, t.startsAt),
    index('appointments_created').on(t.companyId, t.createdAt),
  ],
);

export const directoryPhones = pgTable(
  'directory_phones',
  {
    companyId: text('company_id').notNull(),
    entity: text('entity', { enum: ['accounts', 'contacts', 'leads'] }).notNull(),
    entityId: text('entity_id').notNull(),
    e164: text('e164').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.entity, t.entityId, t.e164] }),
    index('directory_phones_lookup').on(t.companyId, t.e164),
  ],
);

/** Deletes, so pulls can tell clients to drop rows. Compacted below companies.horizon. */
export const tombstones = pgTable(
  'tombstones',
  {
    companyId: text('company_id').notNull(),
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    /**
     * For personal rows (reminders), and for a call that left one person's view (calls/
     * hide-lost.ts): only that user's pulls carry the delete. Null: everyone's do.
     */
    ownerId: text('owner_id'),
    deletedAt: ts('deleted_at').notNull(),
    version: version(),
  },
  (t) => [
    // One delete per row and audience: several people may lose sight of one call.
    unique('tombstones_key').on(t.companyId, t.entity, t.id, t.ownerId).nullsNotDistinct(),
    index('tombstones_version').on(t.companyId, t.version, t.entity, t.id),
  ],
);

/**
 * A company's Twilio connection. The auth token and the API key secret are stored
 * encrypted (AES-256-GCM, twilio/secrets.ts) and never leave the server; the rest is
 * what the agents' desktops and Twilio's webhooks need. Several companies may share one
 * Twilio account (subaccounts are the usual way, but not required), so the AccountSid is
 * indexed, not unique: webhooks narrow the company down by the called number or the call.
 */
export const twilioSettings = pgTable(
  'twilio_settings',
  {
    companyId: text('company_id')
      .primaryKey()
      .references(() => companies.id),
    accountSid: text('account_sid').notNull(),
    authTokenEnc: text('auth_token_enc').notNull(),
    apiKeySid: text('api_key_sid').notNull(),
    apiSecretEnc: text('api_secret_enc').notNull(),
    twimlAppSid: text('twiml_app_sid').notNull(),
    /** Every number of the company (E.164); the first is the caller ID unless `callerId` says otherwise. */
    numbers: text('numbers').array().notNull(),
    callerId: text('caller_id').notNull(),
    edge: text('edge').notNull().default('roaming'),
    /** Recording consent: calls and voicemails are recorded only when the company says so. */
    recordCalls: boolean('record_calls').notNull().default(false),
    publishInsights: boolean('publish_insights').notNull().default(false),
    /** Ask Twilio to transcribe voicemails (billed by Twilio per minute, so off by default). */
    transcribeRecordings: boolean('transcribe_recordings').notNull().default(false),
    /** How long agents ring before the caller goes to voicemail. */
    ringSeconds: integer('ring_seconds').notNull().default(25),
    voicemailGreeting: text('voicemail_greeting').notNull(),
    /** Numbers the company never calls, whatever the directory says (E.164). */
    blockedNumbers: text('blocked_numbers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('twilio_settings_account').on(t.accountSid)],
);

/**
 * Every Twilio leg the server heard of, folded from its status callbacks (twilio/legs.ts):
 * which CRM call it belongs to, and the furthest status reached. Callbacks come twice,
 * late and out of order; the fold is order-independent, so the record derived from the
 * legs is too.
 */
export const twilioLegs = pgTable(
  'twilio_legs',
  {
    companyId: text('company_id').notNull(),
    callSid: text('call_sid').notNull(),
    parentCallSid: text('parent_call_sid'),
    callId: text('call_id').notNull(),
    /** `customer`: the leg to or from the outside number; `agent`: a <Client> leg; `transfer`: a leg dialed to pass the call on. */
    role: text('role', { enum: ['customer', 'agent', 'transfer'] }).notNull(),
    /** The agent's user id on an agent leg. */
    userId: text('user_id'),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.callSid] }), index('twilio_legs_call').on(t.companyId, t.callId)],
);

/** Hold and transfer state of a call bridged through a Conference (twilio/control.ts). */
export const twilioConferences = pgTable(
  'twilio_conferences',
  {
    companyId: text('company_id').notNull(),
    callId: text('call_id').notNull(),
    /** The conference's friendly name: the CRM call id, so it is unique per call. */
    name: text('name').notNull(),
    conferenceSid: text('conference_sid'),
    customerCallSid: text('customer_call_sid'),
    agentCallSid: text('agent_call_sid'),
    agentUserId: text('agent_user_id').notNull(),
    onHold: boolean('on_hold').notNull().default(false),
    /** The transfer in progress or last made: { mode, target, state, targetCallSid }. */
    transfer: jsonb('transfer').$type<Record<string, unknown> | null>(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.callId] })],
);

/**
 * Where a call's recording is at Twilio. Server-only: the call record carries our own
 * proxy URL (GET /calls/:id/recording), so the media URL and credentials never reach a
 * desktop.
 */
export const twilioRecordings = pgTable(
  'twilio_recordings',
  {
    companyId: text('company_id').notNull(),
    callId: text('call_id').notNull(),
    recordingSid: text('recording_sid').notNull(),
    mediaUrl: text('media_url').notNull(),
    durationSeconds: integer('duration_seconds'),
    /**
     * `call` (the conversation, with consent), `conference` (the same, recorded in the
     * call's Conference after a hold or transfer moved it there) or `voicemail`.
     */
    kind: text('kind', { enum: ['call', 'conference', 'voicemail'] }).notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.callId] })],
);

/**
 * The company's blocked numbers (blocked/store.ts): inbound calls from them are rejected
 * before anyone rings, and nobody may dial them. Admins and supervisors keep the list;
 * every desktop reads it (GET /blocked-numbers).
 */
export const blockedNumbers = pgTable(
  'blocked_numbers',
  {
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    e164: text('e164').notNull(),
    reason: text('reason').notNull().default(''),
    /** The user who blocked it; null when an operator did, with the server CLI. */
    addedBy: text('added_by'),
    /** Their display name then, as people read it in the list. */
    addedByName: text('added_by_name').notNull(),
    addedAt: ts('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.e164] })],
);

/** An agent's availability as their desktop last reported it, and when it was last heard from. */
export const agentPresence = pgTable(
  'agent_presence',
  {
    companyId: text('company_id').notNull(),
    userId: text('user_id').notNull(),
    availability: text('availability').notNull(),
    /** The HLC of the report that set it: an older report arriving late does not win. */
    hlc: text('hlc').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.userId] })],
);

/**
 * Company views of the calls table: a filter, sort, columns and density set a supervisor
 * (or admin) named and shares with the whole company. Desktops read them after their
 * sync rounds (GET /call-views) and show them beside the agent's own views.
 */
export const callViews = pgTable(
  'call_views',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    name: text('name').notNull(),
    /** shared/api/call-table.ts CallTableLayout, checked on the way in. */
    layout: jsonb('layout').$type<Record<string, unknown>>().notNull(),
    pinned: boolean('pinned').notNull().default(false),
    createdBy: text('created_by').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('call_views_company_idx').on(t.companyId, t.name)],
);

export const schema = {
  companies,
  callViews,
  users,
  refreshTokens,
  syncClients,
  syncRejections,
  calls,
  notes,
  tasks,
  reminders,
  accounts,
  contacts,
  leads,
  opportunities,
  cases,
  appointments,
  directoryPhones,
  tombstones,
  twilioSettings,
  twilioLegs,
  twilioConferences,
  twilioRecordings,
  agentPresence,
  blockedNumbers,
  loginThrottle,
  revokedSessions,
  smsMessages,
  smsOptOuts,
  smsTemplates,
  smsSettings,
  companySettings,
};
export type Schema = typeof schema;
