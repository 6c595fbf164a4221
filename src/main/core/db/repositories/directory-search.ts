import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { RelatedType } from '../../../../shared/domain/call';
import type { Db } from '../client';
import { accounts, cases, contacts, leads, opportunities, phones } from '../schema';
import { contactNameMatches } from './contacts';
import { indexedKinds, searchDirectoryIndex, trigramQuery } from './directory-index';
import { likePrefix } from './search-text';

export interface DirectoryHit {
  type: RelatedType;
  id: string;
  name: string;
  detail: string;
}

const allTypes: RelatedType[] = ['contact', 'account', 'lead', 'opportunity', 'case'];

/**
 * Finds records for pickers and search as you type: contacts, leads and accounts by any
 * part of their name, company, email, number or tags through the trigram index
 * (directory-index.ts) once three characters are typed; opportunities and cases, and
 * anything shorter, by the start of their name on a name index.
 */
export function searchDirectory(
  db: Db,
  query: string,
  types: RelatedType[] | undefined,
  limit: number,
  /** The query read as a phone number (E.164, `phoneSearchKey`): the records owning it are found instead. */
  number: string | null = null,
): DirectoryHit[] {
  const wanted = new Set(types && types.length > 0 ? types : allTypes);
  if (number) return ownersOf(db, number, wanted, limit);
  // Three characters or more: contacts, leads and accounts come from the trigram index
  // (any part of a name, company, email, number or tag); the rest by name prefix.
  const match = trigramQuery(query);
  if (match && [...wanted].some((k) => indexedKinds.includes(k as never))) {
    const kinds = indexedKinds.filter((k) => wanted.has(k));
    const indexed = searchDirectoryIndex(db, match, kinds, limit);
    kinds.forEach((k) => wanted.delete(k));
    if (wanted.size === 0) return indexed;
    return [...indexed, ...searchDirectory(db, query, [...wanted], limit)].slice(0, limit);
  }
  const pattern = likePrefix(query.trim());
  const like = (column: unknown) => sql`${column} like ${pattern} escape '\\'`;
  const hits: DirectoryHit[] = [];

  if (wanted.has('contact')) {
    const rows = db
      .select({
        id: contacts.id,
        first: contacts.firstName,
        last: contacts.lastName,
        account: accounts.name,
        title: contacts.title,
      })
      .from(contacts)
      .leftJoin(accounts, sql`${accounts.id} = ${contacts.accountId}`)
      .where(contactNameMatches(query))
      .orderBy(asc(contacts.lastName), asc(contacts.firstName))
      .limit(limit)
      .all();
    for (const r of rows) {
      hits.push({
        type: 'contact',
        id: r.id,
        name: [r.first, r.last].filter(Boolean).join(' '),
        detail: [r.title, r.account].filter(Boolean).join(', '),
      });
    }
  }
  if (wanted.has('account')) {
    const rows = db.select().from(accounts).where(like(accounts.name)).orderBy(asc(accounts.name)).limit(limit).all();
    for (const r of rows) hits.push({ type: 'account', id: r.id, name: r.name, detail: r.industry });
  }
  if (wanted.has('lead')) {
    const rows = db
      .select()
      .from(leads)
      .where(sql`${like(leads.lastName)} or ${like(leads.firstName)} or ${like(leads.company)}`)
      .orderBy(asc(leads.lastName))
      .limit(limit)
      .all();
    for (const r of rows) {
      hits.push({
        type: 'lead',
        id: r.id,
        name: [r.firstName, r.lastName].filter(Boolean).join(' '),
        detail: r.company,
      });
    }
  }
  if (wanted.has('opportunity')) {
    const rows = db
      .select({ id: opportunities.id, name: opportunities.name, stage: opportunities.stage, account: accounts.name })
      .from(opportunities)
      .leftJoin(accounts, sql`${accounts.id} = ${opportunities.accountId}`)
      .where(like(opportunities.name))
      .orderBy(asc(opportunities.name))
      .limit(limit)
      .all();
    for (const r of rows) {
      hits.push({
        type: 'opportunity',
        id: r.id,
        name: r.name,
        detail: [r.stage, r.account].filter(Boolean).join(', '),
      });
    }
  }
  if (wanted.has('case')) {
    const rows = db
      .select()
      .from(cases)
      .where(sql`${like(cases.subject)} or ${like(cases.number)}`)
      .orderBy(asc(cases.number))
      .limit(limit)
      .all();
    for (const r of rows) {
      hits.push({
        type: 'case',
        id: r.id,
        name: `Case ${r.number}: ${r.subject}`,
        detail: `${r.status}, ${r.priority}`,
      });
    }
  }
  return hits.slice(0, limit);
}

/** Contacts, leads and accounts with this number (an index seek on phones.e164). */
function ownersOf(db: Db, number: string, wanted: Set<RelatedType>, limit: number): DirectoryHit[] {
  const owners = db
    .select({ type: phones.ownerType, id: phones.ownerId })
    .from(phones)
    .where(eq(phones.e164, number))
    .limit(limit)
    .all()
    .filter((o) => wanted.has(o.type));
  const ids = (type: RelatedType) => owners.filter((o) => o.type === type).map((o) => o.id);
  const hits: DirectoryHit[] = [];
  const contactIds = ids('contact');
  if (contactIds.length > 0) {
    const rows = db
      .select({ id: contacts.id, first: contacts.firstName, last: contacts.lastName, account: accounts.name })
      .from(contacts)
      .leftJoin(accounts, eq(accounts.id, contacts.accountId))
      .where(inArray(contacts.id, contactIds))
      .all();
    for (const r of rows) {
      hits.push({
        type: 'contact',
        id: r.id,
        name: [r.first, r.last].filter(Boolean).join(' '),
        detail: r.account ?? '',
      });
    }
  }
  const leadIds = ids('lead');
  if (leadIds.length > 0) {
    for (const r of db.select().from(leads).where(inArray(leads.id, leadIds)).all()) {
      hits.push({
        type: 'lead',
        id: r.id,
        name: [r.firstName, r.lastName].filter(Boolean).join(' '),
        detail: r.company,
      });
    }
  }
  const accountIds = ids('account');
  if (accountIds.length > 0) {
    for (const r of db.select().from(accounts).where(inArray(accounts.id, accountIds)).all()) {
      hits.push({ type: 'account', id: r.id, name: r.name, detail: r.industry });
    }
  }
  return hits.slice(0, limit);
}
