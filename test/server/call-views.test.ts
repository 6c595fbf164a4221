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

const layout = {
  filter: { direction: 'Inbound', needsDisposition: true },
  sort: { column: 'when', direction: 'desc' },
  columns: ['when', 'subject', 'who'],
  density: 'compact',
};
const put = (user: { token: string }, id: string, payload: unknown) =>
  as(server, user).request({ method: 'PUT', url: `/call-views/${id}`, payload: payload as object });

describe('company views of the calls table, shared by supervisors', () => {
  it('a supervisor shares a view; everyone in the company reads it, another company does not', async () => {
    const saved = await put(acme.supervisor, 'storm-queue', { name: 'Storm queue', layout, pinned: true });
    expect(saved.statusCode).toBe(200);
    const view = { id: 'storm-queue', name: 'Storm queue', layout, pinned: true, scope: 'company' };
    expect(saved.json()).toEqual(view);
    expect((await as(server, acme.agent).get('/call-views')).json()).toEqual({ items: [view] });
    expect((await as(server, globex.agent).get('/call-views')).json()).toEqual({ items: [] });
  });

  it('an admin renames it; a company B supervisor can neither overwrite nor delete it', async () => {
    await put(acme.supervisor, 'renames', { name: 'Before', layout, pinned: false });
    const renamed = await put(acme.admin, 'renames', { name: 'After', layout, pinned: true });
    expect(renamed.json()).toMatchObject({ name: 'After', pinned: true });
    expect((await put(globex.supervisor, 'renames', { name: 'Hijacked', layout, pinned: false })).statusCode).toBe(404);
    const deleted = await as(server, globex.supervisor).request({ method: 'DELETE', url: '/call-views/renames' });
    expect(deleted.statusCode).toBe(404);
    const acmeViews = (await as(server, acme.agent).get('/call-views')).json() as { items: { name: string }[] };
    expect(acmeViews.items.map((v) => v.name)).toContain('After');
    expect(acmeViews.items.map((v) => v.name)).not.toContain('Hijacked');

    const removed = await as(server, acme.supervisor).request({ method: 'DELETE', url: '/call-views/renames' });
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as { items: { id: string }[] }).items.map((v) => v.id)).not.toContain('renames');
  });

  it('an agent may read but not share or delete', async () => {
    const reply = await put(acme.agent, 'mine', { name: 'Mine', layout, pinned: false });
    expect(reply.statusCode).toBe(403);
    expect(reply.json()).toMatchObject({ message: 'Only a supervisor or an admin can share views with the company.' });
    expect(
      (await as(server, acme.agent).request({ method: 'DELETE', url: '/call-views/storm-queue' })).statusCode,
    ).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: '/call-views' })).statusCode).toBe(401);
  });

  it('refuses a view that is not one, in words, and stores nothing', async () => {
    const cases: [unknown, string][] = [
      [{ name: '', layout, pinned: false }, 'Give the view a name.'],
      [{ name: 'x'.repeat(61), layout, pinned: false }, 'A view name is at most 60 characters.'],
      [{ name: 'Bad filter', layout: { ...layout, filter: { fromDate: 'yesterday' } }, pinned: false }, 'YYYY-MM-DD'],
      [{ name: 'Extra', layout, pinned: false, companyId: globex.id }, 'Unrecognized key'],
    ];
    for (const [payload, message] of cases) {
      const reply = await put(acme.supervisor, 'bad-view', payload);
      expect(reply.statusCode).toBe(400);
      expect(JSON.stringify(reply.json())).toContain(message);
    }
    const views = (await as(server, acme.agent).get('/call-views')).json() as { items: { id: string }[] };
    expect(views.items.map((v) => v.id)).not.toContain('bad-view');
  });
});
