import { displayName } from '../../../shared/domain/directory';
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
 * contact.update of the parts that changed, a note.add, or an appointment mutation.
 */
export function customerHandlers(ctx: HandlerContext): CustomerHandlers {
  const { db } = ctx.local;
  const contactOrNotFound = (id: string) => orNotFound(getContact(db, id), 'Contact', id);
  return {
    'customers.get': ({ contactId }) => {
      const contact = contactOrNotFound(contactId);
      const person = { type: 'contact' as const, id: contactId };
      return {
        contact,
        appointments: appointmentsOfContact(db, contactId),
        stats: callStats(db, { linkedTo: { related: [person], participantIds: [contactId] } }),
        notes: notesAbout(db, person).reverse(),
        zone: customerZone(db, person),
      };
    },

    'customers.update': ({ contactId, ...parts }) => {
      const stored = contactOrNotFound(contactId);
      // Only the parts that changed travel: the server merges them one by one.
      const set = Object.fromEntries(
        Object.entries(parts).filter(
          ([part, value]) =>
            value !== undefined && JSON.stringify(value) !== JSON.stringify(stored[part as keyof typeof parts]),
        ),
      );
      if (Object.keys(set).length > 0) {
        commit(ctx, [{ name: 'contact.update', args: { id: contactId, set, at: nowIso(ctx) } }]);
      }
      return contactOrNotFound(contactId);
    },

    'customers.addNote': ({ contactId, body, category }) => {
      const contact = contactOrNotFound(contactId);
      const id = newId();
      commit(ctx, [
        {
          name: 'note.add',
          args: {
            id,
            body,
            category,
            related: { type: 'contact', id: contactId, name: displayName(contact) },
            isDemo: contact.isDemo,
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
