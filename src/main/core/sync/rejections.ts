import type { RejectedChange } from '../../../shared/api/sync';
import type { SyncEntity } from '../../../shared/sync/protocol';
import { isMutationName } from '../../../shared/sync/mutations';
import type { LocalDb } from '../db/open';
import type { WriteTx } from '../db/write-tx';
import { CoreError } from '../errors';
import { getBase } from './base';
import { deleteRecord } from './cache-write';
import { commit, writeUnsynced, type Mutation, type WriteContext } from './mutate';
import { rebuild, type OutboxRow } from './rebase';
import { describeChange, describeReason, describeRecord } from './rejection-words';
import { creatingMutations, targetKey, targetOf, type Target } from './targets';

/**
 * Changes the server refused for good (sync_rejections), and what the agent can do about
 * each: Discard (give up the change: the record goes back to the server's copy) or Retry
 * (send it again, under a new mutation id, e.g. once a colleague has restored the call).
 */

interface RejectionRow {
  mutationId: number;
  name: string;
  args: string | null;
  code: string;
  message: string;
  rejectedAt: string;
}

function parseArgs(row: RejectionRow): unknown {
  return row.args ? (JSON.parse(row.args) as unknown) : null;
}

export function listRejections(local: LocalDb, page: { limit: number; offset: number }) {
  const rows = local.sqlite
    .prepare(
      `select mutation_id as mutationId, name, args, code, message, rejected_at as rejectedAt
       from sync_rejections order by mutation_id desc limit ? offset ?`,
    )
    .all(page.limit, page.offset) as RejectionRow[];
  const total = (local.sqlite.prepare(`select count(*) as n from sync_rejections`).get() as { n: number }).n;
  const items: RejectedChange[] = rows.map((row) => {
    const args = parseArgs(row);
    const target = args ? targetOf(row.name, args) : null;
    return {
      mutationId: row.mutationId,
      name: row.name,
      code: row.code,
      message: row.message,
      rejectedAt: row.rejectedAt,
      target,
      record: describeRecord(local, target, row.name, args),
      change: describeChange(row.name, args),
      reason: describeReason(row.code, row.message),
    };
  });
  return { items, total };
}

function getRejection(local: LocalDb, mutationId: number): RejectionRow | undefined {
  return local.sqlite
    .prepare(
      `select mutation_id as mutationId, name, args, code, message, rejected_at as rejectedAt
       from sync_rejections where mutation_id = ?`,
    )
    .get(mutationId) as RejectionRow | undefined;
}

function forget(tx: WriteTx, mutationId: number): void {
  tx.sqlite.prepare(`delete from sync_rejections where mutation_id = ?`).run(mutationId);
  // Processed by the server (it refused it), so the next rebase would drop it anyway.
  tx.sqlite.prepare(`delete from outbox where mutation_id = ?`).run(mutationId);
}

/** The record a refusal was about, or null when there is no such refusal. */
export type Settled = { entity: SyncEntity; id: string } | null;

/**
 * Gives the change up. If the pull that undoes a refused change has not run yet, the
 * record still shows it: rebuild it now from the server's version plus the changes
 * that are not refused (sent and accepted, or waiting), so what the agent sees is the
 * server's copy with their other work on top. A refused creation with no server
 * version removes the record: it exists nowhere else.
 */
export function discardRejection(local: LocalDb, mutationId: number, userId: string): Settled | undefined {
  return writeUnsynced(local, 'server copy', (tx): Settled | undefined => {
    const rejection = getRejection(local, mutationId);
    if (!rejection) return undefined;
    const args = parseArgs(rejection);
    const target = args ? targetOf(rejection.name, args) : null;
    forget(tx, mutationId);
    if (!target) return null;
    if (creatingMutations.has(rejection.name) && getBase(local, target.entity, target.id) === undefined) {
      deleteRecord(tx, target.entity, target.id);
    }
    rebuild(local, tx, target, keptRowsFor(local, target), { processedThrough: 0, userId });
    return target;
  });
}

/** This record's outbox rows other than refused ones, oldest first. */
function keptRowsFor(local: LocalDb, target: Target): OutboxRow[] {
  const refused = new Set(
    (local.sqlite.prepare(`select mutation_id as id from sync_rejections`).all() as { id: number }[]).map((r) => r.id),
  );
  const key = targetKey(target);
  const rows = local.sqlite
    .prepare(`select mutation_id as mutationId, name, args from outbox order by mutation_id`)
    .all() as OutboxRow[];
  return rows.filter((row) => {
    if (refused.has(row.mutationId)) return false;
    const rowTarget = targetOf(row.name, JSON.parse(row.args));
    return rowTarget !== null && targetKey(rowTarget) === key;
  });
}

/**
 * Sends the change again as a new mutation (a new id: the server already counted the
 * old one) through the one write path, so its effect is back on the record at once. If
 * it cannot apply here either (a Held call cannot be cancelled), the agent gets the rule's
 * sentence now and the refusal stays listed, to discard.
 */
export function retryRejection(ctx: WriteContext, mutationId: number): Settled | undefined {
  const rejection = getRejection(ctx.local, mutationId);
  if (!rejection) return undefined;
  const args = parseArgs(rejection);
  if (!args || !isMutationName(rejection.name)) {
    throw new CoreError('cannot_retry', 'This change can no longer be sent: discard it.');
  }
  commit(ctx, [{ name: rejection.name, args } as Mutation], {
    unsynced: { what: 'refusal record', write: (tx) => forget(tx, mutationId) },
  });
  return targetOf(rejection.name, args);
}
