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
import { profileFields } from '../domain/directory';
import { Id } from '../domain/primitives';
import { Note } from '../domain/work';
import type { ApiTable } from './table';

/**
 * The customer profile (shared/domain/customer.ts) on its subject, a contact or an account,
 * and the visits booked for a contact (appointment.ts). Each sheet of the profile saves its
 * own part, so two agents editing different parts never overwrite each other.
 */
export const ProfileSubjectType = z.enum(['contact', 'account']);
export type ProfileSubjectType = z.infer<typeof ProfileSubjectType>;

/**
 * Whose profile: `{ contactId }` or `{ accountId }`, exactly one. Spread into each input
 * so a contact's profile is asked for as it always was.
 */
const subjectKeys = { contactId: Id.optional(), accountId: Id.optional() };
const oneSubject = (input: { contactId?: string | undefined; accountId?: string | undefined }) =>
  (input.contactId === undefined) !== (input.accountId === undefined);
const oneSubjectMessage = 'Say whose profile it is: a contact (contactId) or an account (accountId), one of the two.';

/** The subject named by an input's keys (checked by the schema: exactly one is there). */
export function profileSubjectOf(input: { contactId?: string | undefined; accountId?: string | undefined }): {
  type: ProfileSubjectType;
  id: string;
} {
  return input.contactId !== undefined
    ? { type: 'contact', id: input.contactId }
    : { type: 'account', id: input.accountId ?? '' };
}

export const ProfileParts = z.object(profileFields);
export type ProfileParts = z.infer<typeof ProfileParts>;

export const CustomerProfileView = z.object({
  subject: z.object({ type: ProfileSubjectType, id: Id, name: z.string() }),
  profile: ProfileParts,
  /** A contact's visits, latest first; an account has none of its own (visits are booked for a contact). */
  appointments: z.array(Appointment),
  /** Counted from the calls on this desktop; an account's across its contacts. */
  stats: LifetimeStats,
  /** Notes about the customer, newest first, with their category. */
  notes: z.array(Note),
  /** The zone visits are booked in: the customer's, else their account's, else the agent's. */
  zone: z.string(),
});
export type CustomerProfileView = z.infer<typeof CustomerProfileView>;

export const UpdateProfileInput = z
  .object({
    ...subjectKeys,
    customer: CustomerInfo.optional(),
    addresses: z
      .array(Address)
      .max(20, 'A customer can have at most 20 addresses.')
      .refine((list) => list.filter((a) => a.primary).length <= 1, 'Only one address can be the primary one.')
      .optional(),
    equipment: z.array(Equipment).max(50, 'A customer can have at most 50 pieces of equipment.').optional(),
    preferences: Preferences.optional(),
  })
  .strict()
  .refine(oneSubject, oneSubjectMessage)
  .refine(
    (input) =>
      !input.equipment ||
      !input.addresses ||
      input.equipment.every((e) => !e.addressId || input.addresses?.some((a) => a.id === e.addressId)),
    { message: 'Equipment is at an address the profile no longer has. Pick another site.', path: ['equipment'] },
  );

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
    input: z.object(subjectKeys).strict().refine(oneSubject, oneSubjectMessage),
    output: CustomerProfileView,
    summary: 'A contact’s or an account’s customer profile: its parts, visits, lifetime stats and categorized notes.',
  },
  'customers.update': {
    input: UpdateProfileInput,
    output: ProfileParts,
    summary:
      'Saves parts of a customer profile (info, addresses, equipment, preferences): contact.update or account.update.',
  },
  'customers.addNote': {
    input: z
      .object({
        ...subjectKeys,
        body: z.string().trim().min(1, 'Write the note first.').max(20000),
        category: NoteCategory,
      })
      .strict()
      .refine(oneSubject, oneSubjectMessage),
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
