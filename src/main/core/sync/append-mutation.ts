import type Database from 'better-sqlite3';
import { mutationArgs, type MutationInput, type MutationName } from '../../../shared/sync/mutations';
import type { WriteTx } from '../db/write-tx';
import { tickClock } from './clock';
import { isDemoBound } from './demo-scope';

/**
 * Queues one protocol mutation for the server: the only way a row enters the outbox.
 *
 * The arguments are parsed with the protocol's own schema here, so a writer that builds
 * a malformed mutation fails at the write (and its transaction rolls back, so the agent
 * sees the action fail) instead of queuing something the server will refuse days later.
 * The stamp comes from the persistent HLC, ticked with the change's own `at`.
 *
 * Call it inside the SAME transaction as the rows the mutation describes: if the app died
 * between the two writes, the change would exist on this desktop and never reach the
 * server (or the server would get a change this desktop never made).
 *
 * A change to demo data is not queued at all (demo-scope.ts says why): the local write
 * stands, and null says nothing was queued.
 */
export function appendMutation<N extends MutationName>(tx: WriteTx, name: N, args: MutationInput<N>): number | null {
  const parsed = mutationArgs[name].safeParse(args);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`Refusing to queue an invalid ${name}: ${first?.path.join('.')}: ${first?.message}`);
  }
  const value = parsed.data as { at: string };
  if (isDemoBound(tx, name, value)) return null;
  const hlc = tickClock(tx, Date.parse(value.at));
  // A statement prepared once per connection: a bulk action queues ten thousand of these.
  let insert = outboxInserts.get(tx.sqlite);
  if (!insert) outboxInserts.set(tx.sqlite, (insert = tx.sqlite.prepare(INSERT_OUTBOX)));
  return (insert.get(name, JSON.stringify(value), value.at, hlc) as { id: number }).id;
}

const INSERT_OUTBOX = `insert into outbox (name, args, created_at, hlc) values (?, ?, ?, ?) returning mutation_id as id`;
const outboxInserts = new WeakMap<Database.Database, Database.Statement>();
