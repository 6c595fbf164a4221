import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Account, Contact, Lead, PhoneNumber } from '../../../../src/shared/domain/directory';
import { emptyProfile } from '../../../../src/shared/domain/directory';
import { formatPhoneForDisplay } from '../../../../src/shared/domain/phone';
import { insertAccount } from '../../../../src/main/core/db/repositories/accounts';
import { insertContact } from '../../../../src/main/core/db/repositories/contacts';
import { insertLead } from '../../../../src/main/core/db/repositories/leads';
import { replacePhones } from '../../../../src/main/core/db/repositories/phones';
import type { LocalDb } from '../../../../src/main/core/db/open';
import { fillNumberFactsWindow } from '../../../../src/main/core/db/backfills';
import { seedDemo } from '../../../../src/main/core/demo/seed';
import { zoneOfNumber } from '../../../../src/main/core/lookup/country-zones';
import { createScreenPopLookup } from '../../../../src/main/core/lookup/screen-pop';
import { writeRecord } from '../../../../src/main/core/sync/cache-write';
import { fixtureTx, openTestDb } from '../helpers';
import { createReferenceLookup } from './reference-screen-pop';

/**
 * Migration 0007 stores what the pop shows about a number (display form, single country
 * zone) on the phone row when it is written. Every writer must fill it — a missed one
 * makes every ring of its numbers parse again — and a row without it must still pop right.
 */

const at = '2026-06-01T09:00:00.000Z';
const stamp = { createdAt: at, updatedAt: at };
const now = () => new Date('2026-07-01T16:30:00.000Z');
/** US (several zones: none), London, Berlin, a non-geographic freephone, and one libphonenumber cannot read. */
const sample: PhoneNumber[] = [
  { kind: 'work', e164: '+14155550100', extension: '12' },
  { kind: 'mobile', e164: '+442079460000', extension: null },
  { kind: 'home', e164: '+4930901820', extension: null },
  { kind: 'other', e164: '+80012345678', extension: null },
  { kind: 'fax', e164: '+999123456', extension: null },
];

const account = (id: string, phones: PhoneNumber[]): Account => ({
  ...emptyProfile,
  id,
  name: 'Acme',
  industry: '',
  country: 'GB',
  timeZone: null,
  phones,
  isDemo: false,
  ...stamp,
});
const person = { firstName: 'Ada', lastName: 'Lovelace', title: '', email: '', tags: [], doNotContact: false };
const contact = (id: string, phones: PhoneNumber[]): Contact => ({
  ...person,
  ...emptyProfile,
  id,
  doNotContactReason: null,
  timeZone: null,
  accountId: null,
  phones,
  isDemo: false,
  ...stamp,
});
const lead = (id: string, phones: PhoneNumber[]): Lead => ({
  ...person,
  id,
  company: '',
  status: 'New',
  doNotContactReason: null,
  timeZone: null,
  phones,
  isDemo: false,
  ...stamp,
});

interface FactsRow {
  e164: string;
  display: string | null;
  zone: string | null;
  cardDisplay: string | null;
  cardZone: string | null;
}

function storedFacts(local: LocalDb): FactsRow[] {
  return local.sqlite
    .prepare(
      `SELECT p.e164, p.display, p.country_zone AS zone, c.display AS cardDisplay, c.country_zone AS cardZone
         FROM phones p JOIN caller_cards c ON c.phone_id = p.id ORDER BY p.id`,
    )
    .all() as FactsRow[];
}

/** What the pop showed before 0007, computed the way the reference pop computes it. */
function expectedFacts(e164: string): FactsRow {
  const display = formatPhoneForDisplay(e164);
  const zone = zoneOfNumber(e164);
  return { e164, display, zone, cardDisplay: display, cardZone: zone };
}

function expectEveryRowFilled(local: LocalDb): void {
  const rows = storedFacts(local);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows).toEqual(rows.map((r) => expectedFacts(r.e164)));
}

describe('number facts on phone rows (migration 0007)', () => {
  it('the repositories fill them for accounts, contacts and leads, and when numbers are replaced', () => {
    const local = openTestDb();
    insertAccount(local.db, account('a1', sample.slice(0, 2)));
    insertContact(fixtureTx(local), contact('c1', sample.slice(1, 4)));
    insertLead(local.db, lead('l1', sample.slice(3)));
    replacePhones(local.db, 'contact', 'c1', [sample[4]!, sample[0]!]);
    expectEveryRowFilled(local);
    // Stored exactly as the pop used to compute them, e.g. a country with one zone and one without.
    expect(storedFacts(local).find((r) => r.e164 === '+442079460000')).toMatchObject({
      display: '+44 20 7946 0000',
      zone: 'Europe/London',
    });
    expect(storedFacts(local).find((r) => r.e164 === '+999123456')).toMatchObject({
      display: '+999123456',
      zone: null,
    });
  });

  it('the sync cache writer fills them for every directory record it writes', () => {
    const local = openTestDb();
    writeRecord(fixtureTx(local), 'accounts', account('a1', sample.slice(0, 2)));
    writeRecord(fixtureTx(local), 'contacts', contact('c1', sample.slice(2, 4)));
    writeRecord(fixtureTx(local), 'leads', lead('l1', sample.slice(4)));
    writeRecord(fixtureTx(local), 'contacts', contact('c1', sample.slice(0, 3))); // an update replaces the numbers
    expectEveryRowFilled(local);
  });

  it('the directory download may defer them; the sliced fill then puts them on phones and cards', () => {
    const local = openTestDb();
    const cards = createScreenPopLookup(local.sqlite, now);
    const reference = createReferenceLookup(local.sqlite, now);
    const deferred = { deferNumberFacts: true };
    writeRecord(fixtureTx(local), 'accounts', account('a1', sample.slice(0, 2)), deferred);
    writeRecord(fixtureTx(local), 'contacts', contact('c1', sample.slice(2, 4)), deferred);
    writeRecord(fixtureTx(local), 'leads', lead('l1', sample.slice(4)), deferred);
    expect(storedFacts(local).every((r) => r.display === null && r.cardDisplay === null)).toBe(true);
    // During the gap the pop derives them: the same answer.
    for (const { e164 } of sample) expect(cards.lookup(e164)).toEqual(reference.lookup(e164));
    // Windows of ids: one that holds nothing is harmless; together they fill every row.
    expect(fillNumberFactsWindow(local.sqlite, 1_000, 2)).toBe(0);
    let filled = 0;
    for (let after = 0; after < 10; after += 2) filled += fillNumberFactsWindow(local.sqlite, after, 2);
    expect(filled).toBe(sample.length);
    expectEveryRowFilled(local);
    for (const { e164 } of sample) expect(cards.lookup(e164)).toEqual(reference.lookup(e164));
  });

  it('the demo seed fills them', () => {
    const local = openTestDb();
    seedDemo(local, { now: now(), userId: 'user-1', agentName: 'Agent' });
    expectEveryRowFilled(local);
  });

  it('every statement in src that inserts phone rows builds them with phoneRowValues', () => {
    // A structural guard for the paths above and any added later: the bench store builder
    // (test/bench/screen-pop.ts) is held to it by hand, as benches are not unit-tested.
    const root = join(process.cwd(), 'src');
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
      });
    })(root);
    const writers = files.filter((file) =>
      /insert\s+into\s+`?phones`?\s*\(|\.insert\(phones\)/i.test(readFileSync(file, 'utf8')),
    );
    expect(writers.map((file) => relative(root, file)).sort()).toEqual([
      'main/core/db/repositories/phones.ts',
      'main/core/sync/cache-write.ts',
    ]);
    for (const file of writers) expect(readFileSync(file, 'utf8')).toContain('phoneRowValues(');
  });

  it('a row written without them (an older row, a path that skipped the helper) still pops the same', () => {
    const local = openTestDb();
    const cards = createScreenPopLookup(local.sqlite, now);
    const reference = createReferenceLookup(local.sqlite, now);
    insertContact(fixtureTx(local), contact('c1', []));
    const raw = local.sqlite.prepare(
      `INSERT INTO phones (owner_type, owner_id, position, kind, e164) VALUES ('contact', 'c1', ?, 'work', ?)`,
    );
    sample.forEach((phone, position) => raw.run(position, phone.e164));
    expect(storedFacts(local).every((r) => r.display === null && r.cardDisplay === null)).toBe(true);
    for (const { e164 } of sample) {
      const pop = cards.lookup(e164);
      expect(pop).toEqual(reference.lookup(e164));
      expect(pop.numberDisplay).toBe(formatPhoneForDisplay(e164));
    }
    // The contact has no zone, so the number's own is shown: derived at read time here.
    expect(cards.lookup('+442079460000').numberLocalTime).toMatchObject({ zone: 'Europe/London', source: 'number' });
  });

  it('a number edited in place without its facts forgets the old ones instead of showing them', () => {
    const local = openTestDb();
    const cards = createScreenPopLookup(local.sqlite, now);
    insertContact(fixtureTx(local), contact('c1', [sample[1]!]));
    local.sqlite.prepare(`UPDATE phones SET e164 = ? WHERE e164 = ?`).run('+4930901820', '+442079460000');
    expect(storedFacts(local)).toEqual([
      { e164: '+4930901820', display: null, zone: null, cardDisplay: null, cardZone: null },
    ]);
    expect(cards.lookup('+4930901820')).toMatchObject({
      numberDisplay: '+49 30 901820',
      numberLocalTime: { zone: 'Europe/Berlin', source: 'number' },
    });
    // A writer that edits the number AND its facts keeps what it wrote.
    local.sqlite
      .prepare(`UPDATE phones SET e164 = ?, display = ?, country_zone = ? WHERE e164 = ?`)
      .run('+442079460000', '+44 20 7946 0000', 'Europe/London', '+4930901820');
    expect(storedFacts(local)).toEqual([expectedFacts('+442079460000')]);
  });
});
