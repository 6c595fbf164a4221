import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../src/server/directory/store';
import type { Account } from '../../src/shared/domain/directory';
import type { Note } from '../../src/shared/domain/work';
import {
  as,
  AT,
  hlc,
  newCallArgs,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from './helpers/server';

let server: TestServer;
let a: TestCompany;
let b: TestCompany;
const MANAGER = '+13125550161';
const ACCOUNT_LINE = '+13125550100';

const sites = [
  {
    id: 'site-1',
    label: 'Warehouse',
    line1: '400 Dock Rd',
    line2: '',
    city: 'Springfield',
    region: 'IL',
    postalCode: '',
    accessNotes: 'Badge in at gate 3',
    primary: true,
  },
];
const customer = {
  type: 'commercial',
  status: 'active',
  source: 'referral',
  customerSince: '2023-01-15',
  inactiveSince: null,
};

beforeAll(async () => {
  server = await startTestServer();
  a = await seedCompany(server, 'acme-acct');
  b = await seedCompany(server, 'globex-acct');
  const account = (name: string, phones: { kind: 'work'; e164: string }[] = []) => ({
    id: 'ACC-1',
    name,
    country: 'US',
    timeZone: null,
    phones,
    createdAt: AT,
    updatedAt: AT,
  });
  await importDirectory(server.database.db, a.id, 'accounts', [
    account('Dockside', [{ kind: 'work', e164: ACCOUNT_LINE }]),
  ]);
  // Another company uses the same id for its own account.
  await importDirectory(server.database.db, b.id, 'accounts', [account('Globex Dock')]);
  await importDirectory(server.database.db, a.id, 'contacts', [
    {
      id: 'CT-LOU',
      firstName: 'Lou',
      lastName: 'Park',
      accountId: 'ACC-1',
      phones: [{ kind: 'mobile', e164: MANAGER }],
      timeZone: null,
      createdAt: AT,
      updatedAt: AT,
    },
  ]);
  await as(server, a.agent).push('acct-a-agent', [
    // Held, from the account's site manager: counts for the account.
    {
      id: 1,
      name: 'call.create',
      args: newCallArgs('CALL-1', {
        status: 'Held',
        actualStart: AT,
        actualEnd: '2026-03-10T12:04:00.000Z',
        fromNumber: MANAGER,
      }),
      hlc: hlc(1, 'a'),
    },
    // Not held, filed under the account itself.
    {
      id: 2,
      name: 'call.create',
      args: newCallArgs('CALL-2', {
        status: 'NotHeld',
        reason: 'No answer',
        actualStart: '2026-03-12T09:00:00.000Z',
        actualEnd: '2026-03-12T09:00:30.000Z',
        related: { type: 'account', id: 'ACC-1', name: 'Dockside' },
      }),
      hlc: hlc(2, 'a'),
    },
    // Someone else's call: not the account's.
    {
      id: 3,
      name: 'call.create',
      args: newCallArgs('CALL-3', {
        status: 'Held',
        actualStart: '2026-03-13T09:00:00.000Z',
        actualEnd: '2026-03-13T09:05:00.000Z',
        fromNumber: '+13125550999',
      }),
      hlc: hlc(3, 'a'),
    },
  ]);
});

afterAll(async () => {
  await server.close();
});

describe('customer profiles on accounts over HTTP', () => {
  it('makes an account a customer with a PATCH, lists it, and a desktop pulls the change', async () => {
    const before = (await as(server, a.agent).get('/customer-accounts')).json<{ items: Account[] }>();
    expect(before.items).toEqual([]);
    const response = await as(server, a.agent).request({
      method: 'PATCH',
      url: '/customer-accounts/ACC-1',
      payload: { customer, addresses: sites },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Account>()).toMatchObject({ name: 'Dockside', customer, addresses: sites, equipment: [] });
    const list = (await as(server, a.supervisor).get('/customer-accounts?search=dock')).json<{
      items: Account[];
      total: number;
    }>();
    expect(list.items.map((x) => [x.id, x.name])).toEqual([['ACC-1', 'Dockside']]);
    expect(list.total).toBe(1);
    const pulled = await as(server, a.agent2).pull('acct-a-agent2', null);
    expect(pulled.changes.accounts.find((x) => x.id === 'ACC-1')).toMatchObject({ customer, addresses: sites });
  });

  it('gets the profile with lifetime stats over the calls of the account and its contacts', async () => {
    const response = await as(server, a.agent).get('/customer-accounts/ACC-1');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ account: Account; contactIds: string[]; stats: unknown }>();
    expect(body.account.customer).toEqual(customer);
    expect(body.contactIds).toEqual(['CT-LOU']);
    expect(body.stats).toEqual({
      calls: 2,
      answered: 1,
      firstContactAt: AT,
      lastContactAt: '2026-03-12T09:00:00.000Z',
    });
  });

  it('adds a categorized note about the account', async () => {
    const response = await as(server, a.agent).post('/customer-accounts/ACC-1/notes', {
      body: 'Deliveries before 7 only',
      category: 'access',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<Note>()).toMatchObject({
      category: 'access',
      related: { type: 'account', id: 'ACC-1', name: 'Dockside' },
    });
    const detail = (await as(server, a.agent).get('/customer-accounts/ACC-1')).json<{ notes: Note[] }>();
    expect(detail.notes.map((n) => [n.body, n.category])).toEqual([['Deliveries before 7 only', 'access']]);
  });

  it('keeps each company to its own account of the same id', async () => {
    const theirs = (await as(server, b.agent).get('/customer-accounts/ACC-1')).json<{
      account: Account;
      stats: unknown;
    }>();
    expect(theirs.account).toMatchObject({ name: 'Globex Dock', customer: null, addresses: [] });
    expect(theirs.stats).toMatchObject({ calls: 0 });
    expect((await as(server, b.agent).get('/customer-accounts')).json<{ items: Account[] }>().items).toEqual([]);
    // A push naming an id only another company has is not found, and changes nothing.
    const pushed = await as(server, b.agent).push('acct-b-agent', [
      {
        id: 1,
        name: 'account.update',
        args: { id: 'ACC-MISSING', set: { addresses: [] }, at: AT },
        hlc: hlc(10, 'b'),
      },
    ]);
    expect(pushed.body.outcomes.map((o) => (o.status === 'rejected' ? o.error.code : o.status))).toEqual(['not_found']);
    await as(server, b.agent).request({ method: 'PATCH', url: '/customer-accounts/ACC-1', payload: { addresses: [] } });
    const ours = (await as(server, a.agent).get('/customer-accounts/ACC-1')).json<{ account: Account }>();
    expect(ours.account.addresses).toEqual(sites);
  });

  it('answers bad input with 400 in words and a missing account with 404, nothing written', async () => {
    const empty = await as(server, a.agent).request({ method: 'PATCH', url: '/customer-accounts/ACC-1', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('Nothing to change');
    const renamed = await as(server, a.agent).request({
      method: 'PATCH',
      url: '/customer-accounts/ACC-1',
      payload: { name: 'Not editable here' },
    });
    expect(renamed.statusCode).toBe(400);
    const noStreet = await as(server, a.agent).request({
      method: 'PATCH',
      url: '/customer-accounts/ACC-1',
      payload: { addresses: [{ ...sites[0], line1: '' }] },
    });
    expect(noStreet.statusCode).toBe(400);
    expect(JSON.stringify(noStreet.json())).toContain('An address needs its street line.');
    const badNote = await as(server, a.agent).post('/customer-accounts/ACC-1/notes', { body: 'x', category: 'gossip' });
    expect(badNote.statusCode).toBe(400);
    const missing = await as(server, a.agent).get('/customer-accounts/NOPE');
    expect(missing.statusCode).toBe(404);
    const ours = (await as(server, a.agent).get('/customer-accounts/ACC-1')).json<{ account: Account }>();
    expect(ours.account).toMatchObject({ name: 'Dockside', addresses: sites });
  });
});
