import type { Availability, ChosenAvailability, LinePhase } from '../../../shared/api/line';

/**
 * Agent availability, as a pure value and rules. Decisions, and why:
 *
 * - Only Available rings. A call that arrives otherwise is REJECTED (not ignored): with
 *   Twilio, `reject()` tells the network at once, so the server's `<Dial>` falls through
 *   to its action (voicemail, another agent, a queue) instead of the caller hearing
 *   ringing until the timeout, which is what `ignore()` would do. It is logged as an
 *   Inbound Not Held call ("Not answered: agent was Away") so the contact's history and
 *   the agent's missed-call list show the attempt, but it opens no wrap-up: the agent
 *   never saw it, and a wrap-up nobody can answer would only block their next call.
 * - AfterCallWork starts when a call ends and ends when its wrap-up is saved; the agent
 *   then returns to what they were before (usually Available). Choosing another
 *   availability during after-call work changes what they return to, it does not end
 *   the wrap-up: the wrap-up cannot be skipped that way.
 * - Offline also unregisters the line, so the network stops offering calls at all.
 */
export interface AvailabilityState {
  current: Availability;
  since: string;
  /** What after-call work returns to. */
  returnTo: ChosenAvailability;
}

export function initialAvailability(at: string, chosen: ChosenAvailability = 'Available'): AvailabilityState {
  return { current: chosen, since: at, returnTo: chosen };
}

export function chooseAvailability(
  state: AvailabilityState,
  chosen: ChosenAvailability,
  at: string,
): AvailabilityState {
  if (state.current === 'AfterCallWork') return { ...state, returnTo: chosen };
  if (state.current === chosen) return state;
  return { current: chosen, since: at, returnTo: chosen };
}

export function startAfterCallWork(state: AvailabilityState, at: string): AvailabilityState {
  if (state.current === 'AfterCallWork') return state;
  return { current: 'AfterCallWork', since: at, returnTo: state.current };
}

export function endAfterCallWork(state: AvailabilityState, at: string): AvailabilityState {
  if (state.current !== 'AfterCallWork') return state;
  return { current: state.returnTo, since: at, returnTo: state.returnTo };
}

export type InboundDecision = { ring: true } | { ring: false; reason: string };

/** Whether an arriving call may ring here, and the Not Held reason when it may not. */
export function inboundDecision(availability: Availability, phase: LinePhase): InboundDecision {
  if (phase !== 'idle') {
    return {
      ring: false,
      reason:
        phase === 'wrap-up' ? 'Not answered: agent was in after-call work' : 'Not answered: agent was on another call',
    };
  }
  if (availability === 'Available') return { ring: true };
  const label = availability === 'AfterCallWork' ? 'in after-call work' : availability;
  return { ring: false, reason: `Not answered: agent was ${label}` };
}
