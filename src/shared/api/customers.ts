import { z } from 'zod';
import { Appointment, AppointmentStatus, ServiceType } from '../domain/appointment';
import {
  Address,
  CalendarDate,
  ClockTime,
  CustomerInfo,
  Equipment,
  LifetimeStats,
  NoteCategory,
  Preferences,
} from '../domain/customer';
import { Contact } from '../domain/directory';
import { Id } from '../domain/primitives';
import { Note } from '../domain/work';
import type { ApiTable } from './table';

/**
 * The customer profile on a contact (shared/domain/customer.ts) and the visits booked for
 * them (appointment.ts). Each sheet of the profile saves its own part, so two agents
 * editing different parts never overwrite each other.
 */
export const CustomerProfileView = z.object({
  contact: Contact,
  /** Latest first. */
  appointments: z.array(Appointment),
  /** Counted from the calls on this desktop. */
  stats: LifetimeStats,
  /** Notes about the customer, newest first, with their category. */
  notes: z.array(Note),
  /** The zone visits are booked in: the customer's, else their account's, else the agent's. */
  zone: z.string(),
});
export type CustomerProfileView = z.infer<typeof CustomerProfileView>;

export const UpdateProfileInput = z
  .object({
    contactId: Id,
    customer: CustomerInfo.optional(),
    addresses: z
      .array(Address)
      .max(20, 'A customer can have at most 20 addresses.')
      .refine((list) => list.filter((a) => a.primary).length <= 1, 'Only one address can be the primary one.')
      .optional(),
    equipment: z.array(Equipment).max(50, 'A customer can have at most 50 pieces of equipment.').optional(),
    preferences: Preferences.optional(),
  })
  .strict();

export const BookAppointmentInput = z
  .object({
    contactId: Id,
    /** The call it is booked on (the call panel, the wrap-up); null from the profile. */
    callId: Id.nullable().default(null),
    date: CalendarDate,
    windowFrom: ClockTime,
    windowUntil: ClockTime,
    /** One of the customer's addresses; copied into the visit. */
    addressId: Id.nullable().default(null),
    serviceType: ServiceType,
    technicianNotes: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine((a) => a.windowFrom < a.windowUntil, {
    message: 'The arrival window ends after it starts.',
    path: ['windowUntil'],
  });

export const RescheduleAppointmentInput = z
  .object({
    id: Id,
    date: CalendarDate,
    windowFrom: ClockTime,
    windowUntil: ClockTime,
    /** Why it moved ("customer away", "part on order"); optional. */
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').default(''),
  })
  .strict()
  .refine((a) => a.windowFrom < a.windowUntil, {
    message: 'The arrival window ends after it starts.',
    path: ['windowUntil'],
  });

export const customersApi = {
  'customers.get': {
    input: z.object({ contactId: Id }).strict(),
    output: CustomerProfileView,
    summary: 'A contact’s customer profile: the contact, visits, lifetime stats and categorized notes.',
  },
  'customers.update': {
    input: UpdateProfileInput,
    output: Contact,
    summary: 'Saves parts of a customer profile (info, addresses, equipment, preferences), as contact.update.',
  },
  'customers.addNote': {
    input: z
      .object({
        contactId: Id,
        body: z.string().trim().min(1, 'Write the note first.').max(20000),
        category: NoteCategory,
      })
      .strict(),
    output: Note,
    summary: 'Adds a categorized note about the customer.',
  },
  'appointments.book': {
    input: BookAppointmentInput,
    output: Appointment,
    summary: 'Books a visit: a date and arrival window on the customer’s clock, at one of their addresses.',
  },
  'appointments.setStatus': {
    input: z.object({ id: Id, status: AppointmentStatus }).strict(),
    output: Appointment,
    summary: 'Marks a visit completed, cancelled or no-show (or scheduled again).',
  },
  'appointments.reschedule': {
    input: RescheduleAppointmentInput,
    output: Appointment,
    summary: 'Moves a scheduled visit to a new date and arrival window on the customer’s clock.',
  },
} as const satisfies ApiTable;
