import { z } from 'zod';
import { Appointment } from '../domain/appointment';
import { CallRecord } from '../domain/call';
import { Account, Case, Contact, Lead, Opportunity } from '../domain/directory';
import { Id } from '../domain/primitives';
import { Note, Reminder, Task } from '../domain/work';
import { HlcString } from './hlc';

/**
 * The sync wire protocol, after Replicache's model:
 *
 * Push. A client (one desktop install for one signed-in user) numbers its mutations
 * 1, 2, 3… and sends them in order, in batches. The server applies each at most once,
 * in one transaction together with the client's `lastMutationId`, so "applied" and
 * "counted as applied" can never disagree. Ids at or below `lastMutationId` are
 * duplicates (a retry after a lost response) and are skipped. An id above
 * `lastMutationId + 1` means the client lost part of its outbox; the batch stops there.
 * A mutation that can never apply is rejected, and the rejection also advances
 * `lastMutationId` (otherwise one bad mutation would block the outbox forever). A
 * transient failure stops the batch without advancing: the client retries later.
 *
 * Pull. The client sends the cursor of its last pull; the server returns what changed
 * since, plus `lastMutationId` read in the same database snapshot. The client drops
 * every outbox entry up to that id (their effects are in the changes) and rebases the
 * rest on top of the new state.
 */

export const PROTOCOL_VERSION = 1;

/** A client id: one per install and signed-in user (a new login makes a new client). */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A client id is 8 to 64 letters, digits, _ or -');

export const MutationEnvelope = z.object({
  /** 1, 2, 3… per client, without gaps. */
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(64),
  /** Checked against `mutationArgs[name]` one by one, so one bad mutation cannot block a batch. */
  args: z.unknown(),
  /** Stamped when the agent made the change; decides field conflicts. */
  hlc: HlcString,
});
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

export const MAX_PUSH_MUTATIONS = 1000;

export const PushRequest = z
  .object({
    protocolVersion: z.literal(PROTOCOL_VERSION).default(PROTOCOL_VERSION),
    clientId: ClientId,
    mutations: z.array(MutationEnvelope).max(MAX_PUSH_MUTATIONS),
  })
  .strict();
export type PushRequest = z.input<typeof PushRequest>;

export const Rejection = z.object({ code: z.string(), message: z.string() });
export type Rejection = z.infer<typeof Rejection>;

export const MutationOutcome = z.discriminatedUnion('status', [
  z.object({ id: z.number().int(), status: z.literal('applied') }),
  z.object({ id: z.number().int(), status: z.literal('rejected'), error: Rejection }),
  /** Already processed earlier; `error` repeats the rejection if it was rejected then. */
  z.object({ id: z.number().int(), status: z.literal('duplicate'), error: Rejection.optional() }),
]);
export type MutationOutcome = z.infer<typeof MutationOutcome>;

export const PushStop = z.object({
  /**
   * `mutation_gap`: the client skipped ids; it must resend from `lastMutationId + 1`.
   * `transient`: the server could not finish (database unreachable, conflict); retry later.
   */
  code: z.enum(['mutation_gap', 'transient']),
  message: z.string(),
  /** The mutation the server stopped at; it was not applied. */
  mutationId: z.number().int(),
  retryable: z.boolean(),
});
export type PushStop = z.infer<typeof PushStop>;

export const PushResponse = z.object({
  /** After this push: every mutation up to here is applied or rejected, exactly once. */
  lastMutationId: z.number().int().nonnegative(),
  outcomes: z.array(MutationOutcome),
  /** Present when the batch did not finish; outcomes cover what came before the stop. */
  stopped: PushStop.optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const MAX_PULL_LIMIT = 10_000;

export const PullRequest = z
  .object({
    protocolVersion: z.literal(PROTOCOL_VERSION).default(PROTOCOL_VERSION),
    clientId: ClientId,
    /** Opaque: what the previous pull returned, or null for a first download. */
    cursor: z.string().max(200).nullable(),
    /** Most rows (upserts plus deletes) in one response; `more` says when to pull again. */
    limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
  })
  .strict();
export type PullRequest = z.input<typeof PullRequest>;

/** Entities a pull carries: the agent's work, then the company directory. */
export const syncEntities = [
  'calls',
  'notes',
  'tasks',
  'reminders',
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'cases',
  /** Customers' visits (appointment.ts): for the whole company, like the directory. */
  'appointments',
] as const;
export const SyncEntity = z.enum(syncEntities);
export type SyncEntity = z.infer<typeof SyncEntity>;

export const Changes = z.object({
  calls: z.array(CallRecord),
  notes: z.array(Note),
  tasks: z.array(Task),
  reminders: z.array(Reminder),
  accounts: z.array(Account),
  contacts: z.array(Contact),
  leads: z.array(Lead),
  opportunities: z.array(Opportunity),
  cases: z.array(Case),
  appointments: z.array(Appointment),
});
export type Changes = z.infer<typeof Changes>;

export const Tombstone = z.object({ entity: SyncEntity, id: Id });
export type Tombstone = z.infer<typeof Tombstone>;

export const PullResponse = z.object({
  cursor: z.string(),
  /** Read in the same snapshot as `changes`: every mutation up to it is reflected there. */
  lastMutationId: z.number().int().nonnegative(),
  /**
   * The client must drop its cache and rebuild it from this and the following pages: its
   * cursor was unknown, or older than the deletes the server still remembers.
   */
  reset: z.boolean(),
  /** More changes are waiting: pull again right away with the new cursor. */
  more: z.boolean(),
  changes: Changes,
  deletes: z.array(Tombstone),
  /** The newest clock stamp the server has accepted; feed it to the local HLC (`receive`). */
  hlc: HlcString.nullable(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export function emptyChanges(): Changes {
  return {
    calls: [],
    notes: [],
    tasks: [],
    reminders: [],
    accounts: [],
    contacts: [],
    leads: [],
    opportunities: [],
    cases: [],
    appointments: [],
  };
}

export const RejectionRecord = z.object({
  mutationId: z.number().int(),
  name: z.string(),
  code: z.string(),
  message: z.string(),
  rejectedAt: z.string(),
});
export const RejectionList = z.object({ items: z.array(RejectionRecord) });
