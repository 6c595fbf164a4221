import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScreenPopLookup } from '../../../../src/main/core/lookup/screen-pop';
import type { CustomerProfileView } from '../../../../src/shared/api/customers';
import type { Appointment } from '../../../../src/shared/domain/appointment';
import type { Contact } from '../../../../src/shared/domain/directory';
import {
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { importDirectory } from '../../../../src/server/directory/store';
import { injectTransport, openDesktop, signIn, switchable } from './harness';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'acme-profiles');
});
afterAll(async () => server.close());

const address = {
  id: 'addr-1',
  label: 'Home',
  line1: '12 Elm St',
  line2: '',
  city: 'Springfield',
  region: 'IL',
  postalCode: '',
  accessNotes: 'Gate code 4412',
  primary: true,
};

describe('customer profiles and visits sync between desktops', () => {
  it('two agents editing different parts offline both keep their edit; a visit and its status reach the other desktop', async () => {
    const agentNet = switchable(injectTransport(server));
    const otherNet = switchable(injectTransport(server));
    const agent = openDesktop(agentNet.transport);
    const other = openDesktop(otherNet.transport);
    await signIn(agent, 'acme-profiles', company.agent.email);
    await signIn(other, 'acme-profiles', company.agent2.email);
    const contact = await agent.invoke<Contact>('contacts.create', {
      firstName: 'Rosa',
      lastName: 'Diaz',
      phones: [{ kind: 'mobile', number: '+13125550147' }],
      timeZone: 'America/Chicago',
    });
    await agent.invoke('customers.update', {
      contactId: contact.id,
      customer: { type: 'residential', status: 'active', source: 'phone', customerSince: null, inactiveSince: null },
    });
    expect((await agent.sync()).pending).toBe(0);
    await other.sync();

    agentNet.cable.online = false;
    otherNet.cable.online = false;
    await agent.invoke('customers.update', { contactId: contact.id, addresses: [address] });
    const furnace = {
      id: 'eq-1',
      kind: 'Furnace',
      brand: 'Carrier',
      model: '',
      installedOn: null,
      lastServicedOn: null,
    };
    await other.invoke('customers.update', { contactId: contact.id, equipment: [furnace] });
    const visit = await other.invoke<Appointment>('appointments.book', {
      contactId: contact.id,
      date: '2026-03-17',
      windowFrom: '08:00',
      windowUntil: '12:00',
      addressId: null,
      serviceType: 'maintenance',
    });
    agentNet.cable.online = true;
    otherNet.cable.online = true;
    await agent.sync();
    await other.sync();
    await agent.sync();

    for (const desktop of [agent, other]) {
      const profile = await desktop.invoke<CustomerProfileView>('customers.get', { contactId: contact.id });
      expect(profile.profile.addresses).toEqual([address]);
      expect(profile.profile.equipment).toEqual([furnace]);
      expect(profile.appointments.map((a) => [a.id, a.status, a.startsAt])).toEqual([
        [visit.id, 'scheduled', '2026-03-17T13:00:00.000Z'],
      ]);
    }

    await agent.invoke('appointments.setStatus', { id: visit.id, status: 'completed' });
    await agent.sync();
    await other.sync();
    const after = await other.invoke<CustomerProfileView>('customers.get', { contactId: contact.id });
    expect(after.appointments[0]?.status).toBe('completed');

    // Scheduled again and moved on one desktop: the other applies the pulled visit, and its
    // caller card (kept by triggers, also on sync-applied writes) pops the new slot.
    await agent.invoke('appointments.setStatus', { id: visit.id, status: 'scheduled' });
    await agent.invoke('appointments.reschedule', {
      id: visit.id,
      date: '2031-04-22',
      windowFrom: '13:00',
      windowUntil: '17:00',
      reason: 'Customer away',
    });
    await agent.sync();
    await other.sync();
    const moved = await other.invoke<CustomerProfileView>('customers.get', { contactId: contact.id });
    expect(moved.appointments[0]).toMatchObject({
      status: 'scheduled',
      date: '2031-04-22',
      startsAt: '2031-04-22T18:00:00.000Z',
      rescheduledFrom: { date: '2026-03-17', windowFrom: '08:00', windowUntil: '12:00' },
      rescheduleReason: 'Customer away',
    });
    const db = new Database(join(other.dataDir, 'switchboard.sqlite'), { readonly: true });
    try {
      const pop = createScreenPopLookup(db, () => new Date('2031-04-01T12:00:00.000Z')).lookup('+13125550147');
      expect(pop.matches[0]?.customer?.nextVisit).toEqual({
        id: visit.id,
        label: 'Tue 2031-04-22 13–17',
        serviceType: 'maintenance',
      });
    } finally {
      db.close();
    }
  });
});

describe('an account’s customer profile syncs like a contact’s', () => {
  it('two agents editing different parts of the account offline both keep their edit, and a note reaches the other desktop', async () => {
    const at = '2026-03-01T00:00:00.000Z';
    await importDirectory(server.database.db, company.id, 'accounts', [
      {
        id: 'acc-dock',
        name: 'Dockside Logistics',
        country: 'US',
        timeZone: null,
        phones: [],
        createdAt: at,
        updatedAt: at,
      },
    ]);
    const agentNet = switchable(injectTransport(server));
    const otherNet = switchable(injectTransport(server));
    const agent = openDesktop(agentNet.transport);
    const other = openDesktop(otherNet.transport);
    await signIn(agent, 'acme-profiles', company.agent.email);
    await signIn(other, 'acme-profiles', company.agent2.email);
    await agent.sync();
    await other.sync();
    const commercial = {
      type: 'commercial',
      status: 'active',
      source: 'web',
      customerSince: null,
      inactiveSince: null,
    };
    await agent.invoke('customers.update', { accountId: 'acc-dock', customer: commercial });
    expect((await agent.sync()).pending).toBe(0);
    await other.sync();

    agentNet.cable.online = false;
    otherNet.cable.online = false;
    const sites = [{ ...address, id: 'site-1', label: 'Warehouse', line1: '400 Dock Rd' }];
    await agent.invoke('customers.update', { accountId: 'acc-dock', addresses: sites });
    const rooftop = {
      id: 'eq-9',
      kind: 'Rooftop unit',
      brand: 'Trane',
      model: '',
      installedOn: null,
      lastServicedOn: null,
      addressId: 'site-1',
    };
    await other.invoke('customers.update', { accountId: 'acc-dock', equipment: [rooftop] });
    await other.invoke('customers.addNote', { accountId: 'acc-dock', body: 'Dock closes at 4', category: 'access' });
    agentNet.cable.online = true;
    otherNet.cable.online = true;
    await agent.sync();
    await other.sync();
    await agent.sync();

    for (const desktop of [agent, other]) {
      const view = await desktop.invoke<CustomerProfileView>('customers.get', { accountId: 'acc-dock' });
      expect(view.profile.customer).toEqual(commercial);
      expect(view.profile.addresses).toEqual(sites);
      expect(view.profile.equipment).toEqual([rooftop]);
      expect(view.notes.map((n) => [n.body, n.category])).toEqual([['Dock closes at 4', 'access']]);
    }
  });
});
