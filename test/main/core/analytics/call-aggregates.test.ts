import { describe, expect, it } from 'vitest';
import { readCallStats } from '../../../../src/main/core/db/repositories/call-stats';
import { getCall, insertCall, updateCall } from '../../../../src/main/core/db/repositories/calls';
import type { LocalDb } from '../../../../src/main/core/db/open';
import { deleteRecord, writeRecord } from '../../../../src/main/core/sync/cache-write';
import { periodRange } from '../../../../src/shared/domain/analytics-period';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { bucketsOf } from '../../../../src/shared/domain/call-analytics';
import { fixtureDb, fixtureTx, openTestDb, sampleCall, tempDir } from '../helpers';

/**
 * The dashboard's pre-aggregations (migration 0021: call_stats by 15 minutes, with counts
 * and sums by direction × status in columns; 0019: call_outcome_days by UTC day, status
 * and disposition) are kept by triggers.
 * After every kind of call write (insert, update, delete, a sync download's upsert and
 * tombstone, the migration's own backfill) they must equal what the shared reference
 * code (bucketsOf) makes of the calls table as it then is.
 */

type Local = Pick<LocalDb, 'sqlite'>;

function referenceOf(local: Local) {
  const calls = local.sqlite
    .prepare(
      `select owner_id as ownerId, direction, status, duration_seconds as durationSeconds, actual_end as actualEnd,
         wrapped_up_at as wrappedUpAt, sort_at as occurredAt, disposition_code as dispositionCode from calls`,
    )
    .all() as Parameters<typeof bucketsOf>[0];
  // One row per agent and bucket (Unix seconds) with a call that happened: in_held, in_missed,
  // out_held, out_not_held, then talk sum, handle sum and timed count inbound, then outbound.
  const stats = new Map<string, number[]>();
  for (const b of bucketsOf(calls)) {
    if (b.status !== 'Held' && b.status !== 'NotHeld') continue;
    const key = [b.ownerId, Date.parse(`${b.bucket}:00Z`) / 1000].join('|');
    const row = stats.get(key) ?? Array<number>(10).fill(0);
    const inbound = b.direction === 'Inbound';
    row[(inbound ? 0 : 2) + (b.status === 'Held' ? 0 : 1)]! += b.calls;
    const sums = inbound ? 4 : 7;
    row[sums]! += b.talkSum;
    row[sums + 1]! += b.handleSum;
    row[sums + 2]! += b.talkCount;
    // The table keeps one count for both averages: they must agree.
    expect(b.handleCount).toBe(b.talkCount);
    stats.set(key, row);
  }
  const days = new Map<string, number>();
  for (const c of calls) {
    const key = [c.ownerId, c.occurredAt.slice(0, 10), c.status, c.dispositionCode ?? ''].join('|');
    days.set(key, (days.get(key) ?? 0) + 1);
  }
  return { stats: Object.fromEntries(stats), days: Object.fromEntries(days) };
}

function keptOf(local: Local) {
  const stats = local.sqlite
    .prepare(
      `select owner_id, bucket, in_held, in_missed, out_held, out_not_held, in_talk_sum, in_handle_sum, in_timed,
         out_talk_sum, out_handle_sum, out_timed from call_stats`,
    )
    .raw()
    .all() as [string, number, ...number[]][];
  const days = local.sqlite
    .prepare('select owner_id, day, status, disposition, calls from call_outcome_days')
    .raw()
    .all() as [string, string, string, string, number][];
  return {
    stats: Object.fromEntries(stats.map(([o, b, ...sums]) => [[o, b].join('|'), sums])),
    days: Object.fromEntries(days.map(([o, d, s, disposition, calls]) => [[o, d, s, disposition].join('|'), calls])),
  };
}

/** The tables hold exactly the reference: no missing, extra, zero or negative rows. */
function expectKept(local: Local) {
  const kept = keptOf(local);
  expect(kept).toEqual(referenceOf(local));
  expect(Object.values(kept.days).every((n) => n > 0)).toBe(true);
  expect(Object.values(kept.stats).every((row) => row.every((n) => n >= 0) && row.slice(0, 4).some((n) => n > 0))).toBe(
    true,
  );
}

const held = (id: string, start: string, seconds: number, more: Partial<CallRecord> = {}) =>
  sampleCall({
    id,
    direction: 'Inbound',
    status: 'Held',
    actualStart: start,
    actualEnd: new Date(Date.parse(start) + seconds * 1000).toISOString(),
    durationSeconds: seconds,
    outcome: { dispositionCode: 'resolved', text: '' },
    ownerId: 'me',
    ...more,
  });

/** Calls at bucket and UTC-day edges, of every status, two owners, with and without a disposition. */
function fixtureCalls(): CallRecord[] {
  return [
    held('A', '2026-03-08T23:59:59.000Z', 120, { wrappedUpAt: '2026-03-09T00:02:30.000Z' }),
    held('B', '2026-03-09T00:00:00.000Z', 60, { direction: 'Outbound', outcome: { dispositionCode: null, text: '' } }),
    held('C', '2026-03-09T00:14:59.999Z', 30, { outcome: { dispositionCode: 'sale', text: '' } }),
    sampleCall({
      id: 'D',
      direction: 'Inbound',
      status: 'NotHeld',
      statusReason: 'No answer',
      actualStart: '2026-03-09T00:07:00.000Z',
      ownerId: 'me',
      outcome: { dispositionCode: 'missed', text: '' },
    }),
    sampleCall({
      id: 'E',
      status: 'Planned',
      plannedStart: { local: '2026-03-10T09:00', zone: 'UTC', utc: '2026-03-10T09:00:00.000Z' },
      ownerId: 'me',
    }),
    sampleCall({ id: 'F', status: 'Cancelled', createdAt: '2026-03-09T12:00:00.000Z', ownerId: 'me' }),
    held('G', '2026-03-09T00:05:00.000Z', 45, { ownerId: 'colleague' }),
  ];
}

describe('the dashboard pre-aggregations follow every call write', () => {
  it('insert, update (each figure-bearing field) and delete', () => {
    const local = fixtureDb();
    for (const call of fixtureCalls()) insertCall(local.tx, call);
    expectKept(local);
    expect(keptOf(local).days['me|2026-03-09|Held|']).toBe(1);

    const change = (id: string, set: Partial<CallRecord>) => {
      updateCall(local.tx, { ...getCall(local.db, id)!, ...set });
      expectKept(local);
    };
    // Only the disposition: the 15-minute sums stay, the day's breakdown moves.
    const before = keptOf(local).stats;
    change('C', { outcome: { dispositionCode: 'callback_requested', text: '' } });
    expect(keptOf(local).stats).toEqual(before);
    expect(keptOf(local).days['me|2026-03-09|Held|callback_requested']).toBe(1);
    expect(keptOf(local).days['me|2026-03-09|Held|sale']).toBeUndefined();
    // The missed call is called back and held; a call moves to another day; another agent takes one.
    change('D', { status: 'Held', statusReason: null, durationSeconds: 20, actualEnd: '2026-03-09T00:07:20.000Z' });
    change('A', { actualStart: '2026-03-07T10:00:00.000Z', actualEnd: '2026-03-07T10:02:00.000Z' });
    change('B', { ownerId: 'colleague' });
    change('C', { wrappedUpAt: '2026-03-09T00:20:00.000Z' });
    change('E', { status: 'Held', actualStart: '2026-03-10T09:01:00.000Z', durationSeconds: 300 });
    const nine = Date.parse('2026-03-10T09:00:00.000Z') / 1000;
    expect(keptOf(local).stats[`me|${nine}`]).toEqual([0, 0, 1, 0, 0, 0, 0, 300, 300, 1]);

    for (const id of ['A', 'D', 'G']) {
      local.sqlite.prepare('delete from calls where id = ?').run(id);
      expectKept(local);
    }
    expect(keptOf(local).days['me|2026-03-07|Held|resolved']).toBeUndefined();
  });

  it("a sync download's upserts and tombstones", () => {
    const local = fixtureDb();
    for (const call of fixtureCalls()) writeRecord(local.tx, 'calls', call);
    expectKept(local);
    // The server's copy of a call changed on another desktop: status, time and disposition at once.
    const d = getCall(local.db, 'D')!;
    writeRecord(local.tx, 'calls', {
      ...d,
      status: 'Held',
      statusReason: null,
      actualStart: '2026-03-11T16:30:00.000Z',
      actualEnd: '2026-03-11T16:31:00.000Z',
      durationSeconds: 60,
      outcome: { dispositionCode: 'sale', text: '' },
    });
    expectKept(local);
    expect(keptOf(local).days['me|2026-03-11|Held|sale']).toBe(1);
    deleteRecord(local.tx, 'calls', 'C');
    deleteRecord(local.tx, 'calls', 'F');
    expectKept(local);
    expect(keptOf(local).days['me|2026-03-09|Cancelled|']).toBeUndefined();
  });

  // Stores at user_version 19 (0017's triggers) and 21 (0019's) migrated through 0021.
  it.each([19, 21])('migrations rebuild both tables from a store at version %i, and the triggers take over', (from) => {
    const file = `${tempDir()}/store.sqlite`;
    const old = openTestDb({ file, targetVersion: from });
    for (const call of fixtureCalls()) insertCall(fixtureTx(old), call);
    old.close();

    const local = openTestDb({ file, targetVersion: 22 });
    expectKept(local);
    insertCall(fixtureTx(local), held('H', '2026-03-09T00:20:00.000Z', 10));
    local.sqlite.prepare('delete from calls where id = ?').run('B');
    expectKept(local);
  });
});

describe('the breakdown of a period: whole UTC days from their table, the partial ends from the calls', () => {
  const zones = ['America/New_York', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'UTC'];

  it.each(zones)('equals the reference over a week and over a day in %s', (zone) => {
    const local = fixtureDb();
    // A call every 97 minutes over three weeks, statuses and dispositions cycling.
    const codes = ['resolved', 'sale', null, 'missed'];
    const statuses = ['Held', 'NotHeld', 'Held', 'Cancelled', 'Planned'] as const;
    const calls = Array.from({ length: 300 }, (_, i) => {
      const start = new Date(Date.parse('2026-03-01T00:00:00.000Z') + i * 97 * 60_000).toISOString();
      const status = statuses[i % statuses.length]!;
      return held(`c${i}`, start, 60, {
        status,
        durationSeconds: status === 'Held' ? 60 : null,
        outcome: { dispositionCode: codes[i % codes.length]!, text: '' },
      });
    });
    for (const call of calls) insertCall(local.tx, call);
    const now = new Date('2026-03-20T12:00:00.000Z');
    // A call every 97 minutes: about 100 in the week, about 14 in the day.
    for (const [from, to, atLeast] of [
      ['2026-03-05', '2026-03-11', 90],
      ['2026-03-08', '2026-03-08', 12],
    ] as const) {
      const range = periodRange('custom', now, zone, { from, to });
      const inside = calls.filter((c) => {
        const at = Date.parse(c.actualStart!);
        return at >= range.from.getTime() && at < range.to.getTime();
      });
      const expected = new Map<string, number>();
      for (const c of inside) {
        const key = `${c.status}|${c.outcome.dispositionCode}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const got = new Map<string, number>();
      for (const row of readCallStats(local.db, 'me', range.from, range.to).breakdown) {
        const key = `${row.status}|${row.disposition}`;
        got.set(key, (got.get(key) ?? 0) + row.calls);
      }
      expect(inside.length).toBeGreaterThanOrEqual(atLeast);
      expect(got).toEqual(expected);
    }
  });
});
