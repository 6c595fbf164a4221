import { describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../../../src/shared/api';
import { call, testCore } from '../helpers';

type Contacts = ApiOutput<'contacts.list'>;
type Calls = ApiOutput<'calls.list'>;

const contactNames = (list: Contacts) => list.items.map((c) => `${c.firstName} ${c.lastName}`);

/** The demo directory: Victor Hale's mobile is (646) 555-0107; Alice Carter works at Northwind Logistics. */
function demoCore() {
  return testCore({ seedDemo: true });
}

describe('search by phone number', () => {
  it.each(['646 555 0107', '+16465550107', '(646) 555-0107', '+1 646-555-0107', 'tel:+1-646-555-0107'])(
    'finds the contact that owns %s',
    async (typed) => {
      const core = demoCore();
      const found = await call<Contacts>(core, 'contacts.list', { search: typed });
      expect(contactNames(found)).toEqual(['Victor Hale']);
    },
  );

  it.each(['212 555 0101', '+12125550101', '(212) 555-0101'])('finds the calls from or to %s', async (typed) => {
    const core = demoCore();
    const found = await call<Calls>(core, 'calls.list', { search: typed });
    expect(found.total).toBeGreaterThan(0);
    for (const c of found.items) expect([c.fromNumber, c.toNumber]).toContain('+12125550101');
    const all = await call<Calls>(core, 'calls.list', { limit: 500 });
    const withNumber = all.items.filter((c) => c.fromNumber === '+12125550101' || c.toNumber === '+12125550101');
    expect(found.total).toBe(withNumber.length);
  });

  it('finds the owner of a number in the pickers too', async () => {
    const core = demoCore();
    const hits = await call<ApiOutput<'directory.search'>>(core, 'directory.search', { query: '(646) 555-0107' });
    expect(hits).toEqual([expect.objectContaining({ type: 'contact', name: 'Victor Hale' })]);
  });

  it('does not take a word with a number in it for a phone number', async () => {
    const core = demoCore();
    const found = await call<Calls>(core, 'calls.list', { search: 'invoice 8812' });
    expect(found.items.map((c) => c.subject)).toEqual(['Question about invoice 8812']);
  });
});

describe('contacts by company and tag', () => {
  it('finds the contacts of an account by the start of its name', async () => {
    const core = demoCore();
    const found = await call<Contacts>(core, 'contacts.list', { search: 'northwind' });
    expect(found.total).toBeGreaterThan(1);
    expect(found.items.every((c) => c.accountName === 'Northwind Logistics')).toBe(true);
    expect(contactNames(found)).toContain('Alice Carter');
  });

  it('finds contacts by a tag', async () => {
    const core = demoCore();
    const tagged = await call<Contacts>(core, 'contacts.list', { search: 'decision-maker' });
    expect(contactNames(tagged)).toContain('Alice Carter');
    expect(tagged.items.every((c) => c.tags.includes('decision-maker'))).toBe(true);
    expect(contactNames(await call<Contacts>(core, 'contacts.list', { search: 'former' }))).toEqual(['Victor Hale']);
  });
});

describe('notes', () => {
  it('finds a call by the words of a note added to it', async () => {
    const core = demoCore();
    const target = (await call<Calls>(core, 'calls.list', { search: 'invoice 8812' })).items[0]!;
    expect((await call<Calls>(core, 'calls.list', { search: 'pallet jack' })).total).toBe(0);
    await call(core, 'calls.addNote', { callId: target.id, body: 'Customer asked about a pallet jack rental.' });
    const found = await call<Calls>(core, 'calls.list', { search: 'pallet jack' });
    expect(found.items.map((c) => c.id)).toEqual([target.id]);
  });

  it('finds a contact by a demo note about them, and shows it on the contact', async () => {
    const core = demoCore();
    const found = await call<Contacts>(core, 'contacts.list', { search: 'German documents' });
    expect(found.total).toBe(1);
    expect(found.items[0]!.firstName).toBe('Lena');
    const detail = await call<ApiOutput<'contacts.get'>>(core, 'contacts.get', { id: found.items[0]!.id });
    expect(detail.notes.map((n) => n.body)).toContain('Speaks German and English; send documents in German.');
  });

  it('shows on a contact the notes typed on calls with them, newest first', async () => {
    const core = demoCore();
    const alice = (await call<Contacts>(core, 'contacts.list', { search: 'Alice' })).items[0]!;
    const detail = await call<ApiOutput<'contacts.get'>>(core, 'contacts.get', { id: alice.id });
    const onCall = detail.recentCalls[0]!;
    await call(core, 'calls.addNote', { callId: onCall.id, body: 'Send the fleet pricing sheet.' });
    const after = await call<ApiOutput<'contacts.get'>>(core, 'contacts.get', { id: alice.id });
    expect(after.notes[0]).toMatchObject({ body: 'Send the fleet pricing sheet.', callId: onCall.id });
    expect(after.notes.map((n) => n.body)).toContain(
      'Prefers calls before 11:00 her time. Decision by end of quarter.',
    );
  });
});
