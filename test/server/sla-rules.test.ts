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
  as(server, user).request({ method: 'PUT', url: '/admin/sla-rules', payload: payload as object });

describe('follow-up SLA rules, set by an admin, read by every desktop of the company', () => {
  it('starts at the defaults: callback requested 2 h, missed call 1 h, emergency 15 min', async () => {
    const reply = await as(server, acme.agent).get('/sla-rules');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      rules: { callback_requested: 120, missed: 60, emergency: 15 },
      custom: false,
    });
  });

  it('an admin replaces them; agents of that company read the new rules, another company keeps its own', async () => {
    const rules = { callback_requested: 90, missed: 30, emergency: 10, vip_escalation: 20 };
    const saved = await put(acme.admin, { rules });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ rules, custom: true });
    expect((await as(server, acme.agent2).get('/sla-rules')).json()).toEqual({ rules, custom: true });
    expect((await as(server, globex.agent).get('/sla-rules')).json()).toMatchObject({ custom: false });

    const reset = await as(server, acme.admin).request({ method: 'DELETE', url: '/admin/sla-rules' });
    expect(reset.json()).toMatchObject({ rules: { callback_requested: 120 }, custom: false });
  });

  it('only an admin may change them', async () => {
    for (const user of [acme.agent, acme.supervisor]) {
      const reply = await put(user, { rules: { missed: 5 } });
      expect(reply.statusCode).toBe(403);
      expect(reply.json()).toMatchObject({ message: 'Only an admin of the company can do that.' });
    }
    expect((await as(server, acme.agent).get('/sla-rules')).json()).toMatchObject({ rules: { missed: 60 } });
  });

  it('refuses rules that are not whole minutes by disposition code, in words, and keeps the old ones', async () => {
    const cases: [unknown, string][] = [
      [{ rules: { missed: 0 } }, 'A rule needs at least 1 minute.'],
      [{ rules: { missed: 1.5 } }, 'Give each rule a whole number of minutes.'],
      [{ rules: { missed: 50_000 } }, 'A rule can be at most 30 days (43,200 minutes).'],
      [{ rules: { 'Call Back!': 10 } }, 'A rule is named by a disposition code such as callback_requested.'],
      [{ rules: { missed: 10 }, companyId: globex.id }, 'Unrecognized key'],
    ];
    for (const [payload, message] of cases) {
      const reply = await put(acme.admin, payload);
      expect(reply.statusCode).toBe(400);
      expect(JSON.stringify(reply.json())).toContain(message);
    }
    expect((await as(server, acme.agent).get('/sla-rules')).json()).toMatchObject({ custom: false });
    expect((await server.app.inject({ method: 'GET', url: '/sla-rules' })).statusCode).toBe(401);
  });
});
