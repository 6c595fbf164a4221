import { describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../../../src/shared/api';
import { call, testCore } from '../helpers';

type Hits = ApiOutput<'directory.search'>;
type Contact = ApiOutput<'contacts.create'>;

const names = (hits: Hits) => hits.map((h) => `${h.type}:${h.name}`);
const search = (core: ReturnType<typeof testCore>, query: string) =>
  call<Hits>(core, 'directory.search', { query, types: ['contact', 'lead', 'account'] });

describe('search as you type over the trigram index (contacts, leads, accounts)', () => {
  it('finds any part of a name, an email, a tag, or three digits of a number', async () => {
    const core = testCore();
    await call(core, 'contacts.create', {
      firstName: 'Victoria',
      lastName: 'Halvorsen',
      email: 'vhal@fjordfreight.example',
      phones: [{ kind: 'mobile', number: '+1 646 555 0107' }],
      tags: ['storm-priority'],
    });
    await call(core, 'contacts.create', {
      firstName: 'Bo',
      lastName: 'Ek',
      phones: [{ kind: 'work', number: '+44 20 7946 0321' }],
    });
    expect(names(await search(core, 'orse'))).toEqual(['contact:Victoria Halvorsen']);
    expect(names(await search(core, 'ICTO'))).toEqual(['contact:Victoria Halvorsen']);
    expect(names(await search(core, 'fjordfr'))).toEqual(['contact:Victoria Halvorsen']);
    expect(names(await search(core, 'priority'))).toEqual(['contact:Victoria Halvorsen']);
    // Three digits in the middle of a number, however they are written.
    expect(names(await search(core, '550'))).toEqual(['contact:Victoria Halvorsen']);
    expect(names(await search(core, '(646) 55'))).toEqual(['contact:Victoria Halvorsen']);
    expect(names(await search(core, '946 03'))).toEqual(['contact:Bo Ek']);
    // FTS syntax typed by the agent is searched as text, not run.
    expect(await search(core, 'NEAR(" OR *')).toEqual([]);
  });

  it('follows edits: a new name, a removed number', async () => {
    const core = testCore();
    const contact = await call<Contact>(core, 'contacts.create', {
      firstName: 'Anneliese',
      lastName: 'Brandt',
      phones: [{ kind: 'work', number: '+49 30 901820' }],
    });
    await call(core, 'contacts.update', {
      id: contact.id,
      firstName: 'Annika',
      lastName: 'Brandt',
      title: '',
      email: '',
      phones: [],
      tags: [],
      doNotContact: false,
      doNotContactReason: null,
    });
    expect(await search(core, 'liese')).toEqual([]);
    expect(names(await search(core, 'nnik'))).toEqual(['contact:Annika Brandt']);
    expect(await search(core, '901820')).toEqual([]);
  });
});
