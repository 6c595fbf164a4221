import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
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
  appointment: 'appointments',
};

function isDemoRow(tx: Db, table: string, id: string): boolean {
  // Table names come from the fixed map above, never from input.
  const row = tx.get<{ demo: number } | undefined>(
    sql`select is_demo as demo from ${sql.identifier(table)} where id = ${id}`,
  );
  return row?.demo === 1;
}

function isDemoReminder(tx: Db, id: string): boolean {
  const row = tx.get<{ demo: number } | undefined>(
    sql`select c.is_demo as demo from reminders r join calls c on c.id = r.call_id where r.id = ${id}`,
  );
  return row?.demo === 1;
}

/** True when a mutation changes demo data (or hangs on a demo call): it stays local. */
export function isDemoBound(tx: Db, name: string, args: unknown): boolean {
  const a = (args ?? {}) as { id?: unknown; callId?: unknown; isDemo?: unknown };
  if (a.isDemo === true) return true;
  if (typeof a.callId === 'string' && isDemoRow(tx, 'calls', a.callId)) return true;
  if (typeof a.id !== 'string') return false;
  const kind = name.split('.')[0] ?? '';
  if (kind === 'reminder') return isDemoReminder(tx, a.id);
  const table = tableOf[kind];
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
      if (isDemoBound(local.db, row.name, JSON.parse(row.args) as unknown)) dropped += drop.run(row.id).changes;
    }
  })();
  return dropped;
}
