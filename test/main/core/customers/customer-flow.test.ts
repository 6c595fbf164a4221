import { describe, expect, it } from 'vitest';
import { customersApi } from '../../../../src/shared/api/customers';
import { companySettingsCopy } from '../../../../src/main/core/settings/company-settings';
import { fixtureTx } from '../helpers';
import { lineHarness } from '../calls/line-harness';

const rosa = '+13125550147';
const home = {
  id: 'addr-1',
  label: 'Home',
  line1: '12 Elm St',
  line2: '',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62701',
  accessNotes: 'Gate code 4412',
  primary: true,
};
const furnace = {
  id: 'eq-1',
  kind: 'Furnace',
  brand: 'Carrier',
  model: '59TP6',
  installedOn: '2019-10-02',
  lastServicedOn: null,
};

/** An inbound call from `from`, answered, talked for a minute and hung up: the wrap-up is pending. */
async function callAndHangUp(h: ReturnType<typeof lineHarness>, from: string) {
  await h.invoke('dev.injectInbound', { from });
  const ringing = await h.invoke('line.state');
  h.scheduler.advance(2000);
  await h.invoke('line.answer');
  h.scheduler.advance(60_000);
  await h.invoke('line.hangup');
  return ringing;
}

describe('a customer profile on a contact', () => {
  it('is saved part by part through the write path, one contact.update per save, and read back', async () => {
    const h = lineHarness();
    const contact = h.addContact({
      firstName: 'Rosa',
      lastName: 'Diaz',
      phones: [{ kind: 'mobile', e164: rosa, extension: null }],
      timeZone: 'America/Chicago',
    });
    await h.invoke('customers.update', {
      contactId: contact.id,
      customer: {
        type: 'commercial',
        status: 'active',
        source: 'referral',
        customerSince: '2024-05-01',
        inactiveSince: null,
      },
    });
    await h.invoke('customers.update', { contactId: contact.id, addresses: [home], equipment: [furnace] });
    // Saving what is already there queues nothing.
    await h.invoke('customers.update', { contactId: contact.id, addresses: [home] });
    const outbox = h.sql<{ name: string; args: string }>('select name, args from outbox order by mutation_id');
    expect(outbox.map((r) => r.name)).toEqual(['contact.update', 'contact.update']);
    expect(Object.keys((JSON.parse(outbox[1]!.args) as { set: object }).set).sort()).toEqual([
      'addresses',
      'equipment',
    ]);
    const profile = await h.invoke('customers.get', { contactId: contact.id });
    expect(profile.profile).toMatchObject({
      customer: { type: 'commercial' },
      addresses: [home],
      equipment: [furnace],
    });
    expect(profile.zone).toBe('America/Chicago');
  });

  it('refuses two primary addresses and a window that ends before it starts, in words', () => {
    // What the dispatcher checks before the handler runs (the API table's schema).
    const input = customersApi['customers.update'].input;
    const two = input.safeParse({ contactId: 'c1', addresses: [home, { ...home, id: 'addr-2' }] });
    expect(two.error?.issues.map((i) => i.message)).toEqual(['Only one address can be the primary one.']);
    const backwards = input.safeParse({
      contactId: 'c1',
      preferences: {
        channel: null,
        windows: [{ days: [1], from: '17:00', until: '09:00' }],
        language: '',
        consent: { calls: true, sms: false, email: false, recordedOn: null },
      },
    });
    expect(backwards.error?.issues.map((i) => i.message)).toEqual(['A window ends after it starts.']);
  });
});

describe('the pop of a returning customer', () => {
  it('shows the badge, the primary address with access notes, the equipment, the next visit booked at wrap-up, and preferences', async () => {
    const h = lineHarness();
    const contact = h.addContact({
      firstName: 'Rosa',
      lastName: 'Diaz',
      phones: [{ kind: 'mobile', e164: rosa, extension: null }],
      timeZone: 'America/Chicago',
    });
    await h.invoke('customers.update', {
      contactId: contact.id,
      customer: { type: 'residential', status: 'active', source: 'phone', customerSince: null, inactiveSince: null },
      addresses: [home],
      equipment: [furnace],
      preferences: {
        channel: 'sms',
        windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', until: '17:00' }],
        language: 'es',
        consent: { calls: true, sms: true, email: false, recordedOn: '2026-03-01' },
      },
    });
    const first = await callAndHangUp(h, rosa);
    const callId = first.call!.callId;
    const wrap = (await h.invoke('wrapup.get'))!;
    expect(wrap.customerId).toBe(contact.id);
    expect(wrap.asksNewCallerName).toBe(false);
    // Booked from the wrap-up: Thursday 12 March, 8–12 in Chicago.
    const visit = await h.invoke('appointments.book', {
      contactId: contact.id,
      callId,
      date: '2026-03-12',
      windowFrom: '08:00',
      windowUntil: '12:00',
      addressId: 'addr-1',
      serviceType: 'repair',
      technicianNotes: 'Pilot light keeps going out',
    });
    expect(visit).toMatchObject({ startsAt: '2026-03-12T13:00:00.000Z', address: home, callId, status: 'scheduled' });
    await h.invoke('wrapup.submit', { callId, status: 'Held', dispositionCode: 'resolved' });

    const second = await h.invoke('dev.injectInbound', { from: rosa }).then(() => h.invoke('line.state'));
    const match = second.call!.pop!.matches[0]!;
    expect(match.customer).toEqual({
      returning: true,
      type: 'residential',
      status: 'active',
      primaryAddress: home,
      equipment: 'Furnace (Carrier 59TP6)',
      nextVisit: { id: visit.id, label: 'Thu 8–12', serviceType: 'repair' },
      preferredChannel: 'sms',
      consent: { calls: true, sms: true, email: false, recordedOn: '2026-03-01' },
      contactWindows: 'Mon–Fri 09:00–17:00',
      language: 'es',
      fromAccount: null,
    });
    const profile = await h.invoke('customers.get', { contactId: contact.id });
    expect(profile.stats).toMatchObject({ calls: 1, answered: 1 });
    expect(profile.appointments.map((a) => a.id)).toEqual([visit.id]);

    // The timeline files the visit under the call it was booked on.
    const timeline = await h.invoke('calls.timeline', { related: { type: 'contact', id: contact.id } });
    expect(timeline.items.find((item) => item.id === callId)?.visits).toEqual([
      'Thu 2026-03-12 8–12 · repair · Scheduled',
    ]);
    // Cancelled, it is no longer the next visit.
    await h.invoke('appointments.setStatus', { id: visit.id, status: 'cancelled' });
    expect(h.sql('select status from appointments')).toEqual([{ status: 'cancelled' }]);
    const outbox = h.sql<{ name: string }>('select name from outbox order by mutation_id').map((r) => r.name);
    expect(outbox.filter((n) => n.startsWith('appointment.'))).toEqual(['appointment.book', 'appointment.setStatus']);
  });
});

describe('click-to-dial and the customer’s time windows', () => {
  it('warns outside their window on their clock, and not inside it', async () => {
    const h = lineHarness();
    // fixedNow is 14:00 UTC on Tuesday 10 March: 09:00 in Chicago (CDT), 23:00 in Tokyo.
    const chicago = h.addContact({
      phones: [{ kind: 'mobile', e164: rosa, extension: null }],
      timeZone: 'America/Chicago',
    });
    const windows = (from: string, until: string) => ({
      channel: null,
      windows: [{ days: [2], from, until }],
      language: '',
      consent: { calls: true, sms: false, email: false, recordedOn: null },
    });
    await h.invoke('customers.update', { contactId: chicago.id, preferences: windows('13:00', '17:00') });
    const outside = await h.invoke('line.prepareDial', { number: rosa, contactId: chicago.id });
    expect(outside.contactWindowWarning).toBe(
      'It is 09:00 CDT for them, outside the times they asked to be called (Tue 13:00–17:00).',
    );
    await h.invoke('customers.update', { contactId: chicago.id, preferences: windows('08:30', '12:00') });
    const inside = await h.invoke('line.prepareDial', { number: rosa, contactId: chicago.id });
    expect(inside.contactWindowWarning).toBeNull();
  });
});

describe('new callers get a profile', () => {
  it('an unknown caller named in the wrap-up becomes a customer, and the next call from the number is recognised', async () => {
    const h = lineHarness();
    const first = await callAndHangUp(h, rosa);
    expect(first.call!.pop!.matches).toEqual([]);
    const wrap = (await h.invoke('wrapup.get'))!;
    expect(wrap.asksNewCallerName).toBe(true);
    await h.invoke('wrapup.submit', {
      callId: wrap.callId,
      status: 'Held',
      dispositionCode: 'resolved',
      newCaller: { firstName: 'Rosa', lastName: 'Diaz' },
    });
    const contacts = h.sql<{ id: string; customer: string }>('select id, customer from contacts');
    expect(contacts).toHaveLength(1);
    expect(JSON.parse(contacts[0]!.customer)).toMatchObject({ status: 'prospect', source: 'phone' });
    expect(h.call(wrap.callId).related).toMatchObject({ type: 'contact', id: contacts[0]!.id, name: 'Rosa Diaz' });
    const outbox = h.sql<{ name: string }>('select name from outbox order by mutation_id').map((r) => r.name);
    expect(outbox).toContain('contact.create');

    await h.invoke('dev.injectInbound', { from: rosa });
    const again = await h.invoke('line.state');
    expect(again.call!.pop!.matches.map((m) => [m.name, m.customer?.returning])).toEqual([['Rosa Diaz', true]]);
  });

  it('with the company’s switch off, the wrap-up asks no name and the caller stays unknown', async () => {
    const h = lineHarness();
    // The company's settings as the desktop's copy of the server's holds them.
    companySettingsCopy.store(fixtureTx(h.local), { businessHours: null, newCallerProfiles: false });
    await callAndHangUp(h, rosa);
    const wrap = (await h.invoke('wrapup.get'))!;
    expect(wrap.asksNewCallerName).toBe(false);
    await h.invoke('wrapup.submit', {
      callId: wrap.callId,
      status: 'Held',
      dispositionCode: 'resolved',
      newCaller: { firstName: 'Rosa', lastName: 'Diaz' },
    });
    expect(h.sql('select id from contacts')).toEqual([]);
  });
});
