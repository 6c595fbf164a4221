import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BulkResult } from '../../../../src/shared/api/bulk';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { call, testCore } from '../helpers';

/** Bulk actions through the core's dispatch, as the bulk bar sends them. */

async function seedCalls(core: ReturnType<typeof testCore>, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const inbound = i % 2 === 0;
    const created = await call<CallRecord>(core, 'calls.create', {
      direction: inbound ? 'Inbound' : 'Outbound',
      subject: `Call ${i}`,
      status: inbound ? 'NotHeld' : 'Held',
      actualStart: '2026-03-10T13:00:00.000Z',
      actualEnd: inbound ? null : '2026-03-10T13:05:00.000Z',
      ...(inbound ? { reason: 'Caller hung up' } : {}),
    });
    ids.push(created.id);
  }
  return ids;
}

const tagsOf = async (core: ReturnType<typeof testCore>, id: string) =>
  (await call<{ tags: string[] }>(core, 'tags.get', { entity: 'calls', id })).tags;

/** The outbox's mutations of one name, as queued for the server. */
function queued(dataDir: string, name: string): { id: string; tag?: string }[] {
  const db = new Database(join(dataDir, 'switchboard.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('select args from outbox where name = ? order by mutation_id').all(name) as {
      args: string;
    }[];
    return rows.map((row) => JSON.parse(row.args) as { id: string; tag?: string });
  } finally {
    db.close();
  }
}

describe('bulk actions on calls', () => {
  it('tags every call a filter matches (minus the unticked ones), one mutation each, and undoes exactly that', async () => {
    const core = testCore();
    const ids = await seedCalls(core, 12);
    const inbound = ids.filter((_, i) => i % 2 === 0);
    await call(core, 'tags.add', { entity: 'calls', id: inbound[0]!, tag: 'storm' });
    const progress: number[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'bulk.progress') progress.push((payload as { done: number }).done);
    });

    const result = await call<BulkResult>(core, 'calls.bulk', {
      selection: { filter: { direction: 'Inbound' }, except: [inbound[1]!] },
      action: { kind: 'tag', tag: 'storm' },
    });
    // Six inbound, one unticked, one already tagged.
    expect(result).toMatchObject({ changed: 4, skipped: 1, undoable: true, summary: 'Tagged 4 calls “storm”.' });
    expect(progress.at(-1)).toBe(4);
    // One synced mutation per call changed (plus the one tag added by hand before).
    const adds = queued(core.dataDir, 'tag.add');
    expect(adds).toHaveLength(5);
    expect(new Set(adds.map((a) => a.id)).size).toBe(5);
    for (const id of inbound) expect(await tagsOf(core, id)).toEqual(id === inbound[1] ? [] : ['storm']);
    for (const id of ids.filter((_, i) => i % 2 === 1)) expect(await tagsOf(core, id)).toEqual([]);

    const undone = await call<BulkResult>(core, 'calls.bulkUndo', {});
    expect(undone).toMatchObject({ changed: 4, undoable: false });
    // The tag that was there before the bulk action stays: Undo removes only what it added.
    expect(await tagsOf(core, inbound[0]!)).toEqual(['storm']);
    for (const id of inbound.slice(2)) expect(await tagsOf(core, id)).toEqual([]);
    const again = await core.dispatch('calls.bulkUndo', {});
    expect(again).toMatchObject({ ok: false, error: { code: 'nothing_to_undo' } });
  });

  it('sets a disposition only where it fits, and Undo puts the old ones back', async () => {
    const core = testCore();
    const ids = await seedCalls(core, 4);
    const result = await call<BulkResult>(core, 'calls.bulk', {
      selection: { ids },
      action: { kind: 'disposition', code: 'missed' },
    });
    // "Missed call" fits inbound calls that were not held only.
    expect(result).toMatchObject({ changed: 2, skipped: 2 });
    const codes = async () =>
      Promise.all(ids.map(async (id) => (await call<CallRecord>(core, 'calls.get', { id })).outcome.dispositionCode));
    expect(await codes()).toEqual(['missed', null, 'missed', null]);
    await call(core, 'calls.bulkUndo', {});
    expect(await codes()).toEqual([null, null, null, null]);
  });

  it('marks spam with its reason as a note, untags, and refuses an empty selection or reason in words', async () => {
    const core = testCore();
    const ids = await seedCalls(core, 2);
    await call(core, 'calls.bulk', { selection: { ids }, action: { kind: 'spam', reason: 'Robocaller' } });
    expect(await tagsOf(core, ids[0]!)).toEqual(['spam']);
    const notes = await call<{ items: { body: string }[] }>(core, 'calls.notes', { callId: ids[0] });
    expect(notes.items.map((n) => n.body)).toEqual(['Marked as spam: Robocaller']);
    const untagged = await call<BulkResult>(core, 'calls.bulk', {
      selection: { ids },
      action: { kind: 'untag', tag: 'spam' },
    });
    expect(untagged.changed).toBe(2);
    expect(await tagsOf(core, ids[1]!)).toEqual([]);

    const noReason = await core.dispatch('calls.bulk', { selection: { ids }, action: { kind: 'spam', reason: ' ' } });
    expect(JSON.stringify(noReason)).toContain('Say why these calls are spam.');
    const none = await core.dispatch('calls.bulk', {
      selection: { filter: { search: 'nothing matches this' } },
      action: { kind: 'tag', tag: 'x' },
    });
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'empty_selection', message: 'No calls match this selection.' },
    });
  });
});

describe('the calls table finds calls by tag', () => {
  it('filters by any of the tags, and a search for a whole tag finds its calls', async () => {
    const core = testCore();
    const ids = await seedCalls(core, 4);
    await call(core, 'tags.add', { entity: 'calls', id: ids[0]!, tag: 'storm' });
    await call(core, 'tags.add', { entity: 'calls', id: ids[1]!, tag: 'roof leak' });
    const page = async (filter: unknown) =>
      (await call<{ items: CallRecord[] }>(core, 'calls.table', { filter })).items.map((c) => c.id).sort();
    expect(await page({ tags: ['storm'] })).toEqual([ids[0]]);
    expect(await page({ tags: ['storm', 'roof leak'] })).toEqual([ids[0], ids[1]].sort());
    expect(await page({ search: 'roof leak' })).toEqual([ids[1]]);
    expect(await page({ tags: ['none'] })).toEqual([]);
  });
});
