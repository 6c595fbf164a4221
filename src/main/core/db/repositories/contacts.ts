import { asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Contact } from '../../../../shared/domain/directory';
import type { Db } from '../client';
import type { WriteTx } from '../write-tx';
import { accounts, contacts, phones } from '../schema';
import { profileColumns, profileFields } from './customer-profile';
import { personColumns, personFields } from './people';
import { phonesOf, replacePhones } from './phones';
import { ftsMatchQuery, likePrefix } from './search-text';

type ContactRow = typeof contacts.$inferSelect;

/** Writes a contact and its numbers; the caller supplies the transaction. */
export function insertContact({ db }: WriteTx, contact: Contact): void {
  db.insert(contacts)
    .values({ ...personColumns(contact), ...profileColumns(contact), accountId: contact.accountId })
    .run();
  replacePhones(db, 'contact', contact.id, contact.phones);
}

function toContacts(db: Db, rows: ContactRow[]): Contact[] {
  const numbers = phonesOf(
    db,
    'contact',
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...personFields(row),
    ...profileFields(row),
    accountId: row.accountId,
    phones: numbers.get(row.id) ?? [],
  }));
}

export function getContact(db: Db, id: string): Contact | null {
  const row = db.select().from(contacts).where(eq(contacts.id, id)).get();
  return row ? (toContacts(db, [row])[0] ?? null) : null;
}

export function getContacts(db: Db, ids: string[]): Contact[] {
  if (ids.length === 0) return [];
  return toContacts(db, db.select().from(contacts).where(inArray(contacts.id, ids)).all());
}

export function contactsOfAccount(db: Db, accountId: string): Contact[] {
  const rows = db
    .select()
    .from(contacts)
    .where(eq(contacts.accountId, accountId))
    .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id))
    .all();
  return toContacts(db, rows);
}

/**
 * Name search by prefix of the first name, last name, or "first last", so it can use
 * the name index instead of scanning every contact. (LIKE is case-insensitive for
 * ASCII in SQLite.)
 */
export function contactNameMatches(search: string): SQL {
  const pattern = likePrefix(search.trim());
  return or(
    sql`${contacts.lastName} like ${pattern} escape '\\'`,
    sql`${contacts.firstName} like ${pattern} escape '\\'`,
    sql`(${contacts.firstName} || ' ' || ${contacts.lastName}) like ${pattern} escape '\\'`,
  ) as SQL;
}

export interface ContactSearch {
  /** What the agent typed. */
  text: string;
  /** The text read as a phone number (E.164, `phoneSearchKey`), or null. */
  number: string | null;
}

/**
 * The contacts list's search. A phone number finds the contacts that own it (in any
 * format: the caller normalised it). Anything else finds contacts by the start of their
 * name, of their company (account) name or of one of their tags, or by a note written
 * about them. Each branch but the tags is an index seek; tags are a JSON array, so
 * matching them reads every contact's tags (a scan that is fine for a desktop directory
 * and is why the other branches stay indexed).
 */
export function contactSearchMatches(search: ContactSearch): SQL | undefined {
  if (search.number) {
    return sql`${contacts.id} in (select ${phones.ownerId} from ${phones} where ${phones.ownerType} = 'contact' and ${phones.e164} = ${search.number})`;
  }
  const text = search.text.trim();
  if (text === '') return undefined;
  const pattern = likePrefix(text);
  const branches: SQL[] = [
    contactNameMatches(text),
    sql`${contacts.accountId} in (select ${accounts.id} from ${accounts} where ${accounts.name} like ${pattern} escape '\\')`,
    sql`exists (select 1 from json_each(${contacts.tags}) where json_each.value like ${pattern} escape '\\')`,
  ];
  const match = ftsMatchQuery(text);
  if (match) {
    branches.push(
      sql`${contacts.id} in (select n.related_id from notes n where n.related_type = 'contact' and n.id in (select note_id from notes_fts where notes_fts match ${match}))`,
    );
  }
  return or(...branches);
}

export interface ContactListItem extends Contact {
  accountName: string | null;
}

/** Contacts by last name, with their account's name for the list. */
export function listContacts(
  db: Db,
  filter: { search?: ContactSearch | undefined; limit: number; offset: number },
): { items: ContactListItem[]; total: number } {
  const where = filter.search ? contactSearchMatches(filter.search) : undefined;
  const rows = db
    .select({ contact: contacts, accountName: accounts.name })
    .from(contacts)
    .leftJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(where)
    .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id))
    .limit(filter.limit)
    .offset(filter.offset)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(contacts)
      .where(where)
      .get()?.n ?? 0;
  const records = toContacts(
    db,
    rows.map((r) => r.contact),
  );
  return { items: records.map((c, i) => ({ ...c, accountName: rows[i]?.accountName ?? null })), total };
}
