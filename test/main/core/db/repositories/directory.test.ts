import { describe, expect, it } from 'vitest';
import type { Account, Contact, Lead } from '../../../../../src/shared/domain/directory';
import { emptyProfile } from '../../../../../src/shared/domain/directory';
import { getAccount, insertAccount, listAccounts } from '../../../../../src/main/core/db/repositories/accounts';
import { getContact, insertContact, listContacts } from '../../../../../src/main/core/db/repositories/contacts';
import { searchDirectory } from '../../../../../src/main/core/db/repositories/directory-search';
import { getLead, insertLead } from '../../../../../src/main/core/db/repositories/leads';
import { lookupByE164 } from '../../../../../src/main/core/db/repositories/lookup';
import { fixtureDb } from '../../helpers';

const at = '2026-03-01T00:00:00.000Z';
const base = { isDemo: false, createdAt: at, updatedAt: at };

function account(id: string, name: string, phones: Account['phones'] = []): Account {
  return {
    ...base,
    ...emptyProfile,
    id,
    name,
    industry: 'Logistics',
    country: 'US',
    timeZone: 'America/New_York',
    phones,
  };
}

function contact(id: string, firstName: string, lastName: string, extra: Partial<Contact> = {}): Contact {
  return {
    ...base,
    ...emptyProfile,
    id,
    firstName,
    lastName,
    title: '',
    email: '',
    phones: [],
    tags: [],
    doNotContact: false,
    doNotContactReason: null,
    timeZone: null,
    accountId: null,
    ...extra,
  };
}

const switchboard = { kind: 'work' as const, e164: '+12125550100', extension: null };

describe('directory repositories', () => {
  it('round-trips contacts with ordered phones, tags and do-not-contact', () => {
    const { db, tx } = fixtureDb();
    insertAccount(db, account('a1', 'Northwind', [switchboard]));
    const alice = contact('c1', 'Alice', 'Carter', {
      accountId: 'a1',
      phones: [
        { kind: 'mobile', e164: '+19175550102', extension: null },
        { kind: 'work', e164: '+12125550100', extension: '204' },
      ],
      tags: ['vip', 'renewal'],
      doNotContact: true,
      doNotContactReason: 'Asked not to be called',
      doNotContactSince: '2026-02-27T15:30:00.000Z',
      doNotContactBy: 'Sam Supervisor',
      timeZone: 'America/New_York',
    });
    insertContact(tx, alice);
    expect(getContact(db, 'c1')).toEqual(alice);
    expect(getAccount(db, 'a1')?.phones).toEqual([switchboard]);
  });

  it('finds every contact, lead and account that owns a number with one index point lookup', () => {
    const { db, sqlite, tx } = fixtureDb();
    insertAccount(db, account('a1', 'Northwind', [switchboard]));
    insertContact(tx, contact('c1', 'Alice', 'Carter', { phones: [{ ...switchboard, extension: '204' }] }));
    insertContact(
      tx,
      contact('c2', 'Bob', 'Other', { phones: [{ kind: 'mobile', e164: '+12125550199', extension: null }] }),
    );
    const lead: Lead = {
      ...contact('l1', 'Dana', 'Whitfield', { phones: [switchboard] }),
      company: 'Prairie',
      status: 'New',
    } as Lead;
    delete (lead as Partial<Contact>).accountId;
    // A lead has no customer profile (only contacts do).
    for (const key of Object.keys(emptyProfile)) delete (lead as unknown as Record<string, unknown>)[key];
    insertLead(db, lead);

    const owners = lookupByE164(db, '+12125550100');
    expect(owners.contacts.map((c) => c.id)).toEqual(['c1']);
    expect(owners.leads.map((l) => l.id)).toEqual(['l1']);
    expect(owners.accounts.map((a) => a.id)).toEqual(['a1']);
    expect(getLead(db, 'l1')).toEqual(lead);
    expect(lookupByE164(db, '+19999999999')).toEqual({ contacts: [], leads: [], accounts: [] });

    const plan = sqlite
      .prepare(`explain query plan select distinct owner_type, owner_id from phones where e164 = ?`)
      .all('+12125550100') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/SEARCH phones USING INDEX phones_e164_idx \(e164=\?\)/);
  });

  it('deleting a contact removes its numbers from lookup', () => {
    const { db, sqlite, tx } = fixtureDb();
    insertContact(tx, contact('c1', 'Alice', 'Carter', { phones: [switchboard] }));
    sqlite.prepare(`delete from contacts where id = 'c1'`).run();
    expect(lookupByE164(db, switchboard.e164).contacts).toEqual([]);
  });

  it('lists contacts by last name with their account name, searchable by name prefix', () => {
    const { db, tx } = fixtureDb();
    insertAccount(db, account('a1', 'Northwind'));
    insertContact(tx, contact('c1', 'Zoe', 'Adams', { accountId: 'a1' }));
    insertContact(tx, contact('c2', 'Alice', 'Carter'));
    insertContact(tx, contact('c3', 'Bob', 'Baker'));
    const all = listContacts(db, { limit: 10, offset: 0 });
    expect(all.items.map((c) => c.lastName)).toEqual(['Adams', 'Baker', 'Carter']);
    expect(all.items[0]!.accountName).toBe('Northwind');
    expect(all.items[1]!.accountName).toBeNull();
    expect(
      listContacts(db, { search: { text: 'ali', number: null }, limit: 10, offset: 0 }).items.map((c) => c.id),
    ).toEqual(['c2']);
    expect(
      listContacts(db, { search: { text: 'bob bak', number: null }, limit: 10, offset: 0 }).items.map((c) => c.id),
    ).toEqual(['c3']);
    expect(listContacts(db, { search: { text: '%', number: null }, limit: 10, offset: 0 }).total).toBe(0); // LIKE wildcards are literal
    const page = listContacts(db, { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ lastName: 'Baker' }] });
  });

  it('lists accounts by name and searches the directory across record types', () => {
    const { db, tx } = fixtureDb();
    insertAccount(db, account('a2', 'Tailspin'));
    insertAccount(db, account('a1', 'Northwind'));
    insertContact(tx, contact('c1', 'Nora', 'Smith', { accountId: 'a2', title: 'CFO' }));
    expect(listAccounts(db, { limit: 10, offset: 0 }).items.map((a) => a.name)).toEqual(['Northwind', 'Tailspin']);
    expect(listAccounts(db, { search: 'tail', limit: 10, offset: 0 }).items.map((a) => a.id)).toEqual(['a2']);
    const hits = searchDirectory(db, 'no', undefined, 10);
    expect(hits).toEqual([
      { type: 'contact', id: 'c1', name: 'Nora Smith', detail: 'CFO, Tailspin' },
      { type: 'account', id: 'a1', name: 'Northwind', detail: 'Logistics' },
    ]);
    expect(searchDirectory(db, 'no', ['account'], 10).map((h) => h.type)).toEqual(['account']);
  });
});
