import type { SyncEntity } from '../../../shared/sync/protocol';
import type { LocalDb } from '../db/open';

/**
 * The server's version of records (table sync_base; see schema/sync.ts). Calls, tasks and
 * reminders are always shadowed when pulled: a local change to one of them may be
 * refused or overruled later, and undoing it needs the version from before it. Other
 * records are shadowed only while they have changes waiting (a contact the agent
 * created), which keeps a million directory rows from being stored twice.
 */
export const alwaysShadowed: ReadonlySet<SyncEntity> = new Set<SyncEntity>(['calls', 'tasks', 'reminders']);

/** The server said the record is gone (a tombstone) while local changes to it were waiting. */
export const DELETED = Symbol('deleted');
const deletedMarker = '{"$deleted":true}';

export type BaseRecord = unknown | typeof DELETED | undefined;

export function getBase(local: LocalDb, entity: SyncEntity, id: string): BaseRecord {
  const row = local.sqlite.prepare(`select record from sync_base where entity = ? and id = ?`).get(entity, id) as
    { record: string } | undefined;
  if (!row) return undefined;
  return row.record === deletedMarker ? DELETED : (JSON.parse(row.record) as unknown);
}

export function setBase(local: LocalDb, entity: SyncEntity, id: string, record: unknown | typeof DELETED): void {
  local.sqlite
    .prepare(
      `insert into sync_base (entity, id, record) values (?, ?, ?)
       on conflict(entity, id) do update set record = excluded.record`,
    )
    .run(entity, id, record === DELETED ? deletedMarker : JSON.stringify(record));
}

export function deleteBase(local: LocalDb, entity: SyncEntity, id: string): void {
  local.sqlite.prepare(`delete from sync_base where entity = ? and id = ?`).run(entity, id);
}
