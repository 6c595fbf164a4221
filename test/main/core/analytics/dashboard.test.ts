import { describe, expect, it } from 'vitest';
import { dashboardHandlers } from '../../../../src/main/core/analytics/dashboard';
import { CoreError } from '../../../../src/main/core/errors';
import { TransportError } from '../../../../src/main/core/sync/transport';
import { lineHarness } from '../calls/line-harness';

const caller = '+442079460001';
const signedOut = { stored: () => null, send: () => Promise.reject(new Error('not signed in')) };

async function refusal(promise: unknown): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CoreError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the dashboard on the desktop', () => {
  it('counts a live call with its after-call work: the wrap-up records when it was saved', async () => {
    const h = lineHarness();
    h.settings({ timeZone: 'Europe/London' });
    const dashboard = dashboardHandlers(h.ctx, signedOut)['analytics.dashboard'];
    const before = await dashboard({ period: 'today', scope: 'me' });
    expect(before.totals.happened).toBe(0);

    await h.invoke('dev.injectInbound', { from: caller });
    const callId = (await h.invoke('line.state')).call!.callId;
    h.scheduler.advance(2_000);
    await h.invoke('line.answer');
    h.scheduler.advance(95_000);
    await h.invoke('line.hangup');
    // 20 s of after-call work before the wrap-up is saved.
    h.scheduler.advance(20_000);
    await h.invoke('wrapup.submit', { callId, status: 'Held', dispositionCode: 'resolved' });
    expect(h.call(callId).wrappedUpAt).toBe('2026-03-10T14:01:57.000Z');

    const after = await dashboard({ period: 'today', scope: 'me' });
    expect(after.source).toBe('local');
    expect(after.totals).toMatchObject({
      inbound: 1,
      outbound: 0,
      answered: 1,
      missed: 0,
      answerRate: 1,
      talkSeconds: 95,
      averageHandleSeconds: 115,
    });
    expect(after.dispositions).toEqual([{ code: 'resolved', count: 1 }]);
    expect(after.busiestHours[14]).toEqual({ hour: 14, calls: 1 });
    expect(after.bookings).toEqual({ count: 0, conversionRate: 0 });

    // Two visits booked on that call (one by a colleague), one on no call: the agent booked
    // two, and their one answered call ended in a booking (counted once).
    const contact = h.addContact({ phones: [] });
    const book = (id: string, callId: string | null, bookedBy: string) =>
      h.local.sqlite
        .prepare(
          `insert into appointments (id, contact_id, call_id, date, window_from, window_until, time_zone, starts_at,
             ends_at, service_type, status, booked_by, created_at, updated_at)
           values (?, ?, ?, '2026-03-12', '08:00', '12:00', 'Europe/London', '2026-03-12T08:00:00.000Z',
             '2026-03-12T12:00:00.000Z', 'repair', 'scheduled', ?, '2026-03-10T14:02:00.000Z', '2026-03-10T14:02:00.000Z')`,
        )
        .run(id, contact.id, callId, bookedBy);
    book('visit-1', callId, h.ctx.userId);
    book('visit-2', callId, 'colleague');
    book('visit-3', null, h.ctx.userId);
    const booked = await dashboard({ period: 'today', scope: 'me' });
    expect(booked.bookings).toEqual({ count: 2, conversionRate: 1 });
    h.close();
  });

  it('says in words why team figures are not there: signed out, offline, refused, or a bad period', async () => {
    const h = lineHarness();
    const ask = (session: Parameters<typeof dashboardHandlers>[1], input = {}) =>
      dashboardHandlers(h.ctx, session)['analytics.dashboard']({ period: 'today', scope: 'team', ...input });
    expect(await refusal(ask(signedOut))).toMatchObject({ code: 'not_signed_in' });
    const stored = () => ({ serverUrl: 'https://crm.test', company: 'acme', user: {} as never });
    const offline = { stored, send: () => Promise.reject(new TransportError('down')) };
    expect(await refusal(ask(offline))).toMatchObject({ code: 'offline', message: expect.stringMatching(/offline/) });
    const forbidden = {
      stored,
      send: () =>
        Promise.resolve({ status: 403, body: { code: 'forbidden', message: 'Team figures are for supervisors.' } }),
    };
    expect(await refusal(ask(forbidden))).toEqual({ code: 'forbidden', message: 'Team figures are for supervisors.' });
    const mine = dashboardHandlers(h.ctx, signedOut)['analytics.dashboard'];
    expect(
      await refusal(
        Promise.resolve().then(() => mine({ period: 'custom', from: '2026-03-09', to: '2026-03-01', scope: 'me' })),
      ),
    ).toEqual({ code: 'bad_period', message: 'The last day comes before the first.' });
    h.close();
  });
});
