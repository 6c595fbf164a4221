import { and, asc, count, desc, eq, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Appointment } from '../../shared/domain/appointment';
import { Address, CustomerInfo, Equipment, Preferences } from '../../shared/domain/customer';
import { Contact, displayName, PhoneNumber } from '../../shared/domain/directory';
import { newId } from '../../shared/domain/ids';
import { Id, TimeZone } from '../../shared/domain/primitives';
import { ContactFields } from '../../shared/sync/mutations';
import type { Principal } from '../auth/tokens';
import { authenticate, principalOf, type ServerContext } from '../context';
import { appointments, contacts } from '../db/schema';
import { notFound } from '../http/errors';
import { parseInput } from '../http/validate';
import { applyOrThrow, lifetimeStats, notesAbout } from './profile-reads';
import { ProfileParams, registerProfileWrites } from './profile-writes';

/**
 * Customers over HTTP: the contacts that have a customer profile, company-scoped like
 * every route (accounts with one: account-routes.ts). Writes go through the sync mutators (server-write.ts), so a browser's edit
 * is merged, versioned and pulled by desktops exactly like a desktop's.
 */

export const CustomerListQuery = z
  .object({
    /** Start of the first or last name, or of the email. */
    search: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const CreateCustomerBody = z
  .object({
    id: Id.optional(),
    firstName: z.string().trim().max(100).default(''),
    lastName: z.string().trim().min(1, 'A customer needs a last name.').max(100),
    email: z.string().trim().max(320).default(''),
    phones: z.array(PhoneNumber).max(20).default([]),
    timeZone: TimeZone.nullable().default(null),
    customer: CustomerInfo,
    addresses: z.array(Address).max(20).default([]),
    equipment: z.array(Equipment).max(50).default([]),
    preferences: Preferences.optional(),
  })
  .strict();

export const UpdateCustomerBody = ContactFields.partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'Nothing to change: the body is empty.');

export function registerCustomerRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);

  async function customerRecord(companyId: string, id: string): Promise<Contact | null> {
    const [row] = await ctx.db
      .select({ data: contacts.data })
      .from(contacts)
      .where(and(eq(contacts.companyId, companyId), eq(contacts.id, id)));
    return row ? Contact.parse(row.data) : null;
  }

  /** A customer of the caller's company, or 404: another company's and a missing one answer alike. */
  async function visibleCustomer(principal: Principal, id: string): Promise<Contact> {
    const record = await customerRecord(principal.companyId, id);
    if (!record || record.customer === null) throw notFound(`Customer ${id}`);
    return record;
  }

  app.get('/customers', { onRequest }, async (request) => {
    const query = parseInput(CustomerListQuery, request.query, 'query');
    const { companyId } = principalOf(request);
    const prefix = query.search ? `${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = and(
      eq(contacts.companyId, companyId),
      sql`jsonb_typeof(${contacts.data} -> 'customer') = 'object'`,
      prefix
        ? or(
            sql`${contacts.data} ->> 'lastName' ilike ${prefix}`,
            sql`${contacts.data} ->> 'firstName' ilike ${prefix}`,
            sql`${contacts.data} ->> 'email' ilike ${prefix}`,
          )
        : undefined,
    );
    const rows = await ctx.db
      .select({ data: contacts.data })
      .from(contacts)
      .where(where)
      .orderBy(sql`${contacts.data} ->> 'lastName'`, sql`${contacts.data} ->> 'firstName'`, asc(contacts.id))
      .limit(query.limit)
      .offset(query.offset);
    const [total] = await ctx.db.select({ n: count() }).from(contacts).where(where);
    return { items: rows.map((row) => Contact.parse(row.data)), total: total?.n ?? 0 };
  });

  app.get('/customers/:id', { onRequest }, async (request) => {
    const { id } = parseInput(ProfileParams, request.params, 'path');
    const principal = principalOf(request);
    const customer = await visibleCustomer(principal, id);
    const [visits, written, stats] = await Promise.all([
      ctx.db
        .select({ data: appointments.data })
        .from(appointments)
        .where(and(eq(appointments.companyId, principal.companyId), eq(appointments.contactId, id)))
        .orderBy(desc(appointments.startsAt), desc(appointments.id)),
      notesAbout(ctx, principal.companyId, { type: 'contact', id }),
      // The customer's calls: those about them, and those from or to their numbers.
      lifetimeStats(ctx, principal, {
        related: [{ type: 'contact', id }],
        numbers: customer.phones.map((p) => p.e164),
      }),
    ]);
    return {
      customer,
      appointments: visits.map((row) => Appointment.parse(row.data)),
      notes: written,
      stats,
    };
  });

  app.post('/customers', { onRequest }, async (request, reply) => {
    const body = parseInput(CreateCustomerBody, request.body, 'customer');
    const principal = principalOf(request);
    const id = body.id ?? newId();
    await applyOrThrow(ctx, principal, 'contact.create', { ...body, id, at: ctx.now().toISOString() });
    return reply.code(201).send(await customerRecord(principal.companyId, id));
  });

  registerProfileWrites(app, ctx, {
    type: 'contact',
    path: '/customers',
    update: 'contact.update',
    updateBody: UpdateCustomerBody,
    bodyLabel: 'customer',
    visible: visibleCustomer,
    record: customerRecord,
    nameOf: displayName,
  });
}
