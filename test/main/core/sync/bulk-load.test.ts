import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLocalConnection, openLocalDb, type LocalDb } from '../../../../src/main/core/db/open';
import { createScreenPopLookup } from '../../../../src/main/core/lookup/screen-pop';
import { beginBulkLoad, bulkLoadOwed, finishBulkLoad, rebuildIfOwed } from '../../../../src/main/core/sync/bulk-load';
import { pullAll } from '../../../../src/main/core/sync/pull';
import { updateSyncState } from '../../../../src/main/core/sync/sync-state';

/**
 * The first directory download's bulk load (migration 0022, sync/bulk-load.ts): the
 * download's own connection skips the search index's and the caller cards' triggers, the
 * agent's connection does not, and the rebuild afterwards leaves both read models exactly
 * as the triggers would have, also when it runs after a crash.
 */

const migrationsDir = join(process.cwd(), 'src/main/core/db/migrations');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshStore(): LocalDb {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bulk-load-'));
  dirs.push(dir);
  return openLocalDb({ file: join(dir, 'switchboard.sqlite'), migrationsDir });
}

const at = '2026-12-01T10:00:00.000Z';
const noYield = async () => {};

/** A small directory: accounts, contacts of them with one or two numbers, leads; `n` each of contacts. */
function writeDirectory(local: LocalDb, prefix: string, n: number, firstPhone: number): void {
  const account = local.sqlite.prepare(
    `INSERT INTO accounts (id, name, time_zone, created_at, updated_at) VALUES (?, ?, 'Europe/Berlin', ?, ?)`,
  );
  const contact = local.sqlite.prepare(
    `INSERT INTO contacts (id, account_id, first_name, last_name, email, tags, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const lead = local.sqlite.prepare(
    `INSERT INTO leads (id, first_name, last_name, company, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const phone = local.sqlite.prepare(
    `INSERT INTO phones (id, owner_type, owner_id, position, kind, e164) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  let phoneId = firstPhone;
  local.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const accountId = `${prefix}-a${i % 7}`;
      if (i < 7) {
        account.run(accountId, `Firm ${prefix} ${i}`, at, at);
        phone.run(phoneId++, 'account', accountId, 0, 'work', `+4930${String(phoneId).padStart(7, '0')}`);
      }
      // Phones before and after their owner, as a download's pages may bring them.
      if (i % 2 === 0)
        phone.run(phoneId++, 'contact', `${prefix}-c${i}`, 0, 'mobile', `+4915${String(phoneId).padStart(8, '0')}`);
      contact.run(
        `${prefix}-c${i}`,
        accountId,
        `Ann${i}`,
        `${prefix}Doe`,
        `ann${i}@${prefix}.test`,
        JSON.stringify(['vip', `t${i % 3}`]),
        at,
        at,
      );
      phone.run(phoneId++, 'contact', `${prefix}-c${i}`, 1, 'work', `+4930${String(phoneId).padStart(7, '0')}`);
      if (i % 5 === 0) {
        lead.run(`${prefix}-l${i}`, `Lee${i}`, `${prefix}Lead`, `Lead Co ${i}`, at, at);
        phone.run(phoneId++, 'lead', `${prefix}-l${i}`, 0, 'mobile', `+4917${String(phoneId).padStart(8, '0')}`);
      }
    }
  })();
}

function readModels(local: LocalDb) {
  return {
    cards: local.sqlite.prepare('SELECT * FROM caller_cards ORDER BY phone_id').all(),
    search: local.sqlite
      .prepare(
        `SELECT k.kind, k.ref_id, f.name, f.company, f.email, f.phones, f.tags
         FROM directory_fts f JOIN directory_keys k ON k.seq = f.rowid ORDER BY k.kind, k.ref_id`,
      )
      .all(),
  };
}

const found = (local: LocalDb, text: string) =>
  (
    local.sqlite
      .prepare(
        `SELECT k.ref_id FROM directory_fts f JOIN directory_keys k ON k.seq = f.rowid WHERE directory_fts MATCH ? ORDER BY 1`,
      )
      .all(`"${text}"`) as { ref_id: string }[]
  ).map((r) => r.ref_id);

describe('the first download’s bulk load', () => {
  it('skips the read models only for the download’s connection; the agent’s writes stay searchable and pop', () => {
    const agent = freshStore();
    const download = openLocalConnection({ file: agent.file });
    beginBulkLoad(download, new Date(at));
    writeDirectory(download, 'dl', 20, 1);
    writeDirectory(agent, 'own', 3, 10_000);

    expect(bulkLoadOwed(agent)).toBe(true);
    const cardOwners = agent.sqlite.prepare('SELECT DISTINCT owner_id FROM caller_cards ORDER BY 1').all() as {
      owner_id: string;
    }[];
    expect(cardOwners.every((r) => r.owner_id.startsWith('own-'))).toBe(true);
    expect(cardOwners.length).toBeGreaterThan(0);
    expect(found(agent, 'ownDoe')).toEqual(['own-c0', 'own-c1', 'own-c2']);
    expect(found(agent, 'dlDoe')).toEqual([]);

    // The pop reads the card source itself while a bulk load is owed: right for both.
    const pop = createScreenPopLookup(agent.sqlite, () => new Date(at));
    const own = agent.sqlite.prepare(`SELECT e164 FROM phones WHERE owner_id = 'own-c1'`).get() as { e164: string };
    const downloaded = agent.sqlite.prepare(`SELECT e164 FROM phones WHERE owner_id = 'dl-c3'`).get() as {
      e164: string;
    };
    expect(pop.lookup(own.e164).matches.map((m) => [m.id, m.name])).toEqual([['own-c1', 'Ann1 ownDoe']]);
    expect(pop.lookup(downloaded.e164).matches.map((m) => [m.id, m.name])).toEqual([['dl-c3', 'Ann3 dlDoe']]);
    download.close();
    agent.close();
  });

  it('rebuilds both read models in chunks to exactly what the triggers write, then clears the flag', async () => {
    const reference = freshStore();
    writeDirectory(reference, 'dl', 1_300, 1);
    writeDirectory(reference, 'own', 4, 100_000);

    const agent = freshStore();
    const download = openLocalConnection({ file: agent.file });
    beginBulkLoad(download, new Date(at));
    writeDirectory(download, 'dl', 1_300, 1);
    writeDirectory(agent, 'own', 4, 100_000);
    expect(readModels(agent).cards.length).toBeLessThan(readModels(reference).cards.length);

    let chunks = 0;
    await finishBulkLoad(download, async () => {
      chunks += 1;
    });
    // 1,300 contacts, 260 leads, 7 accounts and 2,600-odd phones, 500 rows a chunk.
    expect(chunks).toBeGreaterThanOrEqual(9);
    expect(bulkLoadOwed(agent)).toBe(false);
    expect(readModels(agent)).toEqual(readModels(reference));
    expect(found(agent, 'dlDoe')).toHaveLength(1_300);

    // The download's connection has its triggers back: a later write keeps the models current.
    download.sqlite.prepare(`UPDATE contacts SET last_name = 'Renamed' WHERE id = 'dl-c4'`).run();
    reference.sqlite.prepare(`UPDATE contacts SET last_name = 'Renamed' WHERE id = 'dl-c4'`).run();
    expect(readModels(agent)).toEqual(readModels(reference));
    download.close();
    agent.close();
    reference.close();
  });

  it('after a crash mid-download, the flag stays set and the next start rebuilds before clearing it', async () => {
    const reference = freshStore();
    writeDirectory(reference, 'dl', 600, 1);

    const agent = freshStore();
    const file = agent.file;
    const download = openLocalConnection({ file });
    beginBulkLoad(download, new Date(at));
    writeDirectory(download, 'dl', 600, 1);
    // The app dies: neither connection finishes the bulk load.
    download.close();
    agent.close();

    const restarted = openLocalDb({ file, migrationsDir });
    expect(bulkLoadOwed(restarted)).toBe(true);
    expect(found(restarted, 'dlDoe')).toEqual([]);
    // A crash in the rebuild itself: the flag survives it too.
    await expect(
      rebuildIfOwed(restarted, async () => {
        throw new Error('stopped');
      }),
    ).rejects.toThrow('stopped');
    expect(bulkLoadOwed(restarted)).toBe(true);

    expect(await rebuildIfOwed(restarted, noYield)).toBe(true);
    expect(bulkLoadOwed(restarted)).toBe(false);
    expect(readModels(restarted)).toEqual(readModels(reference));
    expect(await rebuildIfOwed(restarted, noYield)).toBe(false);
    const pop = createScreenPopLookup(restarted.sqlite, () => new Date(at));
    const number = restarted.sqlite
      .prepare(`SELECT e164 FROM phones WHERE owner_id = 'dl-c8' AND kind = 'work'`)
      .get() as {
      e164: string;
    };
    expect(pop.lookup(number.e164).matches.map((m) => m.id)).toEqual(['dl-c8']);
    restarted.close();
    reference.close();
  });
  it('a pull that finds the flag with the download done rebuilds before its page (the app died in the rebuild)', async () => {
    const reference = freshStore();
    writeDirectory(reference, 'dl', 50, 1);
    const agent = freshStore();
    const download = openLocalConnection({ file: agent.file });
    beginBulkLoad(download, new Date(at));
    writeDirectory(download, 'dl', 50, 1);
    download.close();
    updateSyncState(agent.db, { directoryPhase: 'done', cursor: 'c0' });

    const asked: string[] = [];
    await pullAll({
      local: agent,
      session: {
        send: async () => {
          // The rebuild ran before the first request.
          asked.push(bulkLoadOwed(agent) ? 'owed' : 'rebuilt');
          return {
            status: 200,
            body: { cursor: 'c1', lastMutationId: 0, reset: false, more: false, changes: {}, deletes: [], hlc: null },
          };
        },
      },
      now: () => new Date(at),
      userId: () => 'agent',
      limit: 1_000,
      sliceSize: 500,
      yieldNow: noYield,
      onPage: () => {},
    });
    expect(asked).toEqual(['rebuilt']);
    expect(readModels(agent)).toEqual(readModels(reference));
    agent.close();
    reference.close();
  });
});
