import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CompanySettingsView } from '../../../../src/shared/api/company-settings';
import type { TriageItem } from '../../../../src/shared/api/triage';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { manualClock } from '../../../../src/main/core/clock';
import { SERVER_COPIES_REFRESH_MS } from '../../../../src/main/core/sync/server-copies';
import {
  as,
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { injectTransport, openDesktop, signIn, switchable, type Desktop } from './harness';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'compsync');
});
afterAll(async () => server.close());

// Saturday 14 March 2026: 10:00 in Berlin (09:00Z) is 05:00 in New York.
const SATURDAY_MORNING_BERLIN = '2026-03-14T09:00:00.000Z';
// Tuesday 10 March 2026: 22:00 in Berlin (21:00Z) is 17:00 in New York.
const TUESDAY_EVENING_BERLIN = '2026-03-10T21:00:00.000Z';
const berlinWeekends = { zone: 'Europe/Berlin', days: [6, 7], opens: '08:00', closes: '20:00' };

async function afterHoursBySubject(desktop: Desktop): Promise<Record<string, boolean>> {
  const queue = await desktop.invoke<{ items: TriageItem[] }>('triage.queue', {});
  return Object.fromEntries(queue.items.map((item) => [item.call.subject, item.afterHours]));
}

async function missedCall(desktop: Desktop, subject: string, at: string) {
  await desktop.invoke<CallRecord>('calls.create', {
    direction: 'Inbound',
    subject,
    status: 'NotHeld',
    reason: 'Caller hung up',
    actualStart: at,
  });
}

describe('the company’s settings on the desktops', () => {
  it('a supervisor saves them from the desktop; triage and the agent’s desktop follow them; agents may not change them', async () => {
    const clock = manualClock(new Date(Date.now() + 60_000));
    const supervisor = openDesktop(injectTransport(server), { clock });
    const agent = openDesktop(injectTransport(server), { clock });
    await agent.invoke('settings.update', { timeZone: 'America/New_York' });
    await missedCall(agent, 'Saturday', SATURDAY_MORNING_BERLIN);
    await missedCall(agent, 'Tuesday', TUESDAY_EVENING_BERLIN);

    // Signed out: the defaults (Monday to Friday, 08:00 to 18:00 in the agent's zone).
    expect(await agent.invoke<CompanySettingsView>('companySettings.get')).toMatchObject({
      businessHours: { zone: 'America/New_York', days: [1, 2, 3, 4, 5], opens: '08:00', closes: '18:00' },
      newCallerProfiles: true,
      hoursSet: false,
      signedIn: false,
      canManage: false,
    });
    expect(await afterHoursBySubject(agent)).toEqual({ Saturday: true, Tuesday: false });

    await signIn(supervisor, 'compsync', company.supervisor.email);
    await signIn(agent, 'compsync', company.agent.email);
    const saved = await supervisor.invoke<CompanySettingsView>('companySettings.update', {
      businessHours: berlinWeekends,
      newCallerProfiles: false,
    });
    expect(saved).toMatchObject({ businessHours: berlinWeekends, newCallerProfiles: false, hoursSet: true });

    // The agent may not change them, from the desktop or the server.
    const refused = await agent.core.dispatch('companySettings.update', {
      businessHours: berlinWeekends,
      newCallerProfiles: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const direct = await as(server, company.agent).request({
      method: 'PUT',
      url: '/company/settings',
      payload: { businessHours: berlinWeekends, newCallerProfiles: true },
    });
    expect(direct.statusCode).toBe(403);

    // The agent's desktop reads them after a sync round once the copies are due again:
    // the company's hours, in Berlin's zone.
    clock.advance(SERVER_COPIES_REFRESH_MS);
    await agent.sync();
    await vi.waitFor(async () =>
      expect(await agent.invoke<CompanySettingsView>('companySettings.get')).toMatchObject({
        businessHours: berlinWeekends,
        newCallerProfiles: false,
        hoursSet: true,
        canManage: false,
      }),
    );
    expect(await afterHoursBySubject(agent)).toEqual({ Saturday: false, Tuesday: true });

    // Signed out, the defaults apply again.
    await agent.invoke('session.logout', {});
    await vi.waitFor(async () =>
      expect(await agent.invoke<CompanySettingsView>('companySettings.get')).toMatchObject({
        hoursSet: false,
        newCallerProfiles: true,
        signedIn: false,
      }),
    );
    expect(await afterHoursBySubject(agent)).toEqual({ Saturday: true, Tuesday: false });

    // Signed in again, at once (no ten minutes' wait): the company's settings are back.
    await signIn(agent, 'compsync', company.agent.email);
    await agent.sync();
    await vi.waitFor(async () =>
      expect(await agent.invoke<CompanySettingsView>('companySettings.get')).toMatchObject({
        businessHours: berlinWeekends,
        hoursSet: true,
      }),
    );
    supervisor.close();
    agent.close();
  });

  it('offline, saving is refused in words that say it needs the server; the copy stays as it was', async () => {
    const net = switchable(injectTransport(server));
    const admin = openDesktop(net.transport);
    await signIn(admin, 'compsync', company.admin.email);
    await admin.sync();
    const before = await admin.invoke<CompanySettingsView>('companySettings.get');
    net.cable.online = false;
    const reply = await admin.core.dispatch('companySettings.update', {
      businessHours: { ...berlinWeekends, days: [1] },
      newCallerProfiles: true,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(!reply.ok && reply.error.message).toContain('kept on the CRM server, which cannot be reached now');
    expect(await admin.invoke<CompanySettingsView>('companySettings.get')).toEqual(before);

    // Bad input never reaches the server: the schema refuses it with its own words.
    net.cable.online = true;
    const bad = await admin.core.dispatch('companySettings.update', {
      businessHours: { ...berlinWeekends, opens: '21:00' },
      newCallerProfiles: true,
    });
    expect(bad).toMatchObject({ ok: false });
    expect(JSON.stringify(bad)).toContain('Business hours must close after they open.');
    admin.close();
  });
});
