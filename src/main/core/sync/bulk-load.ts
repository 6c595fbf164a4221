import type { LocalDb } from '../db/open';
import { setBulkLoading } from '../db/bulk-loading';
import { writeUnsynced } from './mutate';

/**
 * The first directory download writes its rows without the search index's and the caller
 * cards' triggers (about 0.2 ms of CPU per contact, six times the rows' own writes) and
 * builds both read models afterwards, in bulk, chunk by chunk (migration 0022,
 * db/bulk-loading.ts).
 *
 * The `bulk_load` row says a rebuild is owed. It is written before the first row skips
 * its triggers and deleted only in the transaction of the rebuild's last chunk, so a crash
 * anywhere in between leaves it set: the next pull (a resumed download, or any pull after
 * start-up) rebuilds before it deletes it (rebuildIfOwed).
 *
 * Each chunk is one transaction of a few hundred rows, so a write of the agent's waits
 * for the write lock at most one chunk. Every chunk replaces its rows' entries (the
 * agent's writes between chunks keep theirs current through the triggers, and a chunk
 * written again after a crash writes the same), so chunks may run in any order and again.
 */

const CHUNK = 500;

export function bulkLoadOwed(local: LocalDb): boolean {
  return local.sqlite.prepare('SELECT 1 FROM bulk_load WHERE id = 1').get() !== undefined;
}

/** Declares the bulk load (kept across a crash) and turns this connection's triggers off for it. */
export function beginBulkLoad(local: LocalDb, now: Date): void {
  writeUnsynced(local, 'server copy', (tx) => {
    tx.sqlite
      .prepare('INSERT INTO bulk_load (id, started_at) VALUES (1, ?) ON CONFLICT (id) DO NOTHING')
      .run(now.toISOString());
  });
  setBulkLoading(local.sqlite, true);
}

/** Turns the triggers back on, rebuilds both read models, then clears the flag. */
export async function finishBulkLoad(local: LocalDb, yieldNow: () => Promise<void>): Promise<void> {
  setBulkLoading(local.sqlite, false);
  await rebuildReadModels(local, yieldNow);
}

/** After a crash (or a stop) mid-download: the rebuild the flag still asks for. */
export async function rebuildIfOwed(local: LocalDb, yieldNow: () => Promise<void>): Promise<boolean> {
  if (!bulkLoadOwed(local)) return false;
  setBulkLoading(local.sqlite, false);
  await rebuildReadModels(local, yieldNow);
  return true;
}

/** The directory search index's text for each kind, as migration 0013's triggers write it. */
const searchRows = {
  contact: `SELECT k.seq, trim(c.first_name || ' ' || c.last_name), coalesce(a.name, ''), c.email,
      coalesce((SELECT group_concat(replace(p.e164, '+', ''), ' ') FROM phones p WHERE p.owner_type = 'contact' AND p.owner_id = c.id), ''),
      coalesce((SELECT group_concat(j.value, ' ') FROM json_each(c.tags) j), '')
    FROM contacts c JOIN directory_keys k ON k.kind = 'contact' AND k.ref_id = c.id LEFT JOIN accounts a ON a.id = c.account_id
    WHERE c.rowid > ? AND c.rowid <= ?`,
  lead: `SELECT k.seq, trim(l.first_name || ' ' || l.last_name), l.company, l.email,
      coalesce((SELECT group_concat(replace(p.e164, '+', ''), ' ') FROM phones p WHERE p.owner_type = 'lead' AND p.owner_id = l.id), ''),
      coalesce((SELECT group_concat(j.value, ' ') FROM json_each(l.tags) j), '')
    FROM leads l JOIN directory_keys k ON k.kind = 'lead' AND k.ref_id = l.id
    WHERE l.rowid > ? AND l.rowid <= ?`,
  account: `SELECT k.seq, a.name, '', '',
      coalesce((SELECT group_concat(replace(p.e164, '+', ''), ' ') FROM phones p WHERE p.owner_type = 'account' AND p.owner_id = a.id), ''),
      ''
    FROM accounts a JOIN directory_keys k ON k.kind = 'account' AND k.ref_id = a.id
    WHERE a.rowid > ? AND a.rowid <= ?`,
} as const;

const tableOf = { contact: 'contacts', lead: 'leads', account: 'accounts' } as const;

async function rebuildReadModels(local: LocalDb, yieldNow: () => Promise<void>): Promise<void> {
  const { sqlite } = local;
  for (const kind of ['account', 'contact', 'lead'] as const) {
    const table = tableOf[kind];
    const keys = sqlite.prepare(
      `INSERT OR IGNORE INTO directory_keys (kind, ref_id) SELECT '${kind}', id FROM ${table} WHERE rowid > ? AND rowid <= ?`,
    );
    const drop = sqlite.prepare(
      `DELETE FROM directory_fts WHERE rowid IN (SELECT k.seq FROM ${table} r JOIN directory_keys k ON k.kind = '${kind}' AND k.ref_id = r.id WHERE r.rowid > ? AND r.rowid <= ?)`,
    );
    const fill = sqlite.prepare(
      `INSERT INTO directory_fts (rowid, name, company, email, phones, tags) ${searchRows[kind]}`,
    );
    await inChunks(local, table, 'rowid', yieldNow, (from, to) => {
      keys.run(from, to);
      drop.run(from, to);
      fill.run(from, to);
    });
  }
  // A card per phone, from the same view the triggers read (migrations 0005, 0018), asked
  // by one owner at a time with bound values as the triggers ask it: SQLite pushes those
  // into each arm of the view's UNION ALL (a seek), whereas a view correlated with an
  // outer query's column is scanned whole for every row.
  const phonesIn = sqlite.prepare<
    [number, number],
    {
      id: number;
      owner_type: string;
      owner_id: string;
      kind: string;
      display: string | null;
      country_zone: string | null;
    }
  >(
    'SELECT id, owner_type, owner_id, kind, display, country_zone FROM phones WHERE id > ? AND id <= ? ORDER BY owner_type, owner_id',
  );
  const cardOf = sqlite
    .prepare<[string, string], string | null>(
      'SELECT card FROM caller_card_source WHERE owner_type = ? AND owner_id = ?',
    )
    .pluck();
  const putCard =
    sqlite.prepare(`INSERT INTO caller_cards (phone_id, owner_type, owner_id, kind, card, display, country_zone)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (phone_id) DO UPDATE SET owner_type = excluded.owner_type, owner_id = excluded.owner_id,
      kind = excluded.kind, card = excluded.card, display = excluded.display, country_zone = excluded.country_zone`);
  await inChunks(local, 'phones', 'id', yieldNow, (from, to) => {
    // Phones of one owner come together: the owner's card is built once for all of them.
    let owner = '';
    let card: string | null = null;
    for (const phone of phonesIn.all(from, to)) {
      const key = `${phone.owner_type}/${phone.owner_id}`;
      if (key !== owner) {
        owner = key;
        card = cardOf.get(phone.owner_type, phone.owner_id) ?? null;
      }
      putCard.run(phone.id, phone.owner_type, phone.owner_id, phone.kind, card, phone.display, phone.country_zone);
    }
  });
  writeUnsynced(local, 'server copy', (tx) => {
    tx.sqlite.prepare('DELETE FROM bulk_load WHERE id = 1').run();
  });
}

/** Runs `chunk` over the table's keys in ranges of CHUNK rows, one transaction each, with a yield between. */
async function inChunks(
  local: LocalDb,
  table: string,
  key: 'rowid' | 'id',
  yieldNow: () => Promise<void>,
  chunk: (from: number, to: number) => void,
): Promise<void> {
  const upper = local.sqlite.prepare(
    `SELECT max(${key}) AS last FROM (SELECT ${key} FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ${CHUNK})`,
  );
  let from = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const to = (upper.get(from) as { last: number | null }).last;
    if (to === null) return;
    writeUnsynced(local, 'server copy', () => chunk(from, to));
    from = to;
    await yieldNow();
  }
}
