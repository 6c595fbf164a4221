import { and, eq, getTableColumns, gt, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { unionAll, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { syncEntities, type PullResponse, type SyncEntity, type Tombstone } from '../../shared/sync/protocol';
import type { Principal } from '../auth/tokens';
import { visibleCallBranches, visibleCalls } from '../calls/visibility';
import type { Db, Tx } from '../db/database';
import { appointments, calls, notes, reminders, tasks, tombstones } from '../db/schema';
import { smsMessages } from '../db/schema-sms';
import { directoryTables } from '../directory/store';
import { smsMessageOf } from '../sms/records';
import { callRecordOf, noteOf, reminderOf, taskOf } from './records';

/*
 * The pull's sources of changes (pull.ts reads them in one snapshot): which rows of each
 * table a caller may see, and the one statement that reads them after a version.
 */

/** One source of changes: its table, the caller's visibility filter, and how a row becomes a record. */
export interface Source {
  index: number;
  table: PgTable & { companyId: PgColumn; id: PgColumn; version: PgColumn };
  where: (principal: Principal) => SQL | undefined;
  /** Disjoint filters read as a UNION ALL, each on its own index (calls and notes for an agent); null: `where` alone. */
  branches?: (principal: Principal) => SQL[] | null;
  /** The columns a pull reads, when not all of them (notes: not the call's viewers, which only select). */
  columns?: Record<string, PgColumn>;
  /** The row's position within a version; tombstones need the entity too, as ids repeat across entities. */
  key: { sql: SQL; of: (row: Record<string, unknown>) => string };
  emit: (row: never, page: { changes: PullResponse['changes']; deletes: Tombstone[] }) => void;
}

const ownWork = (principal: Principal, owner: PgColumn, creator?: PgColumn) =>
  principal.role === 'agent'
    ? creator
      ? or(eq(owner, principal.userId), eq(creator, principal.userId))
      : eq(owner, principal.userId)
    : undefined;

const { callOwnerId: _owner, callGuestIds: _guests, ...noteColumns } = getTableColumns(notes);

/** visibleCalls's rule for an agent, on the copy of the call's viewers each note carries. */
function noteBranches(principal: Principal): SQL[] {
  const company = eq(notes.companyId, principal.companyId);
  return [
    and(company, isNull(notes.callId))!,
    and(company, eq(notes.callOwnerId, principal.userId))!,
    and(company, isNotNull(notes.callGuestIds), sql`${notes.callGuestIds} @> array[${principal.userId}]::text[]`)!,
  ];
}

function sources(): Source[] {
  const list: Omit<Source, 'index' | 'key'>[] = [
    {
      table: calls,
      where: (p) => visibleCalls(p),
      branches: (p) => visibleCallBranches(p),
      emit: (row, page) => page.changes.calls.push(callRecordOf(row)),
    },
    {
      table: notes,
      // A note on a call travels with the call (so a supervisor's note reaches the agent);
      // a note on a directory record is for everyone in the company. The call's owner and
      // other participants are on the note (migration 0020's triggers keep them as the
      // call's), so an agent's notes are three disjoint branches, each on its own index
      // with the version after it: unlinked notes, notes on calls it owns, notes on calls
      // it takes part in (the company's changed notes on calls with guests, migration
      // 0021). The EXISTS on calls this replaces walked every changed note of the company
      // (test/server/pull-cost.test.ts counts both).
      where: (p) => (p.role === 'agent' ? or(...noteBranches(p)) : undefined),
      branches: (p) => (p.role === 'agent' ? noteBranches(p) : null),
      columns: noteColumns,
      emit: (row, page) => page.changes.notes.push(noteOf(row)),
    },
    {
      table: tasks,
      where: (p) => ownWork(p, tasks.ownerId, tasks.createdBy),
      emit: (row, page) => page.changes.tasks.push(taskOf(row)),
    },
    // Reminders are personal for every role: a supervisor's desktop must not fire an agent's reminders.
    {
      table: reminders,
      where: (p) => eq(reminders.ownerId, p.userId),
      emit: (row, page) => page.changes.reminders.push(reminderOf(row)),
    },
    ...(['accounts', 'contacts', 'leads', 'opportunities', 'cases'] as const).map((entity) => ({
      table: directoryTables[entity],
      where: () => undefined,
      emit: (row: { data: never }, page: { changes: PullResponse['changes'] }) => page.changes[entity].push(row.data),
    })),
    // Texts belong to the customer, whom the whole company sees (the directory is
    // company-wide), so every desktop of the company gets every thread.
    {
      table: smsMessages,
      where: () => undefined,
      emit: (row, page) => page.changes.messages.push(smsMessageOf(row)),
    },
    // Visits are the company's, like the customers they are for.
    {
      table: appointments,
      where: () => undefined,
      emit: (row: { data: never }, page) => page.changes.appointments.push(row.data),
    },
    {
      table: tombstones,
      where: (p) => or(isNull(tombstones.ownerId), eq(tombstones.ownerId, p.userId)),
      emit: (row: { entity: string; id: string }, page) =>
        page.deletes.push({ entity: row.entity as SyncEntity, id: row.id }),
    },
  ];
  return list.map((source, index) => {
    const key =
      source.table === tombstones
        ? {
            sql: sql`(${tombstones.entity} || '/' || ${tombstones.id})`,
            of: (row: Record<string, unknown>) => `${row['entity']}/${row['id']}`,
          }
        : { sql: sql`${source.table.id}`, of: (row: Record<string, unknown>) => row['id'] as string };
    return { ...source, key, index } as Source;
  });
}
export const SOURCES = sources();
// The pull order must name each entity once, in the protocol's order, then tombstones.
if (SOURCES.length !== syncEntities.length + 1) throw new Error('pull sources and sync entities disagree');

/**
 * One source's visible rows within `range` in (version, key) order, at most `take` when given
 * (a pull reads limit+1): the statement pull-statements.ts builds once per shape, with
 * placeholders for the values.
 */
export function sourceQuery(tx: Db, principal: Principal, source: Source, range: SQL | undefined, take?: number) {
  const { table } = source;
  const select = (filter: SQL | undefined) => {
    const query = (source.columns ? tx.select(source.columns) : tx.select())
      .from(table)
      .where(and(eq(table.companyId, principal.companyId), range, filter))
      .orderBy(table.version, source.key.sql);
    return take === undefined ? query : query.limit(take);
  };
  const branches = source.branches?.(principal);
  if (!branches) return select(source.where(principal));
  // Each branch is read in order on its own index and limited alone; the union is then
  // ordered and limited again. The branches are disjoint, so no row comes twice.
  const [first, second, ...rest] = branches.map(select);
  const union = unionAll(first!, second!, ...rest).orderBy(
    sql`${sql.identifier(table.version.name)}`,
    sql`${sql.identifier(table.id.name)}`,
  );
  return take === undefined ? union : union.limit(take);
}

/**
 * The statement a pull sends for one entity's rows above `version`, unexecuted: the test of
 * what a pull examines (test/server/pull-cost.test.ts) runs it under EXPLAIN ANALYZE.
 */
export function pullReadOf(tx: Tx, principal: Principal, entity: SyncEntity, version: number, limit: number) {
  const source = SOURCES[syncEntities.indexOf(entity)]!;
  return sourceQuery(tx, principal, source, gt(source.table.version, version), limit + 1);
}
