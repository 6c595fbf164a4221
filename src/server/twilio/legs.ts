import { z } from 'zod';
import { crmOutcomeFor, type TelephonyOutcome } from '../../shared/domain/disposition';

/**
 * Twilio call legs, folded from their status callbacks. Twilio may deliver a callback
 * twice, late, or before an earlier one, so the fold is built to be order-independent
 * and idempotent (a join: merging the same events in any order, any number of times,
 * gives the same state):
 *
 * - the status is the furthest one reached, ordered by (stage, SequenceNumber,
 *   Timestamp); a terminal status is the last stage, so nothing moves a leg back;
 * - the answer time is the earliest `in-progress` seen, the end and duration the
 *   terminal callback's (the largest, should two disagree).
 *
 * The CRM record is then derived from the legs (`deriveOutcome`), never from the order
 * the callbacks came in.
 */

export const TwilioCallStatus = z.enum([
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
]);
export type TwilioCallStatus = z.infer<typeof TwilioCallStatus>;

const terminal = new Set<TwilioCallStatus>(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
export const isTerminal = (status: TwilioCallStatus) => terminal.has(status);

function stage(status: TwilioCallStatus): number {
  if (terminal.has(status)) return 3;
  if (status === 'in-progress') return 2;
  if (status === 'ringing') return 1;
  return 0;
}

export interface LegEvent {
  status: TwilioCallStatus;
  /** SequenceNumber: orders the callbacks of one leg. Absent on the voice request itself. */
  sequence: number | null;
  /** When Twilio says it happened (ISO), or null. */
  at: string | null;
  /** CallDuration, on a terminal callback. */
  durationSeconds: number | null;
}

export type LegState = {
  status: TwilioCallStatus;
  sequence: number;
  at: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /**
   * On an inbound caller's leg: how many agents the call rang, and what the <Dial> said
   * when it ended. "Nobody answered" is only certain from one of these, never from the
   * caller hanging up (the agents' callbacks may simply not be here yet).
   */
  rung?: number | null;
  dial?: 'answered' | 'unanswered' | null;
};

export const LegStateSchema = z.object({
  status: TwilioCallStatus,
  sequence: z.number(),
  at: z.string().nullable(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  rung: z.number().nullable().optional(),
  dial: z.enum(['answered', 'unanswered']).nullable().optional(),
});

export function emptyLeg(): LegState {
  return { status: 'queued', sequence: -1, at: null, answeredAt: null, endedAt: null, durationSeconds: null };
}

const minOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxOf = <T extends string | number>(a: T | null, b: T | null) =>
  a === null ? b : b === null ? a : a > b ? a : b;

function isLater(event: LegEvent, state: LegState): boolean {
  const [a, b] = [stage(event.status), stage(state.status)];
  if (a !== b) return a > b;
  const sequence = event.sequence ?? -1;
  if (sequence !== state.sequence) return sequence > state.sequence;
  return (event.at ?? '') > (state.at ?? '');
}

export function foldLeg(state: LegState, event: LegEvent): LegState {
  const later = isLater(event, state);
  const ends = isTerminal(event.status);
  return {
    ...state,
    status: later ? event.status : state.status,
    sequence: later ? (event.sequence ?? -1) : state.sequence,
    at: later ? event.at : state.at,
    answeredAt: event.status === 'in-progress' ? minOf(state.answeredAt, event.at) : state.answeredAt,
    endedAt: ends ? maxOf(state.endedAt, event.at) : state.endedAt,
    durationSeconds: ends ? maxOf(state.durationSeconds, event.durationSeconds) : state.durationSeconds,
  };
}

/** Twilio's Timestamp is RFC 2822 ("Tue, 10 Mar 2026 12:00:00 +0000"); null when unreadable. */
export function instantOf(timestamp: string | undefined): string | null {
  if (!timestamp) return null;
  const ms = Date.parse(timestamp);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * `transfer`: a leg the server dialed into the call's Conference to pass the call on
 * (control.ts): a colleague's client or an outside number. It talks to the customer
 * like the first agent's leg did, so it counts for the call's end time.
 */
export type LegRole = 'customer' | 'agent' | 'transfer';

export interface Leg {
  callSid: string;
  role: LegRole;
  userId: string | null;
  state: LegState;
}

export type TelephonyOutcomeOfCall =
  | { kind: 'open'; answeredBy: string | null; answeredAt: string | null }
  | { kind: 'held'; actualStart: string; actualEnd: string; answeredBy: string | null }
  | { kind: 'not-held'; reason: string; at: string; outcome: TelephonyOutcome };

/** When a leg was answered: its in-progress callback, else its end minus its duration. */
function answerTime(state: LegState): string | null {
  if (state.answeredAt) return state.answeredAt;
  if (state.endedAt && state.durationSeconds && state.durationSeconds > 0) {
    return new Date(Date.parse(state.endedAt) - state.durationSeconds * 1000).toISOString();
  }
  return null;
}

/** The end of an answered leg: its terminal callback, else its answer plus its duration. */
function endTime(state: LegState, start: string): string {
  if (state.endedAt) return state.endedAt;
  return new Date(Date.parse(start) + (state.durationSeconds ?? 0) * 1000).toISOString();
}

const byCallSid = (a: Leg, b: Leg) => (a.callSid < b.callSid ? -1 : a.callSid > b.callSid ? 1 : 0);

/**
 * What Twilio's legs say about the CRM call. The leg that tells is the one the agent
 * and the customer talk over: on an outbound call the <Number> leg to the customer, on
 * an inbound call the <Client> leg of the agent who answered (the customer's own leg
 * only says "it ended" when nobody answered).
 */
export function deriveOutcome(direction: 'Inbound' | 'Outbound', legs: readonly Leg[]): TelephonyOutcomeOfCall {
  const talking = legs.filter((leg) => leg.role === (direction === 'Outbound' ? 'customer' : 'agent')).sort(byCallSid);
  const answered = talking.find((leg) => answerTime(leg.state) !== null);
  if (answered) {
    const start = answerTime(answered.state)!;
    // After a transfer the call goes on over the legs that took it: it ends with the last of them.
    const carried = [answered, ...legs.filter((leg) => leg.role === 'transfer' && answerTime(leg.state) !== null)];
    if (carried.some((leg) => !isTerminal(leg.state.status))) {
      return { kind: 'open', answeredBy: answered.userId, answeredAt: start };
    }
    const end = carried
      .map((leg) => endTime(leg.state, answerTime(leg.state)!))
      .reduce((latest, at) => (at > latest ? at : latest));
    return { kind: 'held', actualStart: start, actualEnd: end, answeredBy: answered.userId };
  }
  if (direction === 'Outbound') {
    const ended = talking.find((leg) => isTerminal(leg.state.status));
    if (!ended) return { kind: 'open', answeredBy: null, answeredAt: null };
    const outcome: TelephonyOutcome =
      ended.state.status === 'completed' ? 'no-answer' : (ended.state.status as TelephonyOutcome);
    return {
      kind: 'not-held',
      outcome,
      reason: crmOutcomeFor(outcome).reason!,
      at: ended.state.endedAt ?? ended.state.at ?? '',
    };
  }
  // Inbound and nobody answered: certain once the caller has hung up AND the <Dial> said
  // so or every agent it rang has given up. Before that, an agent's answer may still come.
  const caller = legs
    .filter((leg) => leg.role === 'customer')
    .sort(byCallSid)
    .find((leg) => isTerminal(leg.state.status));
  if (!caller) return { kind: 'open', answeredBy: null, answeredAt: null };
  const gaveUp = talking.filter((leg) => isTerminal(leg.state.status)).length;
  const certain = caller.state.dial === 'unanswered' || gaveUp >= (caller.state.rung ?? 0);
  if (!certain) return { kind: 'open', answeredBy: null, answeredAt: null };
  return {
    kind: 'not-held',
    outcome: 'missed',
    reason: crmOutcomeFor('missed').reason!,
    at: caller.state.endedAt ?? caller.state.at ?? '',
  };
}
