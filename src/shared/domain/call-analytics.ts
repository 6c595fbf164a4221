import type { CallDirection, CallStatus } from './call';

/**
 * The rules of the call figures, in one place: what counts as answered, missed, talk time
 * and handle time. The desktop's pre-aggregation (migration 0017's triggers) and the
 * server's dashboard query express the same rules in SQL; the analytics tests run one
 * fixture through this function, the desktop store and the server and expect one answer.
 *
 * - A call that happened is one that was dialled or rang: Held or Not Held. Planned and
 *   Cancelled calls never did; they are counted in the outcome breakdown only.
 * - Answered: Held (either direction). Missed: an inbound call Not Held.
 * - Answer rate: answered / calls that happened (null when none did).
 * - Talk time: a Held call's duration (actual end − actual start, whole seconds).
 * - After-call work: from the call's end to when its wrap-up was saved, whole seconds
 *   (each instant truncated to the second), never negative; 0 when not recorded.
 * - Handle time: talk time + after-call work, for Held calls with a duration.
 */

export interface AnalyticsCall {
  direction: CallDirection;
  status: CallStatus;
  durationSeconds: number | null;
  actualEnd: string | null;
  /** When the wrap-up was saved; null when the call had none (or before this was recorded). */
  wrappedUpAt: string | null;
}

export interface CallFacts {
  happened: boolean;
  answered: boolean;
  missed: boolean;
  /** Null unless the call was Held with a duration. */
  talkSeconds: number | null;
  handleSeconds: number | null;
}

export function afterCallWorkSeconds(call: Pick<AnalyticsCall, 'actualEnd' | 'wrappedUpAt'>): number {
  if (!call.actualEnd || !call.wrappedUpAt) return 0;
  const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  return Math.max(0, seconds(call.wrappedUpAt) - seconds(call.actualEnd));
}

export function callFacts(call: AnalyticsCall): CallFacts {
  const held = call.status === 'Held';
  const talk = held ? call.durationSeconds : null;
  return {
    happened: held || call.status === 'NotHeld',
    answered: held,
    missed: call.direction === 'Inbound' && call.status === 'NotHeld',
    talkSeconds: talk,
    handleSeconds: talk === null ? null : talk + afterCallWorkSeconds(call),
  };
}

/** Buckets are 15 minutes of UTC: every zone's offset is a multiple of that, so any zone's hours are whole buckets. */
export const BUCKET_MINUTES = 15;

/** The start of the 15-minute bucket an instant falls in, as `YYYY-MM-DDTHH:MM` (UTC). */
export function bucketOf(instant: string): string {
  const ms = Date.parse(instant);
  const start = ms - (((ms % (BUCKET_MINUTES * 60_000)) + BUCKET_MINUTES * 60_000) % (BUCKET_MINUTES * 60_000));
  return new Date(start).toISOString().slice(0, 16);
}

/** What both stores aggregate to: one row per bucket, agent, direction, status and disposition. */
export interface StatsBucket {
  bucket: string;
  ownerId: string;
  direction: CallDirection;
  status: CallStatus;
  disposition: string | null;
  calls: number;
  talkSum: number;
  talkCount: number;
  handleSum: number;
  handleCount: number;
}

/** The reference aggregation (the SQL of both stores must agree with it): calls → buckets. */
export function bucketsOf(
  calls: readonly (AnalyticsCall & { occurredAt: string; ownerId: string; dispositionCode: string | null })[],
): StatsBucket[] {
  const byKey = new Map<string, StatsBucket>();
  for (const call of calls) {
    const bucket = bucketOf(call.occurredAt);
    const key = [bucket, call.ownerId, call.direction, call.status, call.dispositionCode ?? ''].join('|');
    let row = byKey.get(key);
    if (!row) {
      row = {
        bucket,
        ownerId: call.ownerId,
        direction: call.direction,
        status: call.status,
        disposition: call.dispositionCode,
        calls: 0,
        talkSum: 0,
        talkCount: 0,
        handleSum: 0,
        handleCount: 0,
      };
      byKey.set(key, row);
    }
    const facts = callFacts(call);
    row.calls += 1;
    if (facts.talkSeconds !== null) {
      row.talkSum += facts.talkSeconds;
      row.talkCount += 1;
    }
    if (facts.handleSeconds !== null) {
      row.handleSum += facts.handleSeconds;
      row.handleCount += 1;
    }
  }
  return [...byKey.values()];
}
