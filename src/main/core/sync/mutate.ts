import type { ChangedEntity } from '../../../shared/api/events';
import { mutationArgs, type MutationInput, type MutationName } from '../../../shared/sync/mutations';
import type { LocalDb } from '../db/open';
import type { WriteTx } from '../db/write-tx';
import { CoreError } from '../errors';
import type { EventBus } from '../events';
import { appendMutation } from './append-mutation';
import { changedEntityOf } from './changed-entities';
import { localMutators, type LocalMutator, type Touched } from './local-mutators';

/**
 * The one way a change of user data enters the desktop (README, "The desktop side").
 * In ONE SQLite transaction, each mutation is
 *
 *     parsed with its shared schema → applied by its local mutator → appended to the outbox
 *
 * and only after the commit is the UI told what changed and the sync engine woken. The
 * local mutator is the same function rebase replays, so what the agent sees right after
 * a change is exactly what they see after a sync rebuilt the record from the server's
 * copy plus the waiting changes. If any mutation of the list is refused (its call is
 * gone, a status change is not legal), nothing of the list is written and the refusal
 * reaches the agent as a CoreError with the rule's own sentence.
 *
 * The outbox row and the record are written in one transaction: if the app died between
 * them, a change would exist on this desktop and never reach the server.
 */

export type Mutation = { [N in MutationName]: { name: N; args: MutationInput<N> } }[MutationName];

/** What a write needs: the store, the bus for data.changed, the agent, and the sync engine's bell. */
export interface WriteContext {
  local: LocalDb;
  events: EventBus;
  /** The signed-in agent (read at each commit: signing in changes it). */
  userId: string;
  /** Tells the sync engine a change is waiting. Called after the commit, never inside it. */
  wakeSync: () => void;
}

/** Local state that rides along a commit and is never synced, named for what it is. */
export type UnsyncedWrite =
  /** The live line's stored session (draft, after-call work): this desktop's own. */
  | 'line session'
  /** The demo data set: flagged is_demo, seeded and removed locally, never pushed. */
  | 'demo data'
  /** The server's own copy written into the cache by a pull, or restored by a rebase. */
  | 'server copy'
  /** The agent's preferences on this desktop (Settings): they do not sync. */
  | 'desktop settings'
  /** Sync's own record of a change the server refused, forgotten when the agent retries it. */
  | 'refusal record'
  /** Which texts this agent has read (the unread badge): each desktop's own. */
  | 'read marks'
  /** A number's display form and zone, derived on this desktop from the server's copy after a download. */
  | 'number facts';

export interface CommitOptions {
  /** A write of local, never-synced state that must commit or roll back with the mutations. */
  unsynced?: { what: UnsyncedWrite; write: (tx: WriteTx) => void };
}

export interface CommitResult {
  touched: Touched[];
  /** The outbox ids, in order. */
  mutationIds: number[];
}

export function commit(ctx: WriteContext, mutations: readonly Mutation[], options: CommitOptions = {}): CommitResult {
  const userId = ctx.userId;
  const result = inTransaction(ctx.local, (tx) => {
    const touched: Touched[] = [];
    const mutationIds: number[] = [];
    for (const mutation of mutations) {
      const parsed = mutationArgs[mutation.name].safeParse(mutation.args);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new CoreError(
          'invalid_change',
          `This change cannot be saved: ${first?.path.join('.') || 'the change'}: ${first?.message}`,
        );
      }
      const mutator = localMutators[mutation.name] as LocalMutator<MutationName>;
      const applied = mutator(tx, userId, parsed.data as never);
      if (!applied.ok) throw new CoreError(applied.error.code, applied.error.message);
      touched.push(...applied.value);
      // null: a change to demo data, kept on this desktop (demo-scope.ts).
      const id = appendMutation(tx, mutation.name, mutation.args as never);
      if (id !== null) mutationIds.push(id);
    }
    options.unsynced?.write(tx);
    return { touched, mutationIds };
  });
  announce(ctx.events, result.touched);
  if (result.mutationIds.length > 0) ctx.wakeSync();
  return result;
}

/**
 * A write that is not a sync mutation, named for why: the demo data set, the line's
 * session, the server's copy (pull and rebase). One transaction, nothing queued.
 */
export function writeUnsynced<T>(local: LocalDb, _what: UnsyncedWrite, write: (tx: WriteTx) => T): T {
  return inTransaction(local, write);
}

function inTransaction<T>(local: LocalDb, write: (tx: WriteTx) => T): T {
  // The only place a WriteTx is made: the store, while this transaction is open on it.
  // better-sqlite3 turns a nested call into a savepoint, so a commit inside a slice of a
  // larger transaction still rolls back alone.
  const tx = { db: local.db, sqlite: local.sqlite } as WriteTx;
  return local.sqlite.transaction(() => write(tx))();
}

/** One data.changed per kind of record, after the commit. */
export function announce(events: EventBus, touched: readonly Touched[]): void {
  const byEntity = new Map<ChangedEntity, Set<string>>();
  for (const { entity, id } of touched) {
    const name = changedEntityOf[entity];
    const ids = byEntity.get(name) ?? new Set<string>();
    ids.add(id);
    byEntity.set(name, ids);
  }
  for (const [entity, ids] of byEntity) {
    events.emit('data.changed', { entity, ids: [...ids] });
  }
}
