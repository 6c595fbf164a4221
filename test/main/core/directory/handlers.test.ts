import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Contact } from '../../../../src/shared/domain/directory';
import { call, testCore } from '../helpers';

describe('directory handlers', () => {
  it('contacts.create normalises each phone with the default region', async () => {
    const core = testCore();
    await call(core, 'settings.update', { defaultRegion: 'GB' });
    const contact = await call<Contact>(core, 'contacts.create', {
      firstName: 'Oliver',
      lastName: 'Bennett',
      phones: [
        { kind: 'work', number: '020 7946 0101' },
        { kind: 'mobile', number: '+1 (212) 555-0101 ext. 12' },
      ],
      tags: ['vip'],
    });
    expect(contact.phones).toEqual([
      { kind: 'work', e164: '+442079460101', extension: null },
      { kind: 'mobile', e164: '+12125550101', extension: '12' },
    ]);
    expect(await call(core, 'contacts.get', { id: contact.id })).toEqual({
      contact,
      account: null,
      recentCalls: [],
      openTasks: [],
      notes: [],
    });
  });

  it('refuses an unparseable number with invalid_phone, naming it, and writes nothing', async () => {
    const core = testCore();
    const reply = await core.dispatch('contacts.create', {
      lastName: 'Nobody',
      phones: [{ kind: 'work', number: '12' }],
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_phone', message: expect.stringContaining('"12"') },
    });
    expect((await call<{ total: number }>(core, 'contacts.list', {})).total).toBe(0);
  });

  it('refuses a contact for an account that does not exist', async () => {
    const core = testCore();
    expect(await core.dispatch('contacts.create', { lastName: 'X', accountId: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a contact’s detail lists the calls it took part in or is about, newest first', async () => {
    const core = testCore();
    const contact = await call<Contact>(core, 'contacts.create', { firstName: 'Alice', lastName: 'Carter' });
    const about = await call<CallRecord>(core, 'calls.create', {
      direction: 'Outbound',
      subject: 'About Alice',
      related: { type: 'contact', id: contact.id, name: 'Alice Carter' },
    });
    const withHer = await call<CallRecord>(core, 'calls.create', {
      direction: 'Inbound',
      subject: 'With Alice',
      status: 'Held',
      actualStart: '2026-03-11T09:00:00.000Z',
      actualEnd: '2026-03-11T09:10:00.000Z',
      participants: [{ kind: 'contact', id: contact.id, role: 'organizer', name: 'Alice Carter' }],
    });
    await call(core, 'calls.create', { direction: 'Inbound', subject: 'Someone else' });
    const detail = await call<{ recentCalls: CallRecord[] }>(core, 'contacts.get', { id: contact.id });
    expect(detail.recentCalls.map((c) => c.id)).toEqual([withHer.id, about.id]);
  });

  it('unknown ids are not_found for contacts, accounts and leads', async () => {
    const core = testCore();
    for (const name of ['contacts.get', 'accounts.get', 'leads.get']) {
      expect(await core.dispatch(name, { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});
