import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Note, Task } from '../../../../src/shared/domain/work';
import { call, fixedNow, testCore } from '../helpers';

const discovery = {
  direction: 'Outbound',
  subject: 'Discovery: Qualify budget',
  plannedStart: { local: '2026-03-10T09:00', zone: 'UTC' },
  related: { type: 'account', id: 'acct-acme', name: 'Acme Corp' },
};

describe('marking a call by hand', () => {
  it('Held with outcome, notes and a follow-up: one save, all linked to the call and its account', async () => {
    const core = testCore();
    const planned = await call<CallRecord>(core, 'calls.create', discovery);
    const held = await call<CallRecord>(core, 'calls.setStatus', {
      id: planned.id,
      to: 'Held',
      actualStart: '2026-03-10T09:02:00.000Z',
      actualEnd: '2026-03-10T09:30:00.000Z',
      outcome: { dispositionCode: 'interested', text: 'Interested' },
      note: 'Budget approved for Q3; wants a demo.',
      followUp: { subject: 'Send the demo invite', preset: 'in2h' },
    });
    expect(held.status).toBe('Held');
    expect(held.durationSeconds).toBe(28 * 60);
    expect(held.outcome).toEqual({ dispositionCode: 'interested', text: 'Interested' });
    const notes = await call<{ items: Note[] }>(core, 'calls.notes', { callId: planned.id });
    expect(notes.items.map((n) => [n.body, n.callId, n.related?.id])).toEqual([
      ['Budget approved for Q3; wants a demo.', planned.id, 'acct-acme'],
    ]);
    const tasks = await call<{ items: Task[] }>(core, 'tasks.list', {});
    const task = tasks.items.find((t) => t.subject === 'Send the demo invite')!;
    expect(task.callId).toBe(planned.id);
    expect(task.related).toEqual({ type: 'account', id: 'acct-acme', name: 'Acme Corp' });
    expect(task.dueAt).toBe(new Date(fixedNow.getTime() + 2 * 3_600_000).toISOString());
  });

  it('a refused status change saves none of what came with it (no note, no task)', async () => {
    const core = testCore();
    const planned = await call<CallRecord>(core, 'calls.create', discovery);
    const reply = await core.dispatch('calls.setStatus', {
      id: planned.id,
      to: 'Held',
      actualStart: '2026-03-10T09:30:00.000Z',
      actualEnd: '2026-03-10T09:02:00.000Z',
      note: 'Should not be kept',
      followUp: { subject: 'Nor this', preset: 'in30m' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'end_before_start' } });
    expect((await call<{ items: Note[] }>(core, 'calls.notes', { callId: planned.id })).items).toEqual([]);
    expect((await call<{ items: Task[] }>(core, 'tasks.list', {})).items).toEqual([]);
    expect((await call<CallRecord>(core, 'calls.get', { id: planned.id })).status).toBe('Planned');
  });

  it('a disposition that does not fit a Held call is refused in words', async () => {
    const core = testCore();
    const planned = await call<CallRecord>(core, 'calls.create', discovery);
    const reply = await core.dispatch('calls.setStatus', {
      id: planned.id,
      to: 'Held',
      actualStart: '2026-03-10T09:02:00.000Z',
      actualEnd: '2026-03-10T09:30:00.000Z',
      outcome: { dispositionCode: 'no_answer', text: '' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_disposition' } });
  });

  it('Not Held needs a reason; Plan again takes the new planned time', async () => {
    const core = testCore();
    const planned = await call<CallRecord>(core, 'calls.create', discovery);
    const noReason = await core.dispatch('calls.setStatus', { id: planned.id, to: 'NotHeld', reason: ' ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'reason_required' } });
    await call(core, 'calls.setStatus', { id: planned.id, to: 'NotHeld', reason: 'Customer asked to move it' });
    const again = await call<CallRecord>(core, 'calls.setStatus', {
      id: planned.id,
      to: 'Planned',
      plannedStart: { local: '2026-03-12T14:00', zone: 'America/New_York' },
    });
    expect(again.status).toBe('Planned');
    expect(again.plannedStart).toEqual({
      local: '2026-03-12T14:00',
      zone: 'America/New_York',
      utc: '2026-03-12T18:00:00.000Z',
    });
    expect(again.history.map((h) => h.to)).toEqual(['Planned', 'NotHeld', 'Planned']);
  });
});
