import { and, asc, count, eq, gte, isNull, ne, type SQL } from 'drizzle-orm';
import type { CallRecord } from '../../shared/domain/call';
import { callBackTaskId } from '../../shared/domain/ids';
import type { Tx } from '../db/database';
import { calls, tasks, users } from '../db/schema';
import { UNASSIGNED_OWNER } from './call-records';

/**
 * A caller nobody answered gets a call back: one High-priority task per caller (its id
 * derives from the first missed call's, so a callback delivered twice cannot make two,
 * and the desktop's own call-back for the same call merges into it:
 * sync/mutators/work.ts), for the first agent the call rang, or the company's first
 * admin when nobody was available. Further misses from the same number while that task
 * is open attach to it, as the desktop groups them (core/calls/missed-calls.ts).
 */
export async function createCallBackTask(tx: Tx, companyId: string, call: CallRecord, hlc: string, version: number) {
  const who = call.related?.name || call.fromNumber || 'the caller';
  const at = new Date(call.actualEnd ?? call.updatedAt);
  if (call.fromNumber && (await attachToOpenCallBack(tx, companyId, { call, who, at, hlc, version }))) return;
  const rung = call.participants.find((p) => p.kind === 'user' && p.id !== UNASSIGNED_OWNER)?.id;
  const ownerId = rung ?? (await firstAdmin(tx, companyId));
  if (!ownerId) return;
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

/** Missed calls (inbound, Not Held, never started) of the company from this number. */
function missedFrom(companyId: string, number: string): SQL {
  return and(
    eq(calls.companyId, companyId),
    eq(calls.direction, 'Inbound'),
    eq(calls.status, 'NotHeld'),
    isNull(calls.actualStart),
    eq(calls.fromNumber, number),
  ) as SQL;
}

/**
 * The same caller's call-back is still open: this miss joins it (three missed calls in a
 * row are one call-back, not three), its subject counting the tries since the first;
 * its due time stays, the first try is the one waiting longest. False when there is none.
 */
async function attachToOpenCallBack(
  tx: Tx,
  companyId: string,
  miss: { call: CallRecord; who: string; at: Date; hlc: string; version: number },
): Promise<boolean> {
  const { call } = miss;
  const earlier = and(missedFrom(companyId, call.fromNumber!), ne(calls.id, call.id));
  const [open] = await tx
    .select({ id: tasks.id, fieldHlc: tasks.fieldHlc, since: calls.createdAt })
    .from(tasks)
    .innerJoin(calls, and(eq(calls.companyId, tasks.companyId), eq(calls.id, tasks.callId)))
    .where(and(eq(tasks.companyId, companyId), eq(tasks.status, 'Open'), earlier))
    .orderBy(asc(calls.createdAt), asc(tasks.id))
    .limit(1);
  if (!open) return false;
  const [before] = await tx
    .select({ n: count() })
    .from(calls)
    .where(and(earlier, gte(calls.createdAt, open.since)));
  // This call is counted too: its Not Held status is written right after this.
  const tries = (before?.n ?? 0) + 1;
  await tx
    .update(tasks)
    .set({
      subject: `Call back ${miss.who} (${tries} missed calls)`,
      fieldHlc: { ...open.fieldHlc, subject: miss.hlc },
      updatedAt: miss.at,
      version: miss.version,
    })
    .where(and(eq(tasks.companyId, companyId), eq(tasks.id, open.id)));
  return true;
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
