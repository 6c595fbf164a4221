import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../src/main/core/create-core';
import { openLocalDb } from '../../src/main/core/db/open';
import { allCallColumns, type CallTableCursor, type CallTableFilter } from '../../src/shared/api/call-table';
import { percentile, printTable, type BenchResult } from './stats';

/**
 * The calls table and search at scale, for `npm run bench -- calltable`: 1,000,000
 * calls and 1,000,000 contacts (each with a phone) in the local store, every query
 * through the core's dispatch as the UI sends it (input parsed, output parsed).
 *
 *  page     one page (100 rows) of the calls table under a filter the agents use
 *           (direction + status, needs disposition, an owner, a disposition, a date
 *           range, a number fragment, with a recording), first pages and pages further
 *           down by cursor: p99 ≤ 10 ms.
 *  search   search as you type, three characters: a piece of a name, or three digits
 *           of a phone number, over contacts, leads and accounts: p99 ≤ 20 ms.
 *  export   100,000 calls of a view to CSV, chunk by chunk as the UI asks: ≤ 5 s.
 *
 * Seeding is one transaction of prepared statements, phones before their contacts so
 * each contact's search row is written once, whole (its insert trigger reads its phones).
 * The seeded file is kept in the OS temp folder, keyed by the size and a hash of the
 * migrations, so a rerun skips the seed (a schema change seeds afresh); each run works
 * on a copy. BENCH_CALLTABLE_COUNT sets the size (default 1,000,000 of each).
 */

const migrationsDir = join(process.cwd(), 'src/main/core/db/migrations');
const COUNT = Number(process.env['BENCH_CALLTABLE_COUNT'] ?? 1_000_000);
const ROUNDS = 400;
const EXPORT_ROWS = Math.min(100_000, COUNT / 2);
const DAY = 86_400_000;
/** Bump when seed() writes different data, so the cached file is rebuilt. */
const SEED_VERSION = 'calltable-seed-1';
const START = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 700;

const FIRST = [
  'Anna',
  'Ben',
  'Carla',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kavya',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Pedro',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
];
const LAST = [
  'Andersen',
  'Becker',
  'Carter',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hale',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quintero',
  'Rossi',
  'Schmidt',
  'Tanaka',
];
const COMPANIES = ['Northwind', 'Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay'];
const DISPOSITIONS = ['interested', 'callback', 'no_answer', 'left_voicemail', 'busy', null];
const STATUSES = ['Held', 'Held', 'NotHeld', 'Planned', 'Cancelled'] as const;
const OWNERS = Array.from({ length: 20 }, (_, i) => `owner-${i}`);

/** A deterministic pseudo-random sequence, so two runs seed the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const phoneOf = (i: number) => `+1${200 + (i % 700)}${String(5550000 + ((i * 7919) % 4_440_000)).padStart(7, '0')}`;

function cacheFile(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir).sort()) {
    if (name.endsWith('.sql')) hash.update(name).update(readFileSync(join(migrationsDir, name)));
  }
  hash.update(SEED_VERSION);
  return join(tmpdir(), `switchboard-bench-calltable-${COUNT}-${hash.digest('hex').slice(0, 12)}.sqlite`);
}

/** The seeded store (built once per schema and size), copied to `file`; the seed's times, or null when cached. */
function seeded(file: string): { calls: number; contacts: number } | null {
  const cached = cacheFile();
  let times = null;
  if (!existsSync(cached)) {
    const building = `${cached}.building`;
    rmSync(building, { force: true });
    times = seed(building);
    renameSync(building, cached);
  }
  copyFileSync(cached, file);
  return times;
}

function seed(file: string): { calls: number; contacts: number } {
  const local = openLocalDb({ file, migrationsDir, appVersion: 'bench' });
  const r = random(13);
  const t0 = performance.now();
  const phone = local.sqlite.prepare(
    `insert into phones (owner_type, owner_id, position, kind, e164) values ('contact', ?, 0, 'work', ?)`,
  );
  const contact = local.sqlite.prepare(
    `insert into contacts (id, first_name, last_name, email, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
  );
  local.sqlite.transaction(() => {
    const at = new Date(START).toISOString();
    for (let i = 0; i < COUNT; i++) {
      const id = `ct-${i}`;
      const first = pick(r, FIRST);
      const last = pick(r, LAST);
      phone.run(id, phoneOf(i));
      contact.run(
        id,
        first,
        last,
        `${first}.${last}${i}@${pick(r, COMPANIES).toLowerCase()}.example`.toLowerCase(),
        at,
        at,
      );
    }
  })();
  const contacts = performance.now() - t0;

  const t1 = performance.now();
  const call = local.sqlite.prepare(
    `insert into calls (id, direction, subject, status, actual_start, duration_seconds, disposition_code, outcome_text,
       owner_id, from_number, to_number, recording_url, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)`,
  );
  local.sqlite.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const inbound = r() < 0.5;
      const status = pick(r, STATUSES);
      const happened = status === 'Held' || status === 'NotHeld';
      const at = new Date(START + r() * SPAN_DAYS * DAY).toISOString();
      const other = phoneOf(Math.floor(r() * COUNT));
      call.run(
        `call-${i}`,
        inbound ? 'Inbound' : 'Outbound',
        `${pick(r, ['Renewal', 'Invoice', 'Outage', 'Quote', 'Onboarding', 'Storm damage'])} ${i}`,
        status,
        happened ? at : null,
        status === 'Held' ? Math.floor(r() * 1800) : null,
        happened ? pick(r, DISPOSITIONS) : null,
        pick(r, OWNERS),
        inbound ? other : '+12125550100',
        inbound ? '+12125550100' : other,
        status === 'Held' && r() < 0.1 ? `https://rec.example/${i}.mp3` : null,
        at,
        at,
      );
    }
  })();
  const calls = performance.now() - t1;
  // One file, no write-ahead log beside it: the cache is copied as it is.
  local.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  local.close();
  return { calls, contacts };
}

/** The filters a page is measured under, as the table's filter bar makes them. */
function filters(r: () => number): CallTableFilter {
  const day = new Date(START + Math.floor(r() * (SPAN_DAYS - 14)) * DAY).toISOString().slice(0, 10);
  const week = new Date(Date.parse(day) + 6 * DAY).toISOString().slice(0, 10);
  const choices: CallTableFilter[] = [
    {},
    { direction: 'Inbound', status: ['NotHeld'] },
    { needsDisposition: true },
    { ownerId: pick(r, OWNERS) },
    { disposition: ['callback'] },
    { fromDate: day, toDate: week },
    { hasRecording: true },
    { number: String(200 + Math.floor(r() * 700)) + '555' },
    { direction: 'Outbound', ownerId: pick(r, OWNERS), status: ['Held'] },
  ];
  return pick(r, choices);
}

export async function callTableBench(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-calltable-'));
  try {
    const seedMs = seeded(join(dataDir, 'switchboard.sqlite'));
    const core = createCore({ dataDir, host: 'browser', migrationsDir, version: 'bench', seedDemo: false });
    await core.dispatch('settings.update', { timeZone: 'UTC' });
    const ask = async <T>(name: string, input: unknown): Promise<T> => {
      const reply = await core.dispatch(name, input);
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
      return reply.value as T;
    };
    type Page = { items: unknown[]; next: CallTableCursor | null };
    const r = random(7);

    // Warm: the first query of a shape prepares its statement.
    for (let i = 0; i < 30; i++) await ask<Page>('calls.table', { filter: filters(r), limit: 100 });
    const page: number[] = [];
    const deepPage: number[] = [];
    const byShape = new Map<string, number[]>();
    for (let i = 0; i < ROUNDS; i++) {
      const filter = filters(r);
      const t0 = performance.now();
      const first = await ask<Page>('calls.table', { filter, limit: 100 });
      const took = performance.now() - t0;
      page.push(took);
      const shape = Object.keys(filter).join('+') || 'no filter';
      byShape.set(shape, [...(byShape.get(shape) ?? []), took]);
      // A few pages further down, as scrolling loads them.
      if (first.next) {
        const t1 = performance.now();
        await ask<Page>('calls.table', { filter, after: first.next, limit: 100 });
        deepPage.push(performance.now() - t1);
      }
    }

    const search: number[] = [];
    const searchPhone: number[] = [];
    for (let i = 0; i < 10; i++) await ask('directory.search', { query: 'ann', types: ['contact', 'lead', 'account'] });
    for (let i = 0; i < ROUNDS; i++) {
      const name = `${pick(r, FIRST)}${pick(r, LAST)}`;
      const at = Math.floor(r() * (name.length - 3));
      const t0 = performance.now();
      await ask('directory.search', {
        query: name.slice(at, at + 3).toLowerCase(),
        types: ['contact', 'lead', 'account'],
      });
      search.push(performance.now() - t0);
      const digits = phoneOf(Math.floor(r() * COUNT)).slice(2);
      const d = Math.floor(r() * (digits.length - 3));
      const t1 = performance.now();
      await ask('directory.search', { query: digits.slice(d, d + 3), types: ['contact', 'lead', 'account'] });
      searchPhone.push(performance.now() - t1);
    }

    // The count (the footer, a pinned view): not a target, reported for what it costs.
    const count: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await ask('calls.tableCount', { filter: filters(r) });
      count.push(performance.now() - t0);
    }

    const columns = [...allCallColumns];
    const t0 = performance.now();
    let exported = 0;
    let bytes = 0;
    let after: CallTableCursor | null = null;
    while (exported < EXPORT_ROWS) {
      const chunk: { csv: string; rows: number; next: CallTableCursor | null } = await ask('calls.exportCsv', {
        filter: { direction: 'Inbound' },
        sort: { column: 'when', direction: 'desc' },
        columns,
        after,
        limit: Math.min(2000, EXPORT_ROWS - exported),
      });
      exported += chunk.rows;
      bytes += chunk.csv.length;
      after = chunk.next;
      if (!after) break;
    }
    const exportMs = performance.now() - t0;
    core.close();

    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    const all = [...page, ...deepPage];
    const figures = {
      callTable: {
        calls: COUNT,
        contacts: COUNT,
        // Null when the seeded file came from the cache.
        seedCallsMs: seedMs && Math.round(seedMs.calls),
        seedContactsMs: seedMs && Math.round(seedMs.contacts),
        pageP50Ms: round(percentile(all, 50)),
        pageP99Ms: round(percentile(all, 99)),
        firstPageP99Ms: round(percentile(page, 99)),
        nextPageP99Ms: round(percentile(deepPage, 99)),
        searchNameP50Ms: round(percentile(search, 50)),
        searchNameP99Ms: round(percentile(search, 99)),
        searchPhoneP50Ms: round(percentile(searchPhone, 50)),
        searchPhoneP99Ms: round(percentile(searchPhone, 99)),
        countP50Ms: round(percentile(count, 50)),
        exportRows: exported,
        exportBytes: bytes,
        exportMs: Math.round(exportMs),
        // Wall-clock figures on a shared machine: the load they were taken under goes with them.
        loadAverage1m: round(loadavg()[0] ?? 0),
      },
    };
    const f = figures.callTable;
    printTable(`Calls table: ${COUNT.toLocaleString('en')} calls, ${COUNT.toLocaleString('en')} contacts`, [
      ['measure', 'p50 ms', 'p99 ms', 'target'],
      ['table page (100 rows), filtered', String(f.pageP50Ms), String(f.pageP99Ms), 'p99 ≤ 10'],
      ['  first pages / next pages', '', `${f.firstPageP99Ms} / ${f.nextPageP99Ms}`, ''],
      ['search as you type: 3 letters of a name', String(f.searchNameP50Ms), String(f.searchNameP99Ms), 'p99 ≤ 20'],
      ['search as you type: 3 digits of a number', String(f.searchPhoneP50Ms), String(f.searchPhoneP99Ms), 'p99 ≤ 20'],
      ['count of a filter (footer, pinned view)', String(f.countP50Ms), '', '—'],
      [`export ${f.exportRows.toLocaleString('en')} calls to CSV (total ms)`, String(f.exportMs), '', '≤ 5000'],
    ]);
    console.log(
      f.seedCallsMs === null
        ? `seed: from the cache (${cacheFile()}); load average (1 min): ${f.loadAverage1m}`
        : `seed: calls ${f.seedCallsMs} ms, contacts ${f.seedContactsMs} ms; load average (1 min): ${f.loadAverage1m}`,
    );
    for (const [shape, times] of byShape)
      console.log(`  page p50/p99 ms, ${shape}: ${round(percentile(times, 50))} / ${round(percentile(times, 99))}`);
    return figures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
