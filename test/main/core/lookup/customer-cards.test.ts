import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../../../src/shared/domain/appointment';
import { nextAppointment } from '../../../../src/main/core/db/repositories/appointments';
import { getContact } from '../../../../src/main/core/db/repositories/contacts';
import { createScreenPopLookup } from '../../../../src/main/core/lookup/screen-pop';
import { deleteRecord, writeRecord } from '../../../../src/main/core/sync/cache-write';
import { countingReads } from '../../../bench/count-reads';
import { lineHarness, type LineHarness } from '../calls/line-harness';
import { fixtureTx } from '../helpers';

/**
 * The customer part of the pop comes from the caller card (migration 0018): triggers on
 * contacts and appointments keep it current through the write path and through
 * sync-applied writes. Each step compares the card's answer with the appointments table
 * read directly (the pop's old query, nextAppointment), so a missing trigger shows here.
 */

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
const shop = { ...home, id: 'addr-2', label: 'Shop', line1: '400 Main St', accessNotes: 'Ring twice', primary: false };
const furnace = {
  id: 'eq-1',
  kind: 'Furnace',
  brand: 'Carrier',
  model: '59TP6',
  installedOn: null,
  lastServicedOn: null,
};
// The harness's clock: Tuesday 10 March 2026, 09:00 in Chicago.
const now = '2026-03-10T14:00:00.000Z';

async function customer(h: LineHarness) {
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
  });
  return contact.id;
}

function popOf(h: LineHarness, at = now) {
  return createScreenPopLookup(h.local.sqlite, () => new Date(at)).lookup(rosa).matches[0]!.customer;
}

/** The next visit as the card says, next to what the table says. */
function nextVisits(h: LineHarness, contactId: string, at = now) {
  return { card: popOf(h, at)?.nextVisit?.id ?? null, table: nextAppointment(h.local.db, contactId, at)?.id ?? null };
}

const book = (h: LineHarness, contactId: string, date: string, windowFrom = '08:00', windowUntil = '12:00') =>
  h.invoke('appointments.book', {
    contactId,
    date,
    windowFrom,
    windowUntil,
    addressId: 'addr-1',
    serviceType: 'repair',
  }) as Promise<Appointment>;

describe('the caller card holds the customer and their next visit', () => {
  it('follows a booking, a reschedule, a cancel and a completion through the write path', async () => {
    const h = lineHarness();
    const contactId = await customer(h);
    expect(popOf(h)).toMatchObject({ primaryAddress: home, equipment: 'Furnace (Carrier 59TP6)', nextVisit: null });

    const thursday = await book(h, contactId, '2026-03-12');
    expect(popOf(h)?.nextVisit).toEqual({ id: thursday.id, label: 'Thu 8–12', serviceType: 'repair' });
    const wednesday = await book(h, contactId, '2026-03-11', '13:00', '15:00');
    expect(nextVisits(h, contactId)).toEqual({ card: wednesday.id, table: wednesday.id });

    // Wednesday's visit moves past Thursday's: Thursday is next, and the moved one shows its new slot.
    await h.invoke('appointments.reschedule', {
      id: wednesday.id,
      date: '2026-03-20',
      windowFrom: '09:00',
      windowUntil: '11:00',
      reason: 'Part on order',
    });
    expect(nextVisits(h, contactId)).toEqual({ card: thursday.id, table: thursday.id });
    await h.invoke('appointments.setStatus', { id: thursday.id, status: 'completed' });
    expect(popOf(h)?.nextVisit).toEqual({ id: wednesday.id, label: 'Fri 2026-03-20 9–11', serviceType: 'repair' });
    await h.invoke('appointments.setStatus', { id: wednesday.id, status: 'cancelled' });
    expect(nextVisits(h, contactId)).toEqual({ card: null, table: null });
    // A cancelled visit is not moved: the agent is told why, and nothing is queued.
    expect(
      await h.refusal('appointments.reschedule', {
        id: wednesday.id,
        date: '2026-03-21',
        windowFrom: '09:00',
        windowUntil: '11:00',
      }),
    ).toEqual({
      code: 'invalid_state',
      message: 'Only a scheduled visit can be moved. Set it back to scheduled first.',
    });
    // Scheduled again, it is back.
    await h.invoke('appointments.setStatus', { id: wednesday.id, status: 'scheduled' });
    expect(nextVisits(h, contactId)).toEqual({ card: wednesday.id, table: wednesday.id });

    const outbox = h.sql<{ name: string }>('select name from outbox order by mutation_id').map((r) => r.name);
    expect(outbox.filter((n) => n.startsWith('appointment.'))).toEqual([
      'appointment.book',
      'appointment.book',
      'appointment.reschedule',
      'appointment.setStatus',
      'appointment.setStatus',
      'appointment.setStatus',
    ]);
  });

  it('follows an address and equipment edit, a visit deleted by sync, and a profile removed', async () => {
    const h = lineHarness();
    const contactId = await customer(h);
    await h.invoke('customers.update', {
      contactId,
      addresses: [
        { ...home, primary: false },
        { ...shop, primary: true },
      ],
      equipment: [],
    });
    expect(popOf(h)).toMatchObject({ primaryAddress: { id: 'addr-2', accessNotes: 'Ring twice' }, equipment: '' });
    // No address marked primary: the first one.
    await h.invoke('customers.update', { contactId, addresses: [{ ...shop, primary: false }, home] });
    expect(popOf(h)?.primaryAddress).toEqual(home);
    await h.invoke('customers.update', {
      contactId,
      addresses: [
        { ...shop, primary: false },
        { ...home, primary: false },
      ],
    });
    expect(popOf(h)?.primaryAddress?.id).toBe('addr-2');

    const visit = await book(h, contactId, '2026-03-12');
    expect(nextVisits(h, contactId)).toEqual({ card: visit.id, table: visit.id });
    deleteRecord(fixtureTx(h.local), 'appointments', visit.id);
    expect(nextVisits(h, contactId)).toEqual({ card: null, table: null });

    // A pulled contact without a profile (the server cleared it): no customer on the pop.
    const stored = getContact(h.local.db, contactId)!;
    writeRecord(fixtureTx(h.local), 'contacts', { ...stored, customer: null });
    expect(popOf(h)).toBeNull();
  });

  it('takes sync-applied visits, ignores ones left scheduled in the past, and reads the table past five', async () => {
    const h = lineHarness();
    const contactId = await customer(h);
    const pulled = (await book(h, contactId, '2026-03-12')) as Appointment;
    // The same visit as another desktop moved it, applied by the sync engine's writer.
    writeRecord(fixtureTx(h.local), 'appointments', {
      ...pulled,
      date: '2026-03-13',
      startsAt: '2026-03-13T13:00:00.000Z',
      endsAt: '2026-03-13T17:00:00.000Z',
    });
    expect(popOf(h)?.nextVisit?.label).toBe('Fri 8–12');

    // Past visits nobody closed stay "scheduled"; the card keeps the latest five, so they never hide the next one.
    for (const day of ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05']) await book(h, contactId, day);
    expect(nextVisits(h, contactId)).toEqual({ card: pulled.id, table: pulled.id });

    // A sixth and seventh scheduled visit, both later: the card says there are more than it holds…
    const later = [await book(h, contactId, '2026-04-01'), await book(h, contactId, '2026-04-02')];
    const card = JSON.parse(
      h.sql<{ card: string }>(`select card from caller_cards where owner_id = '${contactId}'`)[0]!.card,
    ) as { visits: { id: string }[]; moreVisits: boolean };
    expect(card.visits).toHaveLength(5);
    expect(card.moreVisits).toBe(true);
    // …and the pop reads the table for the next one, at every moment.
    for (const at of [now, '2026-03-20T00:00:00.000Z', '2026-04-01T20:00:00.000Z', '2026-05-01T00:00:00.000Z']) {
      const next = nextVisits(h, contactId, at);
      expect(next.card).toBe(next.table);
    }
    expect(nextVisits(h, contactId, '2026-03-20T00:00:00.000Z').card).toBe(later[0]!.id);
  });

  it('costs one read per ring for a customer with up to five scheduled visits', async () => {
    const h = lineHarness();
    const contactId = await customer(h);
    await book(h, contactId, '2026-03-12');
    const counted = countingReads(h.local.sqlite);
    const lookup = createScreenPopLookup(counted.sqlite, () => new Date(now));
    const pop = lookup.lookup(rosa);
    expect(pop.matches[0]?.customer?.nextVisit?.label).toBe('Thu 8–12');
    expect(counted.counts).toEqual({ statements: 1, rows: 1 });
  });
});
