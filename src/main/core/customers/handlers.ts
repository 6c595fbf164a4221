import { profileSubjectOf } from '../../../shared/api/customers';
import { newId } from '../../../shared/domain/ids';
import type { Handlers } from '../api/dispatch';
import { customerZone } from '../calls/customer-zone';
import { appointmentsOfContact, getAppointment } from '../db/repositories/appointments';
import { callStats } from '../db/repositories/call-reads';
import { getContact } from '../db/repositories/contacts';
import { getNote, notesAbout } from '../db/repositories/notes';
import { CoreError } from '../errors';
import { nowIso, orNotFound, type HandlerContext } from '../handler-context';
import { commit } from '../sync/mutate';
import { readProfileSubject } from './profile-subject';

type CustomerHandlers = Pick<
  Handlers,
  | 'customers.get'
  | 'customers.update'
  | 'customers.addNote'
  | 'appointments.book'
  | 'appointments.setStatus'
  | 'appointments.reschedule'
>;

/**
 * The customer profile and visits, through the one write path: each save is a
 * contact.update or account.update of the parts that changed (profile-subject.ts says
 * which), a note.add, or an appointment mutation.
 */
export function customerHandlers(ctx: HandlerContext): CustomerHandlers {
  const { db } = ctx.local;
  const contactOrNotFound = (id: string) => orNotFound(getContact(db, id), 'Contact', id);
  return {
    'customers.get': (input) => {
      const subject = readProfileSubject(db, profileSubjectOf(input));
      const key = { type: subject.type, id: subject.id };
      return {
        subject: { ...key, name: subject.name },
        profile: subject.profile,
        appointments: subject.type === 'contact' ? appointmentsOfContact(db, subject.id) : [],
        stats: callStats(db, { linkedTo: { related: subject.related, participantIds: subject.participantIds } }),
        notes: notesAbout(db, key).reverse(),
        zone: customerZone(db, key),
      };
    },

    'customers.update': ({ contactId, accountId, ...parts }) => {
      const key = profileSubjectOf({ contactId, accountId });
      const stored = readProfileSubject(db, key);
      // Only the parts that changed travel: the server merges them one by one.
      const set = Object.fromEntries(
        Object.entries(parts).filter(
          ([part, value]) =>
            value !== undefined && JSON.stringify(value) !== JSON.stringify(stored.profile[part as keyof typeof parts]),
        ),
      );
      if (Object.keys(set).length > 0) {
        commit(ctx, [{ name: stored.update, args: { id: stored.id, set, at: nowIso(ctx) } }]);
      }
      return readProfileSubject(db, key).profile;
    },

    'customers.addNote': ({ body, category, ...keys }) => {
      const subject = readProfileSubject(db, profileSubjectOf(keys));
      const id = newId();
      commit(ctx, [
        {
          name: 'note.add',
          args: {
            id,
            body,
            category,
            related: { type: subject.type, id: subject.id, name: subject.name },
            isDemo: subject.isDemo,
            at: nowIso(ctx),
          },
        },
      ]);
      return orNotFound(getNote(db, id), 'Note', id);
    },

    'appointments.book': ({ contactId, addressId, ...visit }) => {
      const contact = contactOrNotFound(contactId);
      const address = addressId === null ? null : (contact.addresses.find((a) => a.id === addressId) ?? null);
      if (addressId !== null && !address) {
        throw new CoreError('not_found', 'That address is no longer on the customer’s profile. Pick another.');
      }
      const id = newId();
      commit(ctx, [
        {
          name: 'appointment.book',
          args: {
            ...visit,
            id,
            contactId,
            address,
            timeZone: customerZone(db, { type: 'contact', id: contactId }),
            isDemo: contact.isDemo,
            at: nowIso(ctx),
          },
        },
      ]);
      return orNotFound(getAppointment(db, id), 'Appointment', id);
    },

    'appointments.setStatus': ({ id, status }) => {
      const visit = orNotFound(getAppointment(db, id), 'Appointment', id);
      if (visit.status === status) return visit;
      commit(ctx, [{ name: 'appointment.setStatus', args: { id, to: status, at: nowIso(ctx) } }]);
      return orNotFound(getAppointment(db, id), 'Appointment', id);
    },

    'appointments.reschedule': ({ id, reason, ...slot }) => {
      const visit = orNotFound(getAppointment(db, id), 'Appointment', id);
      if (visit.status !== 'scheduled') {
        throw new CoreError('invalid_state', 'Only a scheduled visit can be moved. Set it back to scheduled first.');
      }
      // The new window is on the customer's clock as it is now, like a booking's.
      const timeZone = customerZone(db, { type: 'contact', id: visit.contactId });
      const unchanged =
        slot.date === visit.date &&
        slot.windowFrom === visit.windowFrom &&
        slot.windowUntil === visit.windowUntil &&
        timeZone === visit.timeZone;
      if (unchanged) return visit;
      commit(ctx, [{ name: 'appointment.reschedule', args: { id, ...slot, timeZone, reason, at: nowIso(ctx) } }]);
      return orNotFound(getAppointment(db, id), 'Appointment', id);
    },
  };
}
