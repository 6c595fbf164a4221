import { syncEntities } from '../../../shared/sync/protocol';
import type { LocalDb } from '../db/open';
import { alwaysShadowed, deleteBase, DELETED, getBase } from './base';
import { deleteRecord, writeRecord } from './cache-write';
import { isMutationName, mutationArgs, type MutationName } from '../../../shared/sync/mutations';
import type { WriteTx } from '../db/write-tx';
import { localMutators, type LocalMutator } from './local-mutators';
import { writeUnsynced } from './mutate';
import { creatingMutations, targetKey, targetOf, type Target } from './targets';

/**
 * Rebase, after Replicache: once a pull has delivered everything up to the server's
 * lastMutationId, every record this desktop changed is rebuilt as
 *
 *     the server's version (sync_base)  +  the changes still waiting, replayed in order
 *
 * and the outbox rows the server has processed are dropped. Rebuilding from the server's
 * version (instead of leaving the optimistic row alone) is what undoes a change the
 * server refused (an illegal status change) or overruled (an older edit of the same
 * field): neither produces a new row version to pull, so nothing else would undo them.
 * Without a server version the record never reached the server: if a waiting change
 * created it and that change has been processed (refused), the record goes; otherwise
 * it stays as it is.
 *
 * Each slice of records is restored AND its processed outbox rows are deleted in one
 * transaction: if the app died between the two, the outbox rows would be gone while the
 * records still showed their optimistic state, with nothing left to trigger a rebuild.
 */

interface OutboxRow {
  mutationId: number;
  name: string;
  args: string;
}

export interface RebaseOptions {
  /** Outbox rows up to this local id are processed by the server and are dropped. */
  processedThrough: number;
  /** The signed-in user: owner of replayed creations. */
  userId: string;
  /** Records per transaction; the caller yields to the event loop between slices. */
  sliceSize?: number;
  yieldNow?: () => Promise<void>;
}

const entityOrder = new Map(syncEntities.map((entity, index) => [entity, index]));

export async function rebase(local: LocalDb, options: RebaseOptions): Promise<void> {
  const rows = local.sqlite
    .prepare(`select mutation_id as mutationId, name, args from outbox order by mutation_id`)
    .all() as OutboxRow[];
  const byTarget = new Map<string, { target: Target; rows: OutboxRow[] }>();
  const untargeted: number[] = [];
  for (const row of rows) {
    const target = targetOf(row.name, JSON.parse(row.args));
    if (!target) {
      untargeted.push(row.mutationId);
      continue;
    }
    const key = targetKey(target);
    const group = byTarget.get(key) ?? { target, rows: [] };
    group.rows.push(row);
    byTarget.set(key, group);
  }
  // Calls before what hangs on them (a replayed reminder needs its call back first).
  const groups = [...byTarget.values()].sort(
    (a, b) => entityOrder.get(a.target.entity)! - entityOrder.get(b.target.entity)!,
  );
  const sliceSize = options.sliceSize ?? 200;
  const drop = local.sqlite.prepare(`delete from outbox where mutation_id = ?`);
  for (let start = 0; start < groups.length; start += sliceSize) {
    const slice = groups.slice(start, start + sliceSize);
    writeUnsynced(local, 'server copy', (tx) => {
      for (const group of slice) rebuild(local, tx, group.target, group.rows, options);
      for (const group of slice) {
        for (const row of group.rows) if (row.mutationId <= options.processedThrough) drop.run(row.mutationId);
      }
    });
    await options.yieldNow?.();
  }
  local.sqlite.transaction(() => {
    for (const id of untargeted) if (id <= options.processedThrough) drop.run(id);
  })();
}

function rebuild(local: LocalDb, tx: WriteTx, target: Target, rows: OutboxRow[], options: RebaseOptions): void {
  const base = getBase(local, target.entity, target.id);
  if (base === DELETED) deleteRecord(tx, target.entity, target.id);
  else if (base !== undefined) writeRecord(tx, target.entity, base);
  else if (rows.some((row) => creatingMutations.has(row.name))) deleteRecord(tx, target.entity, target.id);

  const waiting = rows.filter((row) => row.mutationId > options.processedThrough);
  for (const row of waiting) replay(tx, options.userId, row.name, JSON.parse(row.args));
  if (waiting.length === 0 && (base === DELETED || !alwaysShadowed.has(target.entity))) {
    deleteBase(local, target.entity, target.id);
  }
}

/**
 * A waiting change, applied again by the same mutator that applied it first. One that no
 * longer applies (its call is gone, the status change is not legal now) is skipped: the
 * server refuses it too, and the agent sees the refusal in sync.rejections.
 */
function replay(tx: WriteTx, userId: string, name: string, rawArgs: unknown): void {
  if (!isMutationName(name)) return;
  const parsed = mutationArgs[name].safeParse(rawArgs);
  if (!parsed.success) return;
  (localMutators[name] as LocalMutator<MutationName>)(tx, userId, parsed.data as never);
}

/** Keys of every record with an outbox row (waiting or processed-but-not-yet-pulled). */
export function outboxTargetKeys(local: LocalDb): Set<string> {
  const rows = local.sqlite.prepare(`select name, args from outbox`).all() as { name: string; args: string }[];
  const keys = new Set<string>();
  for (const row of rows) {
    const target = targetOf(row.name, JSON.parse(row.args));
    if (target) keys.add(targetKey(target));
  }
  return keys;
}
