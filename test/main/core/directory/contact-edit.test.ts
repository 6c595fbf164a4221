import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../../src/shared/domain/directory';
import { call, fixedNow, testCore } from '../helpers';

/** The mutations this desktop queued for the server, oldest first. */
function queued(dataDir: string): { name: string; args: { set?: Record<string, unknown> } }[] {
  const db = new Database(join(dataDir, 'switchboard.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('select name, args from outbox order by mutation_id').all() as {
      name: string;
      args: string;
    }[];
    return rows.map((r) => ({ name: r.name, args: JSON.parse(r.args) as { set?: Record<string, unknown> } }));
  } finally {
    db.close();
  }
}

describe('editing a contact', () => {
  it('saves name, phones (normalised), email, tags and do-not-contact, queueing one contact.update with only what changed', async () => {
    const core = testCore();
    const contact = await call<Contact>(core, 'contacts.create', {
      firstName: 'Alice',
      lastName: 'Carter',
      email: 'alice@example.com',
      phones: [{ kind: 'work', number: '+1 212 555 0101' }],
    });
    const saved = await call<Contact>(core, 'contacts.update', {
      id: contact.id,
      firstName: 'Alicia',
      lastName: 'Carter',
      email: 'alicia@example.com',
      phones: [
        { kind: 'work', number: '+1 212 555 0101' },
        { kind: 'mobile', number: '(646) 555-0199' },
      ],
      tags: ['vip', 'renewal', 'vip'],
      doNotContact: true,
      doNotContactReason: 'Asked not to be called before the audit',
    });
    expect(saved).toMatchObject({
      firstName: 'Alicia',
      email: 'alicia@example.com',
      phones: [
        { kind: 'work', e164: '+12125550101', extension: null },
        { kind: 'mobile', e164: '+16465550199', extension: null },
      ],
      // Tags are a set (shared/domain/tag-set.ts): duplicates fold, and they show sorted.
      tags: ['renewal', 'vip'],
      doNotContact: true,
      doNotContactReason: 'Asked not to be called before the audit',
    });
    expect((await call<{ contact: Contact }>(core, 'contacts.get', { id: contact.id })).contact).toEqual(saved);
    const updates = queued(core.dataDir).filter((m) => m.name === 'contact.update');
    expect(updates).toHaveLength(1);
    expect(Object.keys(updates[0]!.args.set!).sort()).toEqual(
      [
        'doNotContact',
        'doNotContactReason',
        'doNotContactSince',
        'doNotContactBy',
        'email',
        'firstName',
        'phones',
        'tags',
      ].sort(),
    );

    // Saved again unchanged: nothing to send. Allowed again: the reason goes with it.
    const { id, firstName, lastName, title, email, tags } = saved;
    const form = { id, firstName, lastName, title, email, tags, phones: [] };
    await call(core, 'contacts.update', { ...form, doNotContact: false, doNotContactReason: 'x' });
    const cleared = (await call<{ contact: Contact }>(core, 'contacts.get', { id: contact.id })).contact;
    expect(cleared).toMatchObject({ phones: [], doNotContact: false, doNotContactReason: null });
  });

  it('stamps do-not-contact with the day and who set it, lets the day be changed, and clears both', async () => {
    const core = testCore();
    await call(core, 'settings.update', { agentName: 'Alex Agent', timeZone: 'America/New_York' });
    const contact = await call<Contact>(core, 'contacts.create', { lastName: 'Carter' });
    const form = { id: contact.id, firstName: '', lastName: 'Carter', email: '', phones: [], tags: [] };
    const flagged = await call<Contact>(core, 'contacts.update', {
      ...form,
      doNotContact: true,
      doNotContactReason: 'Asked by letter',
    });
    // Today, now: the core's clock.
    expect(flagged).toMatchObject({ doNotContactSince: fixedNow.toISOString(), doNotContactBy: 'Alex Agent' });

    // The letter came on 2 March: midnight of that day in the agent's zone; who set it stays.
    await call(core, 'settings.update', { agentName: 'Someone Else' });
    const dated = await call<Contact>(core, 'contacts.update', {
      ...form,
      doNotContact: true,
      doNotContactReason: 'Asked by letter',
      doNotContactSince: '2026-03-02',
    });
    expect(dated).toMatchObject({ doNotContactSince: '2026-03-02T05:00:00.000Z', doNotContactBy: 'Alex Agent' });

    const cleared = await call<Contact>(core, 'contacts.update', {
      ...form,
      doNotContact: false,
      doNotContactReason: null,
    });
    expect(cleared.doNotContact).toBe(false);
    expect([cleared.doNotContactSince ?? null, cleared.doNotContactBy ?? null]).toEqual([null, null]);
    const refused = await core.dispatch('contacts.update', {
      ...form,
      doNotContact: true,
      doNotContactReason: 'x',
      doNotContactSince: 'last Tuesday',
    });
    expect(refused).toMatchObject({ ok: false });
    expect(JSON.stringify(refused)).toContain('Give the date as a day, e.g. 2026-12-01.');
  });

  it('refuses do-not-contact without a reason, a half email and a number that cannot be dialed, in words', async () => {
    const core = testCore();
    const contact = await call<Contact>(core, 'contacts.create', { lastName: 'Carter' });
    const base = { id: contact.id, firstName: '', lastName: 'Carter', email: '', phones: [], tags: [] };
    const refusals: [Record<string, unknown>, string][] = [
      [{ doNotContact: true, doNotContactReason: ' ' }, 'Say why this contact must not be contacted.'],
      [{ doNotContact: false, doNotContactReason: null, email: 'alice@' }, 'That email address is not complete.'],
      [
        { doNotContact: false, doNotContactReason: null, phones: [{ kind: 'work', number: '12' }] },
        '"12" is not a phone number that can be dialed.',
      ],
      [{ doNotContact: false, doNotContactReason: null, lastName: '' }, 'A contact needs a last name.'],
    ];
    for (const [change, message] of refusals) {
      const reply = await core.dispatch('contacts.update', { ...base, ...change });
      expect(reply.ok).toBe(false);
      expect(reply.ok ? '' : reply.error.message).toContain(message);
    }
    expect(
      await core.dispatch('contacts.update', { ...base, id: 'missing', doNotContact: false, doNotContactReason: null }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('opportunities and cases are read one by one (their timelines’ headers); unknown ids are not_found', async () => {
    const core = testCore();
    for (const name of ['opportunities.get', 'cases.get']) {
      expect(await core.dispatch(name, { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});
