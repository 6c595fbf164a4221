import { describe, expect, it } from 'vitest';
import { callBackTaskId } from '../../../../src/shared/domain/ids';
import { missedCalls } from '../../../../src/main/core/calls/missed-calls';
import { setTaskStatus } from '../../../../src/main/core/db/repositories/tasks';
import { writeUnsynced } from '../../../../src/main/core/sync/mutate';
import { lineHarness } from './line-harness';

const ada = '+442079460001';

function outboxKinds(h: ReturnType<typeof lineHarness>): string[] {
  return h.sql<{ name: string }>('select name from outbox order by mutation_id').map((r) => r.name);
}

describe('an inbound call nobody answered', () => {
  it.each([
    ['the caller hangs up while it rings', 'missed', 'Missed call: nobody answered'],
    ['the agent declines it', 'rejected', 'Call declined'],
  ] as const)(
    'when %s: no wrap-up, a call-back task linked to the caller and the call, listed as missed',
    async (_, reason, words) => {
      const h = lineHarness();
      const contact = h.addContact();
      const snap = await h.invoke('dev.injectInbound', { from: ada });
      const callId = snap.call!.callId;
      h.scheduler.advance(8_000);
      if (reason === 'missed') await h.invoke('dev.remoteHangup');
      else await h.invoke('line.reject');

      const state = await h.invoke('line.state');
      expect(state).toMatchObject({ phase: 'idle', availability: 'Available', call: null });
      expect(await h.invoke('wrapup.get')).toBeNull();
      expect(h.eventsNamed('wrapup.required')).toEqual([]);
      // Nothing blocks the next call.
      expect((await h.invoke('line.prepareDial', { number: '+14155550123' })).blockedBy).toBeNull();

      expect(h.call(callId)).toMatchObject({ status: 'NotHeld', statusReason: words, direction: 'Inbound' });
      const { items, unhandled } = missedCalls(h.local.db, { unhandledOnly: false, limit: 10 });
      expect(unhandled).toBe(1);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        id: callId,
        number: ada,
        caller: 'Ada Lovelace',
        related: { type: 'contact', id: contact.id },
        reason: words,
        handled: false,
        task: { subject: 'Call back Ada Lovelace', status: 'Open', dueAt: '2026-03-10T14:15:08.000Z' },
      });
      const task = h.sql<{ id: string; call_id: string; related_id: string; priority: string }>(
        'select * from tasks',
      )[0]!;
      // Its id derives from the call's: the server's call-back for the same call is this task.
      expect(task).toMatchObject({
        id: callBackTaskId(callId),
        call_id: callId,
        related_id: contact.id,
        priority: 'High',
      });
      // The task travels to the server like any other change.
      expect(outboxKinds(h)).toContain('task.create');
      expect(h.eventsNamed('call.missed')).toEqual([
        {
          callId,
          caller: 'Ada Lovelace',
          reason,
          availability: 'Available',
          taskId: items[0]!.task!.id,
          at: '2026-03-10T14:00:08.000Z',
        },
      ]);
    },
  );

  it('the same caller missed three times in a row: one call-back task for all three, counting them', async () => {
    const h = lineHarness();
    h.addContact();
    for (let i = 0; i < 3; i++) {
      await h.invoke('dev.injectInbound', { from: ada });
      h.scheduler.advance(5_000);
      await h.invoke('dev.remoteHangup');
      h.scheduler.advance(60_000);
    }
    const tasks = h.sql<{ id: string; subject: string; status: string }>('select id, subject, status from tasks');
    expect(tasks).toEqual([{ id: tasks[0]!.id, subject: 'Call back Ada Lovelace (3 missed calls)', status: 'Open' }]);
    const { items, unhandled } = missedCalls(h.local.db, { unhandledOnly: true, limit: 10 });
    expect(unhandled).toBe(1);
    expect(items).toHaveLength(3);
    expect(new Set(items.map((m) => m.task?.id))).toEqual(new Set([tasks[0]!.id]));
    expect(h.eventsNamed('call.missed').map((e) => (e as { taskId: string }).taskId)).toEqual([
      tasks[0]!.id,
      tasks[0]!.id,
      tasks[0]!.id,
    ]);
  });

  it('while Away: it never rings, is logged, gets its call-back task, and raises the alert', async () => {
    const h = lineHarness();
    await h.invoke('line.setAvailability', { availability: 'Away' });
    await h.invoke('dev.injectInbound', { from: '+14155550123' }).catch(() => undefined);
    expect((await h.invoke('line.state')).phase).toBe('idle');
    const { items, unhandled } = missedCalls(h.local.db, { unhandledOnly: true, limit: 10 });
    expect(unhandled).toBe(1);
    expect(items[0]).toMatchObject({
      caller: '+1 415 555 0123',
      related: null,
      reason: 'Not answered: agent was Away',
      task: { subject: 'Call back +1 415 555 0123' },
    });
    expect(h.eventsNamed('call.missed')).toMatchObject([{ reason: 'unavailable', availability: 'Away' }]);
  });

  it('counts as handled once its call-back task is done, and leaves the unhandled list', async () => {
    const h = lineHarness();
    await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.reject');
    await h.invoke('dev.injectInbound', { from: '+14155550123' });
    await h.invoke('dev.remoteHangup');
    const before = missedCalls(h.local.db, { unhandledOnly: false, limit: 10 });
    expect(before.unhandled).toBe(2);
    // Completed elsewhere (a colleague's desktop), arriving as the server's copy.
    writeUnsynced(h.local, 'server copy', (tx) =>
      setTaskStatus(tx, before.items[0]!.task!.id, 'Done', '2026-03-10T15:00:00.000Z'),
    );
    const after = missedCalls(h.local.db, { unhandledOnly: false, limit: 10 });
    expect(after.unhandled).toBe(1);
    expect(after.items.map((m) => m.handled)).toEqual([true, false]);
    expect(missedCalls(h.local.db, { unhandledOnly: true, limit: 10 }).items).toHaveLength(1);
  });

  it('an answered inbound call is not a missed call and still asks for its wrap-up', async () => {
    const h = lineHarness();
    await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.answer');
    await h.invoke('line.hangup');
    expect((await h.invoke('line.state')).phase).toBe('wrap-up');
    expect(missedCalls(h.local.db, { unhandledOnly: false, limit: 10 })).toEqual({ items: [], unhandled: 0 });
  });

  it('a call still ringing when the app stopped is a missed call after the restart, with no wrap-up', async () => {
    const first = lineHarness();
    const snap = await first.invoke('dev.injectInbound', { from: ada });
    first.close();
    const second = lineHarness({ file: first.file, startMs: first.scheduler.now() + 60_000 });
    expect((await second.invoke('line.state')).phase).toBe('idle');
    expect(second.call(snap.call!.callId)).toMatchObject({ status: 'NotHeld' });
    expect(missedCalls(second.local.db, { unhandledOnly: true, limit: 10 }).items.map((m) => m.id)).toEqual([
      snap.call!.callId,
    ]);
  });

  it('the wrap-up of an unanswered outbound call offers outbound outcomes, an inbound one inbound outcomes', async () => {
    const h = lineHarness();
    await h.invoke('dev.scriptOutbound', { number: '+14155550123', outcome: 'no-answer', afterMs: 1000 });
    await h.invoke('line.dial', { number: '+14155550123', source: 'ui', requestId: 'r1' });
    h.scheduler.advance(2000);
    const wrap = (await h.invoke('wrapup.get'))!;
    expect(wrap.call.direction).toBe('Outbound');
    // The shared rule refuses an inbound outcome on an outbound call.
    const refused = await h.refusal('wrapup.submit', {
      callId: wrap.callId,
      status: 'NotHeld',
      reason: 'No answer',
      dispositionCode: 'caller_hung_up',
    });
    expect(refused).toEqual({
      code: 'invalid_disposition',
      message: '"Caller hung up" does not fit an outgoing call.',
    });
  });

  it('is handled once the caller is reached: calling them back completes the call-back task', async () => {
    const h = lineHarness();
    await h.invoke('dev.injectInbound', { from: '+14155550123' });
    await h.invoke('dev.remoteHangup');
    await h.invoke('dev.injectInbound', { from: ada });
    await h.invoke('line.reject');
    expect(missedCalls(h.local.db, { unhandledOnly: false, limit: 10 }).unhandled).toBe(2);

    await h.invoke('dev.scriptOutbound', { number: '+14155550123', outcome: 'answer', afterMs: 1000 });
    await h.invoke('line.dial', { number: '+14155550123', source: 'ui', requestId: 'call-back' });
    h.scheduler.advance(1500);
    h.scheduler.advance(30_000);
    await h.invoke('line.hangup');
    expect((await h.invoke('line.state')).phase).toBe('wrap-up');

    const after = missedCalls(h.local.db, { unhandledOnly: false, limit: 10 });
    expect(after.unhandled).toBe(1);
    expect(after.items.map((m) => [m.number, m.handled])).toEqual([
      [ada, false],
      ['+14155550123', true],
    ]);
    expect(outboxKinds(h)).toContain('task.setStatus');
  });
});
