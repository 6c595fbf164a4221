import { describe, expect, it } from 'vitest';
import type { DueReminder } from '../../../../src/shared/api/reminders';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Reminder } from '../../../../src/shared/domain/work';
import { manualClock, type ManualClock } from '../../../../src/main/core/clock';
import type { Core } from '../../../../src/main/core/types';
import { call, tempDir, testCore } from '../helpers';

const start = new Date('2026-03-10T14:00:00.000Z');

function coreOn(clock: ManualClock, dataDir = tempDir()) {
  const core = testCore({ clock, dataDir, now: undefined });
  const due: { items: DueReminder[]; whileClosed: boolean }[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'reminder.due') due.push(payload as (typeof due)[number]);
  });
  return { core, due };
}

/** Lets the scheduler's first arming (deferred to after start-up) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function plan(core: Core, local: string, zone: string, reminders: number[], participants: unknown[] = []) {
  return call<CallRecord>(core, 'calls.create', {
    direction: 'Outbound',
    subject: 'Renewal',
    plannedStart: { local, zone },
    reminders,
    participants,
  });
}

const mine = async (core: Core, callId: string) =>
  (await call<{ items: Reminder[] }>(core, 'reminders.ofCall', { callId })).items;

describe('reminders that ring', () => {
  it('rings at its instant, once, with the call it is about', async () => {
    const clock = manualClock(start);
    const { core, due } = coreOn(clock);
    await settle();
    const planned = await plan(core, '2026-03-11T14:00', 'America/New_York', [30]);
    expect((await mine(core, planned.id)).map((r) => r.remindAt)).toEqual(['2026-03-11T17:30:00.000Z']);
    clock.advance(27.5 * 3_600_000 - 1);
    expect(due).toEqual([]);
    clock.advance(1);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      whileClosed: false,
      items: [{ callId: planned.id, subject: 'Renewal', offsetMinutes: 30 }],
    });
    clock.advance(60_000);
    expect(due).toHaveLength(1);
    const ringing = await call<{ items: DueReminder[] }>(core, 'reminders.ringing', {});
    expect(ringing.items.map((r) => r.callId)).toEqual([planned.id]);
  });

  it('DST gap: 30 minutes before 02:30 on a spring-forward day rings 30 real minutes before 03:30', async () => {
    const clock = manualClock(new Date('2026-03-07T12:00:00.000Z'));
    const { core } = coreOn(clock);
    // 02:30 does not exist in New York on 2026-03-08: the call is at 03:30 EDT (07:30Z).
    const planned = await plan(core, '2026-03-08T02:30', 'America/New_York', [30]);
    expect(planned.plannedStart?.utc).toBe('2026-03-08T07:30:00.000Z');
    expect((await mine(core, planned.id))[0]!.remindAt).toBe('2026-03-08T07:00:00.000Z');
  });

  it('DST fold: 01:30 on a fall-back day is the first 01:30; the reminder counts from it', async () => {
    const clock = manualClock(new Date('2026-10-31T12:00:00.000Z'));
    const { core } = coreOn(clock);
    const planned = await plan(core, '2026-11-01T01:30', 'America/New_York', [30]);
    expect(planned.plannedStart?.utc).toBe('2026-11-01T05:30:00.000Z');
    expect((await mine(core, planned.id))[0]!.remindAt).toBe('2026-11-01T05:00:00.000Z');
  });

  it('is due again after a reschedule, and rings at the new time only', async () => {
    const clock = manualClock(start);
    const { core, due } = coreOn(clock);
    const planned = await plan(core, '2026-03-10T15:00', 'UTC', [15]);
    await call(core, 'calls.update', { id: planned.id, plannedStart: { local: '2026-03-10T18:00', zone: 'UTC' } });
    expect((await mine(core, planned.id))[0]!.remindAt).toBe('2026-03-10T17:45:00.000Z');
    clock.advance(2 * 3_600_000);
    expect(due).toEqual([]);
    clock.advance(1.75 * 3_600_000);
    expect(due).toHaveLength(1);
    // Rescheduled again after it rang: due again, not fired.
    await call(core, 'calls.update', { id: planned.id, plannedStart: { local: '2026-03-11T09:00', zone: 'UTC' } });
    expect(await mine(core, planned.id)).toMatchObject([{ remindAt: '2026-03-11T08:45:00.000Z', firedAt: null }]);
  });

  it('is cleared when the call is Cancelled or Not Held, and the planned time is kept', async () => {
    const clock = manualClock(start);
    const { core, due } = coreOn(clock);
    const cancelled = await plan(core, '2026-03-10T15:00', 'UTC', [15]);
    const notHeld = await plan(core, '2026-03-10T16:00', 'UTC', [5]);
    const afterCancel = await call<CallRecord>(core, 'calls.setStatus', {
      id: cancelled.id,
      to: 'Cancelled',
      reason: 'Customer withdrew',
    });
    await call(core, 'calls.setStatus', { id: notHeld.id, to: 'NotHeld', reason: 'Customer asked to move it' });
    expect(afterCancel.plannedStart).toEqual(cancelled.plannedStart);
    expect((await mine(core, cancelled.id))[0]!.dismissedAt).toBe(start.toISOString());
    expect((await mine(core, notHeld.id))[0]!.dismissedAt).toBe(start.toISOString());
    clock.advance(3 * 3_600_000);
    expect(due).toEqual([]);
    // Planned again: due again from the new time.
    await call(core, 'calls.setStatus', {
      id: notHeld.id,
      to: 'Planned',
      plannedStart: { local: '2026-03-10T19:00', zone: 'UTC' },
    });
    expect(await mine(core, notHeld.id)).toMatchObject([{ remindAt: '2026-03-10T18:55:00.000Z', dismissedAt: null }]);
  });

  it('snooze rings it again 5 minutes later; dismiss takes the banner away', async () => {
    const clock = manualClock(start);
    const { core, due } = coreOn(clock);
    const planned = await plan(core, '2026-03-10T14:30', 'UTC', [15]);
    clock.advance(15 * 60_000);
    expect(due).toHaveLength(1);
    const id = due[0]!.items[0]!.id;
    expect(await call(core, 'reminders.snooze', { id, minutes: 5 })).toEqual({ remindAt: '2026-03-10T14:20:00.000Z' });
    expect((await call<{ items: DueReminder[] }>(core, 'reminders.ringing', {})).items).toEqual([]);
    clock.advance(5 * 60_000 - 1);
    expect(due).toHaveLength(1);
    clock.advance(1);
    expect(due).toHaveLength(2);
    await call(core, 'reminders.dismiss', { id });
    expect((await call<{ items: DueReminder[] }>(core, 'reminders.ringing', {})).items).toEqual([]);
    expect((await mine(core, planned.id))[0]!.dismissedAt).not.toBeNull();
  });

  it('those due while the app was closed are announced once at the next start, as such', async () => {
    const dataDir = tempDir();
    const first = coreOn(manualClock(start), dataDir);
    const planned = await plan(first.core, '2026-03-10T16:00', 'UTC', [30, 15]);
    first.core.close();
    const later = coreOn(manualClock(new Date('2026-03-10T17:00:00.000Z')), dataDir);
    await settle();
    expect(later.due).toHaveLength(1);
    expect(later.due[0]).toMatchObject({ whileClosed: true });
    expect(later.due[0]!.items.map((r) => [r.callId, r.offsetMinutes])).toEqual([
      [planned.id, 30],
      [planned.id, 15],
    ]);
    later.core.close();
    const again = coreOn(manualClock(new Date('2026-03-10T17:05:00.000Z')), dataDir);
    await settle();
    expect(again.due).toEqual([]);
  });
});
