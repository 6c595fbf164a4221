import { createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { readMigrations } from '../../src/main/core/db/migrate';
import { openLocalDb, type LocalDb } from '../../src/main/core/db/open';
import { phoneRowValues, type PhoneRowValues } from '../../src/main/core/db/repositories/phones';
import { createScreenPopLookup } from '../../src/main/core/lookup/screen-pop';
import { countingReads } from './count-reads';
import { percentile, printTable, type BenchResult } from './stats';

/**
 * Screen pop on a big store: 1,000,000 contacts (1.5 numbers each on average, so
 * 1,500,000 phones), 100,000 accounts, 1,000,000 calls with a participant each,
 * 200,000 open tasks, built with the store's real migrations (triggers and indexes
 * included). One contact in five is a customer (a profile, one or two addresses,
 * equipment) and one in ten has visits (one scheduled ahead; every third also one left
 * "scheduled" in the past). Measures the full lookup the CallController runs on ring
 * (owners, caller card, last five calls, open tasks, the customer's profile and next
 * visit, local time) against a bare indexed point lookup of the number on the same file,
 * and counts the statements and rows each reads (figures the machine's load cannot move).
 *
 * The file is cached in the OS temp folder, keyed by a hash of the migrations, so a
 * rerun skips the build; a schema change builds a fresh one.
 */

const CONTACTS = 1_000_000;
const ACCOUNTS = 100_000;
const CALLS = 1_000_000;
const TASKS = 200_000;
const SAMPLES = 10_000;
const UNKNOWN_SAMPLES = 1_000;
const WARMUP = 1_000;
const BATCH = 50_000;
/** Contacts written into an empty store to price the caller-card triggers (a directory download). */
const BULK_CONTACTS = 100_000;
const CARDS_MIGRATION = '0005_screen_pop_cards';

const migrationsDir = join(import.meta.dirname, '../../src/main/core/db/migrations');
const zones = ['Europe/London', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', null, null];
const firstNames = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Linus'];
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman'];

/** Deterministic PRNG (mulberry32): the same file and the same samples on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped id, so index keys are as long as the app's real ids. */
function idOf(kind: number, n: number): string {
  const hex = (kind * 0x10000000 + n).toString(16).padStart(12, '0');
  return `0190a1b2-c3d4-7e5f-8a6b-${hex}`;
}

/** Phone k of the store: London numbers +44 20 7xxx xxxx, one per phone row. */
function numberOf(k: number): string {
  return `+44207${String(k).padStart(7, '0')}`;
}

/** Contact c has phones 3c/2 … : even contacts have one number, odd ones two. */
function phonesOfContact(c: number): number[] {
  const first = c + Math.floor(c / 2);
  return c % 2 === 0 ? [first] : [first, first + 1];
}

const customerInfo = JSON.stringify({
  type: 'residential',
  status: 'active',
  source: 'phone',
  customerSince: '2024-05-01',
  inactiveSince: null,
});
const preferences = JSON.stringify({
  channel: 'sms',
  windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', until: '17:00' }],
  language: '',
  consent: { calls: true, sms: true, email: false, recordedOn: '2026-01-15' },
});

/** Customer c's profile columns: one or two addresses (the second primary), a piece or two of equipment. */
function customerProfile(c: number): [string, string, string, string] {
  const address = (n: number, primary: boolean) => ({
    id: `addr-${n}`,
    label: n === 1 ? 'Home' : 'Rental',
    line1: `${c % 900} Elm St`,
    line2: '',
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    accessNotes: c % 2 === 0 ? 'Gate code 4412; dog in the yard' : '',
    primary,
  });
  const addresses = c % 3 === 0 ? [address(1, false), address(2, true)] : [address(1, true)];
  const furnace = {
    id: 'eq-1',
    kind: 'Furnace',
    brand: 'Carrier',
    model: '59TP6',
    installedOn: null,
    lastServicedOn: null,
  };
  const pump = { id: 'eq-2', kind: 'Heat pump', brand: '', model: '', installedOn: null, lastServicedOn: null };
  const equipment = c % 2 === 0 ? [furnace, pump] : [furnace];
  return [customerInfo, JSON.stringify(addresses), JSON.stringify(equipment), preferences];
}

function cacheFile(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir).sort()) {
    if (name.endsWith('.sql')) hash.update(name).update(readFileSync(join(migrationsDir, name)));
  }
  const key = `${CONTACTS}-${CALLS}-${hash.digest('hex').slice(0, 12)}`;
  return join(tmpdir(), `switchboard-bench-screen-pop-${key}.sqlite`);
}

function inBatches(sqlite: Database.Database, total: number, write: (i: number) => void, label: string): void {
  const started = Date.now();
  for (let from = 0; from < total; from += BATCH) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(total, from + BATCH); i++) write(i);
    })();
  }
  console.log(`  ${label}: ${total.toLocaleString('en-US')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Writes contact c with its phones (one or two), as the directory download does: phone
 * rows through phoneRowValues, which derives their display form and zone. `numberFacts`
 * false writes a store migrated before those columns existed (the bulk-insert baseline).
 */
function contactWriter(
  sqlite: Database.Database,
  at: string,
  numberFacts = true,
  customers = numberFacts,
): (c: number) => void {
  const contact = sqlite.prepare(
    `INSERT INTO contacts (id, account_id, first_name, last_name, title, email, tags, do_not_contact,
       do_not_contact_reason, time_zone, is_demo, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'Buyer', '', ?, ?, ?, ?, 0, ?, ?)`,
  );
  // Customers get their profile in the same transaction (before 0016 the columns do not exist).
  const profile = customers
    ? sqlite.prepare(`UPDATE contacts SET customer = ?, addresses = ?, equipment = ?, preferences = ? WHERE id = ?`)
    : null;
  // A full row binds every key; the baseline's statement names only the columns it has.
  const phone = sqlite.prepare<Omit<PhoneRowValues, 'display' | 'countryZone'>>(
    numberFacts
      ? `INSERT INTO phones (owner_type, owner_id, position, kind, e164, extension, display, country_zone)
         VALUES (@ownerType, @ownerId, @position, @kind, @e164, @extension, @display, @countryZone)`
      : `INSERT INTO phones (owner_type, owner_id, position, kind, e164, extension)
         VALUES (@ownerType, @ownerId, @position, @kind, @e164, @extension)`,
  );
  return (c) => {
    const id = idOf(2, c);
    const dnc = c % 97 === 0;
    contact.run(
      id,
      c % 10 === 9 ? null : idOf(1, Math.floor(c / 10) % ACCOUNTS),
      firstNames[c % firstNames.length],
      lastNames[c % lastNames.length],
      c % 5 === 0 ? '["vip"]' : '[]',
      dnc ? 1 : 0,
      dnc ? 'Asked not to be called' : null,
      c % 3 === 0 ? zones[c % 4] : null,
      at,
      at,
    );
    if (profile && c % 5 === 0) profile.run(...customerProfile(c), id);
    phonesOfContact(c).forEach((k, position) => {
      const number = {
        kind: position === 0 ? ('work' as const) : ('mobile' as const),
        e164: numberOf(k),
        extension: null,
      };
      // The baseline skips the derivation too: it prices a store without the read model.
      phone.run(
        numberFacts
          ? phoneRowValues('contact', id, position, number)
          : { ...number, ownerType: 'contact', ownerId: id, position },
      );
    });
  };
}

/**
 * Builds the store under a name no other run uses (pid + random), so two runs at once never
 * delete each other's half-built file, and publishes it only when complete. Publishing is
 * a hard link, which is atomic and refuses to replace: when another run finished first,
 * its file stays (it may be reading it already, and replacing a WAL database under an
 * open connection would pair the new file with the old one's -wal/-shm) and ours is
 * dropped. Whatever happens, this run removes only its own partial files.
 */
function build(file: string): void {
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    fill(partial, file);
    try {
      linkSync(partial, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      console.log('Another run finished the store first: using its file.');
    }
  } finally {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  }
}

function fill(partial: string, file: string): void {
  console.log(`Building the screen-pop bench store (cached afterwards): ${file}`);
  const local = openLocalDb({ file: partial, migrationsDir });
  const { sqlite } = local;
  // A throwaway file being filled: durability buys nothing here, speed does.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const rand = random(42);
  const at = '2026-01-15T10:00:00.000Z';
  const owner = idOf(9, 1);

  const account = sqlite.prepare(
    `INSERT INTO accounts (id, name, industry, country, time_zone, is_demo, created_at, updated_at)
     VALUES (?, ?, 'Software', 'GB', ?, 0, ?, ?)`,
  );
  inBatches(
    sqlite,
    ACCOUNTS,
    (a) => account.run(idOf(1, a), `Account ${a}`, zones[a % zones.length] ?? null, at, at),
    'accounts',
  );

  inBatches(sqlite, CONTACTS, contactWriter(sqlite, at), 'contacts (+1.5 phones each)');

  const call = sqlite.prepare(
    `INSERT INTO calls (id, direction, subject, status, status_reason, actual_start, actual_end, duration_seconds,
       disposition_code, outcome_text, related_type, related_id, related_name, owner_id, created_at, updated_at, is_demo)
     VALUES (?, ?, 'Follow-up call', ?, ?, ?, ?, ?, ?, '', ?, ?, '', ?, ?, ?, 0)`,
  );
  const participant = sqlite.prepare(
    `INSERT INTO call_participants (call_id, position, kind, participant_id, role, name) VALUES (?, 0, 'contact', ?, 'attendee', ?)`,
  );
  const base = Date.parse('2024-01-01T00:00:00.000Z');
  inBatches(
    sqlite,
    CALLS,
    (n) => {
      const c = Math.floor(rand() * CONTACTS);
      const start = new Date(base + Math.floor(rand() * 700 * 86_400_000));
      const held = rand() < 0.7;
      const startIso = start.toISOString();
      const id = idOf(3, n);
      const relatedAccount = c % 10 !== 9 && rand() < 0.3;
      call.run(
        id,
        rand() < 0.5 ? 'Inbound' : 'Outbound',
        held ? 'Held' : 'NotHeld',
        held ? null : 'No answer',
        held ? startIso : null,
        held ? new Date(start.getTime() + 180_000).toISOString() : null,
        held ? 180 : null,
        held ? 'resolved' : 'no_answer',
        relatedAccount ? 'account' : 'contact',
        relatedAccount ? idOf(1, Math.floor(c / 10) % ACCOUNTS) : idOf(2, c),
        owner,
        startIso,
        startIso,
      );
      participant.run(id, idOf(2, c), 'Ada Lovelace');
    },
    'calls (+1 participant each)',
  );

  const task = sqlite.prepare(
    `INSERT INTO tasks (id, subject, due_at, status, priority, related_type, related_id, related_name, call_id, owner_id,
       is_demo, created_at, updated_at)
     VALUES (?, 'Call back', ?, ?, 'Normal', 'contact', ?, '', NULL, ?, 0, ?, ?)`,
  );
  inBatches(
    sqlite,
    TASKS,
    (t) =>
      task.run(
        idOf(4, t),
        '2026-02-01T09:00:00.000Z',
        t % 4 === 0 ? 'Done' : 'Open',
        idOf(2, Math.floor(rand() * CONTACTS)),
        owner,
        at,
        at,
      ),
    'tasks',
  );

  const visit = sqlite.prepare(
    `INSERT INTO appointments (id, contact_id, call_id, date, window_from, window_until, time_zone, starts_at, ends_at,
       address, service_type, technician_notes, status, booked_by, is_demo, created_at, updated_at)
     VALUES (?, ?, NULL, ?, '08:00', '12:00', 'America/Chicago', ?, ?, NULL, 'maintenance', '', 'scheduled', ?, 0, ?, ?)`,
  );
  // Visits far ahead stay "next" whenever the bench runs; a third of their customers also
  // have one left scheduled in the past, which the pop must skip.
  const ahead = Date.parse('2031-03-17T13:00:00.000Z');
  inBatches(
    sqlite,
    CONTACTS / 10,
    (v) => {
      const c = v * 10;
      const write = (n: number, startsMs: number) => {
        const startsAt = new Date(startsMs);
        visit.run(
          idOf(5, v * 2 + n),
          idOf(2, c),
          startsAt.toISOString().slice(0, 10),
          startsAt.toISOString(),
          new Date(startsMs + 4 * 3_600_000).toISOString(),
          owner,
          at,
          at,
        );
      };
      write(0, ahead + (v % 365) * 86_400_000);
      if (v % 3 === 0) write(1, base + (v % 365) * 86_400_000);
    },
    'visits (a tenth of the contacts)',
  );
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('ANALYZE');
  local.close();
}

/**
 * What the screen pop's read model costs a bulk write: µs per contact (1.5 phones each,
 * most with an account) written in 50,000-row transactions into an empty store with
 * the app's pragmas, migrated just before the cards migration (0005) and fully — the
 * latter with the caller-card triggers AND each phone's number facts derived in JS
 * (0007). Best of three per variant, alternating, so a busy machine penalises neither.
 */
function bulkInsertMicros(): { before: number; after: number } {
  const cardsVersion = readMigrations(migrationsDir).findIndex((m) => m.tag === CARDS_MIGRATION);
  if (cardsVersion < 0) throw new Error(`No migration ${CARDS_MIGRATION}.`);
  const at = '2026-01-15T10:00:00.000Z';
  const once = (targetVersion: number | undefined): number => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-insert-'));
    try {
      const local = openLocalDb({
        file: join(dir, 'insert.sqlite'),
        migrationsDir,
        ...(targetVersion !== undefined ? { targetVersion } : {}),
      });
      const { sqlite } = local;
      const account = sqlite.prepare(
        `INSERT INTO accounts (id, name, industry, country, time_zone, is_demo, created_at, updated_at)
         VALUES (?, ?, 'Software', 'GB', ?, 0, ?, ?)`,
      );
      sqlite.transaction(() => {
        for (let a = 0; a < BULK_CONTACTS / 10; a++)
          account.run(idOf(1, a), `Account ${a}`, zones[a % 6] ?? null, at, at);
      })();
      // Before 0005 the phones table has no number-fact columns either (0007 added them).
      // No profiles: the figure stays comparable with the one before customers existed.
      const write = contactWriter(sqlite, at, targetVersion === undefined, false);
      const started = process.hrtime.bigint();
      for (let from = 0; from < BULK_CONTACTS; from += BATCH) {
        sqlite.transaction(() => {
          for (let c = from; c < Math.min(BULK_CONTACTS, from + BATCH); c++) write(c);
        })();
      }
      const micros = Number(process.hrtime.bigint() - started) / 1e3 / BULK_CONTACTS;
      local.close();
      return micros;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  let before = Infinity;
  let after = Infinity;
  for (let round = 0; round < 3; round++) {
    before = Math.min(before, once(cardsVersion));
    after = Math.min(after, once(undefined));
  }
  return { before, after };
}

function time(run: () => unknown): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export async function screenPopBench(): Promise<BenchResult> {
  const file = cacheFile();
  if (!existsSync(file)) build(file);
  else console.log(`Using the cached screen-pop bench store: ${file}`);

  let local: LocalDb | null = null;
  try {
    local = openLocalDb({ file, migrationsDir });
    const { sqlite } = local;
    const rand = random(7);
    const totalPhones = CONTACTS + CONTACTS / 2;
    const known = Array.from({ length: SAMPLES }, () => numberOf(Math.floor(rand() * totalPhones)));
    const unknown = Array.from({ length: UNKNOWN_SAMPLES }, (_, i) => `+44208${String(i).padStart(7, '0')}`);
    const numbers = shuffle([...known, ...unknown], rand);

    const lookup = createScreenPopLookup(sqlite, () => new Date());
    const bare = sqlite.prepare<[string], { owner_type: string; owner_id: string }>(
      'SELECT owner_type, owner_id FROM phones WHERE e164 = ?',
    );
    // Steady state for both: one untimed pass over every sample loads the pages either
    // measurement needs, so neither profits from pages the other happened to load first.
    for (const n of numbers) lookup.lookup(n);
    for (const n of numbers.slice(0, WARMUP)) bare.all(n);
    const point = shuffle([...numbers], rand).map((n) => time(() => bare.all(n)));
    let matched = 0;
    const full = shuffle([...numbers], rand).map((n) =>
      time(() => {
        if (lookup.lookup(n).matches.length > 0) matched++;
      }),
    );

    // What each pop reads, untimed: statements run and rows returned, per pop, against
    // the bare lookup's (one statement, one row per owner of the number).
    const counted = countingReads(sqlite);
    const countedLookup = createScreenPopLookup(counted.sqlite, () => new Date());
    let customers = 0;
    let nextVisits = 0;
    for (const n of numbers) {
      for (const match of countedLookup.lookup(n).matches) {
        if (match.customer) customers++;
        if (match.customer?.nextVisit) nextVisits++;
      }
    }
    const fullReads = { ...counted.counts };
    const countedBare = countingReads(sqlite);
    const bareCounted = countedBare.sqlite.prepare('SELECT owner_type, owner_id FROM phones WHERE e164 = ?');
    for (const n of numbers) bareCounted.all(n);
    const bareReads = { ...countedBare.counts };

    const figures = {
      p50Ms: round(percentile(full, 50)),
      p99Ms: round(percentile(full, 99)),
      bareP50Ms: round(percentile(point, 50)),
      bareP99Ms: round(percentile(point, 99)),
      ratioP99: round(percentile(full, 99) / percentile(point, 99)),
      samples: numbers.length,
      matched,
      customerMatches: customers,
      withNextVisit: nextVisits,
      statementsPerPop: round(fullReads.statements / numbers.length),
      rowsPerPop: round(fullReads.rows / numbers.length),
      bareStatementsPerLookup: round(bareReads.statements / numbers.length),
      bareRowsPerLookup: round(bareReads.rows / numbers.length),
      contacts: CONTACTS,
      calls: CALLS,
    };
    printTable('Screen pop on 1,000,000 contacts / 1,000,000 calls', [
      ['', 'p50 ms', 'p99 ms'],
      ['full screen-pop lookup', figures.p50Ms.toFixed(3), figures.p99Ms.toFixed(3)],
      ['bare indexed point lookup', figures.bareP50Ms.toFixed(3), figures.bareP99Ms.toFixed(3)],
      ['ratio (full / bare)', (percentile(full, 50) / percentile(point, 50)).toFixed(1), figures.ratioP99.toFixed(1)],
    ]);
    const p99Target = figures.p99Ms <= 5;
    const ratioTarget = figures.ratioP99 <= 3;
    console.log(
      `Target p99 ≤ 5 ms: ${p99Target ? 'met' : 'MISSED'}. Target ≤ 3× bare: ${ratioTarget ? 'met' : 'MISSED'}.`,
    );
    console.log(`${matched} of ${numbers.length} numbers matched a contact (the rest are unknown callers).`);
    console.log(
      `${customers} matches were customers, ${nextVisits} with a next visit. Per pop: ${figures.statementsPerPop} statements, ` +
        `${figures.rowsPerPop} rows (bare lookup: ${figures.bareStatementsPerLookup} statements, ${figures.bareRowsPerLookup} rows).`,
    );

    const insert = bulkInsertMicros();
    printTable(`Bulk insert of ${BULK_CONTACTS.toLocaleString('en-US')} contacts with phones into an empty store`, [
      ['', 'µs per contact'],
      ['without the read model (before 0005)', insert.before.toFixed(1)],
      ['with caller cards and number facts', insert.after.toFixed(1)],
      ['added by the read model', (insert.after - insert.before).toFixed(1)],
    ]);
    console.log('');
    return {
      screenPop: {
        ...figures,
        meetsP99Target: p99Target,
        meetsRatioTarget: ratioTarget,
        bulkInsertUsPerContactBefore: round(insert.before),
        bulkInsertUsPerContactAfter: round(insert.after),
      },
    };
  } finally {
    local?.close();
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
