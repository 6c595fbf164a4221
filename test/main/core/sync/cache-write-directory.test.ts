import { describe, expect, it } from 'vitest';
import type { Account, Contact, Lead, PhoneNumber } from '../../../../src/shared/domain/directory';
import { emptyProfile } from '../../../../src/shared/domain/directory';
import { writeRecord, type WriteOptions } from '../../../../src/main/core/sync/cache-write';
import { fixtureDb } from '../helpers';

/**
 * Server copies of directory records (cache-write.ts) keep the search index (0013, 0022)
 * and the caller cards right while writing as little as they can: the numbers go first,
 * so a new record's search entry is made once with its digits, and a record brought again
 * unchanged (a download started over) or changed outside what is searched rewrites
 * neither its phone rows nor its search entry.
 */

const at = '2026-06-01T09:00:00.000Z';
const work = (e164: string): PhoneNumber => ({ kind: 'work', e164, extension: null });

const account = (name: string, phones: PhoneNumber[] = []): Account => ({
  ...emptyProfile,
  id: 'a1',
  name,
  industry: '',
  country: 'GB',
  timeZone: null,
  phones,
  isDemo: false,
  createdAt: at,
  updatedAt: at,
});

const contact = (changes: Partial<Contact> = {}): Contact => ({
  ...emptyProfile,
  id: 'c1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  title: '',
  email: 'ada@engines.example',
  phones: [work('+442079460000')],
  tags: ['vip'],
  doNotContact: false,
  doNotContactReason: null,
  timeZone: null,
  accountId: 'a1',
  isDemo: false,
  createdAt: at,
  updatedAt: at,
  ...changes,
});

const lead = (changes: Partial<Lead> = {}): Lead => ({
  id: 'l1',
  firstName: 'Grace',
  lastName: 'Hopper',
  title: '',
  email: '',
  phones: [work('+14155550100')],
  tags: [],
  doNotContact: false,
  doNotContactReason: null,
  timeZone: null,
  company: 'Navy',
  status: 'New',
  isDemo: false,
  createdAt: at,
  updatedAt: at,
  ...changes,
});

function store() {
  const local = fixtureDb();
  const write = (entity: 'accounts' | 'contacts' | 'leads', record: unknown, options?: WriteOptions) => {
    const before = local.sqlite.prepare('select total_changes() as n').pluck().get() as number;
    local.sqlite.transaction(() => writeRecord(local.tx, entity, record, options))();
    // Every row a statement or a trigger inserted, updated or deleted (search index included).
    return (local.sqlite.prepare('select total_changes() as n').pluck().get() as number) - before;
  };
  const entry = (kind: string, id: string) =>
    local.sqlite
      .prepare(
        `select name, company, email, phones, tags from directory_fts
         where rowid = (select seq from directory_keys where kind = ? and ref_id = ?)`,
      )
      .get(kind, id) as { name: string; company: string; email: string; phones: string; tags: string } | undefined;
  const found = (text: string) =>
    local.sqlite
      .prepare(
        `select k.ref_id from directory_fts f join directory_keys k on k.seq = f.rowid where directory_fts match ?`,
      )
      .pluck()
      .all(`"${text}"`) as string[];
  const phoneIds = (ownerId: string) =>
    local.sqlite.prepare('select id from phones where owner_id = ? order by position').pluck().all(ownerId);
  const displays = (ownerId: string) =>
    local.sqlite.prepare('select display from phones where owner_id = ? order by position').pluck().all(ownerId);
  const card = (ownerId: string) => {
    const json = local.sqlite.prepare('select card from caller_cards where owner_id = ? limit 1').pluck().get(ownerId);
    return JSON.parse(json as string) as { firstName: string; account: { name: string } | null; doNotContact: boolean };
  };
  return { write, entry, found, phoneIds, displays, card };
}

/** Tags are rows of their own (record_tags), rewritten on every write: left out where rows are counted. */
const untagged = (changes: Partial<Contact> = {}) => contact({ tags: [], ...changes });

describe('directory records written from a pull', () => {
  it('a new contact is searchable by name, company, email, digits and tag, and its card is whole', () => {
    const s = store();
    s.write('accounts', account('Analytical Engines'));
    s.write('contacts', contact({ phones: [work('+442079460000'), work('+4930901820')] }));
    expect(s.entry('contact', 'c1')).toEqual({
      name: 'Ada Lovelace',
      company: 'Analytical Engines',
      email: 'ada@engines.example',
      phones: '442079460000 4930901820',
      tags: 'vip',
    });
    expect(s.found('ovela')).toEqual(['c1']);
    expect(s.found('0901820')).toEqual(['c1']);
    expect(s.card('c1')).toMatchObject({
      firstName: 'Ada',
      account: { name: 'Analytical Engines' },
      doNotContact: false,
    });
  });

  it('brought again unchanged, a contact, a lead and an account rewrite only their own row', () => {
    const s = store();
    s.write('accounts', account('Analytical Engines', [work('+442079460001')]));
    s.write('contacts', untagged());
    s.write('leads', lead());
    const ids = [s.phoneIds('a1'), s.phoneIds('c1'), s.phoneIds('l1')];
    // Before: the phone rows were deleted and inserted again (their search entry rewritten
    // twice, their card once), and the search entry rewritten for the record itself.
    expect(s.write('accounts', account('Analytical Engines', [work('+442079460001')]))).toBe(1);
    expect(s.write('contacts', untagged())).toBe(1);
    expect(s.write('leads', lead())).toBe(1);
    expect([s.phoneIds('a1'), s.phoneIds('c1'), s.phoneIds('l1')]).toEqual(ids);
    expect(s.found('ovela')).toEqual(['c1']);
    expect(s.found('5550100')).toEqual(['l1']);
  });

  it('a change outside the search (do not contact) updates the card and leaves the search entry', () => {
    const s = store();
    s.write('accounts', account('Analytical Engines'));
    s.write('contacts', untagged());
    // The contact's row and its one card row; no search entry, no phone row.
    expect(s.write('contacts', untagged({ doNotContact: true, doNotContactReason: 'Asked' }))).toBe(2);
    expect(s.card('c1').doNotContact).toBe(true);
    expect(s.found('ovela')).toEqual(['c1']);
  });

  it('a new name, a new number, a renamed account: the search follows each', () => {
    const s = store();
    s.write('accounts', account('Analytical Engines'));
    s.write('contacts', untagged());
    s.write('contacts', untagged({ firstName: 'Augusta', phones: [work('+4930901820')] }));
    expect(s.found('ugust')).toEqual(['c1']);
    expect(s.found('2079460000')).toEqual([]);
    expect(s.found('0901820')).toEqual(['c1']);
    s.write('accounts', account('Difference Engines'));
    expect(s.entry('contact', 'c1')?.company).toBe('Difference Engines');
    expect(s.card('c1').account?.name).toBe('Difference Engines');
  });

  it('numbers whose facts were deferred are written again, facts derived, when a write would derive them', () => {
    const s = store();
    s.write('contacts', untagged(), { deferNumberFacts: true });
    expect(s.write('contacts', untagged(), { deferNumberFacts: true })).toBe(1);
    expect(s.displays('c1')).toEqual([null]);
    s.write('contacts', untagged());
    expect(s.displays('c1')).toEqual(['+44 20 7946 0000']);
    expect(s.found('2079460000')).toEqual(['c1']);
  });
});
