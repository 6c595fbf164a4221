import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { call, testCore } from '../helpers';

// The test clock (helpers.fixedNow) is 2026-03-10T14:00:00Z.
describe('call times the core refuses, in the agent’s words', () => {
  it('refuses to mark a call Held with a start in the future', async () => {
    const core = testCore();
    const planned = await call<CallRecord>(core, 'calls.create', { direction: 'Outbound', subject: 'Renewal' });
    const reply = await core.dispatch('calls.setStatus', {
      id: planned.id,
      to: 'Held',
      actualStart: '2026-03-11T09:00:00.000Z',
      actualEnd: '2026-03-11T09:20:00.000Z',
    });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'held_in_future',
        message: 'A held call has already taken place, so its start cannot be in the future. Check the date and time.',
      },
    });
    expect((await call<CallRecord>(core, 'calls.get', { id: planned.id })).status).toBe('Planned');
  });

  it.each(['1999-03-02T09:00', '9999-03-02T09:00'])(
    'refuses a call planned for %s, naming the years allowed',
    async (local) => {
      const core = testCore();
      const reply = await core.dispatch('calls.create', {
        direction: 'Outbound',
        subject: 'Typo year',
        plannedStart: { local, zone: 'Europe/Berlin' },
      });
      expect(reply).toMatchObject({
        ok: false,
        error: {
          code: 'planned_year_out_of_range',
          message: expect.stringContaining('between the years 2000 and 2036'),
        },
      });
    },
  );

  it('refuses an unknown zone without naming a field path', async () => {
    const core = testCore();
    const reply = await core.dispatch('calls.create', {
      direction: 'Outbound',
      subject: 'Somewhere',
      plannedStart: { local: '2026-04-02T09:00', zone: 'Mars/Olympus_Mons' },
    });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid_zone',
        message:
          '“Mars/Olympus_Mons” is not a time zone Switchboard knows. Pick one from the list, such as America/New_York or Europe/Berlin.',
      },
    });
  });

  it('re-planning checks the same rule', async () => {
    const core = testCore();
    const planned = await call<CallRecord>(core, 'calls.create', { direction: 'Outbound', subject: 'Renewal' });
    const reply = await core.dispatch('calls.update', {
      id: planned.id,
      plannedStart: { local: '1999-12-31T09:00', zone: 'UTC' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'planned_year_out_of_range' } });
  });

  it('plans a time in the spring-forward gap one hour later (the form says so before saving)', async () => {
    const core = testCore();
    const planned = await call<CallRecord>(core, 'calls.create', {
      direction: 'Outbound',
      subject: 'Gap',
      plannedStart: { local: '2027-03-14T02:30', zone: 'America/New_York' },
    });
    expect(planned.plannedStart).toEqual({
      local: '2027-03-14T02:30',
      zone: 'America/New_York',
      utc: '2027-03-14T07:30:00.000Z',
    });
  });
});
