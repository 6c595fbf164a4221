import { and, eq } from 'drizzle-orm';
import { Account, Contact } from '../../../shared/domain/directory';
import { contactTagSet, retagTo, visibleTags } from '../../../shared/domain/tag-set';
import { ok } from '../../../shared/result';
import { AccountFields, ContactFields, type MutationArgs } from '../../../shared/sync/mutations';
import { accounts, contacts } from '../../db/schema';
import { phonesOf, replacePhones } from '../../directory/store';
import { lastWriterWins, notFound, pick, reject, type MutationContext, type Mutator } from './types';

const contactFieldNames = Object.keys(ContactFields.shape) as (keyof ContactFields)[];

/** Any signed-in user may add to the company directory (an agent saving a new caller). */
export const createContactMutation: Mutator<MutationArgs<'contact.create'>> = async (mc, args) => {
  const { companyId } = mc.principal;
  const { at, ...fields } = args;
  const record = Contact.parse({ ...fields, createdAt: at, updatedAt: at });
  // One statement instead of "does it exist?" then insert: a taken id inserts nothing.
  const inserted = await mc.tx
    .insert(contacts)
    .values({
      companyId,
      id: args.id,
      data: record,
      fieldHlc: Object.fromEntries(contactFieldNames.map((field) => [field, mc.hlc])),
      updatedAt: new Date(at),
      version: await mc.version(),
    })
    .onConflictDoNothing()
    .returning({ id: contacts.id });
  if (inserted.length === 0) return reject('already_exists', `A contact with the id ${args.id} already exists.`);
  await replacePhones(mc.tx, companyId, 'contacts', args.id, phonesOf(record));
  return ok(undefined);
};

/**
 * A contact of the caller's company, locked for this transaction (FOR UPDATE: two
 * changes of one contact serialise, so neither merges a copy the other is rewriting).
 */
export async function lockContact(mc: MutationContext, id: string) {
  const [row] = await mc.tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.companyId, mc.principal.companyId), eq(contacts.id, id)))
    .for('update');
  return row ?? null;
}

export const updateContactMutation: Mutator<MutationArgs<'contact.update'>> = async (mc, args) => {
  const { companyId } = mc.principal;
  const row = await lockContact(mc, args.id);
  if (!row) return notFound('Contact', args.id);
  const merge = lastWriterWins(row.fieldHlc, Object.keys(args.set) as (keyof ContactFields)[], mc.hlc);
  if (merge.won.length === 0) return ok(undefined);
  const updatedAt = new Date(Math.max(row.updatedAt.getTime(), Date.parse(args.at)));
  const changed = { ...row.data, ...pick(args.set, merge.won), updatedAt: updatedAt.toISOString() };
  // Tags are a set (tag-set.ts): a whole list becomes removals of what the server's copy
  // holds and additions of the new ones, exactly as the desktop applied it.
  if (merge.won.includes('tags') && args.set.tags) {
    const tagSet = retagTo(contactTagSet(row.data), args.set.tags);
    Object.assign(changed, { tags: visibleTags(tagSet), tagSet });
  }
  const parsed = Contact.safeParse(changed);
  if (!parsed.success) return reject('invalid_args', 'The contact would not be valid after this change.');
  await mc.tx
    .update(contacts)
    .set({ data: parsed.data, fieldHlc: merge.fieldHlc, updatedAt, version: await mc.version() })
    .where(and(eq(contacts.companyId, companyId), eq(contacts.id, args.id)));
  if (merge.won.includes('phones')) await replacePhones(mc.tx, companyId, 'contacts', args.id, phonesOf(parsed.data));
  return ok(undefined);
};

/**
 * An account's customer profile, part by part (AccountFields), merged like a contact's:
 * each part is its own last-writer-wins unit. Any signed-in user may edit it, as a
 * contact's profile. The row is locked (FOR UPDATE) for the same reason as a contact's.
 */
export const updateAccountMutation: Mutator<MutationArgs<'account.update'>> = async (mc, args) => {
  const { companyId } = mc.principal;
  const where = and(eq(accounts.companyId, companyId), eq(accounts.id, args.id));
  const [row] = await mc.tx.select().from(accounts).where(where).for('update');
  if (!row) return notFound('Account', args.id);
  const merge = lastWriterWins(row.fieldHlc, Object.keys(args.set) as (keyof AccountFields)[], mc.hlc);
  if (merge.won.length === 0) return ok(undefined);
  const updatedAt = new Date(Math.max(row.updatedAt.getTime(), Date.parse(args.at)));
  const parsed = Account.safeParse({ ...row.data, ...pick(args.set, merge.won), updatedAt: updatedAt.toISOString() });
  if (!parsed.success) return reject('invalid_args', 'The account would not be valid after this change.');
  await mc.tx
    .update(accounts)
    .set({ data: parsed.data, fieldHlc: merge.fieldHlc, updatedAt, version: await mc.version() })
    .where(where);
  return ok(undefined);
};
