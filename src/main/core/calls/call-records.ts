import type { MatchRef, PopMatch, ScreenPop } from '../../../shared/api/line';
import type { CallDirection, CallRecord, Participant, RelatedRef } from '../../../shared/domain/call';
import { crmOutcomeFor, type TelephonyOutcome } from '../../../shared/domain/disposition';
import { newId } from '../../../shared/domain/ids';
import { createCall, transition, type StatusChange, type TransitionError } from '../../../shared/domain/lifecycle';
import type { Result } from '../../../shared/result';
import type { Db } from '../db/client';
import { getCall, insertCall, updateCall } from '../db/repositories/calls';
import { CoreError } from '../errors';
import { appendMutation } from '../sync/append-mutation';
import { callCreateArgs, callSet } from '../sync/mutation-args';

/**
 * The call record as the live call goes: created when it rings or is dialed, started
 * when it connects, Held or Not Held when it ends. Every write goes through the shared
 * lifecycle (so the desktop and the server agree on what a status requires) and is
 * made in one transaction with its outbox row: if the app died between the two, the
 * call would exist here and never reach the server.
 */

export interface Agent {
  userId: string;
  name: string;
}

/** Telephony writes are made by the system on the agent's behalf; history says so. */
const telephony = 'system';

function orRefuse(result: Result<CallRecord, TransitionError>): CallRecord {
  if (!result.ok) throw new CoreError(result.error.code, result.error.message);
  return result.value;
}

function matchOf(pop: ScreenPop | null, chosen: MatchRef | null): PopMatch | null {
  if (!pop || !chosen) return null;
  return pop.matches.find((m) => m.type === chosen.type && m.id === chosen.id) ?? null;
}

/** The agent organises; the person on the line attends (accounts are not people). */
export function participantsFor(agent: Agent, match: PopMatch | null): Participant[] {
  const me: Participant = { kind: 'user', id: agent.userId, role: 'organizer', name: agent.name };
  if (!match || match.type === 'account') return [me];
  return [me, { kind: match.type, id: match.id, role: 'attendee', name: match.name }];
}

export function relatedOf(match: PopMatch | null): RelatedRef | null {
  return match ? { type: match.type, id: match.id, name: match.name } : null;
}

export interface NewLiveCall {
  direction: CallDirection;
  subject: string;
  /** The other party. */
  number: string | null;
  providerCallId: string | null;
  participants: Participant[];
  related: RelatedRef | null;
  at: string;
  /** Born Not Held (an inbound call refused because the agent was unavailable). */
  notHeldReason?: string;
}

export function createLiveCallRecord(db: Db, agent: Agent, input: NewLiveCall): CallRecord {
  const e164 = input.number && /^\+[1-9]\d{1,14}$/.test(input.number) ? input.number : null;
  const first: StatusChange = input.notHeldReason
    ? { to: 'NotHeld', reason: input.notHeldReason, at: input.at, by: telephony }
    : { to: 'Planned', at: input.at, by: agent.userId };
  const call = orRefuse(
    createCall(
      {
        id: newId(),
        direction: input.direction,
        subject: input.subject,
        plannedStart: null,
        outcome: { dispositionCode: null, text: '' },
        participants: input.participants,
        related: input.related,
        ownerId: agent.userId,
        teamId: null,
        fromNumber: input.direction === 'Inbound' ? e164 : null,
        toNumber: input.direction === 'Outbound' ? e164 : null,
        providerCallId: input.providerCallId,
        recordingUrl: null,
        isDemo: false,
      },
      first,
    ),
  );
  db.transaction((tx) => {
    insertCall(tx, call);
    appendMutation(tx, 'call.create', callCreateArgs(call));
  });
  return call;
}

function requireCall(db: Db, id: string): CallRecord {
  const call = getCall(db, id);
  if (!call) throw new CoreError('not_found', `Call ${id} is no longer in the local store.`);
  return call;
}

/**
 * The call connected. The start is kept on the still-Planned row (so a crash mid-call
 * leaves the time it began), and travels to the server with the final status change;
 * it is not queued on its own because the sync contract moves times with statuses.
 */
export function recordAnswered(db: Db, callId: string, at: string, providerCallId: string | null): void {
  db.transaction((tx) => {
    const call = requireCall(tx, callId);
    const provider = providerCallId ?? call.providerCallId;
    updateCall(tx, { ...call, actualStart: at, providerCallId: provider, updatedAt: at });
    // The provider's id is a call field of its own (the times are not: see above).
    if (provider !== call.providerCallId) {
      appendMutation(tx, 'call.update', { id: callId, set: callSet({ providerCallId: provider }), at });
    }
  });
}

export interface EndedCall {
  callId: string;
  outcome: TelephonyOutcome;
  answeredAt: string | null;
  endedAt: string;
  providerCallId: string | null;
}

/** Held with its times and duration when it connected; Not Held with the telephony reason when not. */
export function recordEnded(db: Db, ended: EndedCall): CallRecord {
  const crm = crmOutcomeFor(ended.outcome);
  return db.transaction((tx) => {
    const call = requireCall(tx, ended.callId);
    const change: StatusChange =
      crm.status === 'Held' && ended.answeredAt
        ? { to: 'Held', actualStart: ended.answeredAt, actualEnd: ended.endedAt, at: ended.endedAt, by: telephony }
        : {
            to: 'NotHeld',
            reason: crm.reason ?? crmOutcomeFor('failed').reason,
            actualStart: null,
            actualEnd: null,
            at: ended.endedAt,
            by: telephony,
          };
    const next = orRefuse(transition({ ...call, providerCallId: ended.providerCallId ?? call.providerCallId }, change));
    updateCall(tx, next);
    // The provider's call id may have been learnt after the record was queued (an
    // outbound call gets it when it connects); it travels as a field edit of its own.
    if (next.providerCallId !== call.providerCallId) {
      appendMutation(tx, 'call.update', {
        id: next.id,
        set: callSet({ providerCallId: next.providerCallId }),
        at: ended.endedAt,
      });
    }
    const { by: _by, ...status } = change;
    appendMutation(tx, 'call.setStatus', { id: next.id, ...status });
    return next;
  });
}

/** The agent chose who the caller is: the record's attendee and related record follow. */
export function linkMatch(db: Db, agent: Agent, callId: string, match: PopMatch, at: string): CallRecord {
  return db.transaction((tx) => {
    const call = requireCall(tx, callId);
    const fields = { participants: participantsFor(agent, match), related: relatedOf(match) };
    const next = { ...call, ...fields, updatedAt: at };
    updateCall(tx, next);
    appendMutation(tx, 'call.update', { id: callId, set: callSet(fields), at });
    return next;
  });
}

export { matchOf };
