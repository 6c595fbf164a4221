import type { Teammate } from '../../../shared/api/teammates';
import type { Db } from '../db/client';
import { prepared, sqliteOf } from '../db/repositories/call-reads';
import { listTeammates } from '../db/repositories/teammates';
import { CoreError } from '../errors';
import type { Mutation } from '../sync/mutate';

/**
 * The bulk bar's "Change owner" (supervisors and admins): one call.setOwner per call
 * that is not already the new owner's, and for Undo one per call back to the owner it
 * had, read from the same state. The new owner must be in the company's user list this
 * desktop holds (the picker shows that list); the server checks again that they are an
 * enabled user of the company.
 */

export interface OwnerPlan {
  mutations: Mutation[];
  undo: Mutation[];
  ownerName: string;
}

/** The colleague a call may be given to, from the company's user list this desktop holds. */
export function colleague(db: Db, ownerId: string): Teammate {
  const owner = listTeammates(db).find((teammate) => teammate.id === ownerId);
  if (!owner) throw new CoreError('unknown_user', 'Choose a colleague from the company’s list.');
  return owner;
}

export function planOwner(db: Db, ids: readonly string[], ownerId: string, at: string): OwnerPlan {
  const owner = colleague(db, ownerId);
  const statement = prepared(
    sqliteOf(db),
    `select id, owner_id as ownerId from calls where id in (select value from json_each(?))`,
  );
  const plan: OwnerPlan = { mutations: [], undo: [], ownerName: owner.name };
  // json_each over a slice at a time: one statement per ten thousand ids, not one per id.
  for (let start = 0; start < ids.length; start += 10_000) {
    const rows = statement.all(JSON.stringify(ids.slice(start, start + 10_000))) as { id: string; ownerId: string }[];
    for (const row of rows) {
      if (row.ownerId === ownerId) continue;
      plan.mutations.push({ name: 'call.setOwner', args: { id: row.id, ownerId, at } });
      plan.undo.push({ name: 'call.setOwner', args: { id: row.id, ownerId: row.ownerId, at } });
    }
  }
  return plan;
}
