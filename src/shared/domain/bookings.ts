import type { Appointment } from './appointment';

/**
 * Bookings for the dashboard. A booking is an appointment made in the period (by when it
 * was booked, not when the visit is), whatever became of it since: a visit cancelled
 * later was still booked. The booking conversion rate is the share of answered calls
 * of the period that ended in a booking: calls with at least one appointment booked on
 * them, over answered calls. Several visits booked on one call count as one converted call.
 */
export interface BookingPeriod {
  /** Inclusive instant (ISO, UTC). */
  from: string;
  /** Exclusive instant (ISO, UTC). */
  until: string;
}

type Booking = Pick<Appointment, 'createdAt' | 'callId'>;

const inPeriod = (at: string, period: BookingPeriod) => at >= period.from && at < period.until;

export function countBookings(appointments: readonly Booking[], period: BookingPeriod): number {
  return appointments.filter((a) => inPeriod(a.createdAt, period)).length;
}

/**
 * Converted calls over answered calls, 0 to 1; null when no call was answered (a rate of
 * nothing is not 0 %). `answeredCallIds` are the period's answered calls.
 */
export function bookingConversion(
  appointments: readonly Booking[],
  answeredCallIds: readonly string[],
): { converted: number; answered: number; rate: number | null } {
  const answered = new Set(answeredCallIds);
  const converted = new Set(
    appointments.flatMap((a) => (a.callId !== null && answered.has(a.callId) ? [a.callId] : [])),
  );
  return {
    converted: converted.size,
    answered: answered.size,
    rate: answered.size === 0 ? null : converted.size / answered.size,
  };
}

/**
 * The dashboard's `bookings` from what a store counted with the rules above (in SQL:
 * bookings made in the period; distinct answered calls of the period with a booking).
 */
export function bookingFigures(counted: { bookings: number; convertedCalls: number; answeredCalls: number }) {
  return {
    count: counted.bookings,
    conversionRate: counted.answeredCalls === 0 ? null : counted.convertedCalls / counted.answeredCalls,
  };
}
