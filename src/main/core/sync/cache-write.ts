import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { Appointment } from '../../../shared/domain/appointment';
import type { CallRecord } from '../../../shared/domain/call';
import type { Account, Case, Contact, Lead, Opportunity, PhoneNumber } from '../../../shared/domain/directory';
import type { Note, Reminder, Task } from '../../../shared/domain/work';
import type { SyncEntity } from '../../../shared/sync/protocol';
import type { SmsMessage } from '../../../shared/sms/message';
import { insertCall, updateCall } from '../db/repositories/calls';
import { upsertMessage } from '../db/repositories/messages';
import { writeShownTags, writeTagSet } from '../db/repositories/tags';
import { phoneRowValues, type PhoneOwnerType, type PhoneRowValues } from '../db/repositories/phones';
import { relatedColumns } from '../db/repositories/related';
import { calls, callStatusHistory, notes, reminders, tasks } from '../db/schema';
import type { LocalDb } from '../db/open';
import type { WriteTx } from '../db/write-tx';

/**
 * Writes the server's records into the local cache (upsert by id) and removes tombstoned
 * ones. Work records (calls, notes, tasks, reminders) go through drizzle and the
 * repositories; directory records can number a million, so they use prepared statements
 * made once per connection. Never INSERT OR REPLACE: REPLACE deletes without firing the
 * delete triggers (search index, phones; see migrations 0001 and 0002).
 *
 * A reference to a record this desktop does not hold (a contact's account that is not
 * visible, a reminder on a call that is not) is dropped rather than refused: a foreign
 * key error would stop the whole download for one dangling link.
 */

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<Database.Database, Statements>();

function prepare(sqlite: Database.Database) {
  const person = `first_name, last_name, title, email, tags, do_not_contact, do_not_contact_reason, do_not_contact_since, do_not_contact_by, time_zone, is_demo, created_at, updated_at`;
  const personSet = person
    .split(', ')
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
  return {
    account: sqlite.prepare(
      `insert into accounts (id, name, industry, country, time_zone, customer, addresses, equipment, preferences,
         is_demo, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict(id) do update set name = excluded.name, industry = excluded.industry, country = excluded.country,
         time_zone = excluded.time_zone, customer = excluded.customer, addresses = excluded.addresses,
         equipment = excluded.equipment, preferences = excluded.preferences, is_demo = excluded.is_demo,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
    ),
    contact: sqlite.prepare(
      `insert into contacts (id, account_id, customer, addresses, equipment, preferences, ${person})
       values (?, (select id from accounts where id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict(id) do update set account_id = excluded.account_id, customer = excluded.customer,
         addresses = excluded.addresses, equipment = excluded.equipment, preferences = excluded.preferences, ${personSet}`,
    ),
    appointment: sqlite.prepare<AppointmentRowValues>(
      `insert into appointments (id, contact_id, call_id, date, window_from, window_until, time_zone, starts_at, ends_at,
         address, service_type, technician_notes, status, rescheduled_from, reschedule_reason, booked_by, is_demo, created_at,
         updated_at)
       select @id, c.id, @callId, @date, @windowFrom, @windowUntil, @timeZone, @startsAt, @endsAt, @address, @serviceType,
         @technicianNotes, @status, @rescheduledFrom, @rescheduleReason, @bookedBy, @isDemo, @createdAt, @updatedAt
         from contacts c where c.id = @contactId
       on conflict(id) do update set contact_id = excluded.contact_id, call_id = excluded.call_id, date = excluded.date,
         window_from = excluded.window_from, window_until = excluded.window_until, time_zone = excluded.time_zone,
         starts_at = excluded.starts_at, ends_at = excluded.ends_at, address = excluded.address,
         service_type = excluded.service_type, technician_notes = excluded.technician_notes, status = excluded.status,
         rescheduled_from = excluded.rescheduled_from, reschedule_reason = excluded.reschedule_reason, booked_by = excluded.booked_by, is_demo = excluded.is_demo, created_at = excluded.created_at,
         updated_at = excluded.updated_at`,
    ),
    lead: sqlite.prepare(
      `insert into leads (id, company, status, ${person})
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict(id) do update set company = excluded.company, status = excluded.status, ${personSet}`,
    ),
    opportunity: sqlite.prepare(
      `insert into opportunities (id, account_id, name, stage, amount_cents, currency, close_date, is_demo, created_at, updated_at)
       select ?, a.id, ?, ?, ?, ?, ?, ?, ?, ? from accounts a where a.id = ?
       on conflict(id) do update set account_id = excluded.account_id, name = excluded.name, stage = excluded.stage,
         amount_cents = excluded.amount_cents, currency = excluded.currency, close_date = excluded.close_date,
         is_demo = excluded.is_demo, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    ),
    case: sqlite.prepare(
      `insert into cases (id, account_id, contact_id, number, subject, status, priority, is_demo, created_at, updated_at)
       values (?, (select id from accounts where id = ?), (select id from contacts where id = ?), ?, ?, ?, ?, ?, ?, ?)
       on conflict(id) do update set account_id = excluded.account_id, contact_id = excluded.contact_id,
         number = excluded.number, subject = excluded.subject, status = excluded.status, priority = excluded.priority,
         is_demo = excluded.is_demo, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    ),
    ownerPhones: sqlite.prepare<[string, string], StoredPhone>(
      `select kind, e164, extension, display from phones where owner_type = ? and owner_id = ? order by position`,
    ),
    deletePhones: sqlite.prepare(`delete from phones where owner_type = ? and owner_id = ?`),
    insertPhone: sqlite.prepare<PhoneRowValues>(
      `insert into phones (owner_type, owner_id, position, kind, e164, extension, display, country_zone)
       values (@ownerType, @ownerId, @position, @kind, @e164, @extension, @display, @countryZone)`,
    ),
  };
}

function statements(sqlite: Database.Database): Statements {
  let prepared = cache.get(sqlite);
  if (!prepared) {
    prepared = prepare(sqlite);
    cache.set(sqlite, prepared);
  }
  return prepared;
}

const flag = (value: boolean) => (value ? 1 : 0);

type AppointmentRowValues = Omit<Appointment, 'address' | 'rescheduledFrom' | 'isDemo'> & {
  address: string | null;
  rescheduledFrom: string | null;
  isDemo: number;
};

function appointmentRowValues(a: Appointment): AppointmentRowValues {
  const json = (value: object | null) => (value === null ? null : JSON.stringify(value));
  return {
    ...a,
    address: json(a.address),
    // A record from a server older than reschedules has neither field.
    rescheduledFrom: json(a.rescheduledFrom ?? null),
    rescheduleReason: a.rescheduleReason ?? '',
    isDemo: flag(a.isDemo),
  };
}

interface StoredPhone {
  kind: string;
  e164: string;
  extension: string | null;
  display: string | null;
}

/**
 * Replaces an owner's numbers, unless the stored ones are the same list. Most records a
 * pull brings changed elsewhere (a flag, a profile) or not at all (a download started
 * over), and a phone row deleted and inserted again rewrites the owner's search entry
 * twice and its caller card once: about three quarters of writing a contact. Facts
 * deferred on the stored rows are filled again when this write would derive them.
 */
function writePhones(
  s: Statements,
  ownerType: PhoneOwnerType,
  ownerId: string,
  phones: PhoneNumber[],
  options: WriteOptions,
) {
  const derive = !options.deferNumberFacts;
  const stored = s.ownerPhones.all(ownerType, ownerId);
  const same =
    stored.length === phones.length &&
    stored.every(
      (row, i) =>
        row.kind === phones[i]!.kind &&
        row.e164 === phones[i]!.e164 &&
        row.extension === (phones[i]!.extension ?? null) &&
        (row.display !== null || !derive),
    );
  if (same) return;
  if (stored.length > 0) s.deletePhones.run(ownerType, ownerId);
  phones.forEach((phone, position) => s.insertPhone.run(phoneRowValues(ownerType, ownerId, position, phone, derive)));
}

export interface WriteOptions {
  /**
   * Leave the phone rows' number facts (display form, country zone) NULL for a later fill:
   * the first directory download sets it, as deriving them is a quarter of its cost. The
   * pop derives NULL facts at read time, so the gap is slower, never wrong.
   */
  deferNumberFacts?: boolean;
}

function personValues(p: Contact | Lead) {
  return [
    p.firstName,
    p.lastName,
    p.title,
    p.email,
    JSON.stringify(p.tags),
    flag(p.doNotContact),
    p.doNotContactReason,
    p.doNotContactSince ?? null,
    p.doNotContactBy ?? null,
    p.timeZone,
    flag(p.isDemo),
    p.createdAt,
    p.updatedAt,
  ];
}

/** The profile columns' values, in the order the account and contact statements list them. */
function profileValues(record: Contact | Account) {
  return [
    record.customer === null ? null : JSON.stringify(record.customer),
    JSON.stringify(record.addresses),
    JSON.stringify(record.equipment),
    JSON.stringify(record.preferences),
  ];
}

/** Replaces a call whole: columns, participants and the server's history (not appended). */
function upsertCall(tx: WriteTx, call: CallRecord): void {
  const { db } = tx;
  const exists = db.select({ seq: calls.seq }).from(calls).where(eq(calls.id, call.id)).get();
  if (!exists) {
    insertCall(tx, call);
    return;
  }
  db.delete(callStatusHistory).where(eq(callStatusHistory.callId, call.id)).run();
  updateCall(tx, call);
}

/** Upserts one record of `entity`. Returns false when it was dropped (a dangling reference). */
export function writeRecord(local: WriteTx, entity: SyncEntity, record: unknown, options: WriteOptions = {}): boolean {
  const s = statements(local.sqlite);
  switch (entity) {
    case 'calls': {
      const call = record as CallRecord;
      upsertCall(local, call);
      writeTagSet(local, 'calls', call.id, call.tagSet ?? null);
      return true;
    }
    case 'notes': {
      const { related, ...note } = record as Note;
      const row = { ...note, ...relatedColumns(related) };
      local.db.insert(notes).values(row).onConflictDoUpdate({ target: notes.id, set: row }).run();
      return true;
    }
    case 'tasks': {
      const { related, ...task } = record as Task;
      const row = { ...task, ...relatedColumns(related) };
      local.db.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.id, set: row }).run();
      return true;
    }
    case 'reminders': {
      const reminder = record as Reminder;
      if (!local.db.select({ id: calls.id }).from(calls).where(eq(calls.id, reminder.callId)).get()) return false;
      local.db.insert(reminders).values(reminder).onConflictDoUpdate({ target: reminders.id, set: reminder }).run();
      return true;
    }
    case 'accounts': {
      const a = record as Account;
      // Numbers before the record: a new record's search entry is then made once, with its
      // digits, instead of made and rewritten for each number (an FTS5 update deletes and
      // re-tokenizes the whole entry). Phone rows have no foreign key to their owner.
      writePhones(s, 'account', a.id, a.phones, options);
      s.account.run(
        a.id,
        a.name,
        a.industry,
        a.country,
        a.timeZone,
        ...profileValues(a),
        flag(a.isDemo),
        a.createdAt,
        a.updatedAt,
      );
      return true;
    }
    case 'contacts': {
      const c = record as Contact;
      // Numbers first, as for accounts.
      writePhones(s, 'contact', c.id, c.phones, options);
      s.contact.run(c.id, c.accountId, ...profileValues(c), ...personValues(c));
      // Without a set (tagged before sets, or never) the plain list is what it shows.
      if (c.tagSet) writeTagSet(local, 'contacts', c.id, c.tagSet);
      else writeShownTags(local, 'contacts', c.id, c.tags, { dropSet: true });
      return true;
    }
    case 'leads': {
      const l = record as Lead;
      // Numbers first, as for accounts.
      writePhones(s, 'lead', l.id, l.phones, options);
      s.lead.run(l.id, l.company, l.status, ...personValues(l));
      return true;
    }
    case 'opportunities': {
      const o = record as Opportunity;
      const result = s.opportunity.run(
        o.id,
        o.name,
        o.stage,
        o.amountCents,
        o.currency,
        o.closeDate,
        flag(o.isDemo),
        o.createdAt,
        o.updatedAt,
        o.accountId,
      );
      return result.changes > 0;
    }
    case 'appointments': {
      // Dropped when its customer is not on this desktop (a dangling reference, as above).
      return s.appointment.run(appointmentRowValues(record as Appointment)).changes > 0;
    }
    case 'cases': {
      const c = record as Case;
      s.case.run(
        c.id,
        c.accountId,
        c.contactId,
        c.number,
        c.subject,
        c.status,
        c.priority,
        flag(c.isDemo),
        c.createdAt,
        c.updatedAt,
      );
      return true;
    }
    case 'messages':
      upsertMessage(local, record as SmsMessage);
      return true;
  }
}

const tableOf: Record<SyncEntity, string> = {
  calls: 'calls',
  notes: 'notes',
  tasks: 'tasks',
  reminders: 'reminders',
  accounts: 'accounts',
  contacts: 'contacts',
  leads: 'leads',
  opportunities: 'opportunities',
  cases: 'cases',
  messages: 'sms_messages',
  appointments: 'appointments',
};

/** Removes a record; cascades and triggers take its participants, history and phones with it. */
export function deleteRecord(local: WriteTx, entity: SyncEntity, id: string): void {
  local.sqlite.prepare(`delete from ${tableOf[entity]} where id = ?`).run(id);
}

/**
 * One slice of emptying the cache for a reset: up to `limit` synced rows (demo rows are
 * this desktop's own and stay). Returns how many were removed; 0 means done. Sliced so a
 * million-row directory is cleared without freezing the UI; a crash half way is harmless
 * because the cursor is only saved with the first page applied after the clear.
 *
 * Records with local changes still waiting (`waiting`: outbox target keys, read by the
 * caller in the same tick) stay: the rebase at the end of the download rebuilds them from
 * the server's copy plus those changes anyway, and until then they are what the agent is
 * working on. A live call's record cleared here was missing when the line wrote its
 * answer or end (the crash harness found it: "no longer in the local store"), and came
 * back without them, leaving a wrap-up that could not be saved as Held.
 */
export function clearCacheSlice(local: LocalDb, limit: number, waiting: ReadonlySet<string> = new Set()): number {
  let removed = 0;
  const keptIds = (entity: SyncEntity) =>
    JSON.stringify(
      [...waiting].filter((key) => key.startsWith(`${entity}/`)).map((key) => key.slice(entity.length + 1)),
    );
  // Children before parents, so cascades find little left to do.
  for (const entity of [
    'messages',
    'appointments',
    'reminders',
    'notes',
    'tasks',
    'calls',
    'cases',
    'opportunities',
    'contacts',
    'leads',
    'accounts',
  ] as const) {
    const left = limit - removed;
    if (left <= 0) break;
    const table = tableOf[entity];
    // Reminders have no demo flag of their own: they follow their call's; texts are never demo data.
    const synced =
      entity === 'reminders'
        ? `select r.rowid from reminders r join calls c on c.id = r.call_id
           where c.is_demo = 0 and r.id not in (select value from json_each(?))`
        : entity === 'messages'
          ? `select rowid from ${table} where id not in (select value from json_each(?))`
          : `select rowid from ${table} where is_demo = 0 and id not in (select value from json_each(?))`;
    removed += local.sqlite
      .prepare(`delete from ${table} where rowid in (${synced} limit ?)`)
      .run(keptIds(entity), left).changes;
  }
  if (removed < limit) removed += local.sqlite.prepare(`delete from sync_base`).run().changes;
  return removed;
}
