import { describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../../../src/shared/api';
import type { CallTableFilter, CallTableSort } from '../../../../src/shared/api/call-table';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { insertCall } from '../../../../src/main/core/db/repositories/calls';
import { join } from 'node:path';
import { databaseFileName } from '../../../../src/main/core/create-core';
import { call, fixtureTx, openTestDb, sampleCall, testCore } from '../helpers';

type Page = ApiOutput<'calls.table'>;

/** 57 calls with varied fields, written as a pull would; returns them. */
function seed(core: ReturnType<typeof testCore>): CallRecord[] {
  // A second connection to the core's file, as a pull would write.
  const tx = fixtureTx(openTestDb({ file: join(core.dataDir, databaseFileName) }));
  const calls: CallRecord[] = [];
  for (let i = 0; i < 57; i++) {
    const at = new Date(Date.UTC(2026, 2, 1 + (i % 9), 8 + (i % 10), i)).toISOString();
    const held = i % 3 !== 0;
    const c = sampleCall({
      id: `c${String(i).padStart(3, '0')}`,
      direction: i % 2 === 0 ? 'Inbound' : 'Outbound',
      subject: `Call ${String.fromCharCode(65 + (i % 26))}${i}`,
      status: held ? 'Held' : 'NotHeld',
      actualStart: at,
      actualEnd: at,
      createdAt: at,
      updatedAt: at,
      // Several calls share a duration (ties broken by seq), some have none.
      durationSeconds: i % 5 === 0 ? null : (i % 4) * 30,
      outcome: { dispositionCode: i % 4 === 0 ? null : i % 4 === 1 ? 'interested' : 'callback', text: '' },
      ownerId: i % 3 === 0 ? 'user-2' : 'user-1',
      fromNumber: i % 2 === 0 ? `+1415555${String(1000 + i)}` : '+12125550100',
      toNumber: i % 2 === 0 ? '+12125550100' : `+1646555${String(2000 + i)}`,
      recordingUrl: i % 7 === 0 ? `https://rec.example/${i}.mp3` : null,
      history: [{ from: null, to: held ? 'Held' : 'NotHeld', reason: null, at, by: 'user-1' }],
    });
    insertCall(tx, c);
    calls.push(c);
  }
  return calls;
}

/** Every page of a filter and sort, walked by cursor. */
async function walk(core: ReturnType<typeof testCore>, filter: CallTableFilter, sort: CallTableSort, limit = 7) {
  const ids: string[] = [];
  let after: Page['next'] = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Page = await call<Page>(core, 'calls.table', { filter, sort, after, limit });
    ids.push(...page.items.map((c) => c.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('paging did not end');
}

const byWhen = (a: CallRecord, b: CallRecord) =>
  a.actualStart! < b.actualStart! ? -1 : a.actualStart! > b.actualStart! ? 1 : 0;

describe('calls table', () => {
  it('reaches every call by keyset paging, in order, with no repeats', async () => {
    const core = testCore();
    const calls = seed(core);
    const ids = await walk(core, {}, { column: 'when', direction: 'desc' });
    expect(ids).toEqual(
      [...calls]
        .sort(byWhen)
        .reverse()
        .map((c) => c.id),
    );
  });

  it('pages a nullable, tied column both ways the same as a full sort', async () => {
    const core = testCore();
    const calls = seed(core);
    // SQLite's order: nulls smallest, ties by seq (insertion order here).
    const order = calls.map((c, seq) => ({ id: c.id, d: c.durationSeconds, seq }));
    const asc = [...order].sort((a, b) => (a.d ?? -1) - (b.d ?? -1) || a.seq - b.seq).map((o) => o.id);
    expect(await walk(core, {}, { column: 'duration', direction: 'asc' })).toEqual(asc);
    expect(await walk(core, {}, { column: 'duration', direction: 'desc' })).toEqual([...asc].reverse());
  });

  it('applies every filter, and the count agrees with the pages', async () => {
    const core = testCore();
    const calls = seed(core);
    const cases: [CallTableFilter, (c: CallRecord) => boolean][] = [
      [{ direction: 'Inbound' }, (c) => c.direction === 'Inbound'],
      [{ status: ['NotHeld'] }, (c) => c.status === 'NotHeld'],
      [{ ownerId: 'user-2' }, (c) => c.ownerId === 'user-2'],
      [{ disposition: ['interested'] }, (c) => c.outcome.dispositionCode === 'interested'],
      [{ hasRecording: true }, (c) => c.recordingUrl !== null],
      [{ needsDisposition: true }, (c) => c.outcome.dispositionCode === null],
      // A whole number in another format, and a fragment of digits.
      [{ number: '(646) 555-2003' }, (c) => c.toNumber === '+16465552003'],
      [{ number: '555-10' }, (c) => `${c.fromNumber}${c.toNumber}`.includes('55510')],
      [{ search: '555 20' }, (c) => `${c.fromNumber}${c.toNumber}`.includes('55520')],
      // Whole days in the agent's zone (set to UTC below), both ends included.
      [
        { fromDate: '2026-03-02', toDate: '2026-03-03' },
        (c) => c.actualStart! >= '2026-03-02T00:00:00.000Z' && c.actualStart! < '2026-03-04T00:00:00.000Z',
      ],
      [
        { direction: 'Inbound', needsDisposition: true, ownerId: 'user-2' },
        (c) => c.direction === 'Inbound' && c.outcome.dispositionCode === null && c.ownerId === 'user-2',
      ],
    ];
    await call(core, 'settings.update', { timeZone: 'UTC' });
    for (const [filter, wanted] of cases) {
      const expected = calls
        .filter(wanted)
        .sort(byWhen)
        .reverse()
        .map((c) => c.id);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(await walk(core, filter, { column: 'when', direction: 'desc' }), JSON.stringify(filter)).toEqual(expected);
      const { total } = await call<{ total: number }>(core, 'calls.tableCount', { filter });
      expect(total).toBe(expected.length);
    }
  });

  it('refuses a filter it does not know, in words', async () => {
    const core = testCore();
    const reply = await core.dispatch('calls.table', { filter: { colour: 'red' } });
    expect(reply.ok).toBe(false);
    const bad = await core.dispatch('calls.table', { filter: { fromDate: '1 March' } });
    expect(!bad.ok && bad.error.message).toMatch(/YYYY-MM-DD/);
  });

  it('remembers the layout and personal views on this desktop, across a restart', async () => {
    const core = testCore();
    const layout = {
      filter: { direction: 'Inbound' as const, needsDisposition: true },
      sort: { column: 'duration' as const, direction: 'asc' as const },
      columns: ['subject' as const, 'when' as const],
      density: 'compact' as const,
    };
    await call(core, 'callTable.saveLayout', layout);
    const view = await call<{ id: string }>(core, 'callViews.save', { name: 'Storm queue', layout, pinned: true });
    core.close();
    const again = testCore({ dataDir: core.dataDir });
    expect(await call(again, 'callTable.layout', {})).toEqual(layout);
    expect(await call(again, 'callViews.list', {})).toEqual({
      items: [{ id: view.id, name: 'Storm queue', layout, pinned: true, scope: 'personal' }],
    });
    expect(await call(again, 'callViews.remove', { id: view.id })).toEqual({ items: [] });
    // A layout write is local: nothing waits to be pushed.
    const local = openTestDb({ file: join(core.dataDir, databaseFileName) });
    expect(local.sqlite.prepare('select count(*) as n from outbox').get()).toEqual({ n: 0 });
  });
});
