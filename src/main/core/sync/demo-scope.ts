import type Database from 'better-sqlite3';
import type { LocalDb } from '../db/open';

/**
 * Demo data lives on this desktop only: it is seeded locally, never sent, and the CRM
 * server has none of it. A change to a demo record (an edited demo call, a note on it, a
 * reminder for it) therefore could only ever come back refused ("Call … was not found"),
 * so it is kept local and never queued. Never queuing, rather than queuing and dropping
 * later, is what keeps it honest: nothing waits that will never be sent, the waiting
 * count stays true, and rebase (which only rebuilds records with outbox rows) leaves the
 * edited demo row exactly as the agent left it.
 *
 * A real record that merely points at demo data (a new call whose related contact is a
 * demo one) is still sent: the server keeps the reference as a name, and the call is real.
 */

const tableOf: Record<string, string> = {
  call: 'calls',
  note: 'notes',
  task: 'tasks',
  contact: 'contacts',
  account: 'accounts',
  appointment: 'appointments',
};
const taggedTableOf: Record<string, string> = { calls: 'calls', contacts: 'contacts' };

/** Statements prepared once per connection: every queued mutation asks (a bulk action, ten thousand times). */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function demoFlag(sqlite: Database.Database, text: string, id: string): boolean {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = sqlite.prepare(text)));
  return (statement.get(id) as { demo: number } | undefined)?.demo === 1;
}

function isDemoRow(store: Store, table: string, id: string): boolean {
  // Table names come from the fixed map above, never from input.
  return demoFlag(store.sqlite, `select is_demo as demo from "${table}" where id = ?`, id);
}

function isDemoReminder(store: Store, id: string): boolean {
  return demoFlag(
    store.sqlite,
    `select c.is_demo as demo from reminders r join calls c on c.id = r.call_id where r.id = ?`,
    id,
  );
}

type Store = Pick<LocalDb, 'sqlite'>;

/** True when a mutation changes demo data (or hangs on a demo call): it stays local. */
export function isDemoBound(tx: Store, name: string, args: unknown): boolean {
  const a = (args ?? {}) as { id?: unknown; callId?: unknown; isDemo?: unknown; entity?: unknown };
  if (a.isDemo === true) return true;
  if (typeof a.callId === 'string' && isDemoRow(tx, 'calls', a.callId)) return true;
  if (typeof a.id !== 'string') return false;
  const kind = name.split('.')[0] ?? '';
  if (kind === 'reminder') return isDemoReminder(tx, a.id);
  // A tag change names what it tags (a call or a contact).
  const table = kind === 'tag' ? taggedTableOf[String(a.entity)] : tableOf[kind];
  return table !== undefined && isDemoRow(tx, table, a.id);
}

/**
 * Builds before this rule queued demo edits like any other; on such a desktop they
 * would still go out and come back refused. At start, those not yet confirmed are
 * dropped (their local effect stays, as for any demo edit). A gap this leaves in the
 * numbering is what the push already handles (a mutation_gap makes the desktop
 * continue as a new client; nothing waiting is lost). Cheap: it looks only at unconfirmed
 * rows, and not at all once the demo data is gone.
 */
export function dropQueuedDemoChanges(local: LocalDb): number {
  const anyDemo = local.sqlite
    .prepare(`select 1 from calls where is_demo = 1 union all select 1 from contacts where is_demo = 1 limit 1`)
    .get();
  if (!anyDemo) return 0;
  const rows = local.sqlite
    .prepare(
      `select mutation_id as id, name, args from outbox
       where mutation_id > (select coalesce(max(last_mutation_id_confirmed), 0) from sync_state)`,
    )
    .all() as { id: number; name: string; args: string }[];
  const drop = local.sqlite.prepare(`delete from outbox where mutation_id = ?`);
  let dropped = 0;
  local.sqlite.transaction(() => {
    for (const row of rows) {
      if (isDemoBound(local, row.name, JSON.parse(row.args) as unknown)) dropped += drop.run(row.id).changes;
    }
  })();
  return dropped;
}
