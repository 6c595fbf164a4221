import type { TelephonyOutcome } from '../../../shared/domain/disposition';
import { getCall } from '../db/repositories/calls';
import type { WriteContext } from '../sync/mutate';
import { createLiveCallRecord, matchOf, participantsFor, recordEnded, relatedOf, type Agent } from './call-records';
import { draftForEnd, idleLine, reduceLine, type LineEffect, type LineMachineState } from './line-machine';
import type { LineSession } from './line-store';

/** The line as a start finds it from the stored session. */
export interface RestoredLine {
  state: LineMachineState;
  /** After-call work runs from here. */
  since: string;
  /** Set when the call ended with the app: the controller opens its wrap-up now. */
  required: Extract<LineEffect, { type: 'wrapup-required' }> | null;
  /** Set when an inbound call was still ringing: a missed call, no wrap-up. */
  missed: Extract<LineEffect, { type: 'missed-call' }> | null;
}

/**
 * Whether the session's call still needs its end written, after making sure it has a
 * record at all. Two kills leave a session out of step with the records, because the
 * session and the record are written in separate transactions:
 *
 * - between showing a ring (the session is stored with it) and writing its record right
 *   after (inbound.ts: the pop does not wait for a disk write): no record. It is written
 *   now from what the session kept, so the call is still logged (missed, or Held with its
 *   wrap-up) instead of leaving a wrap-up that could never be saved;
 * - between the end's commit and the session's move to wrap-up: the record has ended
 *   already, and ending it again would be refused (a Held call cannot become Held).
 *
 * Also returns the answer the record kept: the answer's commit comes before the session
 * that shows it (a kill between the two leaves a "ringing" session of an answered call).
 */
function recordOfSession(
  session: LineSession,
  write: WriteContext,
  agent: Agent,
): { open: boolean; recordedStart: string | null } {
  const stored = getCall(write.local.db, session.call.callId);
  if (stored) {
    // A start on a record still open, or ended Held (by an earlier restart that was killed
    // before it stored the session), means the call connected; a Not Held one stays missed.
    const connected = stored.status === 'Planned' || stored.status === 'Held';
    return { open: stored.status === 'Planned', recordedStart: connected ? stored.actualStart : null };
  }
  const { call } = session;
  const match = matchOf(call.pop, call.chosen);
  createLiveCallRecord(write, {
    id: call.callId,
    direction: call.direction,
    subject: call.subject,
    number: call.number,
    providerCallId: call.providerCallId,
    participants: participantsFor(agent, match),
    related: session.draft.related ?? relatedOf(match),
    at: call.startedAt,
  });
  return { open: true, recordedStart: null };
}

/**
 * A wrap-up that was pending comes back as the agent left it. A call the app stopped
 * during ended with it: its record is closed as well as we know it (the end is `at`,
 * the moment we learn it) and its wrap-up is asked for, prefilled from that end; a
 * call still ringing becomes a missed call instead.
 */
export function restoreLine(
  session: LineSession,
  at: string,
  write: WriteContext,
  agent: Agent,
  report: (error: unknown) => void,
): RestoredLine {
  if (session.wrapUpSince && session.outcome) {
    const call = { ...session.call, endedAt: session.wrapUpSince, outcome: session.outcome };
    const state = reduceLine(idleLine, { type: 'restore-wrapup', call, draft: session.draft }).state;
    return { state, since: session.wrapUpSince, required: null, missed: null };
  }
  let open = true;
  let answeredAt = session.call.answeredAt;
  try {
    const record = recordOfSession(session, write, agent);
    open = record.open;
    // The record says it was answered while the session still shows the ring: answered.
    answeredAt ??= record.recordedStart;
  } catch (error) {
    report(error);
  }
  if (session.call.direction === 'Inbound' && !answeredAt) {
    // It was still ringing: a missed call, which asks for no wrap-up.
    try {
      if (open)
        recordEnded(write, {
          callId: session.call.callId,
          outcome: 'missed',
          answeredAt: null,
          endedAt: at,
          providerCallId: session.call.providerCallId,
        });
    } catch (error) {
      report(error);
    }
    const call = { ...session.call, outcome: 'missed' as const, endedAt: at };
    return { state: idleLine, since: at, required: null, missed: { type: 'missed-call', call, outcome: 'missed', at } };
  }
  const ended: TelephonyOutcome = answeredAt ? 'completed' : session.call.direction === 'Inbound' ? 'missed' : 'failed';
  try {
    if (open) {
      recordEnded(write, {
        callId: session.call.callId,
        outcome: ended,
        answeredAt,
        endedAt: at,
        providerCallId: session.call.providerCallId,
      });
    }
  } catch (error) {
    report(error);
  }
  const call = { ...session.call, answeredAt, outcome: ended, endedAt: at, muted: false, held: false };
  const state = reduceLine(idleLine, { type: 'restore-wrapup', call, draft: draftForEnd(session.draft, ended) }).state;
  return {
    state,
    since: at,
    required: { type: 'wrapup-required', callId: call.callId, outcome: ended, since: at },
    missed: null,
  };
}
