import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { appointmentStatuses, serviceTypes } from '../../../../shared/domain/appointment';
import type { VisitSlot } from '../../../../shared/domain/appointment';
import type { Address } from '../../../../shared/domain/customer';
import { contacts } from './directory';

/** Customers' visits (shared/domain/appointment.ts), synced for the whole company. */
export const appointments = sqliteTable(
  'appointments',
  {
    id: text('id').primaryKey(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** No foreign key: the visit may arrive by sync before the call it was booked on. */
    callId: text('call_id'),
    date: text('date').notNull(),
    windowFrom: text('window_from').notNull(),
    windowUntil: text('window_until').notNull(),
    timeZone: text('time_zone').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    address: text('address', { mode: 'json' }).$type<Address | null>(),
    serviceType: text('service_type', { enum: serviceTypes }).notNull(),
    technicianNotes: text('technician_notes').notNull().default(''),
    status: text('status', { enum: appointmentStatuses }).notNull(),
    /** The slot before the last reschedule (null if never moved), and why it moved. */
    rescheduledFrom: text('rescheduled_from', { mode: 'json' }).$type<VisitSlot | null>(),
    rescheduleReason: text('reschedule_reason').notNull().default(''),
    bookedBy: text('booked_by').notNull(),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // The profile's list and the pop's "next visit": a contact's visits by time.
    index('appointments_contact_idx').on(t.contactId, t.startsAt),
    // Bookings in a period (the dashboard).
    index('appointments_created_idx').on(t.createdAt),
    index('appointments_call_idx').on(t.callId),
    index('appointments_demo_idx')
      .on(t.isDemo)
      .where(sql`is_demo = 1`),
  ],
);
