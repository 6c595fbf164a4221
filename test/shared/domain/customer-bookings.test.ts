import { describe, expect, it } from 'vitest';
import { appointmentFromBooking, describeVisit } from '../../../src/shared/domain/appointment';
import { bookingConversion, countBookings } from '../../../src/shared/domain/bookings';
import {
  contactWindowWarning,
  describeWindow,
  equipmentSummary,
  insideContactWindows,
  primaryAddress,
  type Address,
} from '../../../src/shared/domain/customer';
import { isoWeekday } from '../../../src/shared/domain/time';

const weekdays = { days: [1, 2, 3, 4, 5], from: '09:00', until: '17:00' };

describe('contact time windows', () => {
  it('reads the weekday of the customer’s own date', () => {
    expect(isoWeekday('2026-12-07T10:00')).toBe(1); // a Monday
    expect(isoWeekday('2026-12-06T10:00')).toBe(7); // a Sunday
  });

  it('is inside on a weekday in hours, outside before, after, at the end and on the weekend', () => {
    expect(insideContactWindows([weekdays], { local: '2026-12-07T09:00' })).toBe(true);
    expect(insideContactWindows([weekdays], { local: '2026-12-07T16:59' })).toBe(true);
    expect(insideContactWindows([weekdays], { local: '2026-12-07T08:59' })).toBe(false);
    expect(insideContactWindows([weekdays], { local: '2026-12-07T17:00' })).toBe(false);
    expect(insideContactWindows([weekdays], { local: '2026-12-05T10:00' })).toBe(false);
  });

  it('treats no windows as no preference, and any window of several as enough', () => {
    expect(insideContactWindows([], { local: '2026-12-05T03:00' })).toBe(true);
    const saturdayMorning = { days: [6], from: '10:00', until: '12:00' };
    expect(insideContactWindows([weekdays, saturdayMorning], { local: '2026-12-05T10:30' })).toBe(true);
  });

  it('warns in words with the windows, and not inside them', () => {
    expect(contactWindowWarning([weekdays], { local: '2026-12-07T10:00', label: '10:00 EST' })).toBeNull();
    expect(contactWindowWarning([weekdays], { local: '2026-12-07T20:00', label: '20:00 EST' })).toBe(
      'It is 20:00 EST for them, outside the times they asked to be called (Mon–Fri 09:00–17:00).',
    );
    expect(describeWindow({ days: [6, 1], from: '08:00', until: '12:00' })).toBe('Mon, Sat 08:00–12:00');
  });
});

describe('profile summaries', () => {
  const address = (id: string, primary: boolean): Address => ({
    id,
    label: '',
    line1: `${id} Main St`,
    line2: '',
    city: '',
    region: '',
    postalCode: '',
    accessNotes: '',
    primary,
  });

  it('takes the marked primary address, else the first, else none', () => {
    expect(primaryAddress([address('a', false), address('b', true)])?.id).toBe('b');
    expect(primaryAddress([address('a', false), address('b', false)])?.id).toBe('a');
    expect(primaryAddress([])).toBeNull();
  });

  it('summarises equipment with its make when known', () => {
    const base = { installedOn: null, lastServicedOn: null };
    expect(
      equipmentSummary([
        { ...base, id: 'e1', kind: 'Furnace', brand: 'Carrier', model: '59TP6' },
        { ...base, id: 'e2', kind: 'Heat pump', brand: '', model: '' },
      ]),
    ).toBe('Furnace (Carrier 59TP6), Heat pump');
  });
});

describe('appointments', () => {
  const booking = {
    id: 'ap1',
    contactId: 'c1',
    callId: 'call-1',
    date: '2026-12-08',
    windowFrom: '08:00',
    windowUntil: '12:00',
    timeZone: 'America/Chicago',
    address: null,
    serviceType: 'repair' as const,
    technicianNotes: '',
    isDemo: false,
    at: '2026-12-01T15:00:00.000Z',
  };

  it('files the window on the customer’s clock in their zone', () => {
    const visit = appointmentFromBooking(booking, 'u1');
    expect(visit.startsAt).toBe('2026-12-08T14:00:00.000Z');
    expect(visit.endsAt).toBe('2026-12-08T18:00:00.000Z');
    expect(visit.status).toBe('scheduled');
    expect(visit.bookedBy).toBe('u1');
  });

  it('says "Tue 8–12" within the coming week, with the date beyond it', () => {
    expect(describeVisit(booking, '2026-12-02')).toBe('Tue 8–12');
    expect(describeVisit({ ...booking, windowFrom: '13:30', windowUntil: '17:00' }, '2026-12-08')).toBe('Tue 13:30–17');
    // A week ahead is no longer "this Tuesday".
    expect(describeVisit(booking, '2026-12-01')).toBe('Tue 2026-12-08 8–12');
    expect(describeVisit(booking)).toBe('Tue 2026-12-08 8–12');
  });
});

describe('bookings for the dashboard', () => {
  const period = { from: '2026-12-01T00:00:00.000Z', until: '2026-12-02T00:00:00.000Z' };
  const made = (createdAt: string, callId: string | null) => ({ createdAt, callId });

  it('counts bookings made in the period, by when they were booked', () => {
    const list = [
      made('2026-11-30T23:59:59.999Z', 'a'),
      made('2026-12-01T00:00:00.000Z', 'b'),
      made('2026-12-01T12:00:00.000Z', null),
      made('2026-12-02T00:00:00.000Z', 'c'),
    ];
    expect(countBookings(list, period)).toBe(2);
  });

  it('converts calls, not visits: two visits on one call are one converted call', () => {
    const list = [
      made('x', 'call-1'),
      made('x', 'call-1'),
      made('x', 'call-2'),
      made('x', 'elsewhere'),
      made('x', null),
    ];
    expect(bookingConversion(list, ['call-1', 'call-2', 'call-3', 'call-4'])).toEqual({
      converted: 2,
      answered: 4,
      rate: 0.5,
    });
    expect(bookingConversion(list, []).rate).toBeNull();
  });
});
