import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Contact } from '../../../../src/shared/domain/directory';
import { normalizePhone } from '../../../../src/shared/domain/phone';
import { databaseFileName } from '../../../../src/main/core/create-core';
import { demoLeads } from '../../../../src/main/core/demo/crm-data';
import { demoAccounts, demoContacts } from '../../../../src/main/core/demo/directory-data';
import { call, fixedNow, testCore, tempDir } from '../helpers';

const dump = (dataDir: string, sql: string) => {
  const raw = new Database(join(dataDir, databaseFileName), { readonly: true });
  const rows = raw.prepare(sql).all();
  raw.close();
  return rows;
};

describe('demo data', () => {
  it('is seeded on a first start: accounts, contacts, leads, opportunities, cases, tasks, notes and calls in every status', async () => {
    const core = testCore({ seedDemo: true });
    const status = await call<{ present: boolean; counts: Record<string, number> }>(core, 'demo.status', {});
    expect(status.present).toBe(true);
    expect(status.counts).toMatchObject({ account: 8, contact: 25, lead: 3, opportunity: 4, case: 3 });
    expect(status.counts.call).toBeGreaterThanOrEqual(30);
    const calls = await call<{ items: CallRecord[] }>(core, 'calls.list', { limit: 500 });
    expect(new Set(calls.items.map((c) => c.status))).toEqual(new Set(['Planned', 'Held', 'NotHeld', 'Cancelled']));
    expect(calls.items.every((c) => c.isDemo && c.history.length > 0)).toBe(true);
    // Past calls are in the past, relative to the injected clock.
    const finished = calls.items.filter((c) => c.status === 'Held');
    expect(finished.every((c) => Date.parse(c.actualEnd!) <= fixedNow.getTime())).toBe(true);
    expect(finished.every((c) => c.durationSeconds! > 0)).toBe(true);
    expect(calls.items.some((c) => c.history.length >= 4)).toBe(true); // rescheduled, then held
  });

  it('covers eight countries, with a do-not-contact contact that says why', async () => {
    const core = testCore({ seedDemo: true });
    const contacts = await call<{ items: Contact[] }>(core, 'contacts.list', { limit: 500 });
    const prefixes = new Set(contacts.items.flatMap((c) => c.phones.map((p) => p.e164.slice(0, 3))));
    for (const cc of ['+1', '+44', '+49', '+33', '+55', '+91', '+81', '+61']) {
      expect([...prefixes].some((p) => p.startsWith(cc))).toBe(true);
    }
    const blocked = contacts.items.filter((c) => c.doNotContact);
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.doNotContactReason).toMatch(/\w+/);
    expect(contacts.items.some((c) => c.phones.length > 1)).toBe(true);
    expect(contacts.items.some((c) => c.tags.length > 0)).toBe(true);
  });

  it('uses only numbers that normalise in their own region', () => {
    for (const owner of [...demoAccounts, ...demoContacts, ...demoLeads]) {
      for (const phone of owner.phones)
        expect(normalizePhone(phone.number, owner.country), phone.number).not.toBeNull();
    }
  });

  it('is deterministic for the same clock', async () => {
    const a = testCore({ seedDemo: true });
    const b = testCore({ seedDemo: true });
    const strip = (items: CallRecord[]) =>
      items.map(({ ownerId: _o, participants, history, ...rest }) => ({
        ...rest,
        participants: participants.filter((p) => p.kind !== 'user'),
        history: history.map(({ by: _by, ...h }) => h),
      }));
    const listA = await call<{ items: CallRecord[] }>(a, 'calls.list', { limit: 500 });
    const listB = await call<{ items: CallRecord[] }>(b, 'calls.list', { limit: 500 });
    expect(strip(listA.items)).toEqual(strip(listB.items));
  });

  it('never enters the outbox', async () => {
    const core = testCore({ seedDemo: true });
    expect(dump(core.dataDir, 'select count(*) as n from outbox')).toEqual([{ n: 0 }]);
  });

  it('demo.remove deletes every demo row and keeps the agent’s own, and it stays removed after a restart', async () => {
    const dataDir = tempDir();
    const core = testCore({ seedDemo: true, dataDir });
    const accounts = await call<{ items: { id: string }[] }>(core, 'accounts.list', {});
    const own = await call<Contact>(core, 'contacts.create', {
      lastName: 'Mine',
      accountId: accounts.items[0]!.id,
      phones: [{ kind: 'work', number: '+1 212 555 0188' }],
    });
    const ownCall = await call<CallRecord>(core, 'calls.create', {
      direction: 'Inbound',
      subject: 'Real call',
      participants: [{ kind: 'contact', id: own.id, role: 'organizer', name: 'Mine' }],
    });
    const events: unknown[] = [];
    core.events.subscribe((name, payload) => events.push([name, payload]));

    const after = await call<{ present: boolean; counts: Record<string, number> }>(core, 'demo.remove', {});
    expect(after.present).toBe(false);
    expect(Object.values(after.counts).every((n) => n === 0)).toBe(true);
    expect(events).toEqual([['data.changed', { entity: 'demo', ids: [] }]]);

    expect((await call<{ items: Contact[] }>(core, 'contacts.list', {})).items.map((c) => c.id)).toEqual([own.id]);
    // The demo account is gone; the agent's contact stays, unlinked.
    expect((await call<{ contact: Contact }>(core, 'contacts.get', { id: own.id })).contact.accountId).toBeNull();
    expect((await call<{ items: CallRecord[] }>(core, 'calls.list', {})).items.map((c) => c.id)).toEqual([ownCall.id]);
    // Children of demo rows went with them.
    expect(dump(dataDir, 'select count(*) as n from phones')).toEqual([{ n: 1 }]);
    expect(dump(dataDir, 'select count(*) as n from reminders')).toEqual([{ n: 0 }]);
    expect(dump(dataDir, 'select count(*) as n from calls_fts')).toEqual([{ n: 1 }]);

    core.close();
    const restarted = testCore({ seedDemo: true, dataDir });
    expect((await call<{ present: boolean }>(restarted, 'demo.status', {})).present).toBe(false);
  });

  it('is not seeded when asked not to', async () => {
    const core = testCore({ seedDemo: false });
    expect((await call<{ present: boolean }>(core, 'demo.status', {})).present).toBe(false);
  });
});
