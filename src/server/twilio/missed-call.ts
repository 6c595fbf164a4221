import { and, asc, eq, isNull } from 'drizzle-orm';
import type { CallRecord } from '../../shared/domain/call';
import { callBackTaskId } from '../../shared/domain/ids';
import type { Tx } from '../db/database';
import { tasks, users } from '../db/schema';
import { UNASSIGNED_OWNER } from './call-records';

/**
 * A caller nobody answered gets a call back: one High-priority task per missed call
 * (its id derives from the call's, so a callback delivered twice cannot make two, and the
 * desktop's own call-back for the same call merges into it: sync/mutators/work.ts), for
 * the first agent the call rang, or the company's first admin when nobody was available.
 */
export async function createCallBackTask(tx: Tx, companyId: string, call: CallRecord, hlc: string, version: number) {
  const rung = call.participants.find((p) => p.kind === 'user' && p.id !== UNASSIGNED_OWNER)?.id;
  const ownerId = rung ?? (await firstAdmin(tx, companyId));
  if (!ownerId) return;
  const who = call.related?.name || call.fromNumber || 'the caller';
  const at = new Date(call.actualEnd ?? call.updatedAt);
  await tx
    .insert(tasks)
    .values({
      companyId,
      id: callBackTaskId(call.id),
      subject: `Call back ${who} (missed call)`,
      dueAt: at,
      status: 'Open',
      priority: 'High',
      related: call.related,
      callId: call.id,
      ownerId,
      createdBy: ownerId,
      fieldHlc: Object.fromEntries(
        ['subject', 'dueAt', 'priority', 'related', 'callId', 'ownerId'].map((f) => [f, hlc]),
      ),
      isDemo: false,
      createdAt: at,
      updatedAt: at,
      version,
    })
    .onConflictDoNothing();
}

async function firstAdmin(tx: Tx, companyId: string): Promise<string | null> {
  const [admin] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.role, 'admin'), isNull(users.disabledAt)))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  return admin?.id ?? null;
}
