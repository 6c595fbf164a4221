import { and, is, lte, SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/auth/tokens';
import type { Db } from '../../src/server/db/database';
import { prebuild } from '../../src/server/db/prebuilt';
import { insertShape, MOST_PREBUILT_ROWS, ShapeCache } from '../../src/server/db/prebuilt-insert';
import { calls, notes } from '../../src/server/db/schema';
import { SOURCES, sourceQuery, type Source } from '../../src/server/sync/pull-sources';
import {
  buildOpenPull,
  openPullStatement,
  readStatement,
  type RangeStart,
} from '../../src/server/sync/pull-statements';
import { buildClose, buildLock, closes, locks } from '../../src/server/sync/push-statements';

/*
 * Prebuilt statements (src/server/db/prebuilt.ts) must send what a per-request build sends:
 * the same text and the same parameters, for every shape the sync routes use. Each case
 * builds the statement both ways, with the same values, and compares.
 */

/** Builds and never connects: the per-request side of each comparison. */
const db = drizzle.mock() as unknown as Db;

/** The range as pull.ts built it per request before (afterCursor, and gt() for the tail: the same text). */
function rangeBuiltPerRequest(
  source: Source,
  start: RangeStart,
  values: { from: number; fromId: string; through: number },
) {
  const { version } = source.table;
  const lower =
    start === 'gt'
      ? sql`${version} > ${values.from}`
      : start === 'gte'
        ? sql`${version} >= ${values.from}`
        : sql`(${version}, ${source.key.sql}) > (${values.from}, ${values.fromId})`;
  return and(lower, lte(version, values.through));
}

const roles: Principal['role'][] = ['agent', 'supervisor', 'admin'];
const starts: RangeStart[] = ['gt', 'gte', 'after'];

describe('prebuilt pull statements', () => {
  it('read every source, role, range start and limit with the per-request text and parameters', () => {
    let compared = 0;
    for (const source of SOURCES) {
      for (const role of roles) {
        const principal: Principal = { role, companyId: 'co-1', userId: 'u-7' };
        for (const start of starts) {
          for (const take of [undefined, 501]) {
            const values = { from: 120, fromId: 'call-9', through: 180 };
            const perRequest = sourceQuery(
              db,
              principal,
              source,
              rangeBuiltPerRequest(source, start, values),
              take,
            ).toSQL();
            const prebuilt = readStatement(source, role, start, take !== undefined).query({
              companyId: 'co-1',
              userId: 'u-7',
              ...values,
              take,
            });
            expect(prebuilt).toEqual({ sql: perRequest.sql, params: perRequest.params });
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(SOURCES.length * roles.length * starts.length * 2);
  });

  it('open a pull with the per-request text and parameters, with and without a session', () => {
    for (const sessionId of [undefined, 'family-3']) {
      for (const inside of [false, true]) {
        const principal: Principal = {
          role: 'agent',
          companyId: 'co-1',
          userId: 'u-7',
          ...(sessionId && { sessionId }),
        };
        const values = { lowest: 77, mayWait: true, clientId: 'client-4' };
        const perRequest = buildOpenPull(db, principal, inside, values).toSQL();
        const prebuilt = openPullStatement('agent', sessionId !== undefined, inside).query({
          companyId: 'co-1',
          sessionId,
          ...values,
        });
        expect(prebuilt).toEqual({ sql: perRequest.sql, params: perRequest.params });
        expect(prebuilt.sql).toContain(inside ? '>= $' : '> $');
      }
    }
  });
});

describe('prebuilt push statements', () => {
  it('lock and close the client row with the per-request text and parameters', () => {
    const lock = buildLock(db, 'family-3', 'client-4').toSQL();
    expect(locks.named.query({ clientId: 'client-4', sessionId: 'family-3' })).toEqual({
      sql: lock.sql,
      params: lock.params,
    });
    const unnamed = buildLock(db, undefined, 'client-4').toSQL();
    expect(locks.unnamed.query({ clientId: 'client-4' })).toEqual({ sql: unnamed.sql, params: unnamed.params });

    const updatedAt = new Date('2026-12-02T04:00:00.000Z');
    const values = { clientId: 'client-4', last: 12, updatedAt, hlc: '000001764648000000:000003:a1' };
    for (const withHlc of [true, false]) {
      const perRequest = buildClose(db, withHlc, values).toSQL();
      const statement = withHlc ? closes.withHlc : closes.withoutHlc;
      expect(statement.query(values)).toEqual({ sql: perRequest.sql, params: perRequest.params });
    }
  });

  it('inserts notes and calls with the per-request text and parameters, nulls and dates encoded alike', () => {
    const note = (id: string, callId: string | null) => ({
      companyId: 'co-1',
      id,
      body: 'Spoke about the renewal.',
      callId,
      relatedType: null,
      relatedId: null,
      relatedName: null,
      authorId: 'u-7',
      category: 'general' as const,
      isDemo: false,
      createdAt: new Date('2026-12-02T04:00:00.000Z'),
      version: 991,
    });
    const rows = [note('n-1', 'c-1'), note('n-2', null)];
    const shape = insertShape(notes, rows)!;
    const perRequest = db.insert(notes).values(rows).toSQL();
    const prebuilt = prebuild((mock) => mock.insert(notes).values(shape.placeholders() as never)).query(shape.values);
    expect(prebuilt).toEqual({ sql: perRequest.sql, params: perRequest.params });
    expect(prebuilt.params).toContain(null);
    expect(prebuilt.params).toContain('2026-12-02T04:00:00.000Z');

    // A JSON column's null stays SQL NULL (drizzle's own placeholders would send 'null').
    const call = {
      companyId: 'co-1',
      id: 'c-1',
      direction: 'Outbound',
      subject: 'Renewal',
      status: 'Planned',
      review: null,
      fieldHlc: { subject: '000001764648000000:000001:a1' },
      version: 991,
    };
    const callShape = insertShape(calls, [call as never])!;
    const callPerRequest = db
      .insert(calls)
      .values(call as never)
      .toSQL();
    const callPrebuilt = prebuild((mock) => mock.insert(calls).values(callShape.placeholders()[0] as never)).query(
      callShape.values,
    );
    expect(callPrebuilt).toEqual({ sql: callPerRequest.sql, params: callPerRequest.params });
    expect(callShape.values['0.review']).toBeNull();
    expect(callShape.values['0.fieldHlc']).toBe('{"subject":"000001764648000000:000001:a1"}');
  });

  it('leaves to a per-request build what a prebuilt text would get wrong', () => {
    const stamped = pgTable('stamped', {
      id: text('id').primaryKey(),
      data: jsonb('data'),
      at: timestamp('at').$defaultFn(() => new Date()),
    });
    // A left-out column with a default function: its value is made when the text is built.
    expect(insertShape(stamped, [{ id: 'a' }])).toBeNull();
    expect(insertShape(stamped, [{ id: 'a', at: new Date() }])).not.toBeNull();
    // SQL values are text, not parameters.
    expect(insertShape(stamped, [{ id: 'a', at: sql`now()` }])).toBeNull();
    // Many rows are one-offs.
    const many = Array.from({ length: MOST_PREBUILT_ROWS + 1 }, (_, i) => ({ id: `r${i}`, at: new Date() }));
    expect(insertShape(stamped, many)).toBeNull();
    // Undefined is left out (default), as drizzle reads it: a shape of its own.
    const withData = insertShape(stamped, [{ id: 'a', data: { x: 1 }, at: new Date() }])!;
    const without = insertShape(stamped, [{ id: 'a', data: undefined, at: new Date() }])!;
    expect(withData.key).not.toBe(without.key);
    expect(is(withData.placeholders()[0]!['data'], SQL)).toBe(true);
  });
});

describe('the shape cache', () => {
  it('keeps the first shapes it is given and builds no more once full', () => {
    const cache = new ShapeCache<unknown>(2);
    let built = 0;
    const build = () => {
      built++;
      return prebuild((mock) => mock.select().from(notes));
    };
    const first = cache.get('a', build);
    expect(cache.get('a', build)).toBe(first);
    expect(cache.get('b', build)).not.toBeNull();
    expect(cache.get('c', build)).toBeNull();
    expect(cache.get('a', build)).toBe(first);
    expect(built).toBe(2);
    expect(cache.size).toBe(2);
  });
});
