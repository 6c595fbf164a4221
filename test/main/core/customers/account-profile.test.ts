import { describe, expect, it } from 'vitest';
import { customersApi } from '../../../../src/shared/api/customers';
import { getAccount } from '../../../../src/main/core/db/repositories/accounts';
import { lineHarness } from '../calls/line-harness';

const siteManager = '+13125550161';
const owner = '+13125550162';
const accountLine = '+13125550100';

const site = (id: string, label: string, line1: string, accessNotes: string, primary: boolean) => ({
  id,
  label,
  line1,
  line2: '',
  city: 'Springfield',
  region: 'IL',
  postalCode: '',
  accessNotes,
  primary,
});
const warehouse = site('site-1', 'Warehouse', '400 Dock Rd', 'Badge in at gate 3, ask for Lou', true);
const office = site('site-2', 'Office', '12 Main St', 'Reception on floor 2', false);
const equipment = (id: string, kind: string, addressId: string | null) => ({
  id,
  kind,
  brand: 'Trane',
  model: '',
  installedOn: null,
  lastServicedOn: null,
  addressId,
});
const commercial = {
  type: 'commercial' as const,
  status: 'active' as const,
  source: 'referral' as const,
  customerSince: '2023-01-15',
  inactiveSince: null,
};

function accountWithPeople() {
  const h = lineHarness();
  const account = h.addAccount({
    name: 'Dockside Logistics',
    phones: [{ kind: 'work', e164: accountLine, extension: null }],
  });
  const manager = h.addContact({
    firstName: 'Lou',
    lastName: 'Park',
    accountId: account.id,
    phones: [{ kind: 'mobile', e164: siteManager, extension: null }],
  });
  const boss = h.addContact({
    firstName: 'Ada',
    lastName: 'Stone',
    accountId: account.id,
    phones: [{ kind: 'mobile', e164: owner, extension: null }],
  });
  return { h, account, manager, boss };
}

describe('a customer profile on an account', () => {
  it('is saved part by part as account.update, read back with notes, and counts the calls of all its contacts', async () => {
    const { h, account, manager } = accountWithPeople();
    await h.invoke('customers.update', { accountId: account.id, customer: commercial });
    await h.invoke('customers.update', {
      accountId: account.id,
      addresses: [warehouse, office],
      equipment: [equipment('eq-1', 'Rooftop unit', 'site-1'), equipment('eq-2', 'Boiler', 'site-2')],
    });
    // Saving what is already there queues nothing.
    await h.invoke('customers.update', { accountId: account.id, addresses: [warehouse, office] });
    const outbox = h.sql<{ name: string; args: string }>('select name, args from outbox order by mutation_id');
    expect(outbox.map((r) => r.name)).toEqual(['account.update', 'account.update']);
    expect(Object.keys((JSON.parse(outbox[1]!.args) as { set: object }).set).sort()).toEqual([
      'addresses',
      'equipment',
    ]);
    await h.invoke('customers.addNote', {
      accountId: account.id,
      body: 'Deliveries only before 7',
      category: 'access',
    });

    // A call with one of its contacts counts towards the account.
    await h.invoke('dev.injectInbound', { from: siteManager });
    h.scheduler.advance(2000);
    await h.invoke('line.answer');
    h.scheduler.advance(60_000);
    await h.invoke('line.hangup');
    const callId = (await h.invoke('wrapup.get'))!.callId;
    await h.invoke('wrapup.submit', { callId, status: 'Held', dispositionCode: 'resolved' });

    const profile = await h.invoke('customers.get', { accountId: account.id });
    expect(profile.subject).toEqual({ type: 'account', id: account.id, name: 'Dockside Logistics' });
    expect(profile.profile).toMatchObject({ customer: commercial, addresses: [warehouse, office] });
    expect(profile.profile.equipment.map((e) => [e.kind, e.addressId])).toEqual([
      ['Rooftop unit', 'site-1'],
      ['Boiler', 'site-2'],
    ]);
    expect(profile.notes.map((n) => [n.body, n.category, n.related?.type])).toEqual([
      ['Deliveries only before 7', 'access', 'account'],
    ]);
    expect(profile.stats).toMatchObject({ calls: 1, answered: 1 });
    expect(profile.appointments).toEqual([]);
    // The contact's own profile is untouched: still none.
    expect((await h.invoke('customers.get', { contactId: manager.id })).profile.customer).toBeNull();
    // And the account record itself carries it (what the account page and a pull read).
    expect(getAccount(h.local.db, account.id)?.addresses).toEqual([warehouse, office]);
  });

  it('refuses an input naming no subject or both, and equipment at a site it does not have, in words', () => {
    const input = customersApi['customers.update'].input;
    const message = 'Say whose profile it is: a contact (contactId) or an account (accountId), one of the two.';
    expect(input.safeParse({ customer: commercial }).error?.issues.map((i) => i.message)).toEqual([message]);
    expect(
      input.safeParse({ contactId: 'c1', accountId: 'a1', customer: commercial }).error?.issues.map((i) => i.message),
    ).toEqual([message]);
    const lost = input.safeParse({
      accountId: 'a1',
      addresses: [warehouse],
      equipment: [equipment('eq-2', 'Boiler', 'site-2')],
    });
    expect(lost.error?.issues.map((i) => i.message)).toEqual([
      'Equipment is at an address the profile no longer has. Pick another site.',
    ]);
    expect(customersApi['customers.get'].input.safeParse({ accountId: 'a1' }).success).toBe(true);
  });
});

describe('the pop of a contact of an account with a profile', () => {
  it('shows the account’s primary site with its access notes and the equipment there, unless the caller has their own', async () => {
    const { h, account, boss } = accountWithPeople();
    await h.invoke('customers.update', {
      accountId: account.id,
      customer: commercial,
      addresses: [office, warehouse],
      equipment: [
        equipment('eq-1', 'Rooftop unit', 'site-1'),
        equipment('eq-2', 'Boiler', 'site-2'),
        equipment('eq-3', 'Alarm panel', null),
      ],
    });
    await h.invoke('dev.injectInbound', { from: siteManager });
    const ringing = await h.invoke('line.state');
    const customer = ringing.call!.pop!.matches[0]!.customer;
    expect(customer).toMatchObject({
      type: 'commercial',
      status: 'active',
      primaryAddress: warehouse,
      // What is at the primary site, and what is tied to none; not the office's boiler.
      equipment: 'Rooftop unit (Trane), Alarm panel (Trane)',
      nextVisit: null,
      fromAccount: { id: account.id, name: 'Dockside Logistics' },
    });
    await h.invoke('line.reject');

    // A contact with a profile of their own gets theirs, not the account's.
    await h.invoke('customers.update', {
      contactId: boss.id,
      customer: { ...commercial, type: 'residential' },
      addresses: [site('home', 'Home', '9 Lake Ave', 'Side door', true)],
    });
    await h.invoke('dev.injectInbound', { from: owner });
    const own = (await h.invoke('line.state')).call!.pop!.matches[0]!.customer;
    expect(own).toMatchObject({ type: 'residential', primaryAddress: { line1: '9 Lake Ave' }, fromAccount: null });
    await h.invoke('line.reject');

    // The account's own number pops the account's profile.
    await h.invoke('dev.injectInbound', { from: accountLine });
    const match = (await h.invoke('line.state')).call!.pop!.matches[0]!;
    expect(match.type).toBe('account');
    expect(match.customer).toMatchObject({ primaryAddress: warehouse, fromAccount: null });
  });
});
