import { and, eq, inArray } from 'drizzle-orm';
import type { Principal } from '../../auth/tokens';
import type { Tx } from '../../db/database';
import { prebuiltInsert } from '../../db/prebuilt-insert';
import { calls, notes } from '../../db/schema';

/** The columns that decide whether someone may see a call (canSeeCall). */
export interface CallAccess {
  companyId: string;
  ownerId: string;
  participantUserIds: string[];
}

export type NoteInsert = typeof notes.$inferInsert;

/** Postgres takes at most 65,535 parameters per statement; a note row binds 11. */
const NOTE_ROWS_PER_INSERT = 1000;

/**
 * What one push transaction remembers between the mutations it applies, so a batch of
 * 500 notes on one call costs a handful of round trips instead of three per note:
 *
 *  - call access (owner, participants) read once per call, not once per note or task;
 *  - which note ids already exist, read for the whole batch in one query (or not read at
 *    all, assumeNewNoteIds below);
 *  - note inserts queued and written as multi-row inserts.
 *
 * Why this keeps the push's exactly-once argument intact: everything here lives and dies
 * with ONE transaction (push.ts makes a new scope per transaction), so a rollback drops
 * the memory together with the writes, and the queued notes are flushed before that
 * transaction commits, in the same transaction as the client's new lastMutationId. A
 * note id that another transaction inserts concurrently (or, with assumeNewNoteIds, one
 * taken at all) makes the flush fail with a unique violation; the batch then rolls back
 * and push.ts replays it with a savepoint per mutation and a checked scope, which
 * rejects that one note precisely (as the existence check always did).
 *
 * Freshness: a call's access is read once per transaction and forgotten whenever a call
 * mutator of this transaction writes that call. A concurrent change by ANOTHER
 * transaction is not seen until the next one, as if this batch had been checked when it
 * started; that read never took a lock before either, so no ordering is lost.
 */
export interface TxScope {
  /** The call's access columns in the caller's company, or null when there is no such call. */
  callAccess(id: string): Promise<CallAccess | null>;
  /** A call mutator wrote this call: read its access again next time. */
  forgetCall(id: string): void;
  /** A call mutator created this call and knows its access (a note on it then costs no read). */
  rememberCall(id: string, callAccess: CallAccess): void;
  /** Reads the access of many calls and the existence of many notes in two queries. */
  prefetch(ids: { callIds: Iterable<string>; noteIds: Iterable<string> }): Promise<void>;
  /**
   * Whether the note id is taken in the company, counting notes queued in this transaction.
   * With `assumeNewNoteIds` only the queued ones count: the flush's insert is the check.
   */
  noteExists(id: string): Promise<boolean>;
  /** Queues a note insert (its id counts as taken at once); written by `flush`. */
  queueNote(row: NoteInsert): void;
  /** Writes the queued notes. Callers flush before any other kind of write, and before commit. */
  flush(): Promise<void>;
}

export interface TxScopeOptions {
  /**
   * Answer "is this note id taken?" from this transaction's own notes only, without a read:
   * a note id already in the database then makes the flush's insert fail with a unique
   * violation, which rolls the attempt back. For push.ts's fast path, which already treats
   * any throw that way (its savepoint run then checks each note with a read and rejects
   * just the one): a taken id is rare (a desktop replaying its outbox after a new sign-in),
   * and the read it saves is one round trip on every push that adds a note.
   */
  assumeNewNoteIds?: boolean;
}

export function createTxScope(tx: Tx, principal: Principal, options: TxScopeOptions = {}): TxScope {
  const { companyId } = principal;
  const access = new Map<string, CallAccess | null>();
  const noteTaken = new Map<string, boolean>();
  let queued: NoteInsert[] = [];

  async function readAccess(ids: string[]): Promise<void> {
    const unknown = [...new Set(ids)].filter((id) => !access.has(id));
    if (unknown.length === 0) return;
    const rows = await tx
      .select({ id: calls.id, companyId: calls.companyId, ownerId: calls.ownerId, ids: calls.participantUserIds })
      .from(calls)
      .where(and(eq(calls.companyId, companyId), inArray(calls.id, unknown)));
    for (const id of unknown) access.set(id, null);
    for (const row of rows) {
      access.set(row.id, { companyId: row.companyId, ownerId: row.ownerId, participantUserIds: row.ids });
    }
  }

  async function readNotes(ids: string[]): Promise<void> {
    if (options.assumeNewNoteIds) return;
    const unknown = [...new Set(ids)].filter((id) => !noteTaken.has(id));
    if (unknown.length === 0) return;
    const rows = await tx
      .select({ id: notes.id })
      .from(notes)
      .where(and(eq(notes.companyId, companyId), inArray(notes.id, unknown)));
    for (const id of unknown) noteTaken.set(id, false);
    for (const row of rows) noteTaken.set(row.id, true);
  }

  return {
    async callAccess(id) {
      await readAccess([id]);
      return access.get(id) ?? null;
    },
    forgetCall(id) {
      access.delete(id);
    },
    rememberCall(id, callAccess) {
      access.set(id, callAccess);
    },
    async prefetch(ids) {
      await readAccess([...ids.callIds]);
      await readNotes([...ids.noteIds]);
    },
    async noteExists(id) {
      await readNotes([id]);
      return noteTaken.get(id) === true;
    },
    queueNote(row) {
      noteTaken.set(row.id, true);
      queued.push(row);
    },
    async flush() {
      const rows = queued;
      queued = [];
      for (let start = 0; start < rows.length; start += NOTE_ROWS_PER_INSERT) {
        await insertNotes(tx, rows.slice(start, start + NOTE_ROWS_PER_INSERT));
      }
    },
  };
}

/** Note inserts of a few rows (a push's usual one or two notes) are prebuilt per shape (prebuilt-insert.ts). */
const insertNotes = prebuiltInsert<NoteInsert, unknown>(notes, (db, rows) => db.insert(notes).values(rows));
