import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { call, fixedNow, testCore } from '../helpers';

const plannedInput = {
  direction: 'Outbound',
  subject: 'Renewal call',
  plannedStart: { local: '2026-03-08T02:30', zone: 'America/New_York' },
  participants: [{ kind: 'contact', id: 'c1', role: 'attendee', name: 'Alice Carter' }],
};

describe('calls handlers (end to end through createCore().dispatch)', () => {
  it('creates a planned call, resolving its local planned start in the zone (spring-forward gap moves forward)', async () => {
    const core = testCore();
    const created = await call<CallRecord>(core, 'calls.create', plannedInput);
    expect(created.status).toBe('Planned');
    // 02:30 does not exist on 2026-03-08 in New York; `compatible` moves it to 03:30 EDT.
    expect(created.plannedStart).toEqual({
      local: '2026-03-08T02:30',
      zone: 'America/New_York',
      utc: '2026-03-08T07:30:00.000Z',
    });
    const info = await call<{ userId: string }>(core, 'app.info', {});
    expect(created.ownerId).toBe(info.userId);
    expect(created.history).toEqual([
      { from: null, to: 'Planned', reason: null, at: fixedNow.toISOString(), by: info.userId },
    ]);
    expect(await call(core, 'calls.get', { id: created.id })).toEqual(created);
  });

  it('planned → Held with actual start and end derives the duration and records who did it', async () => {
    const core = testCore();
    const created = await call<CallRecord>(core, 'calls.create', plannedInput);
    const held = await call<CallRecord>(core, 'calls.setStatus', {
      id: created.id,
      to: 'Held',
      actualStart: '2026-03-10T09:05:00.000Z',
      actualEnd: '2026-03-10T09:23:00.000Z',
    });
    expect(held.durationSeconds).toBe(18 * 60);
    expect(held.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'Planned'],
      ['Planned', 'Held'],
    ]);
    expect(held.history[1]!.by).toBe(created.ownerId);
    const listed = await call<{ items: CallRecord[] }>(core, 'calls.list', {});
    expect(listed.items[0]).toEqual(held);
  });

  it('an illegal transition is an error reply with the lifecycle’s code and sentence, and changes nothing', async () => {
    const core = testCore();
    const created = await call<CallRecord>(core, 'calls.create', {
      ...plannedInput,
      status: 'Held',
      actualStart: '2026-03-10T09:05:00.000Z',
      actualEnd: '2026-03-10T09:23:00.000Z',
    });
    const reply = await core.dispatch('calls.setStatus', { id: created.id, to: 'Planned' });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'illegal_transition',
        message: expect.stringMatching(/^A call that is Held cannot become Planned\./),
      },
    });
    expect(await call(core, 'calls.get', { id: created.id })).toEqual(created);
  });

  it('Not Held without a reason is refused; with one it keeps the reason and no duration', async () => {
    const core = testCore();
    const created = await call<CallRecord>(core, 'calls.create', plannedInput);
    expect(await core.dispatch('calls.setStatus', { id: created.id, to: 'NotHeld', reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'reason_required' },
    });
    const notHeld = await call<CallRecord>(core, 'calls.setStatus', {
      id: created.id,
      to: 'NotHeld',
      reason: 'No answer',
    });
    expect(notHeld).toMatchObject({ status: 'NotHeld', statusReason: 'No answer', durationSeconds: null });
  });

  it('malformed input is invalid_input; an unknown call is not_found', async () => {
    const core = testCore();
    expect(await core.dispatch('calls.create', { direction: 'Sideways', subject: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await core.dispatch('calls.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('updates fields other than status and re-resolves a new planned start', async () => {
    const core = testCore();
    const created = await call<CallRecord>(core, 'calls.create', plannedInput);
    const updated = await call<CallRecord>(core, 'calls.update', {
      id: created.id,
      subject: 'Renewal call (moved)',
      plannedStart: { local: '2026-03-12T10:00', zone: 'Europe/Berlin' },
      outcome: { dispositionCode: 'interested', text: 'Send a quote' },
      participants: [],
    });
    expect(updated).toMatchObject({
      subject: 'Renewal call (moved)',
      plannedStart: { local: '2026-03-12T10:00', zone: 'Europe/Berlin', utc: '2026-03-12T09:00:00.000Z' },
      outcome: { dispositionCode: 'interested', text: 'Send a quote' },
      participants: [],
      status: 'Planned',
    });
    expect(updated.history).toHaveLength(1);
    const found = await call<{ items: CallRecord[] }>(core, 'calls.list', { search: 'quote' });
    expect(found.items.map((c) => c.id)).toEqual([created.id]);
  });

  it('emits data.changed after each write', async () => {
    const core = testCore();
    const seen: unknown[] = [];
    core.events.subscribe((name, payload) => name === 'data.changed' && seen.push([name, payload]));
    const created = await call<CallRecord>(core, 'calls.create', plannedInput);
    await call(core, 'calls.setStatus', { id: created.id, to: 'Cancelled', reason: 'Duplicate' });
    expect(seen).toEqual([
      ['data.changed', { entity: 'call', ids: [created.id] }],
      ['data.changed', { entity: 'call', ids: [created.id] }],
    ]);
  });
});
