import { describe, expect, it } from 'vitest';
import {
  reminderId,
  reminderLabel,
  reminderRecipients,
  remindersAfterCallChange,
  type CallForReminders,
  type ReminderRow,
} from '../../../src/shared/domain/reminder-rules';

const call = (over: Partial<CallForReminders> = {}): CallForReminders => ({
  id: 'call-1',
  ownerId: 'owner',
  participants: [{ kind: 'contact', id: 'contact-1' }],
  plannedStart: { utc: '2026-03-10T15:00:00.000Z' },
  status: 'Planned',
  ...over,
});

const row = (recipientId: string, offsetMinutes: number, over: Partial<ReminderRow> = {}): ReminderRow => ({
  id: reminderId('call-1', recipientId, offsetMinutes),
  callId: 'call-1',
  recipientId,
  offsetMinutes,
  remindAt: new Date(Date.parse('2026-03-10T15:00:00.000Z') - offsetMinutes * 60_000).toISOString(),
  firedAt: null,
  dismissedAt: null,
  ...over,
});

describe('reminder rules (desktop and server apply the same)', () => {
  it('reminds the owner and each teammate, never contacts or leads, each once', () => {
    expect(
      reminderRecipients({
        ownerId: 'owner',
        participants: [
          { kind: 'user', id: 'priya' },
          { kind: 'contact', id: 'c1' },
          { kind: 'lead', id: 'l1' },
          { kind: 'user', id: 'owner' },
        ],
      }),
    ).toEqual(['owner', 'priya']);
  });

  it('ids are the same wherever they are made, and differ by call, recipient and offset', () => {
    expect(reminderId('call-1', 'priya', 30)).toBe(reminderId('call-1', 'priya', 30));
    const ids = new Set([
      reminderId('call-1', 'priya', 30),
      reminderId('call-1', 'priya', 15),
      reminderId('call-1', 'marco', 30),
      reminderId('call-2', 'priya', 30),
    ]);
    expect(ids.size).toBe(4);
    expect(reminderId('call-1', 'priya', 30).length).toBeLessThanOrEqual(64);
  });

  it('a reschedule makes every reminder due again from the new time (fired and dismissed reset)', () => {
    const rows = [row('owner', 30, { firedAt: '2026-03-10T14:30:00.000Z' }), row('priya', 30)];
    const after = call({ plannedStart: { utc: '2026-03-11T09:00:00.000Z' } });
    const plan = remindersAfterCallChange(rows, call(), after, '2026-03-10T14:40:00.000Z');
    expect(plan.remove).toEqual([]);
    expect(plan.upsert.map((r) => [r.recipientId, r.remindAt, r.firedAt, r.dismissedAt])).toEqual([
      ['owner', '2026-03-11T08:30:00.000Z', null, null],
      ['priya', '2026-03-11T08:30:00.000Z', null, null],
    ]);
  });

  it('Cancelled and Not Held clear them (dismissed, kept); the planned time is not touched', () => {
    for (const status of ['Cancelled', 'NotHeld'] as const) {
      const plan = remindersAfterCallChange([row('owner', 15)], call(), call({ status }), '2026-03-10T14:00:00.000Z');
      expect(plan).toEqual({ upsert: [row('owner', 15, { dismissedAt: '2026-03-10T14:00:00.000Z' })], remove: [] });
    }
  });

  it('a teammate who joins gets each of the call’s offsets; one who leaves loses theirs', () => {
    const before = call({ participants: [{ kind: 'user', id: 'marco' }] });
    const rows = [row('owner', 30), row('owner', 5), row('marco', 30), row('marco', 5)];
    const after = call({ participants: [{ kind: 'user', id: 'priya' }] });
    const plan = remindersAfterCallChange(rows, before, after, '2026-03-10T14:00:00.000Z');
    expect(plan.upsert.map((r) => [r.recipientId, r.offsetMinutes])).toEqual([
      ['priya', 30],
      ['priya', 5],
    ]);
    expect(plan.upsert.map((r) => r.id)).toEqual([reminderId('call-1', 'priya', 30), reminderId('call-1', 'priya', 5)]);
    expect(plan.remove.map((r) => [r.recipientId, r.offsetMinutes])).toEqual([
      ['marco', 30],
      ['marco', 5],
    ]);
  });

  it('a new owner gets the reminders, the old owner’s go', () => {
    const rows = [row('owner', 15)];
    const plan = remindersAfterCallChange(rows, call(), call({ ownerId: 'jonas' }), '2026-03-10T14:00:00.000Z');
    expect(plan.upsert.map((r) => r.recipientId)).toEqual(['jonas']);
    expect(plan.remove.map((r) => r.recipientId)).toEqual(['owner']);
  });

  it('names offsets in words', () => {
    expect([0, 5, 15, 30, 60, 1440, 90].map(reminderLabel)).toEqual([
      'At the time',
      '5 minutes before',
      '15 minutes before',
      '30 minutes before',
      '1 hour before',
      '1 day before',
      '90 minutes before',
    ]);
  });
});
