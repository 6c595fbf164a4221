import { eq, sql } from 'drizzle-orm';
import type { CallRecord } from '../../../../shared/domain/call';
import type { Db } from '../client';
import type { WriteTx } from '../write-tx';
import { callParticipants, calls, callStatusHistory } from '../schema';

// Reads live in call-reads.ts (plain prepared SQL, kept per connection); writes stay here.
export { getCall, listCalls, type CallFilter, type RelatedKey } from './call-reads';

function callColumns(call: CallRecord) {
  return {
    id: call.id,
    direction: call.direction,
    subject: call.subject,
    status: call.status,
    statusReason: call.statusReason,
    plannedLocal: call.plannedStart?.local ?? null,
    plannedZone: call.plannedStart?.zone ?? null,
    plannedUtc: call.plannedStart?.utc ?? null,
    actualStart: call.actualStart,
    actualEnd: call.actualEnd,
    durationSeconds: call.durationSeconds,
    dispositionCode: call.outcome.dispositionCode,
    outcomeText: call.outcome.text,
    relatedType: call.related?.type ?? null,
    relatedId: call.related?.id ?? null,
    relatedName: call.related?.name ?? null,
    ownerId: call.ownerId,
    teamId: call.teamId,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    providerCallId: call.providerCallId,
    recordingUrl: call.recordingUrl,
    quality: call.quality ?? null,
    review: call.review ?? null,
    transcript: call.transcript ?? null,
    wrappedUpAt: call.wrappedUpAt ?? null,
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
    isDemo: call.isDemo,
  };
}

function writeParticipants(db: Db, call: CallRecord): void {
  if (call.participants.length === 0) return;
  db.insert(callParticipants)
    .values(
      call.participants.map((p, position) => ({
        callId: call.id,
        position,
        kind: p.kind,
        participantId: p.id,
        role: p.role,
        name: p.name,
      })),
    )
    .run();
}

function writeHistory(db: Db, call: CallRecord, fromSeq: number): void {
  const entries = call.history.slice(fromSeq);
  if (entries.length === 0) return;
  db.insert(callStatusHistory)
    .values(
      entries.map((h, i) => ({
        callId: call.id,
        seq: fromSeq + i,
        fromStatus: h.from,
        toStatus: h.to,
        reason: h.reason,
        at: h.at,
        by: h.by,
      })),
    )
    .run();
}

/**
 * Writes a new call with its participants and history. Callers wrap it in a
 * transaction together with whatever else belongs to the same change (the outbox row).
 */
export function insertCall(tx: WriteTx, call: CallRecord): void {
  const { db } = tx;
  db.insert(calls).values(callColumns(call)).run();
  writeParticipants(db, call);
  writeHistory(db, call, 0);
}

/**
 * Saves a changed call. History is append-only: only entries past what is stored are
 * written, so an earlier entry can never be rewritten. Participants are replaced whole
 * (they are a small ordered list the agent edits as one).
 */
export function updateCall(tx: WriteTx, call: CallRecord): void {
  const { db } = tx;
  // A plain UPDATE, never INSERT OR REPLACE: REPLACE would delete the row without its
  // triggers and detach the search index (see migration 0001).
  const result = db.update(calls).set(callColumns(call)).where(eq(calls.id, call.id)).run();
  if (result.changes !== 1) throw new Error(`Call ${call.id} is not in the local store.`);
  db.delete(callParticipants).where(eq(callParticipants.callId, call.id)).run();
  writeParticipants(db, call);
  const stored = db
    .select({ n: sql<number>`count(*)` })
    .from(callStatusHistory)
    .where(eq(callStatusHistory.callId, call.id))
    .get();
  writeHistory(db, call, stored?.n ?? 0);
}
