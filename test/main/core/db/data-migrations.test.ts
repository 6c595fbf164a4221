import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openTestDb, tempDir } from '../helpers';

/**
 * Every migration that changes data gets a test after Signal's pattern: migrate to
 * N-1, insert rows the way that schema allowed, migrate to N, assert what N did to them.
 */
describe('data-changing migrations', () => {
  it('0001_calls_search backfills the search index with calls written before it', () => {
    const file = join(tempDir(), 'fts.sqlite');
    const before = openTestDb({ file, targetVersion: 1 });
    const insertCall = before.sqlite.prepare(
      `insert into calls (id, direction, subject, status, outcome_text, owner_id, created_at, updated_at)
       values (?, 'Outbound', ?, 'Held', ?, 'u1', '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z')`,
    );
    insertCall.run('c1', 'Router replacement', 'Customer agreed to the upgrade');
    insertCall.run('c2', 'Invoice question', 'Resolved');
    before.sqlite
      .prepare(
        `insert into call_participants (call_id, position, kind, participant_id, role, name) values ('c2', 0, 'contact', 'p1', 'attendee', 'Zoë Müller')`,
      )
      .run();
    before.close();

    const after = openTestDb({ file, targetVersion: 2 });
    const search = (q: string) =>
      (
        after.sqlite
          .prepare(
            `select c.id from calls c where c.seq in (select rowid from calls_fts where calls_fts match ?) order by c.id`,
          )
          .all(q) as { id: string }[]
      ).map((r) => r.id);
    expect(search('router')).toEqual(['c1']);
    expect(search('upgrade')).toEqual(['c1']);
    expect(search('muller')).toEqual(['c2']); // participant names, diacritics folded
    expect(search('"invoice"*')).toEqual(['c2']);
  });

  it('0002_phones_follow_owner drops numbers whose owner is gone and keeps the rest', () => {
    const file = join(tempDir(), 'phones.sqlite');
    const before = openTestDb({ file, targetVersion: 2 });
    before.sqlite
      .prepare(
        `insert into contacts (id, last_name, created_at, updated_at) values ('k1', 'Kept', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    const phone = before.sqlite.prepare(
      `insert into phones (owner_type, owner_id, position, kind, e164) values (?, ?, 0, 'work', ?)`,
    );
    phone.run('contact', 'k1', '+12125550101');
    phone.run('contact', 'gone', '+12125550102');
    phone.run('lead', 'gone-lead', '+12125550103');
    phone.run('account', 'gone-account', '+12125550104');
    before.close();

    const after = openTestDb({ file, targetVersion: 3 });
    const rows = after.sqlite.prepare('select owner_id as ownerId, e164 from phones').all();
    expect(rows).toEqual([{ ownerId: 'k1', e164: '+12125550101' }]);

    // And from now on a deleted owner takes its numbers with it.
    after.sqlite.prepare(`delete from contacts where id = 'k1'`).run();
    expect(after.sqlite.prepare('select count(*) as n from phones').get()).toEqual({ n: 0 });
  });

  it('0007_phone_number_facts derives display and country zone for numbers written before it, cards included', () => {
    const file = join(tempDir(), 'facts.sqlite');
    const before = openTestDb({ file, targetVersion: 7 });
    before.sqlite
      .prepare(
        `insert into contacts (id, last_name, created_at, updated_at) values ('k1', 'Kept', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    const phone = before.sqlite.prepare(
      `insert into phones (owner_type, owner_id, position, kind, e164) values ('contact', 'k1', ?, 'work', ?)`,
    );
    ['+442079460000', '+14155550100', '+999123456', '+442079460000'].forEach((e164, i) => phone.run(i, e164));
    // Enough rows after them for the backfill to take several batches (10,000 each).
    before.sqlite.transaction(() => {
      for (let i = 0; i < 20_005; i++) phone.run(10 + i, `+4420${String(70_000_000 + i)}`);
    })();
    before.close();

    const after = openTestDb({ file, targetVersion: 8 });
    const rows = after.sqlite
      .prepare(
        `select p.e164, p.display, p.country_zone as zone, c.display as cardDisplay, c.country_zone as cardZone
           from phones p join caller_cards c on c.phone_id = p.id order by p.id limit 4`,
      )
      .all();
    const london = { e164: '+442079460000', display: '+44 20 7946 0000', zone: 'Europe/London' };
    expect(rows).toEqual([
      { ...london, cardDisplay: london.display, cardZone: london.zone },
      { e164: '+14155550100', display: '+1 415 555 0100', zone: null, cardDisplay: '+1 415 555 0100', cardZone: null },
      { e164: '+999123456', display: '+999123456', zone: null, cardDisplay: '+999123456', cardZone: null },
      { ...london, cardDisplay: london.display, cardZone: london.zone },
    ]);
    expect(
      after.sqlite
        .prepare(`select count(*) as n from phones p join caller_cards c on c.phone_id = p.id where c.display is null`)
        .get(),
    ).toEqual({ n: 0 });
    expect(after.sqlite.prepare(`select display from phones order by id desc limit 1`).get()).toEqual({
      display: '+44 20 7002 0004',
    });
  });

  it('0008_notes_search_and_numbers backfills the notes index, and the triggers keep it current', () => {
    const file = join(tempDir(), 'notes.sqlite');
    const before = openTestDb({ file, targetVersion: 8 });
    const insertNote = (db: typeof before, id: string, body: string) =>
      db.sqlite
        .prepare(
          `insert into notes (id, body, call_id, author_id, created_at) values (?, ?, 'c1', 'u1', '2026-01-01T10:00:00.000Z')`,
        )
        .run(id, body);
    insertNote(before, 'n1', 'Wants the Zürich office quote');
    insertNote(before, 'n2', 'Call after the board meeting');
    before.close();

    const after = openTestDb({ file, targetVersion: 9 });
    const search = (q: string) =>
      (
        after.sqlite.prepare(`select note_id as id from notes_fts where notes_fts match ? order by note_id`).all(q) as {
          id: string;
        }[]
      ).map((r) => r.id);
    expect(search('zurich')).toEqual(['n1']); // written before the migration, diacritics folded
    expect(search('"board"*')).toEqual(['n2']);
    insertNote(after, 'n3', 'Board approved the quote');
    expect(search('board')).toEqual(['n2', 'n3']);
    after.sqlite.prepare(`delete from notes where id = 'n2'`).run();
    expect(search('board')).toEqual(['n3']);
    const indexes = (
      after.sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'calls'`).all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['calls_from_number_idx', 'calls_to_number_idx']));
  });
});
