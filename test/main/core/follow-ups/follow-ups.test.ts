import { describe, expect, it } from 'vitest';
import type { FollowUpItem } from '../../../../src/shared/api/follow-ups';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Task } from '../../../../src/shared/domain/work';
import { manualClock } from '../../../../src/main/core/clock';
import { call, testCore } from '../helpers';

const start = new Date('2026-03-10T14:00:00.000Z');

describe('follow-ups with an SLA', () => {
  it('from a call: linked to it and its record; the callback-requested SLA (2 h) sets the deadline; overdue is counted', async () => {
    const clock = manualClock(start);
    const core = testCore({ clock, now: undefined });
    const held = await call<CallRecord>(core, 'calls.create', {
      direction: 'Inbound',
      subject: 'Billing question',
      status: 'Held',
      actualStart: '2026-03-10T13:30:00.000Z',
      actualEnd: '2026-03-10T13:50:00.000Z',
      outcome: { dispositionCode: 'callback_requested', text: 'Wants a call back' },
      related: { type: 'account', id: 'acct-1', name: 'Acme Corp' },
    });
    const task = await call<Task>(core, 'followUps.create', {
      subject: 'Call back about the invoice',
      preset: 'tomorrow9',
      callId: held.id,
    });
    expect(task).toMatchObject({ callId: held.id, related: { type: 'account', id: 'acct-1' } });
    const plain = await call<Task>(core, 'followUps.create', {
      subject: 'Send the brochure',
      dueAt: '2026-03-10T14:30:00.000Z',
    });
    let list = await call<{ items: FollowUpItem[]; overdue: number }>(core, 'followUps.list', {});
    expect(list.items.map((i) => [i.task.id, i.slaRule, i.deadline])).toEqual([
      [plain.id, null, '2026-03-10T14:30:00.000Z'],
      [task.id, 'callback_requested', '2026-03-10T16:00:00.000Z'],
    ]);
    expect(list.overdue).toBe(0);
    clock.advance(60 * 60_000);
    list = await call<{ items: FollowUpItem[]; overdue: number }>(core, 'followUps.list', {});
    expect(list.overdue).toBe(1);
    clock.advance(61 * 60_000);
    list = await call<{ items: FollowUpItem[]; overdue: number }>(core, 'followUps.list', {});
    expect(list.overdue).toBe(2);
  });

  it('a follow-up needs a due time: a preset or a date', async () => {
    const core = testCore();
    const reply = await core.dispatch('followUps.create', { subject: 'No date' });
    expect(reply).toMatchObject({ ok: false });
  });
});
