import { pack, receive, tick, unpack, zeroHlc, type Hlc } from '../../../shared/sync/hlc';
import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import { CoreError } from '../errors';
import { randomSyncId, readSyncState, updateSyncState } from './sync-state';

/**
 * This desktop's hybrid logical clock, kept in sync_state so it survives restarts: a
 * stamp made after a restart is still later than every stamp made before it, even if
 * the wall clock went back. Read and written inside the caller's transaction, so two
 * writes can never draw the same stamp.
 */
function stored(db: Db): Hlc {
  const state = readSyncState(db);
  const parsed = state.hlc ? unpack(state.hlc) : null;
  if (parsed?.ok) return parsed.value;
  // The node id makes stamps of different desktops distinct; it is made once per install.
  return zeroHlc(randomSyncId().replace(/[^A-Za-z0-9_-]/g, ''));
}

const clockStatements = new WeakMap<Database.Database, { read: Database.Statement; write: Database.Statement }>();

/**
 * A new stamp for a change made at `atMs` (the agent's wall clock). Every queued mutation
 * ticks the clock, so the read and write are two statements prepared once per connection
 * (through the query builder they cost more than the rest of a bulk action together).
 */
export function tickClock(store: { db: Db; sqlite: Database.Database }, atMs: number): string {
  let statements = clockStatements.get(store.sqlite);
  if (!statements) {
    statements = {
      read: store.sqlite.prepare(`select hlc from sync_state where id = 1`),
      write: store.sqlite.prepare(`update sync_state set hlc = ? where id = 1`),
    };
    clockStatements.set(store.sqlite, statements);
  }
  const row = statements.read.get() as { hlc: string | null } | undefined;
  const parsed = row?.hlc ? unpack(row.hlc) : null;
  // The first stamp of an install: stored() makes the row and the node id.
  const current = parsed?.ok ? parsed.value : stored(store.db);
  const next = tick(current, atMs);
  if (!next.ok) throw new CoreError(next.error.code, next.error.message);
  const packed = pack(next.value);
  statements.write.run(packed);
  return packed;
}

/**
 * Folds in the newest stamp the server has accepted, so the next local edit is stamped
 * after every edit this desktop has seen (it then wins over them, as it should). A stamp
 * too far in the future (a machine with a wrong clock) is ignored rather than followed.
 */
export function receiveClock(db: Db, remote: string | null, nowMs: number): void {
  if (!remote) return;
  const parsed = unpack(remote);
  if (!parsed.ok) return;
  const next = receive(stored(db), parsed.value, nowMs, 24 * 3600_000);
  if (next.ok) updateSyncState(db, { hlc: pack(next.value) });
}
