import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Account, PhoneNumber } from '../../shared/domain/directory';
import { AccountFields } from '../../shared/sync/mutations';
import type { Principal } from '../auth/tokens';
import { authenticate, principalOf, type ServerContext } from '../context';
import { accounts, contacts } from '../db/schema';
import { notFound } from '../http/errors';
import { parseInput } from '../http/validate';
import { lifetimeStats, notesAbout } from './profile-reads';
import { ProfileParams, registerProfileWrites } from './profile-writes';

/**
 * Customer profiles on accounts over HTTP, beside the contacts' (routes.ts): the list of
 * accounts that have one, an account's profile with its notes and lifetime figures, a
 * change of its parts and a note. Company-scoped; writes go through the same sync
 * mutators as a desktop's (account.update, note.add), so desktops pull them like any
 * change. An account comes from the directory import, so there is no create: a PATCH
 * with `customer` makes an account a customer.
 */

export const AccountListQuery = z
  .object({
    /** Start of the account's name. */
    search: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const UpdateAccountProfileBody = AccountFields.partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'Nothing to change: the body is empty.');

export function registerAccountCustomerRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);

  async function accountRecord(companyId: string, id: string): Promise<Account | null> {
    const [row] = await ctx.db
      .select({ data: accounts.data })
      .from(accounts)
      .where(and(eq(accounts.companyId, companyId), eq(accounts.id, id)));
    return row ? Account.parse(row.data) : null;
  }

  /** An account of the caller's company, or 404: another company's and a missing one answer alike. */
  async function visibleAccount(principal: Principal, id: string): Promise<Account> {
    const record = await accountRecord(principal.companyId, id);
    if (!record) throw notFound(`Account ${id}`);
    return record;
  }

  /** The account's people (index contacts_account): their calls are the account's too. */
  async function peopleOf(principal: Principal, accountId: string) {
    const rows = await ctx.db
      .select({ id: contacts.id, phones: sql<unknown>`${contacts.data} -> 'phones'` })
      .from(contacts)
      .where(and(eq(contacts.companyId, principal.companyId), sql`(${contacts.data} ->> 'accountId') = ${accountId}`));
    return rows.map((row) => ({ id: row.id, phones: z.array(PhoneNumber).catch([]).parse(row.phones) }));
  }

  app.get('/customer-accounts', { onRequest }, async (request) => {
    const query = parseInput(AccountListQuery, request.query, 'query');
    const { companyId } = principalOf(request);
    const prefix = query.search ? `${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = and(
      eq(accounts.companyId, companyId),
      sql`jsonb_typeof(${accounts.data} -> 'customer') = 'object'`,
      prefix ? sql`${accounts.data} ->> 'name' ilike ${prefix}` : undefined,
    );
    const rows = await ctx.db
      .select({ data: accounts.data })
      .from(accounts)
      .where(where)
      .orderBy(sql`${accounts.data} ->> 'name'`, asc(accounts.id))
      .limit(query.limit)
      .offset(query.offset);
    const [total] = await ctx.db.select({ n: count() }).from(accounts).where(where);
    return { items: rows.map((row) => Account.parse(row.data)), total: total?.n ?? 0 };
  });

  app.get('/customer-accounts/:id', { onRequest }, async (request) => {
    const { id } = parseInput(ProfileParams, request.params, 'path');
    const principal = principalOf(request);
    const account = await visibleAccount(principal, id);
    const people = await peopleOf(principal, id);
    const [written, stats] = await Promise.all([
      notesAbout(ctx, principal.companyId, { type: 'account', id }),
      // The account's calls: about it or any of its people, or from or to any of their numbers.
      lifetimeStats(ctx, principal, {
        related: [{ type: 'account', id }, ...people.map((p) => ({ type: 'contact' as const, id: p.id }))],
        numbers: [...new Set([...account.phones, ...people.flatMap((p) => p.phones)].map((p) => p.e164))],
      }),
    ]);
    return { account, contactIds: people.map((p) => p.id), notes: written, stats };
  });

  registerProfileWrites(app, ctx, {
    type: 'account',
    path: '/customer-accounts',
    update: 'account.update',
    updateBody: UpdateAccountProfileBody,
    bodyLabel: 'profile',
    visible: visibleAccount,
    record: accountRecord,
    nameOf: (account) => account.name,
  });
}
