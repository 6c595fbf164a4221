import { and, eq } from 'drizzle-orm';
import {
  Appointment,
  placedAppointment,
  rescheduledAppointment,
  UNPLACEABLE_VISIT,
} from '../../../shared/domain/appointment';
import { ok } from '../../../shared/result';
import type { MutationArgs } from '../../../shared/sync/mutations';
import { appointments, contacts } from '../../db/schema';
import { notFound, reject, type Mutator } from './types';

/**
 * Visits are the company's, like its customers: any signed-in user may book one for a
 * customer of their company, and change its status. The customer must exist in the
 * caller's company, which is also what keeps a visit from pointing into another company.
 * Status and slot each merge by their own stamp, so a reschedule and a cancel made
 * offline by two agents both survive.
 */
export const bookAppointmentMutation: Mutator<MutationArgs<'appointment.book'>> = async (mc, args) => {
  const { companyId } = mc.principal;
  const [customer] = await mc.tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.companyId, companyId), eq(contacts.id, args.contactId)));
  if (!customer) return notFound('Contact', args.contactId);
  // A window the zone rules cannot place (checked before any write) is refused, never a 500.
  const record = placedAppointment(args, mc.principal.userId);
  if (!record) return reject('invalid_args', UNPLACEABLE_VISIT);
  // One statement instead of "does it exist?" then insert: a taken id inserts nothing.
  const inserted = await mc.tx
    .insert(appointments)
    .values({
      companyId,
      id: record.id,
      contactId: record.contactId,
      callId: record.callId,
      startsAt: new Date(record.startsAt),
      data: record,
      statusHlc: mc.hlc,
      slotHlc: mc.hlc,
      createdAt: new Date(record.createdAt),
      version: await mc.version(),
    })
    .onConflictDoNothing()
    .returning({ id: appointments.id });
  if (inserted.length === 0) return reject('already_exists', `An appointment with the id ${args.id} already exists.`);
  return ok(undefined);
};

export const setAppointmentStatusMutation: Mutator<MutationArgs<'appointment.setStatus'>> = async (mc, args) => {
  const { companyId } = mc.principal;
  const where = and(eq(appointments.companyId, companyId), eq(appointments.id, args.id));
  const [row] = await mc.tx.select().from(appointments).where(where).for('update');
  if (!row) return notFound('Appointment', args.id);
  // An older change arriving late leaves the newer status alone.
  if (mc.hlc <= row.statusHlc) return ok(undefined);
  const stored = Appointment.safeParse(row.data);
  if (!stored.success)
    return reject('invalid_record', `Appointment ${args.id} is stored in a shape this server cannot read.`);
  const record = stored.data;
  const updatedAt = Date.parse(args.at) > Date.parse(record.updatedAt) ? args.at : record.updatedAt;
  await mc.tx
    .update(appointments)
    .set({ data: { ...record, status: args.to, updatedAt }, statusHlc: mc.hlc, version: await mc.version() })
    .where(where);
  return ok(undefined);
};

export const rescheduleAppointmentMutation: Mutator<MutationArgs<'appointment.reschedule'>> = async (
  mc,
  { id, ...move },
) => {
  const { companyId } = mc.principal;
  const where = and(eq(appointments.companyId, companyId), eq(appointments.id, id));
  const [row] = await mc.tx.select().from(appointments).where(where).for('update');
  if (!row) return notFound('Appointment', id);
  // An older move arriving late leaves the newer slot alone.
  if (mc.hlc <= row.slotHlc) return ok(undefined);
  const stored = Appointment.safeParse(row.data);
  if (!stored.success)
    return reject('invalid_record', `Appointment ${id} is stored in a shape this server cannot read.`);
  const moved = rescheduledAppointment(stored.data, move);
  if (!moved) return reject('invalid_args', UNPLACEABLE_VISIT);
  await mc.tx
    .update(appointments)
    .set({ data: moved, startsAt: new Date(moved.startsAt), slotHlc: mc.hlc, version: await mc.version() })
    .where(where);
  return ok(undefined);
};
