import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, seedCompany, startTestServer, type TestCompany, type TestServer } from './helpers/server';

let server: TestServer;
let acme: TestCompany;
let globex: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme');
  globex = await seedCompany(server, 'globex');
});
afterAll(() => server.close());

const put = (user: { token: string }, payload: unknown) =>
  as(server, user).request({ method: 'PUT', url: '/company/settings', payload: payload as object });

const berlinHours = { zone: 'Europe/Berlin', days: [5, 1, 2], opens: '09:30', closes: '17:00' };

describe('company settings: kept by supervisors and admins, read by every user of the company', () => {
  it('starts with no business hours and new-caller profiles on', async () => {
    const reply = await as(server, acme.agent).get('/company/settings');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ businessHours: null, newCallerProfiles: true });
  });

  it('a supervisor saves them; every user of the company reads them, another company does not', async () => {
    const saved = await put(acme.supervisor, { businessHours: berlinHours, newCallerProfiles: false });
    expect(saved.statusCode).toBe(200);
    // The weekdays come back in order.
    const expected = { businessHours: { ...berlinHours, days: [1, 2, 5] }, newCallerProfiles: false };
    expect(saved.json()).toEqual(expected);
    expect((await as(server, acme.agent).get('/company/settings')).json()).toEqual(expected);
    expect((await as(server, globex.agent).get('/company/settings')).json()).toEqual({
      businessHours: null,
      newCallerProfiles: true,
    });

    // An admin changes them again: the row is replaced, not duplicated.
    const again = await put(acme.admin, { businessHours: { ...berlinHours, days: [6] }, newCallerProfiles: true });
    expect(again.json()).toEqual({ businessHours: { ...berlinHours, days: [6] }, newCallerProfiles: true });
    expect((await as(server, acme.agent2).get('/company/settings')).json()).toMatchObject({
      businessHours: { days: [6] },
    });
  });

  it('an agent may not change them: 403 in plain words, nothing changed', async () => {
    const before = (await as(server, globex.agent).get('/company/settings')).json();
    const refused = await put(globex.agent, { businessHours: berlinHours, newCallerProfiles: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ message: 'Only a supervisor or an admin of the company can do that.' });
    expect((await as(server, globex.agent).get('/company/settings')).json()).toEqual(before);
  });

  it('refuses settings that are not valid, saying what is wrong', async () => {
    const cases: [unknown, string][] = [
      [{ businessHours: { ...berlinHours, zone: 'Atlantis/Capital' }, newCallerProfiles: true }, 'not a time zone'],
      [{ businessHours: { ...berlinHours, opens: '18:00' }, newCallerProfiles: true }, 'close after they open'],
      [{ businessHours: { ...berlinHours, days: [] }, newCallerProfiles: true }, 'at least one opening day'],
      [{ businessHours: { ...berlinHours, days: [1, 1] }, newCallerProfiles: true }, 'each opening day once'],
      [{ businessHours: { ...berlinHours, days: [8] }, newCallerProfiles: true }, '7 (Sunday)'],
      [{ businessHours: { ...berlinHours, opens: '9am' }, newCallerProfiles: true }, 'like 08:00'],
      [{ businessHours: berlinHours }, 'newCallerProfiles'],
      [{ businessHours: berlinHours, newCallerProfiles: true, companyId: 'globex' }, 'companyId'],
    ];
    for (const [payload, said] of cases) {
      const reply = await put(acme.admin, payload);
      expect(reply.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(reply.json()), JSON.stringify(payload)).toContain(said);
    }
    // Nothing of that was stored.
    expect((await as(server, acme.agent).get('/company/settings')).json()).toMatchObject({
      businessHours: { days: [6], zone: 'Europe/Berlin' },
    });
  });

  it('answers 401 without a session', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/company/settings' })).statusCode).toBe(401);
  });
});
