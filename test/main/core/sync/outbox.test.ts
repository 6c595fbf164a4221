import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import { databaseFileName } from '../../../../src/main/core/create-core';
import { call, testCore } from '../helpers';

function rawDb(dataDir: string) {
  return new Database(join(dataDir, databaseFileName));
}

const count = (db: Database.Database, table: string) =>
  (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('outbox: every user-facing write queues its mutation in the same transaction', () => {
  it('calls.create, calls.update, calls.setStatus, contacts.create and tasks.setStatus each append one mutation', async () => {
    const core = testCore();
    const created = await call<CallRecord>(core, 'calls.create', { direction: 'Inbound', subject: 'Hello' });
    await call(core, 'calls.update', { id: created.id, subject: 'Hello again' });
    await call(core, 'calls.setStatus', { id: created.id, to: 'Cancelled', reason: 'Logged by mistake' });
    await call(core, 'contacts.create', { lastName: 'Carter', phones: [{ kind: 'work', number: '212 555 0101' }] });
    const raw = rawDb(core.dataDir);
    const rows = raw.prepare('select mutation_id as id, name, args from outbox order by mutation_id').all() as {
      id: number;
      name: string;
      args: string;
    }[];
    raw.close();
    expect(rows.map((r) => [r.id, r.name])).toEqual([
      [1, 'call.create'],
      [2, 'call.update'],
      [3, 'call.setStatus'],
      [4, 'contact.create'],
    ]);
    // Protocol mutations: the server reads them as they are (see sync/append-mutation.ts).
    expect(JSON.parse(rows[0]!.args)).toMatchObject({ id: created.id, direction: 'Inbound', subject: 'Hello' });
    expect(JSON.parse(rows[1]!.args)).toEqual({
      id: created.id,
      set: { subject: 'Hello again' },
      at: expect.any(String),
    });
    expect(JSON.parse(rows[2]!.args)).toMatchObject({ id: created.id, to: 'Cancelled', reason: 'Logged by mistake' });
  });

  it('when the outbox write fails, the call row is not written either', async () => {
    const core = testCore();
    const raw = rawDb(core.dataDir);
    raw.exec(`create trigger fail_outbox before insert on outbox begin select raise(abort, 'disk full'); end;`);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const reply = await core.dispatch('calls.create', { direction: 'Inbound', subject: 'Lost?' });
    quiet.mockRestore();
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(count(raw, 'calls')).toBe(0);
    expect(count(raw, 'call_status_history')).toBe(0);
    expect(count(raw, 'outbox')).toBe(0);
    raw.close();
  });

  it('when the outbox write fails, a status change is not saved either', async () => {
    const core = testCore();
    const created = await call<CallRecord>(core, 'calls.create', { direction: 'Inbound', subject: 'Hello' });
    const raw = rawDb(core.dataDir);
    raw.exec(`create trigger fail_outbox before insert on outbox begin select raise(abort, 'disk full'); end;`);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    await core.dispatch('calls.setStatus', { id: created.id, to: 'Cancelled', reason: 'x' });
    await core.dispatch('contacts.create', { lastName: 'Ghost' });
    quiet.mockRestore();
    raw.close();
    expect((await call<CallRecord>(core, 'calls.get', { id: created.id })).status).toBe('Planned');
    expect((await call<{ total: number }>(core, 'contacts.list', {})).total).toBe(0);
  });
});
