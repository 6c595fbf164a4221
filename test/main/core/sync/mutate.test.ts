import { describe, expect, it } from 'vitest';
import { getLocalUserId } from '../../../../src/main/core/db/repositories/settings';
import { getCall } from '../../../../src/main/core/db/repositories/calls';
import { outboxCount } from '../../../../src/main/core/db/repositories/outbox';
import { CoreError } from '../../../../src/main/core/errors';
import { createEventBus } from '../../../../src/main/core/events';
import { commit, type WriteContext } from '../../../../src/main/core/sync/mutate';
import type { LineSnapshot } from '../../../../src/shared/api/line';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { openTestDb } from '../helpers';
import { injectTransport, openDesktop, signIn } from './harness';
import { desktopWithLine as lineDesktop, serverCall, serverForFile } from './write-path-support';

const at = '2026-03-10T14:00:00.000Z';

function writeContext() {
  const local = openTestDb();
  const events = createEventBus();
  const seen: { name: string; payload: unknown; outboxAtEmit: number }[] = [];
  events.subscribe((name, payload) => seen.push({ name, payload, outboxAtEmit: outboxCount(local.db) }));
  let wakes = 0;
  const ctx: WriteContext = { local, events, userId: getLocalUserId(local.db), wakeSync: () => (wakes += 1) };
  return { ctx, local, seen, wakes: () => wakes };
}

describe('commit: the one way a change enters the desktop', () => {
  it('applies, queues and announces a list of mutations together, then wakes the sync engine once', () => {
    const { ctx, local, seen, wakes } = writeContext();
    commit(ctx, [
      { name: 'call.create', args: { id: 'call-1', direction: 'Outbound', subject: 'Renewal', at } },
      { name: 'note.add', args: { id: 'note-1', body: 'Wants a quote', callId: 'call-1', at } },
      { name: 'call.update', args: { id: 'call-1', set: { subject: 'Renewal 2027' }, at } },
    ]);
    expect(getCall(local.db, 'call-1')).toMatchObject({ subject: 'Renewal 2027', ownerId: ctx.userId });
    expect(outboxCount(local.db)).toBe(3);
    // Told after the commit (the outbox already holds the rows), one event per kind of record.
    expect(seen).toEqual([
      { name: 'data.changed', payload: { entity: 'call', ids: ['call-1'] }, outboxAtEmit: 3 },
      { name: 'data.changed', payload: { entity: 'note', ids: ['note-1'] }, outboxAtEmit: 3 },
    ]);
    expect(wakes()).toBe(1);
  });

  it('writes nothing of the list when one mutation is refused, and says why in the rule’s words', () => {
    const { ctx, local, seen, wakes } = writeContext();
    const refused = () =>
      commit(ctx, [
        { name: 'call.create', args: { id: 'call-1', direction: 'Outbound', subject: 'Renewal', at } },
        // Planned → Held needs its actual times: the shared lifecycle refuses it.
        { name: 'call.setStatus', args: { id: 'call-1', to: 'Held', at } },
      ]);
    expect(refused).toThrow(CoreError);
    expect(refused).toThrow(/start/i);
    expect(getCall(local.db, 'call-1')).toBeNull();
    expect(outboxCount(local.db)).toBe(0);
    expect(seen).toEqual([]);
    expect(wakes()).toBe(0);
  });

  it('refuses arguments the protocol schema would refuse, before anything is written', () => {
    const { ctx, local } = writeContext();
    expect(() => commit(ctx, [{ name: 'call.update', args: { id: 'call-1', set: {}, at } }])).toThrow(
      /cannot be saved/,
    );
    expect(outboxCount(local.db)).toBe(0);
  });
});

describe('the live call through the write path, against the real server', () => {
  const env = serverForFile();
  const desktopWithLine = () => lineDesktop(env.server, at);

  it('a telephony status change has the same author on the desktop, after a pull, and on the server', async () => {
    const { desktop, scheduler } = desktopWithLine();
    await signIn(desktop, 'acme', env.company.agent.email);
    const ringing = await desktop.invoke<LineSnapshot>('dev.injectInbound', { from: '+14155550123' });
    const callId = ringing.call!.callId;
    await desktop.invoke('line.answer');
    scheduler.advance(60_000);
    await desktop.invoke('line.hangup');

    const onDesktop = await desktop.invoke<CallRecord>('calls.get', { id: callId });
    expect(onDesktop.history.map((entry) => [entry.to, entry.by])).toEqual([
      ['Planned', env.company.agent.id],
      ['Held', env.company.agent.id],
    ]);
    await desktop.sync();
    const afterPull = await desktop.invoke<CallRecord>('calls.get', { id: callId });
    expect(afterPull.history).toEqual(onDesktop.history);
    expect((await serverCall(env.server, callId))!.history).toEqual(onDesktop.history);

    // Another desktop of the same agent pulls the same history.
    const other = openDesktop(injectTransport(env.server));
    await signIn(other, 'acme', env.company.agent.email);
    await other.sync();
    expect((await other.invoke<CallRecord>('calls.get', { id: callId })).history).toEqual(onDesktop.history);
    desktop.close();
    other.close();
  });

  it('a sync in the middle of a live call keeps its actual start, even when the push reply is lost', async () => {
    const { desktop, scheduler, net } = desktopWithLine();
    await signIn(desktop, 'acme', env.company.agent.email);
    const ringing = await desktop.invoke<LineSnapshot>('dev.injectInbound', { from: '+14155550123' });
    const callId = ringing.call!.callId;
    scheduler.advance(4_000);
    const answered = await desktop.invoke<LineSnapshot>('line.answer');
    const start = answered.call!.answeredAt;
    expect(start).toBe('2026-03-10T14:00:04.000Z');

    net.mode = 'lose-reply';
    await desktop.sync();
    net.mode = 'ok';
    expect((await desktop.invoke<CallRecord>('calls.get', { id: callId })).actualStart).toBe(start);
    await desktop.sync(); // the server's copy comes back; the rebase rebuilds the row from it
    const midCall = await desktop.invoke<CallRecord>('calls.get', { id: callId });
    expect(midCall).toMatchObject({ status: 'Planned', actualStart: start });
    expect(await serverCall(env.server, callId)).toMatchObject({ status: 'Planned', actualStart: start });
    expect(desktop.core.sync!.status().pending).toBe(0);

    scheduler.advance(30_000);
    await desktop.invoke('line.hangup');
    await desktop.sync();
    expect(await desktop.invoke<CallRecord>('calls.get', { id: callId })).toMatchObject({
      status: 'Held',
      actualStart: start,
      durationSeconds: 30,
    });
    desktop.close();
  });
});
