import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Appointment } from '../../../../shared/domain/appointment';
import type { Db } from '../client';
import { appointments } from '../schema';

type AppointmentRow = typeof appointments.$inferSelect;

const toAppointment = (row: AppointmentRow): Appointment => ({
  ...row,
  address: row.address ?? null,
  rescheduledFrom: row.rescheduledFrom ?? null,
});

export function getAppointment(db: Db, id: string): Appointment | null {
  const row = db.select().from(appointments).where(eq(appointments.id, id)).get();
  return row ? toAppointment(row) : null;
}

/** A customer's visits, the latest first (the profile lists upcoming and past together). */
export function appointmentsOfContact(db: Db, contactId: string, limit = 100): Appointment[] {
  return db
    .select()
    .from(appointments)
    .where(eq(appointments.contactId, contactId))
    .orderBy(desc(appointments.startsAt), desc(appointments.id))
    .limit(limit)
    .all()
    .map(toAppointment);
}

/** The customer's next scheduled visit: the first whose window has not ended at `now`. */
export function nextAppointment(db: Db, contactId: string, now: string): Appointment | null {
  const row = db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.contactId, contactId),
        eq(appointments.status, 'scheduled'),
        sql`${appointments.endsAt} > ${now}`,
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .get();
  return row ? toAppointment(row) : null;
}

/** Visits booked on these calls (the timeline files them under the call), oldest booking first. */
export function appointmentsOfCalls(db: Db, callIds: string[]): Appointment[] {
  if (callIds.length === 0) return [];
  return db
    .select()
    .from(appointments)
    .where(inArray(appointments.callId, callIds))
    .orderBy(asc(appointments.createdAt))
    .all()
    .map(toAppointment);
}

/**
 * The bookings made in [from, until) (by when they were booked): what the dashboard's
 * booking count and conversion rate read (shared/domain/bookings.ts). An index range on
 * created_at; the rows carry only what the rule needs.
 */
export function bookingsIn(
  db: Db,
  period: { from: string; until: string },
): Pick<Appointment, 'createdAt' | 'callId'>[] {
  return db
    .select({ createdAt: appointments.createdAt, callId: appointments.callId })
    .from(appointments)
    .where(and(gte(appointments.createdAt, period.from), lt(appointments.createdAt, period.until)))
    .all();
}
