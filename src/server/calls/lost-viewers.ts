import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { tombstones, users } from '../db/schema';

/** The columns that decide which agents see a call (visibility.ts). */
export interface CallViewers {
  ownerId: string;
  participantUserIds: readonly string[];
}

const viewersOf = (call: CallViewers) => new Set([call.ownerId, ...call.participantUserIds]);

/**
 * A call that leaves an agent's view (reassigned by a transfer, a participant taken off)
 * no longer reaches that agent's pulls, so without more their desktop would keep its
 * stale copy for good. Each agent who lost it gets a personal tombstone for the call,
 * with the same version as the write that took it away; the desktop drops its copy on
 * the next pull (sync/pull.ts sends a tombstone only to its owner). Supervisors and
 * admins see every call of the company, so they never lose one.
 *
 * An agent who gets the call back loses the tombstone: otherwise a pull from the start
 * would deliver the call and then, in the same page, the old delete (a page applies its
 * changes before its deletes).
 */
export async function tombstoneLostViewers(
  tx: Tx,
  change: { companyId: string; callId: string; before: CallViewers; after: CallViewers; version: number; at: Date },
): Promise<void> {
  const { companyId, callId } = change;
  const before = viewersOf(change.before);
  const after = viewersOf(change.after);
  const gained = [...after].filter((id) => !before.has(id));
  const lost = [...before].filter((id) => !after.has(id));
  if (gained.length > 0) {
    await tx
      .delete(tombstones)
      .where(
        and(
          eq(tombstones.companyId, companyId),
          eq(tombstones.entity, 'calls'),
          eq(tombstones.id, callId),
          inArray(tombstones.ownerId, gained),
        ),
      );
  }
  if (lost.length === 0) return;
  const agents = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.role, 'agent'), inArray(users.id, lost)));
  if (agents.length === 0) return;
  const stamp = { deletedAt: change.at, version: change.version };
  await tx
    .insert(tombstones)
    .values(agents.map((agent) => ({ companyId, entity: 'calls', id: callId, ownerId: agent.id, ...stamp })))
    .onConflictDoUpdate({
      target: [tombstones.companyId, tombstones.entity, tombstones.id, tombstones.ownerId],
      set: stamp,
    });
}
