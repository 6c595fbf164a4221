import { eq, sql } from 'drizzle-orm';
import { NodePgPreparedQuery } from 'drizzle-orm/node-postgres';
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../../src/server/db/database';
import { p, prebuild } from '../../../src/server/db/prebuilt';
import { drizzleTypes } from '../../../src/server/db/prebuilt-direct';
import { createTestDatabase } from '../helpers/database';

/*
 * Prebuilt statements on node-postgres run straight on the client (prebuilt-direct.ts):
 * their results must be what drizzle's own execute gives, row for row.
 */

describe("drizzle's type parsers", () => {
  it('read every type as drizzle does: dates, times and intervals (and their arrays) as text, the rest by node-postgres', () => {
    const prepared = new NodePgPreparedQuery(
      undefined as never,
      'select 1',
      [],
      { logQuery() {} } as never,
      undefined as never,
      undefined,
      undefined,
      undefined,
      undefined,
      false,
    );
    const drizzles = (prepared as unknown as { queryConfig: { types: typeof drizzleTypes } }).queryConfig.types;
    const samples: [number, string][] = [
      [1184, '2026-03-10 12:00:00+00'],
      [1114, '2026-03-10 12:00:00'],
      [1082, '2026-03-10'],
      [1186, '01:02:03'],
      [1231, '{1.5,2}'],
      [1115, '{"2026-03-10 12:00:00"}'],
      [1185, '{"2026-03-10 12:00:00+00"}'],
      [1187, '{01:00:00}'],
      [1182, '{2026-03-10}'],
      [20, '9007199254740993'],
      [23, '42'],
      [701, '1.25'],
      [16, 't'],
      [114, '{"a":1}'],
      [3802, '{"b":[2]}'],
      [1009, '{a,b}'],
      [25, 'text'],
    ];
    for (const [typeId, value] of samples) {
      const ours = (drizzleTypes.getTypeParser(typeId, 'text') as (text: string) => unknown)(value);
      const theirs = (drizzles.getTypeParser(typeId, 'text') as (text: string) => unknown)(value);
      expect(ours, `type ${typeId}`).toEqual(theirs);
    }
  });
});

const people = pgTable('direct_people', {
  id: text('id').primaryKey(),
  age: integer('age'),
  seenAt: timestamp('seen_at', { withTimezone: true, mode: 'date' }),
  tags: jsonb('tags').$type<string[]>(),
});
const pets = pgTable('direct_pets', {
  id: text('id').primaryKey(),
  ownerId: text('owner_id'),
  name: text('name').notNull(),
});

describe.skipIf(!process.env['TEST_DATABASE_URL'])('prebuilt statements run on the client (Postgres)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.execute(
      sql`create table direct_people (id text primary key, age integer, seen_at timestamptz, tags jsonb)`,
    );
    await database.db.execute(sql`create table direct_pets (id text primary key, owner_id text, name text not null)`);
    await database.db.insert(people).values([
      { id: 'ann', age: 41, seenAt: new Date('2026-03-10T12:00:00.000Z'), tags: ['vip'] },
      { id: 'bob', age: null, seenAt: null, tags: null },
    ]);
    await database.db.insert(pets).values([{ id: 'rex', ownerId: 'ann', name: 'Rex' }]);
  });
  afterAll(() => database?.close());

  /** The same statement, prebuilt (direct) and executed by drizzle, in one transaction. */
  async function both<T>(
    build: (db: Db) => { execute(values?: Record<string, unknown>): Promise<T> },
    values: Record<string, unknown>,
    drizzleValues = values,
  ) {
    return database.db.transaction(async (tx) => {
      expect((tx._.session as unknown as { client: unknown }).client).toBeInstanceOf(pg.Client);
      const direct = await prebuild(build as never).run(tx, values);
      const drizzles = await build(tx).execute(drizzleValues);
      return { direct, drizzles };
    });
  }

  it('select with a left join: the same rows, the missing side nulled, dates and JSON decoded', async () => {
    for (const id of ['ann', 'bob']) {
      const { direct, drizzles } = await both(
        (db) =>
          db
            .select({ person: people, pet: { id: pets.id, name: pets.name } })
            .from(people)
            .leftJoin(pets, eq(pets.ownerId, people.id))
            .where(eq(people.id, p('id'))),
        { id },
      );
      expect(direct).toEqual(drizzles);
      expect((direct as unknown[]).length).toBe(1);
    }
    const [ann] = (
      await both(
        (db) =>
          db
            .select()
            .from(people)
            .where(eq(people.id, p('id'))),
        { id: 'ann' },
      )
    ).direct as { seenAt: Date; tags: string[] }[];
    expect(ann!.seenAt).toEqual(new Date('2026-03-10T12:00:00.000Z'));
    expect(ann!.tags).toEqual(['vip']);
  });

  it('insert with RETURNING gives the returned rows; without, the driver result with its row count', async () => {
    const { direct: inserted, drizzles: insertedByDrizzle } = await both(
      (db) =>
        db
          .insert(pets)
          .values({ id: p('id'), ownerId: 'bob', name: 'Tom' })
          .returning({ id: pets.id, name: pets.name }),
      { id: 'tom' },
      { id: 'tim' },
    );
    expect(inserted).toEqual([{ id: 'tom', name: 'Tom' }]);
    expect(insertedByDrizzle).toEqual([{ id: 'tim', name: 'Tom' }]);
    const { direct } = await database.db.transaction(async (tx) => ({
      direct: await prebuild((db) =>
        db
          .update(people)
          .set({ age: p('age') })
          .where(eq(people.id, p('id'))),
      ).run(tx, { age: 42, id: 'ann' }),
    }));
    expect((direct as { rowCount: number }).rowCount).toBe(1);
  });
});
