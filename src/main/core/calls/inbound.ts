import type { LinePhase, MatchRef, PopMatch, ScreenPop } from '../../../shared/api/line';
import { newId } from '../../../shared/domain/ids';
import { clientParams } from '../../../shared/voice/protocol';
import type { EngineCall } from '../telephony/voice-engine';
import { inboundDecision, type AvailabilityState } from './availability';
import type { CallControllerDeps } from './call-controller-types';
import { createLiveCallRecord, participantsFor, relatedOf } from './call-records';
import { getCall } from '../db/repositories/calls';
import { callerNumber, emptyPop } from './engine-bridge';
import type { LineEvent } from './line-machine';
import { followUpMissedCall } from './missed-calls';

/**
 * A call arrives: who is calling (the local directory, and the match the CRM server
 * passed with the call), whether it rings (availability, a call already up), and its
 * record from the first moment. The controller attaches and runs the line; this decides
 * and writes.
 */

const matchTypes: readonly string[] = ['contact', 'lead', 'account'];

/**
 * The CRM server matched the caller before ringing the agent and passed the match as
 * `<Parameter>`s (MatchType, MatchId, MatchName). When the local directory has that
 * record, it is the one the call is about (even among several matches); when it does
 * not (not synced yet), the server's match still reaches the pop, by name.
 */
export function popWithServerMatch(
  pop: ScreenPop,
  custom: Record<string, string>,
): { pop: ScreenPop; chosen: MatchRef | null } {
  const type = custom[clientParams.matchType];
  const id = custom[clientParams.matchId];
  const name = custom[clientParams.matchName];
  if (!type || !id || !matchTypes.includes(type)) return { pop, chosen: null };
  const ref = { type: type as MatchRef['type'], id };
  if (pop.matches.some((m) => m.type === ref.type && m.id === ref.id)) return { pop, chosen: ref };
  const fromServer: PopMatch = {
    ...ref,
    name: name || pop.numberDisplay,
    title: '',
    account: null,
    tags: [],
    doNotContact: false,
    doNotContactReason: null,
    phoneKind: '',
    localTime: null,
    recentCalls: [],
    openTasks: [],
    customer: null,
  };
  return { pop: { ...pop, matches: [fromServer, ...pop.matches] }, chosen: ref };
}

export interface InboundContext {
  deps: CallControllerDeps;
  report: (error: unknown) => void;
  availability: AvailabilityState;
  phase: LinePhase;
  at: string;
}

/** A ringing call: the line's event, and its record's write, run right after the pop is out. */
export interface RingingCall {
  event: Extract<LineEvent, { type: 'incoming' }>;
  writeRecord: () => void;
}

/** The ringing call, or null when it was turned away (logged Not Held, with a call-back task). */
export function receiveInbound(call: EngineCall, ctx: InboundContext): RingingCall | null {
  const { deps, at } = ctx;
  const info = call.info();
  const number = callerNumber(info.from, deps.defaultRegion());
  let lookedUp: ScreenPop;
  try {
    lookedUp = deps.lookup.lookup(number);
  } catch (error) {
    // A failed lookup must not lose the call: it rings as an unknown caller.
    ctx.report(error);
    lookedUp = emptyPop(number);
  }
  const { pop, chosen } = popWithServerMatch(lookedUp, info.customParameters);
  const match =
    (chosen && pop.matches.find((m) => m.type === chosen.type && m.id === chosen.id)) ||
    (pop.matches.length === 1 ? pop.matches[0]! : null);
  const subject = `Call from ${match?.name ?? pop.numberDisplay}`;
  const decision = inboundDecision(ctx.availability.current, ctx.phase);
  // Turned away: the network hears it first, so the caller is routed on at once.
  if (!decision.ring) call.reject();
  // The server's record id (CrmCallId). The server made that record at Twilio's voice
  // request, so a sync may have pulled it before the ring reached us: then the call is
  // logged on it as it is (the answer, the end and the wrap-up are written to it), since a
  // create under the same id would be refused, and one under an id of our own would log
  // the call twice (nothing merges two ids). A turned-away call keeps a record of its own.
  const pulled = info.recordId ? getCall(deps.write.local.db, info.recordId) : null;
  const adopt = decision.ring && pulled !== null && pulled.providerCallId === info.callSid;
  const id = adopt || (info.recordId && !pulled) ? info.recordId! : newId();
  const writeRecord = () => {
    if (adopt) return;
    createLiveCallRecord(deps.write, {
      id,
      direction: 'Inbound',
      subject,
      number,
      // The customer's leg (ParentCallSid) when the server rang us with <Dial><Client>: the
      // server's record of the call carries the same CallSid, so the two merge.
      providerCallId: info.callSid,
      participants: participantsFor(deps.agent(), match),
      related: relatedOf(match),
      at,
      ...(decision.ring ? {} : { notHeldReason: decision.reason }),
    });
  };
  if (!decision.ring) {
    writeRecord();
    followUpMissedCall(deps.write, deps.events, {
      callId: id,
      caller: match?.name ?? pop.numberDisplay,
      related: relatedOf(match),
      reason: 'unavailable',
      availability: ctx.availability.current,
      at,
    });
    return null;
  }
  return {
    event: {
      type: 'incoming',
      callId: id,
      engineCallId: info.id,
      number,
      numberDisplay: pop.numberDisplay,
      subject,
      providerCallId: info.callSid,
      pop,
      chosen: match ? { type: match.type, id: match.id } : null,
      at,
    },
    writeRecord,
  };
}
