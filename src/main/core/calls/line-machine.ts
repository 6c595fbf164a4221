import type { CallDirection, CallQualitySummary, RelatedRef } from '../../../shared/domain/call';
import { crmOutcomeFor, type TelephonyOutcome } from '../../../shared/domain/disposition';
import type { LinePhase, LiveCall, MatchRef, ScreenPop, WrapUpDraft } from '../../../shared/api/line';
import { describeEngineError, unansweredOutcomeOf } from '../telephony/errors';
import type { EngineError, EngineTransfer, WarningName } from '../telephony/voice-engine';

/**
 * The live call as a pure state machine. Every engine event and agent action becomes a
 * LineEvent; `reduceLine` returns the next state and the effects the shell must carry
 * out (write the call record, open the wrap-up). Nothing here touches the clock, the
 * database or the engine, so every state × event pair can be tested directly.
 *
 *   idle ──incoming──► ringing-in ──accept──► in-progress ◄──hold(false)── on-hold
 *     │                    │ cancel/reject         │ ──hold(true)──────────►  │
 *     └──dial──► dialing ──ringing──► ringing-out  │                          │
 *                  │           │ accept ───────────┘                          │
 *                  └───────────┴── disconnect/dial-failed ─► wrap-up ◄─ disconnect
 *   wrap-up ──wrapup-done──► idle
 *   ringing-in ──cancel/reject/disconnect──► idle (a missed call: no wrap-up)
 *
 * An inbound call that never connected asks for no wrap-up: there is nothing to log
 * about a conversation that did not happen, and the outbound-style outcomes ("Left
 * voicemail") would not fit it anyway. It becomes a missed call instead: logged Not
 * Held, listed with the missed calls, and followed by a call-back task.
 *
 * An event that makes no sense in a state (a `mute` while idle, a late `ringing` after
 * `accept`) is ignored: the engine is another process and may be late, never wrong
 * enough to crash the line.
 */

export interface LineMachineState {
  phase: LinePhase;
  call: LiveCallState | null;
  /**
   * The wrap-up form, from the first ring: notes typed during the call land here, the
   * end prefills status, reason and disposition, the agent's edits replace it. After-call
   * work runs from the call's `endedAt`, for the call's `outcome`.
   */
  draft: WrapUpDraft | null;
}

export interface LiveCallState extends LiveCall {
  /** The engine's handle id: events from any other call are not about this one. */
  engineCallId: string | null;
  /** The agent pressed hang up before the far end answered. */
  agentEnded: boolean;
  /** Who the agent is passing the call to, in words, until the engine reports the transfer. */
  transferName?: string;
  /** The line's quality summary, reported just before the call ends; saved on the record. */
  quality: CallQualitySummary | null;
}

export type LineEvent =
  | {
      type: 'incoming';
      callId: string;
      engineCallId: string;
      number: string;
      numberDisplay: string;
      subject: string;
      providerCallId: string | null;
      pop: ScreenPop;
      /** The match the CRM server named for this caller, when the pop has it (else the only match). */
      chosen?: MatchRef | null;
      at: string;
    }
  | {
      type: 'dial';
      callId: string;
      number: string;
      numberDisplay: string;
      subject: string;
      pop: ScreenPop | null;
      at: string;
      /** What the call is about, as the agent dialed it (else the pop's only match). */
      related?: RelatedRef | null;
      /** The match the agent dialed from (else the pop's only match). */
      chosen?: MatchRef | null;
    }
  /** The engine accepted the dial and gave a handle. */
  | { type: 'dial-attached'; engineCallId: string }
  /** The engine refused to dial at all (connect threw). */
  | { type: 'dial-failed'; error: EngineError; at: string }
  | { type: 'ringing'; providerCallId: string | null }
  | { type: 'accept'; providerCallId: string | null; at: string }
  | { type: 'cancel'; at: string }
  | { type: 'reject'; at: string }
  | { type: 'disconnect'; at: string }
  | { type: 'hangup-requested' }
  | { type: 'mute'; isMuted: boolean }
  | { type: 'hold'; isOnHold: boolean }
  /** The agent asked for a transfer to this target (named for the panel). */
  | { type: 'transfer-target'; targetName: string }
  | { type: 'transfer'; transfer: EngineTransfer }
  | { type: 'digits'; digits: string }
  | { type: 'reconnecting'; error: EngineError }
  | { type: 'reconnected' }
  | { type: 'warning'; name: WarningName }
  | { type: 'warning-cleared'; name: WarningName }
  | { type: 'error'; error: EngineError }
  | { type: 'quality'; summary: CallQualitySummary }
  | { type: 'choose-match'; match: MatchRef }
  /** The directory changed during the call (e.g. the agent created the caller as a contact). */
  | { type: 'pop-refreshed'; pop: ScreenPop }
  /** The agent typed notes during the call. */
  | { type: 'notes'; notes: string }
  /** The agent edited the wrap-up form. */
  | { type: 'draft-saved'; draft: WrapUpDraft }
  /** A wrap-up found pending at start (the app restarted during after-call work). */
  | { type: 'restore-wrapup'; call: LiveCall; draft: WrapUpDraft }
  | { type: 'wrapup-done' };

export type LineEventType = LineEvent['type'];

export type LineEffect =
  /** The call connected: record its actual start. */
  | { type: 'record-answered'; callId: string; at: string }
  /** The call ended: Held (answered) or Not Held with the outcome's reason. */
  | {
      type: 'record-ended';
      callId: string;
      outcome: TelephonyOutcome;
      answeredAt: string | null;
      endedAt: string;
      quality: CallQualitySummary | null;
    }
  | { type: 'wrapup-required'; callId: string; outcome: TelephonyOutcome; since: string }
  /** An inbound call ended without being answered: list it and plan the call back. */
  | { type: 'missed-call'; call: LiveCall; outcome: 'missed' | 'rejected'; at: string };

export interface LineTransition {
  state: LineMachineState;
  effects: LineEffect[];
}

export const idleLine: LineMachineState = { phase: 'idle', call: null, draft: null };

const live: readonly LinePhase[] = ['ringing-in', 'dialing', 'ringing-out', 'in-progress', 'on-hold'];
const connected: readonly LinePhase[] = ['in-progress', 'on-hold'];

function unchanged(state: LineMachineState): LineTransition {
  return { state, effects: [] };
}

function withCall(state: LineMachineState, patch: Partial<LiveCallState>, phase = state.phase): LineTransition {
  if (!state.call) return unchanged(state);
  return { state: { ...state, phase, call: { ...state.call, ...patch } }, effects: [] };
}

function withDraft(state: LineMachineState, patch: Partial<WrapUpDraft>): LineMachineState {
  return state.draft ? { ...state, draft: { ...state.draft, ...patch } } : state;
}

/** An empty form for a call that starts now. */
export function emptyDraft(callId: string, related: RelatedRef | null): WrapUpDraft {
  return {
    callId,
    status: 'Held',
    reason: null,
    dispositionCode: null,
    outcomeText: '',
    notes: '',
    related,
    followUp: null,
    newCaller: { firstName: '', lastName: '' },
  };
}

/** The form as the call's end prefills it: its CRM status and reason, a suggested code unless one is picked. */
export function draftForEnd(draft: WrapUpDraft, outcome: TelephonyOutcome): WrapUpDraft {
  const crm = crmOutcomeFor(outcome);
  return {
    ...draft,
    status: crm.status,
    reason: crm.reason,
    dispositionCode: draft.dispositionCode ?? crm.suggestedDisposition,
  };
}

function relatedOfRef(pop: ScreenPop | null, ref: MatchRef | null): RelatedRef | null {
  const match = ref ? pop?.matches.find((m) => m.type === ref.type && m.id === ref.id) : undefined;
  return match ? { type: match.type, id: match.id, name: match.name } : null;
}

function lineError(error: EngineError): LiveCall['lastError'] {
  return { code: error.code, message: error.message, text: describeEngineError(error) };
}

/** Only the one match makes a choice obvious; several wait for the agent. */
function defaultChoice(pop: ScreenPop | null): MatchRef | null {
  const only = pop?.matches.length === 1 ? pop.matches[0] : undefined;
  return only ? { type: only.type, id: only.id } : null;
}

function newCall(
  event: Extract<LineEvent, { type: 'incoming' | 'dial' }>,
  direction: CallDirection,
  engineCallId: string | null,
  providerCallId: string | null,
): LiveCallState {
  return {
    callId: event.callId,
    direction,
    number: event.number,
    numberDisplay: event.numberDisplay,
    subject: event.subject,
    providerCallId,
    startedAt: event.at,
    answeredAt: null,
    endedAt: null,
    muted: false,
    held: false,
    digits: '',
    outcome: null,
    reconnecting: false,
    warnings: [],
    lastError: null,
    pop: event.pop,
    chosen: defaultChoice(event.pop),
    transfer: null,
    engineCallId,
    agentEnded: false,
    quality: null,
  };
}

/** The call is over: how it ended decides the CRM status (disposition.ts maps it). */
function end(state: LineMachineState, outcome: TelephonyOutcome, at: string): LineTransition {
  const call = state.call!;
  const recordEnded: LineEffect = {
    type: 'record-ended',
    callId: call.callId,
    outcome,
    answeredAt: call.answeredAt,
    endedAt: at,
    quality: call.quality,
  };
  if (call.direction === 'Inbound' && call.answeredAt === null && (outcome === 'missed' || outcome === 'rejected')) {
    const missed = { ...publicCall(call)!, outcome, endedAt: at };
    return { state: idleLine, effects: [recordEnded, { type: 'missed-call', call: missed, outcome, at }] };
  }
  const ended: LiveCallState = {
    ...call,
    outcome,
    endedAt: at,
    muted: false,
    held: false,
    reconnecting: false,
    warnings: [],
  };
  const draft = draftForEnd(state.draft ?? emptyDraft(call.callId, null), outcome);
  return {
    state: { phase: 'wrap-up', call: ended, draft },
    effects: [recordEnded, { type: 'wrapup-required', callId: call.callId, outcome, since: at }],
  };
}

/** Why a call that ends now ended, from the phase it ends in and what preceded it. */
function outcomeOfDisconnect(state: LineMachineState): TelephonyOutcome {
  const call = state.call!;
  if (connected.includes(state.phase)) return 'completed';
  if (state.phase === 'ringing-in') return 'missed';
  // An outgoing call that never connected: the agent gave up, or the far end refused.
  if (call.lastError) return unansweredOutcomeOf(call.lastError);
  return call.agentEnded ? 'canceled' : 'failed';
}

export function reduceLine(state: LineMachineState, event: LineEvent): LineTransition {
  const { phase } = state;
  switch (event.type) {
    case 'incoming': {
      if (phase !== 'idle') return unchanged(state);
      const chosen =
        (event.chosen && relatedOfRef(event.pop, event.chosen) && event.chosen) || defaultChoice(event.pop);
      return {
        state: {
          phase: 'ringing-in',
          call: { ...newCall(event, 'Inbound', event.engineCallId, event.providerCallId), chosen },
          draft: emptyDraft(event.callId, relatedOfRef(event.pop, chosen)),
        },
        effects: [],
      };
    }
    case 'dial': {
      if (phase !== 'idle') return unchanged(state);
      const related = event.related !== undefined ? event.related : relatedOfRef(event.pop, defaultChoice(event.pop));
      const call = newCall(event, 'Outbound', null, null);
      const chosen = event.chosen && relatedOfRef(event.pop, event.chosen) ? event.chosen : call.chosen;
      return {
        state: { phase: 'dialing', call: { ...call, chosen }, draft: emptyDraft(event.callId, related) },
        effects: [],
      };
    }
    case 'dial-attached':
      if (phase !== 'dialing') return unchanged(state);
      return withCall(state, { engineCallId: event.engineCallId });
    case 'dial-failed':
      if (phase !== 'dialing') return unchanged(state);
      return end(
        { ...state, call: { ...state.call!, lastError: lineError(event.error) } },
        unansweredOutcomeOf(event.error),
        event.at,
      );
    case 'ringing':
      if (phase !== 'dialing') return unchanged(state);
      return withCall(state, { providerCallId: event.providerCallId ?? state.call!.providerCallId }, 'ringing-out');
    case 'accept': {
      if (phase !== 'ringing-in' && phase !== 'dialing' && phase !== 'ringing-out') return unchanged(state);
      const next = withCall(
        state,
        { answeredAt: event.at, providerCallId: event.providerCallId ?? state.call!.providerCallId },
        'in-progress',
      );
      next.effects.push({ type: 'record-answered', callId: state.call!.callId, at: event.at });
      return next;
    }
    case 'cancel':
      if (phase !== 'ringing-in') return unchanged(state);
      return end(state, 'missed', event.at);
    case 'reject':
      if (phase !== 'ringing-in') return unchanged(state);
      return end(state, 'rejected', event.at);
    case 'disconnect':
      if (!live.includes(phase)) return unchanged(state);
      return end(state, outcomeOfDisconnect(state), event.at);
    case 'hangup-requested':
      if (phase !== 'dialing' && phase !== 'ringing-out') return unchanged(state);
      return withCall(state, { agentEnded: true });
    case 'mute':
      if (!connected.includes(phase)) return unchanged(state);
      return withCall(state, { muted: event.isMuted });
    case 'hold':
      if (!connected.includes(phase)) return unchanged(state);
      return withCall(state, { held: event.isOnHold }, event.isOnHold ? 'on-hold' : 'in-progress');
    case 'transfer-target':
      if (!connected.includes(phase)) return unchanged(state);
      return withCall(state, { transferName: event.targetName });
    case 'transfer': {
      if (!connected.includes(phase)) return unchanged(state);
      const { target } = event.transfer;
      const typed = target.type === 'agent' ? target.userId : target.number;
      const targetName = state.call!.transferName ?? state.call!.transfer?.targetName ?? typed;
      return withCall(state, { transfer: { ...event.transfer, targetName } });
    }
    case 'digits':
      if (phase !== 'in-progress') return unchanged(state);
      return withCall(state, { digits: state.call!.digits + event.digits });
    case 'reconnecting':
      if (!live.includes(phase)) return unchanged(state);
      return withCall(state, { reconnecting: true, lastError: lineError(event.error) });
    case 'reconnected':
      if (!live.includes(phase)) return unchanged(state);
      return withCall(state, { reconnecting: false });
    case 'warning': {
      if (!live.includes(phase) || state.call!.warnings.includes(event.name)) return unchanged(state);
      return withCall(state, { warnings: [...state.call!.warnings, event.name] });
    }
    case 'warning-cleared':
      if (!live.includes(phase)) return unchanged(state);
      return withCall(state, { warnings: state.call!.warnings.filter((name) => name !== event.name) });
    case 'error':
      if (!live.includes(phase)) return unchanged(state);
      return withCall(state, { lastError: lineError(event.error) });
    case 'quality':
      if (!live.includes(phase)) return unchanged(state);
      return withCall(state, { quality: event.summary });
    case 'choose-match': {
      const matches = state.call?.pop?.matches ?? [];
      if (!matches.some((m) => m.type === event.match.type && m.id === event.match.id)) return unchanged(state);
      const chosen = withCall(state, { chosen: { type: event.match.type, id: event.match.id } });
      return { ...chosen, state: withDraft(chosen.state, { related: relatedOfRef(state.call!.pop, event.match) }) };
    }
    case 'pop-refreshed': {
      if (!state.call) return unchanged(state);
      // Keep the agent's choice while it still matches; otherwise the only match is obvious.
      const kept = state.call.chosen;
      const stillThere = kept && event.pop.matches.some((m) => m.type === kept.type && m.id === kept.id);
      const chosen = stillThere ? kept : defaultChoice(event.pop);
      const refreshed = withCall(state, { pop: event.pop, chosen });
      // A newly obvious match becomes what the call is about (the agent just created the caller).
      const changed = chosen && (kept?.type !== chosen.type || kept.id !== chosen.id);
      if (!changed) return refreshed;
      return { ...refreshed, state: withDraft(refreshed.state, { related: relatedOfRef(event.pop, chosen) }) };
    }
    case 'notes':
      if (!state.call || !state.draft) return unchanged(state);
      return { state: withDraft(state, { notes: event.notes }), effects: [] };
    case 'draft-saved':
      if (phase !== 'wrap-up' || !state.draft) return unchanged(state);
      return { state: { ...state, draft: event.draft }, effects: [] };
    case 'restore-wrapup':
      if (phase !== 'idle') return unchanged(state);
      return {
        state: {
          phase: 'wrap-up',
          call: { ...event.call, engineCallId: null, agentEnded: false, quality: null },
          draft: event.draft,
        },
        effects: [],
      };
    case 'wrapup-done':
      if (phase !== 'wrap-up') return unchanged(state);
      return { state: idleLine, effects: [] };
  }
}

/** The part of the state the UI sees. */
export function publicCall(call: LiveCallState | null): LiveCall | null {
  if (!call) return null;
  const {
    engineCallId: _engineCallId,
    agentEnded: _agentEnded,
    transferName: _transferName,
    quality: _quality,
    ...visible
  } = call;
  return visible;
}
