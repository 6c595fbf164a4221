import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { MissedCall } from '../../../../shared/api/missed-calls';
import { formatPhoneForDisplay } from '../../../../shared/domain/phone';
import type { Db } from '../client';
import { calls, tasks } from '../schema';
import { listCalls } from './calls';

/**
 * A missed call is an inbound call that never connected: Not Held and never started.
 * It is unhandled while a call-back task linked to it is still open.
 */
const isMissed = and(eq(calls.direction, 'Inbound'), eq(calls.status, 'NotHeld'), isNull(calls.actualStart));

/** How many missed calls still wait for their call-back (the nav badge). */
export function countUnhandledMissedCalls(db: Db): number {
  const row = db
    .select({ n: sql<number>`count(distinct ${tasks.callId})` })
    .from(tasks)
    .innerJoin(calls, eq(calls.id, tasks.callId))
    .where(and(eq(tasks.status, 'Open'), isMissed))
    .get();
  return row?.n ?? 0;
}

/** Missed calls, newest first, each with its call-back task (the open one if any). */
export function listMissedCalls(db: Db, filter: { unhandledOnly: boolean; limit: number }): MissedCall[] {
  // Its own open call-back, or the one of the same caller's earlier try (tries are grouped).
  const openTask = sql`exists (select 1 from tasks t join calls first on first.id = t.call_id
    where t.status = 'Open' and (t.call_id = ${calls.id} or (first.from_number = ${calls.fromNumber}
      and first.direction = 'Inbound' and first.status = 'NotHeld' and first.actual_start is null)))`;
  const ids = db
    .select({ id: calls.id })
    .from(calls)
    .where(filter.unhandledOnly ? and(isMissed, openTask) : isMissed)
    .orderBy(desc(calls.sortAt), desc(calls.seq))
    .limit(filter.limit)
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return [];
  const records = listCalls(db, { ids, limit: ids.length, offset: 0 }).items;
  const linked = db.select().from(tasks).where(inArray(tasks.callId, ids)).all();
  return records.map((call) => {
    const mine = linked.filter((t) => t.callId === call.id);
    // A repeated try from the same caller shares the first try's open call-back (grouped).
    const shared = mine.length === 0 && call.fromNumber ? openCallBackOf(db, call.fromNumber) : undefined;
    const task =
      mine.find((t) => t.status === 'Open') ?? shared ?? mine.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    const person = call.participants.find((p) => p.kind !== 'user');
    return {
      id: call.id,
      at: call.createdAt,
      number: call.fromNumber,
      caller:
        person?.name ||
        call.related?.name ||
        (call.fromNumber ? formatPhoneForDisplay(call.fromNumber) : 'Unknown caller'),
      related: call.related,
      reason: call.statusReason,
      task: task ? { id: task.id, subject: task.subject, dueAt: task.dueAt, status: task.status } : null,
      handled: task ? task.status !== 'Open' : true,
    };
  });
}

function openCallBackOf(db: Db, number: string) {
  const id = openCallBackTaskIds(db, number)[0];
  return id ? db.select().from(tasks).where(eq(tasks.id, id)).get() : undefined;
}

/** Open call-back tasks of missed calls from this number (to close once the caller is reached). */
export function openCallBackTaskIds(db: Db, number: string): string[] {
  return db
    .select({ id: tasks.id })
    .from(tasks)
    .innerJoin(calls, eq(calls.id, tasks.callId))
    .where(and(eq(tasks.status, 'Open'), isMissed, eq(calls.fromNumber, number)))
    .all()
    .map((r) => r.id);
}

/** How many missed calls came from this number since `since` (its call-back's creation). */
export function missedCallsFromSince(db: Db, number: string, since: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(calls)
      .where(and(isMissed, eq(calls.fromNumber, number), sql`${calls.createdAt} >= ${since}`))
      .get()?.n ?? 0
  );
}
