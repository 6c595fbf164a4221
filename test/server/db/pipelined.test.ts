import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database, Tx } from '../../../src/server/db/database';
import { beginText, pipelinedTransaction, readTogether, writeLater } from '../../../src/server/db/pipelined';
import { StatementBatch } from '../../../src/server/db/statement-batch';
import { isPermanentDatabaseError } from '../../../src/server/sync/push';
import { createTestDatabase } from '../helpers/database';

/**
 * Pipelined transactions (src/server/db/pipelined.ts): the same results as drizzle's
 * transaction on both drivers, and on a real Postgres (TEST_DATABASE_URL) fewer round
 * trips, counted at the pg driver: each query it sends is one round trip, a
 * StatementBatch listed as its statements joined with " + ".
 */
const onPostgres = Boolean(process.env['TEST_DATABASE_URL']);

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`create table pipe_rows (id integer primary key, label text not null)`);
});
afterAll(() => database?.close());
beforeEach(() => database.db.execute(sql`truncate pipe_rows`));

const pipeRows = pgTable('pipe_rows', { id: integer('id').primaryKey(), label: text('label').notNull() });
const insert = (tx: Tx, id: number, label: string) => tx.execute(sql`insert into pipe_rows values (${id}, ${label})`);
const labels = async (db: Database['db'] | Tx) => {
  const result = (await db.execute(sql`select label from pipe_rows order by id`)) as { rows: { label: string }[] };
  return result.rows.map((row) => row.label);
};

function kindOf(text: string): string {
  return text.split(' ').slice(0, 2).join(' ');
}

/** The round trips `work` made. */
async function roundTrips(work: () => Promise<unknown>): Promise<string[]> {
  const queries = vi.spyOn(pg.Client.prototype, 'query');
  try {
    await work();
    return queries.mock.calls.map(([query]: unknown[]) =>
      query instanceof StatementBatch
        ? query.texts.map(kindOf).join(' + ')
        : kindOf(String((query as { text?: string }).text ?? query)),
    );
  } finally {
    queries.mockRestore();
  }
}

describe('pipelined transactions, on either driver', () => {
  it('commits what the work wrote and returns its result', async () => {
    const result = await pipelinedTransaction(database.db, async (tx) => {
      await insert(tx, 1, 'one');
      await writeLater(tx, () => insert(tx, 2, 'two'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await labels(database.db)).toEqual(['one', 'two']);
  });

  it('a write sent later is seen by the statements that come after it in the transaction', async () => {
    const seen = await pipelinedTransaction(database.db, async (tx) => {
      await writeLater(tx, () => insert(tx, 1, 'later'));
      return labels(tx);
    });
    expect(seen).toEqual(['later']);
  });

  it('a failed write sent later fails the commit: nothing of the transaction stays, and its SQLSTATE is kept', async () => {
    await insert(database.db as unknown as Tx, 1, 'taken');
    const failed = await pipelinedTransaction(database.db, async (tx) => {
      await insert(tx, 2, 'first');
      await writeLater(tx, () => insert(tx, 1, 'duplicate'));
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    // A unique violation (23505): the push's fallback tells permanent from transient by it.
    expect(isPermanentDatabaseError(failed)).toBe(true);
    expect(await labels(database.db)).toEqual(['taken']);
    // The connection went back to the pool usable: the next transaction commits.
    await pipelinedTransaction(database.db, (tx) => insert(tx, 3, 'after'));
    expect(await labels(database.db)).toEqual(['taken', 'after']);
  });

  it('reads together give each read its own rows, and with the commit end the transaction', async () => {
    await insert(database.db as unknown as Tx, 1, 'one');
    const [first, second] = await pipelinedTransaction(
      database.db,
      (tx) =>
        readTogether(tx, 2, true, () =>
          Promise.all([labels(tx), tx.execute(sql`select count(*)::int as n from pipe_rows where id > ${0}`)]),
        ),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    expect(first).toEqual(['one']);
    expect((second as { rows: unknown[] }).rows).toEqual([{ n: 1 }]);
  });

  it('spells the BEGIN as drizzle does', () => {
    expect(beginText()).toBe('begin');
    expect(beginText({ isolationLevel: 'repeatable read', accessMode: 'read only' })).toBe(
      'begin isolation level repeatable read read only',
    );
  });
});

describe.skipIf(!onPostgres)('round trips of a pipelined transaction (Postgres)', () => {
  /** Each statement text twice first: named from its second use, and prepared by it (statement-batch.ts). */
  async function warmUp(): Promise<void> {
    for (const id of [101, 102]) {
      await pipelinedTransaction(database.db, async (tx) => {
        await labels(tx);
        await insert(tx, id, 'warm');
      });
    }
    await database.db.execute(sql`truncate pipe_rows`);
  }

  it('the BEGIN rides on the first statement, and writes sent later on the COMMIT', async () => {
    await warmUp();
    const trips = await roundTrips(() =>
      pipelinedTransaction(database.db, async (tx) => {
        await labels(tx);
        await writeLater(tx, () => insert(tx, 1, 'one'));
      }),
    );
    expect(trips).toEqual(['begin + select label', 'insert into + commit']);
    expect(await labels(database.db)).toEqual(['one']);
  });

  it('reads together go in one round trip with the COMMIT, and nothing may follow them', async () => {
    await warmUp();
    let after: unknown;
    const trips = await roundTrips(() =>
      pipelinedTransaction(database.db, async (tx) => {
        await readTogether(tx, 2, true, () => Promise.all([labels(tx), labels(tx)]));
        after = await labels(tx).catch((error: unknown) => error);
      }),
    );
    expect(trips).toEqual(['begin + select label + select label + commit']);
    // drizzle wraps the driver's refusal ("Failed query: …") with it as the cause.
    expect(String((after as Error).cause)).toMatch(/after its pipelined transaction had committed/);
  });

  it.each([false, true])(
    'a read asked for after the event loop turned still runs, in a round trip of its own, before the COMMIT (COMMIT asked to ride: %s)',
    async (commit) => {
      await warmUp();
      const trips = await roundTrips(() =>
        pipelinedTransaction(database.db, (tx) =>
          readTogether(tx, 2, commit, () =>
            Promise.all([labels(tx), new Promise((resolve) => setTimeout(resolve, 5)).then(() => labels(tx))]),
          ),
        ),
      );
      expect(trips).toEqual(['begin + select label', 'select label', 'commit']);
    },
  );

  it('a statement this connection has not prepared goes alone, with what waited for it, in order', async () => {
    const column = sql.raw(`fresh_${Date.now()}`);
    const fresh = (db: Database['db'] | Tx) => db.execute(sql`select ${1}::int as ${column}`);
    // First use: unnamed. The second is named (statement-names.ts), and not prepared yet.
    await fresh(database.db);
    const trips = await roundTrips(() => pipelinedTransaction(database.db, (tx) => fresh(tx)));
    expect(trips).toEqual(['begin', 'select $1::int', 'commit']);
  });

  it('a value the driver cannot encode fails the transaction before anything is sent, and the connection stays usable', async () => {
    await warmUp();
    const failed = await pipelinedTransaction(database.db, async (tx) => {
      await writeLater(tx, () => insert(tx, 1, 'never'));
      await tx.execute(sql`select ${{ big: 1n }}::jsonb as x`);
    }).catch((error: unknown) => error);
    expect(String((failed as Error).cause ?? failed)).toMatch(/BigInt/);
    expect(await labels(database.db)).toEqual([]);
    for (let run = 0; run < 4; run++) {
      await pipelinedTransaction(database.db, (tx) => insert(tx, 10 + run, 'after'));
    }
    expect(await labels(database.db)).toEqual(['after', 'after', 'after', 'after']);
  });

  it('refuses what would go wrong silently: overlapping gathers, and a read sent later', async () => {
    const refusals = await pipelinedTransaction(database.db, async (tx) => {
      const overlapping = await Promise.all([
        readTogether(tx, 1, false, () => labels(tx)),
        readTogether(tx, 1, false, () => labels(tx)),
      ]).catch((error: unknown) => error);
      // A select built by drizzle (a raw execute cannot be told from a write: see writeLater).
      const readLater = await writeLater(tx, () => tx.select().from(pipeRows)).catch((error: unknown) => error);
      return [overlapping, readLater].map((error) => String((error as Error).cause ?? error));
    }).catch((error: unknown) => [String(error)]);
    expect(refusals[0]).toMatch(/cannot overlap/);
    expect(refusals[1]).toMatch(/writes whose results nobody reads/);
  });
});
