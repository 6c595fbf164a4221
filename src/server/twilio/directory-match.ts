import { and, eq, inArray } from 'drizzle-orm';
import type { Participant, RelatedRef } from '../../shared/domain/call';
import type { Db, Tx } from '../db/database';
import { accounts, contacts, directoryPhones, leads } from '../db/schema';

/** Who in the company directory has this number: the caller on an inbound call, the callee's flags outbound. */

export interface CallerMatch {
  type: 'contact' | 'lead' | 'account';
  id: string;
  name: string;
  /** The contact's account, when it has one (the call is filed under it). */
  account: { id: string; name: string } | null;
}

type Queryable = Db | Tx;

async function hitsFor(db: Queryable, companyId: string, e164: string) {
  return db
    .select({ entity: directoryPhones.entity, id: directoryPhones.entityId })
    .from(directoryPhones)
    .where(and(eq(directoryPhones.companyId, companyId), eq(directoryPhones.e164, e164)))
    .limit(20);
}

async function rowsOf(db: Queryable, companyId: string, entity: 'contacts' | 'leads' | 'accounts', ids: string[]) {
  if (ids.length === 0) return [];
  const table = { contacts, leads, accounts }[entity];
  const rows = await db
    .select({ id: table.id, data: table.data })
    .from(table)
    .where(and(eq(table.companyId, companyId), inArray(table.id, ids)));
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

const personName = (data: Record<string, unknown>) =>
  [data['firstName'], data['lastName']].filter((part) => typeof part === 'string' && part !== '').join(' ');

/** The one customer this number belongs to: a contact first, then a lead, then an account (lowest id on ties). */
export async function matchCaller(db: Queryable, companyId: string, e164: string): Promise<CallerMatch | null> {
  const hits = await hitsFor(db, companyId, e164);
  const ids = (entity: string) => hits.filter((hit) => hit.entity === entity).map((hit) => hit.id);
  const [contact] = await rowsOf(db, companyId, 'contacts', ids('contacts'));
  if (contact) {
    const accountId = typeof contact.data['accountId'] === 'string' ? contact.data['accountId'] : null;
    const [account] = accountId ? await rowsOf(db, companyId, 'accounts', [accountId]) : [];
    return {
      type: 'contact',
      id: contact.id,
      name: personName(contact.data),
      account: account ? { id: account.id, name: String(account.data['name'] ?? '') } : null,
    };
  }
  const [lead] = await rowsOf(db, companyId, 'leads', ids('leads'));
  if (lead) return { type: 'lead', id: lead.id, name: personName(lead.data), account: null };
  const [account] = await rowsOf(db, companyId, 'accounts', ids('accounts'));
  if (account) return { type: 'account', id: account.id, name: String(account.data['name'] ?? ''), account: null };
  return null;
}

/** The customer as a participant, and the record the call is filed under (the contact's account when it has one). */
export function linksOf(match: CallerMatch | null): { participants: Participant[]; related: RelatedRef | null } {
  if (!match) return { participants: [], related: null };
  const participants: Participant[] =
    match.type === 'account' ? [] : [{ kind: match.type, id: match.id, role: 'attendee', name: match.name }];
  const related: RelatedRef = match.account
    ? { type: 'account', id: match.account.id, name: match.account.name }
    : { type: match.type, id: match.id, name: match.name };
  return { participants, related };
}

/** The reason this number must not be called, from any contact or lead holding it, or null. */
export async function doNotContactReason(db: Queryable, companyId: string, e164: string): Promise<string | null> {
  const hits = await hitsFor(db, companyId, e164);
  for (const entity of ['contacts', 'leads'] as const) {
    const rows = await rowsOf(
      db,
      companyId,
      entity,
      hits.filter((hit) => hit.entity === entity).map((hit) => hit.id),
    );
    const flagged = rows.find((row) => row.data['doNotContact'] === true);
    if (flagged) {
      const reason = flagged.data['doNotContactReason'];
      return `${personName(flagged.data)} is marked do-not-contact${typeof reason === 'string' && reason ? `: ${reason}` : ''}.`;
    }
  }
  return null;
}
