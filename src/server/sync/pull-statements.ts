import { and, eq, gt, lte, sql, type SQL } from 'drizzle-orm';
import { sessionRevokedSql } from '../auth/sessions';
import type { Principal } from '../auth/tokens';
import type { Db } from '../db/database';
import { p, prebuild, type Prebuilt } from '../db/prebuilt';
import { companies, syncClients } from '../db/schema';
import { companyClockSql } from './company-clock';
import { SOURCES, sourceQuery, type Source } from './pull-sources';

/*
 * The pull's statements, built once per shape (prebuilt.ts) instead of once per request.
 * A shape is what changes the text: the caller's role (its visibility filter), whether
 * the token names a session, and how the range starts. The request's values (company,
 * user, versions, limit) are placeholders. There are few shapes (12 sources × a few roles
 * × 3 range starts × limited or not), so they are kept for the life of the process.
 */

/**
 * How a source's range starts after the cursor: above its version, at it (the source
 * comes after the cursor's entity within that version), or after its (version, key).
 * Every range ends at `through`.
 */
export type RangeStart = 'gt' | 'gte' | 'after';

export interface RangeValues {
  start: RangeStart;
  version: number;
  /** The cursor's key within its version ('after' only). */
  id?: string;
  through: number;
}

/** The same principal as the request's, its values left as placeholders (its role shapes the text). */
function placeholderPrincipal(role: Principal['role']): Principal {
  return { role, companyId: p('companyId'), userId: p('userId') };
}

/** The range's filter, with placeholders or (for tests) with a request's values. */
export function rangeOf(
  source: Source,
  start: RangeStart,
  values = { from: p<number>('from'), fromId: p('fromId'), through: p<number>('through') },
): SQL | undefined {
  const { version } = source.table;
  const from =
    start === 'gt'
      ? gt(version, values.from)
      : start === 'gte'
        ? sql`${version} >= ${values.from}`
        : sql`(${version}, ${source.key.sql}) > (${values.from}, ${values.fromId})`;
  return and(from, lte(version, values.through));
}

const reads = new Map<string, Prebuilt<Record<string, unknown>[]>>();

export function readStatement(source: Source, role: Principal['role'], start: RangeStart, limited: boolean) {
  const key = `${source.index}/${role}/${start}/${limited}`;
  let statement = reads.get(key);
  if (!statement) {
    const build = (db: Db) =>
      sourceQuery(
        db,
        placeholderPrincipal(role),
        source,
        rangeOf(source, start),
        limited ? p<number>('take') : undefined,
      );
    statement = prebuild(build) as Prebuilt<Record<string, unknown>[]>;
    reads.set(key, statement);
  }
  return statement;
}

/** One source's visible rows in range, in (version, key) order, up to limit+1 when given. */
export function readSourceRange(
  db: Db,
  principal: Principal,
  source: Source,
  range: RangeValues,
  limit?: number,
): Promise<Record<string, unknown>[]> {
  return readStatement(source, principal.role, range.start, limit !== undefined).run(db, {
    companyId: principal.companyId,
    userId: principal.userId,
    from: range.version,
    fromId: range.id ?? '',
    through: range.through,
    take: limit === undefined ? undefined : limit + 1,
  });
}

/**
 * Whether the company has a row of `table` above the cursor's version (at or above it inside
 * a version: a page that ended mid-version still owes the version's later rows), as its
 * greatest version compared with the cursor's: one backward probe of the (company, version)
 * index, however many rows the company has.
 *
 * Written as ORDER BY … DESC LIMIT 1, not max() and not EXISTS, because only this form is
 * that probe whatever the planner knows of the table (pull-probes.test.ts checks each):
 *  - `exists (… where version > cursor)`: once a table has statistics, a prepared
 *    statement's generic plan (the cursor unknown) is a sequential scan expecting an early
 *    match, but the rows above a recent cursor are the newest, at the heap's end, so every
 *    pull read the whole table;
 *  - `max(version)`: on a table without statistics (a new database, until autovacuum's
 *    first ANALYZE) Postgres costs every index as holding one row, and for calls and notes
 *    it aggregated over a (company, owner, version) index: every pull read all of the
 *    company's calls and notes (2,717 each in sync-cost's 3,000 rounds; Postgres CPU per pull
 *    1.83 ms before this form, 0.60 ms after).
 * Only the (company, version) index yields rows already in this order; any other plan
 * needs a sort, which costs more than the probe even on an empty table.
 */
export function newerThan(table: Source['table'], companyId: string, lowest: number, inside: boolean): SQL {
  const newest = sql`(select ${table.version} from ${table} where ${table.companyId} = ${companyId}
    order by ${table.version} desc limit 1)`;
  return inside ? sql`coalesce(${newest} >= ${lowest}, false)` : sql`coalesce(${newest} > ${lowest}, false)`;
}

/**
 * The pull's first statement (pull.ts, openPull, says what it brings). `inside`: the cursor
 * ended a page mid-version, whose later rows are still due (>= instead of >).
 */
export function buildOpenPull(
  db: Db,
  principal: Principal,
  inside: boolean,
  values = { lowest: p<number>('lowest'), mayWait: p<boolean>('mayWait'), clientId: p('clientId') },
) {
  const checks = SOURCES.map(
    ({ table }) => sql`${newerThan(table, principal.companyId, values.lowest, inside)}::int::text`,
  );
  return db
    .select({
      settledBelow: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`,
      next: sql<string>`pg_snapshot_xmax(pg_current_snapshot())::text`,
      horizon: companies.horizon,
      clock: sql<string | null>`${companyClockSql(principal.companyId)}`,
      hasRows: sql<
        string | null
      >`case when ${values.mayWait} and pg_snapshot_xmin(pg_current_snapshot()) <> pg_snapshot_xmax(pg_current_snapshot())
        then null else concat(${sql.join(checks, sql`, `)}) end`,
      revoked: sessionRevokedSql(principal.sessionId),
      client: {
        companyId: syncClients.companyId,
        userId: syncClients.userId,
        lastMutationId: syncClients.lastMutationId,
        version: syncClients.version,
      },
    })
    .from(companies)
    .leftJoin(syncClients, eq(syncClients.id, values.clientId))
    .where(eq(companies.id, principal.companyId));
}

type OpenPullRow = Awaited<ReturnType<typeof buildOpenPull>>[number];
const openPulls = new Map<string, Prebuilt<OpenPullRow[]>>();

/** The first statement's shape: inside a version or not, and whether the token names a session. */
export function openPullStatement(role: Principal['role'], named: boolean, inside: boolean): Prebuilt<OpenPullRow[]> {
  const key = `${role}/${inside}/${named}`;
  let statement = openPulls.get(key);
  if (!statement) {
    const shape = { ...placeholderPrincipal(role), ...(named ? { sessionId: p('sessionId') } : {}) };
    statement = prebuild((db) => buildOpenPull(db, shape, inside));
    openPulls.set(key, statement);
  }
  return statement;
}

/** Runs the pull's first statement. */
export function runOpenPull(
  db: Db,
  principal: Principal,
  values: { clientId: string; lowest: number; inside: boolean; mayWait: boolean },
): Promise<OpenPullRow[]> {
  const statement = openPullStatement(principal.role, principal.sessionId !== undefined, values.inside);
  return statement.run(db, {
    companyId: principal.companyId,
    sessionId: principal.sessionId,
    clientId: values.clientId,
    lowest: values.lowest,
    mayWait: values.mayWait,
  });
}
