import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../src/shared/domain/appointment';
import type { Contact } from '../../src/shared/domain/directory';
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
const PHONE = '+13125550147';

const profile = {
  customer: {
    type: 'residential',
    status: 'active',
    source: 'referral',
    customerSince: '2024-05-01',
    inactiveSince: null,
  },
  addresses: [
    {
      id: 'addr-1',
      label: 'Home',
      line1: '12 Elm St',
      line2: '',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      accessNotes: 'Gate code 4412; dog in the yard',
      primary: true,
    },
  ],
  equipment: [
    { id: 'eq-1', kind: 'Furnace', brand: 'Carrier', model: '59TP6', installedOn: '2019-10-02', lastServicedOn: null },
  ],
};

beforeAll(async () => {
  server = await startTestServer();
  a = await seedCompany(server, 'acme-cust');
  b = await seedCompany(server, 'globex-cust');
  const created = await as(server, a.agent).post('/customers', {
    id: 'CUST-A',
    firstName: 'Rosa',
    lastName: 'Diaz',
    phones: [{ kind: 'mobile', e164: PHONE }],
    timeZone: 'America/Chicago',
    ...profile,
  });
  expect(created.statusCode).toBe(201);
  // A plain contact (no profile) is not a customer.
  await as(server, a.agent).push('cust-a-agent', [
    { id: 1, name: 'contact.create', args: { id: 'PLAIN-A', lastName: 'Plain', at: AT }, hlc: hlc(1, 'a') },
    {
      id: 2,
      name: 'call.create',
      args: newCallArgs('CALL-A1', {
        status: 'Held',
        actualStart: AT,
        actualEnd: '2026-03-10T12:04:00.000Z',
        fromNumber: PHONE,
      }),
      hlc: hlc(2, 'a'),
    },
    {
      id: 3,
      name: 'call.create',
      args: newCallArgs('CALL-A2', {
        status: 'NotHeld',
        reason: 'No answer',
        actualStart: '2026-03-12T09:00:00.000Z',
        actualEnd: '2026-03-12T09:00:30.000Z',
        related: { type: 'contact', id: 'CUST-A', name: 'Rosa Diaz' },
      }),
      hlc: hlc(3, 'a'),
    },
    {
      id: 4,
      name: 'appointment.book',
      args: {
        id: 'VISIT-A',
        contactId: 'CUST-A',
        callId: 'CALL-A1',
        date: '2026-03-17',
        windowFrom: '08:00',
        windowUntil: '12:00',
        timeZone: 'America/Chicago',
        address: profile.addresses[0],
        serviceType: 'maintenance',
        technicianNotes: 'Bring a 16x25 filter',
        at: AT,
      },
      hlc: hlc(4, 'a'),
    },
  ]);
});

afterAll(async () => {
  await server.close();
});

describe('customers over HTTP', () => {
  it('creates a customer with its profile and lists only customers', async () => {
    const list = (await as(server, a.supervisor).get('/customers')).json<{ items: Contact[]; total: number }>();
    expect(list.items.map((c) => c.id)).toEqual(['CUST-A']);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ firstName: 'Rosa', ...profile });
    const found = (await as(server, a.agent).get('/customers?search=di')).json<{ items: Contact[] }>();
    expect(found.items.map((c) => c.id)).toEqual(['CUST-A']);
    const none = (await as(server, a.agent).get('/customers?search=zz')).json<{ items: Contact[] }>();
    expect(none.items).toEqual([]);
  });

  it('gets the customer with visits, notes and lifetime stats counted from the calls', async () => {
    const response = await as(server, a.agent).get('/customers/CUST-A');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ customer: Contact; appointments: Appointment[]; notes: Note[]; stats: unknown }>();
    expect(body.appointments).toEqual([
      expect.objectContaining({
        id: 'VISIT-A',
        status: 'scheduled',
        startsAt: '2026-03-17T13:00:00.000Z',
        endsAt: '2026-03-17T17:00:00.000Z',
        bookedBy: a.agent.id,
      }),
    ]);
    expect(body.stats).toEqual({
      calls: 2,
      answered: 1,
      firstContactAt: AT,
      lastContactAt: '2026-03-12T09:00:00.000Z',
    });
  });

  it('updates part of the profile and keeps the rest', async () => {
    const preferences = {
      channel: 'sms',
      windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', until: '17:00' }],
      language: 'es',
      consent: { calls: true, sms: true, email: false, recordedOn: '2026-03-01' },
    };
    const response = await as(server, a.agent).request({
      method: 'PATCH',
      url: '/customers/CUST-A',
      payload: { preferences },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Contact>()).toMatchObject({ preferences, addresses: profile.addresses });
    // A desktop pulls the change like any other.
    const pulled = await as(server, a.agent2).pull('cust-a-agent2', null);
    expect(pulled.changes.contacts.find((c) => c.id === 'CUST-A')?.preferences).toEqual(preferences);
    expect(pulled.changes.appointments.map((v) => v.id)).toEqual(['VISIT-A']);
  });

  it('adds a categorized note', async () => {
    const response = await as(server, a.agent).post('/customers/CUST-A/notes', {
      body: 'Prefers the side door',
      category: 'access',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<Note>()).toMatchObject({
      category: 'access',
      related: { type: 'contact', id: 'CUST-A', name: 'Rosa Diaz' },
    });
    const detail = (await as(server, a.agent).get('/customers/CUST-A')).json<{ notes: Note[] }>();
    expect(detail.notes.map((n) => [n.body, n.category])).toEqual([['Prefers the side door', 'access']]);
  });

  it('answers bad input with 400 in words, nothing written', async () => {
    const noName = await as(server, a.agent).post('/customers', { customer: profile.customer });
    expect(noName.statusCode).toBe(400);
    const badWindow = await as(server, a.agent).request({
      method: 'PATCH',
      url: '/customers/CUST-A',
      payload: {
        preferences: {
          channel: null,
          windows: [{ days: [1], from: '17:00', until: '09:00' }],
          language: '',
          consent: { calls: false, sms: false, email: false, recordedOn: null },
        },
      },
    });
    expect(badWindow.statusCode).toBe(400);
    expect(JSON.stringify(badWindow.json())).toContain('A window ends after it starts.');
    const empty = await as(server, a.agent).request({ method: 'PATCH', url: '/customers/CUST-A', payload: {} });
    expect(empty.statusCode).toBe(400);
    const badNote = await as(server, a.agent).post('/customers/CUST-A/notes', { body: 'x', category: 'gossip' });
    expect(badNote.statusCode).toBe(400);
    const plain = await as(server, a.agent).get('/customers/PLAIN-A');
    expect(plain.statusCode).toBe(404);
  });

  it('refuses a duplicate id with 409', async () => {
    const again = await as(server, a.agent).post('/customers', { id: 'CUST-A', lastName: 'Other', ...profile });
    expect(again.statusCode).toBe(409);
  });
});

describe('tenant isolation', () => {
  it('a company B user cannot list, read, change or annotate company A customers', async () => {
    const list = (await as(server, b.admin).get('/customers')).json<{ items: Contact[]; total: number }>();
    expect(list).toEqual({ items: [], total: 0 });
    expect((await as(server, b.admin).get('/customers/CUST-A')).statusCode).toBe(404);
    const patch = await as(server, b.supervisor).request({
      method: 'PATCH',
      url: '/customers/CUST-A',
      payload: { equipment: [] },
    });
    expect(patch.statusCode).toBe(404);
    expect((await as(server, b.agent).post('/customers/CUST-A/notes', { body: 'hi' })).statusCode).toBe(404);
    // Nothing changed in company A.
    const detail = (await as(server, a.agent).get('/customers/CUST-A')).json<{ customer: Contact }>();
    expect(detail.customer.equipment).toEqual(profile.equipment);
  });

  it('a company B desktop cannot book a visit for, or pull the visits of, company A customers', async () => {
    const push = await as(server, b.agent).push('cust-b-agent', [
      {
        id: 1,
        name: 'appointment.book',
        args: {
          id: 'VISIT-B',
          contactId: 'CUST-A',
          date: '2026-03-18',
          windowFrom: '08:00',
          windowUntil: '12:00',
          timeZone: 'America/Chicago',
          serviceType: 'repair',
          at: AT,
        },
        hlc: hlc(5, 'b'),
      },
      { id: 2, name: 'appointment.setStatus', args: { id: 'VISIT-A', to: 'cancelled', at: AT }, hlc: hlc(6, 'b') },
    ]);
    expect(push.body.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const pulled = await as(server, b.admin).pull('cust-b-admin', null);
    expect(pulled.changes.appointments).toEqual([]);
    expect(pulled.changes.contacts).toEqual([]);
    const visit = (await as(server, a.agent).get('/customers/CUST-A')).json<{ appointments: Appointment[] }>();
    expect(visit.appointments[0]?.status).toBe('scheduled');
  });

  it('a status change wins by clock stamp, not by arrival', async () => {
    await as(server, a.agent2).push('cust-a-agent2', [
      { id: 1, name: 'appointment.setStatus', args: { id: 'VISIT-A', to: 'completed', at: AT }, hlc: hlc(1000, 'a2') },
    ]);
    await as(server, a.agent).push('cust-a-agent', [
      { id: 5, name: 'appointment.setStatus', args: { id: 'VISIT-A', to: 'no_show', at: AT }, hlc: hlc(7, 'a') },
    ]);
    const visit = (await as(server, a.agent).get('/customers/CUST-A')).json<{ appointments: Appointment[] }>();
    expect(visit.appointments[0]?.status).toBe('completed');
  });
});

describe('rescheduling a visit', () => {
  const move = (date: string, windowFrom: string, windowUntil: string, reason = '') => ({
    id: 'VISIT-A',
    date,
    windowFrom,
    windowUntil,
    timeZone: 'America/Chicago',
    reason,
    at: AT,
  });
  const visitA = async () =>
    (await as(server, a.agent).get('/customers/CUST-A')).json<{ appointments: Appointment[] }>().appointments[0]!;

  it('a company B desktop cannot move a company A visit', async () => {
    const before = await visitA();
    const push = await as(server, b.agent).push('resched-b-agent', [
      { id: 1, name: 'appointment.reschedule', args: move('2026-03-30', '13:00', '17:00'), hlc: hlc(2000, 'b') },
    ]);
    expect(push.body.outcomes.map((o) => o.status)).toEqual(['rejected']);
    expect(await visitA()).toEqual(before);
  });

  it('moves the slot, keeps the one it left and the reason, and is pulled with the new instants', async () => {
    const push = await as(server, a.agent).push('resched-a-agent', [
      {
        id: 1,
        name: 'appointment.reschedule',
        args: move('2026-03-24', '13:00', '17:00', 'Customer away that week'),
        hlc: hlc(3000, 'a'),
      },
    ]);
    expect(push.body.outcomes.map((o) => o.status)).toEqual(['applied']);
    const visit = await visitA();
    expect(visit).toMatchObject({
      date: '2026-03-24',
      windowFrom: '13:00',
      windowUntil: '17:00',
      // 13:00 in Chicago (CDT, UTC−5).
      startsAt: '2026-03-24T18:00:00.000Z',
      endsAt: '2026-03-24T22:00:00.000Z',
      rescheduledFrom: { date: '2026-03-17', windowFrom: '08:00', windowUntil: '12:00', timeZone: 'America/Chicago' },
      rescheduleReason: 'Customer away that week',
      // The status changed earlier in this file, and the move leaves it alone.
      status: 'completed',
    });
    const pulled = await as(server, a.admin).pull('resched-a-admin', null);
    expect(pulled.changes.appointments.find((v) => v.id === 'VISIT-A')).toMatchObject({ date: '2026-03-24' });
  });

  it('an older move arriving late leaves the newer slot, and a status change does not undo the move', async () => {
    await as(server, a.agent2).push('resched-a-agent2', [
      { id: 1, name: 'appointment.reschedule', args: move('2026-03-19', '08:00', '10:00'), hlc: hlc(2500, 'a2') },
      { id: 2, name: 'appointment.setStatus', args: { id: 'VISIT-A', to: 'scheduled', at: AT }, hlc: hlc(3500, 'a2') },
    ]);
    expect(await visitA()).toMatchObject({ date: '2026-03-24', windowFrom: '13:00', status: 'scheduled' });
  });

  it('refuses a window that ends before it starts, in words', async () => {
    const push = await as(server, a.agent).push('resched-a-agent', [
      { id: 2, name: 'appointment.reschedule', args: move('2026-03-25', '17:00', '13:00'), hlc: hlc(4000, 'a') },
    ]);
    expect(push.body.outcomes[0]).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify(push.body.outcomes[0])).toContain('The arrival window ends after it starts.');
    expect((await visitA()).date).toBe('2026-03-24');
  });
});
