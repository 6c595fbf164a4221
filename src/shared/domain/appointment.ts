import { z } from 'zod';
import { Address, CalendarDate, ClockTime } from './customer';
import { Id, Instant, TimeZone } from './primitives';
import { resolveLocalDateTime } from './time';

/**
 * A visit booked for a customer: a date and an arrival window on the customer's clock
 * (the zone is kept with it, so "Tue 8–12" means their morning wherever the agent sits),
 * the address it happens at (copied from the profile when booked, so a later edit of the
 * profile does not move a visit already planned), what kind of service, and notes for
 * the technician. `startsAt` / `endsAt` are the window as instants, for sorting and for
 * "the next visit".
 */
export const appointmentStatuses = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;
export const AppointmentStatus = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const appointmentStatusLabel: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const serviceTypes = ['repair', 'maintenance', 'installation', 'estimate', 'inspection', 'other'] as const;
export const ServiceType = z.enum(serviceTypes);

/** Where a visit sits on the customer's clock: what a reschedule changes. */
export const VisitSlot = z.object({
  date: CalendarDate,
  windowFrom: ClockTime,
  windowUntil: ClockTime,
  timeZone: TimeZone,
});
export type VisitSlot = z.infer<typeof VisitSlot>;

export const Appointment = z.object({
  id: Id,
  contactId: Id,
  /** The call it was booked on: what the booking conversion rate counts. */
  callId: Id.nullable(),
  date: CalendarDate,
  windowFrom: ClockTime,
  windowUntil: ClockTime,
  timeZone: TimeZone,
  startsAt: Instant,
  endsAt: Instant,
  address: Address.nullable(),
  serviceType: ServiceType,
  technicianNotes: z.string().max(2000),
  status: AppointmentStatus,
  /** The slot it had before its last reschedule (null if never moved), and the reason given. */
  rescheduledFrom: VisitSlot.nullable().default(null),
  rescheduleReason: z.string().max(500).default(''),
  bookedBy: Id,
  isDemo: z.boolean().default(false),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Appointment = z.infer<typeof Appointment>;

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "8", "8:30", "12": the short hour people say for a window's edge. */
function shortClock(clock: string): string {
  const [hours, minutes] = clock.split(':');
  const hour = String(Number(hours));
  return minutes === '00' ? hour : `${hour}:${minutes}`;
}

/** "Tue 8–12" (the customer's clock), with the date when it is not within the coming week. */
export function describeVisit(
  visit: Pick<Appointment, 'date' | 'windowFrom' | 'windowUntil'>,
  today: string | null = null,
): string {
  const day = weekdays[new Date(`${visit.date}T00:00:00Z`).getUTCDay()]!;
  const window = `${shortClock(visit.windowFrom)}–${shortClock(visit.windowUntil)}`;
  const daysAhead = today === null ? -1 : (Date.parse(visit.date) - Date.parse(today)) / 86_400_000;
  const soon = daysAhead >= 0 && daysAhead < 7;
  return soon ? `${day} ${window}` : `${day} ${visit.date} ${window}`;
}

/** What a booking carries (mutations.ts, AppointmentBookArgs), before defaults are known to be filled. */
export interface Booking {
  id: string;
  contactId: string;
  callId: string | null;
  date: string;
  windowFrom: string;
  windowUntil: string;
  timeZone: string;
  address: Appointment['address'];
  serviceType: Appointment['serviceType'];
  technicianNotes: string;
  isDemo: boolean;
  at: string;
}

/**
 * The appointment a booking makes, on the desktop and on the server alike: the window's
 * edges resolved on the customer's clock in their zone (a time inside a DST gap moves
 * forward, as every planned time does: time.ts), scheduled, booked by `bookedBy`.
 */
export function appointmentFromBooking(booking: Booking, bookedBy: string): Appointment {
  const { at, ...rest } = booking;
  return {
    ...rest,
    startsAt: resolveLocalDateTime(`${booking.date}T${booking.windowFrom}`, booking.timeZone),
    endsAt: resolveLocalDateTime(`${booking.date}T${booking.windowUntil}`, booking.timeZone),
    status: 'scheduled',
    rescheduledFrom: null,
    rescheduleReason: '',
    bookedBy,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The same, or null when the visit cannot be placed (a zone the runtime does not know, an
 * instant out of the sane years): both sides refuse such a booking in words instead of failing.
 */
export function placedAppointment(booking: Booking, bookedBy: string): Appointment | null {
  try {
    const parsed = Appointment.safeParse(appointmentFromBooking(booking, bookedBy));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The visit moved to another slot on the customer's clock (appointment.reschedule), on the
 * desktop and on the server alike: the instants resolved by the same rule as a booking,
 * the slot it leaves kept in `rescheduledFrom` with the reason. The status is left alone
 * (it merges on its own). Null when the new slot cannot be placed.
 */
export function rescheduledAppointment(
  visit: Appointment,
  move: VisitSlot & { reason: string; at: string },
): Appointment | null {
  try {
    const { reason, at, ...slot } = move;
    const parsed = Appointment.safeParse({
      ...visit,
      ...slot,
      startsAt: resolveLocalDateTime(`${slot.date}T${slot.windowFrom}`, slot.timeZone),
      endsAt: resolveLocalDateTime(`${slot.date}T${slot.windowUntil}`, slot.timeZone),
      rescheduledFrom: {
        date: visit.date,
        windowFrom: visit.windowFrom,
        windowUntil: visit.windowUntil,
        timeZone: visit.timeZone,
      },
      rescheduleReason: reason,
      updatedAt: Date.parse(at) > Date.parse(visit.updatedAt) ? at : visit.updatedAt,
    });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const UNPLACEABLE_VISIT = 'The visit’s date and window cannot be placed in the customer’s zone.';
