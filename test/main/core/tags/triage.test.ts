import { describe, expect, it } from 'vitest';
import type { TriageItem } from '../../../../src/shared/api/triage';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { call, testCore } from '../helpers';

describe('the triage queue', () => {
  it('holds finished calls without a disposition, emergencies first, then after-hours, then the oldest', async () => {
    const core = testCore();
    await call(core, 'settings.update', { timeZone: 'America/New_York' });
    const missed = async (subject: string, at: string) =>
      call<CallRecord>(core, 'calls.create', {
        direction: 'Inbound',
        subject,
        status: 'NotHeld',
        reason: 'Caller hung up',
        actualStart: at,
      });
    // Tuesday 10 March 2026 in New York (UTC-4): 14:00Z = 10:00, 02:00Z = 22:00 the evening before.
    await missed('Morning', '2026-03-10T14:00:00.000Z');
    await missed('Night', '2026-03-10T02:00:00.000Z');
    await missed('Earlier in hours', '2026-03-09T15:00:00.000Z');
    const fire = await missed('Gas smell', '2026-03-10T15:00:00.000Z');
    await call(core, 'tags.add', { entity: 'calls', id: fire.id, tag: 'emergency' });
    const decided = await missed('Decided', '2026-03-10T13:00:00.000Z');
    await call(core, 'calls.update', { id: decided.id, outcome: { dispositionCode: 'missed', text: '' } });
    await call(core, 'calls.create', { direction: 'Outbound', subject: 'Planned', status: 'Planned' });

    const queue = await call<{ items: TriageItem[] }>(core, 'triage.queue', {});
    expect(queue.items.map((item) => item.call.subject)).toEqual(['Gas smell', 'Night', 'Earlier in hours', 'Morning']);
    expect(queue.items.map((item) => [item.emergency, item.afterHours, item.reason])).toEqual([
      [true, false, 'missed'],
      [false, true, 'missed'],
      [false, false, 'missed'],
      [false, false, 'missed'],
    ]);
    expect(queue.items.map((i) => i.call.id)).not.toContain(decided.id);
  });
});
