import type { HostCallEvent, HostCallInfo, HostCommand } from '../../../shared/voice/host-protocol';
import { Id } from '../../../shared/domain/primitives';
import { clientParams, type CallControlResponse } from '../../../shared/voice/protocol';
import {
  dtmfPattern,
  type CallEvent,
  type EngineCall,
  type EngineCallInfo,
  type EngineTransferRequest,
} from './voice-engine';

/**
 * One call on the Twilio line, as the core holds it: a handle that forwards what the
 * agent does to the voice host (where the SDK's Call lives) and replays what the host
 * reports. Its info is the last the host told; its CallSid appears with the host's
 * first report that carries one.
 */
export interface TwilioCall extends EngineCall {
  /** A report from the host about this call. */
  deliver(event: HostCallEvent, callSid: string | null): void;
  updateInfo(info: HostCallInfo): void;
  ended(): boolean;
}

/** What the CRM server's call controls are asked (POST /voice/calls/:callSid/…). */
export type CallControlCommand =
  | { action: 'hold'; hold: boolean }
  | { action: 'transfer'; request: EngineTransferRequest }
  | { action: 'complete' }
  | { action: 'cancel' };

export interface TwilioCallDeps {
  send(command: HostCommand): boolean;
  /** Hold and transfer are server-side on Twilio (a Conference); the engine asks the CRM server. */
  control(callSid: string, command: CallControlCommand): Promise<CallControlResponse>;
}

/**
 * The parameters the SDK reports, as the controller reads them. When the server rang
 * the agent with `<Dial><Client>`, the agent's CallSid is the child leg: the customer's
 * leg (the one Twilio's status callbacks and the server's record name) comes as the
 * ParentCallSid parameter, and the caller's number as the server normalised it.
 */
export function callInfoOf(info: HostCallInfo): EngineCallInfo {
  const p = info.parameters;
  const custom = info.customParameters;
  const recordId = Id.safeParse(custom[clientParams.crmCallId]);
  return {
    ...(info.direction === 'incoming' && recordId.success ? { recordId: recordId.data } : {}),
    id: info.ref,
    callSid: custom[clientParams.parentCallSid] ?? info.callSid,
    direction: info.direction,
    from: custom[clientParams.callerNumber] ?? p.From ?? '',
    to: p.To ?? '',
    parameters: info.parameters,
    customParameters: info.customParameters,
  };
}

export function createTwilioCall(initial: HostCallInfo, deps: TwilioCallDeps): TwilioCall {
  let info = initial;
  let over = false;
  const listeners = new Set<(event: CallEvent) => void>();
  const emit = (event: CallEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  // When the voice host is gone the command is lost with the call; the engine closes
  // the call when it notices the host went away.
  const command = (c: HostCommand) => {
    if (!over) deps.send(c);
  };

  /** Asks the server, then reports what it says the call now is: on hold or not, and the transfer. */
  const control = async (command: CallControlCommand) => {
    const callSid = callInfoOf(info).callSid;
    if (!callSid) throw new Error('The call is not connected yet.');
    const result = await deps.control(callSid, command);
    emit({ type: 'hold', isOnHold: result.onHold });
    if (result.transfer) emit({ type: 'transfer', transfer: result.transfer });
  };

  return {
    info: () => callInfoOf(info),
    accept: () => command({ type: 'accept', ref: info.ref }),
    reject: () => command({ type: 'reject', ref: info.ref }),
    ignore: () => command({ type: 'ignore', ref: info.ref }),
    disconnect: () => command({ type: 'disconnect', ref: info.ref }),
    mute: (shouldMute) => command({ type: 'mute', ref: info.ref, muted: shouldMute }),
    sendDigits(digits) {
      if (!dtmfPattern.test(digits)) throw new Error(`“${digits}” is not DTMF.`);
      command({ type: 'sendDigits', ref: info.ref, digits });
    },
    hold: () => control({ action: 'hold', hold: true }),
    resume: () => control({ action: 'hold', hold: false }),
    transfer: (request) => control({ action: 'transfer', request }),
    completeTransfer: () => control({ action: 'complete' }),
    cancelTransfer: () => control({ action: 'cancel' }),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    deliver(event, callSid) {
      if (over) return;
      if (callSid && callSid !== info.callSid) info = { ...info, callSid };
      if (event.type === 'cancel' || event.type === 'reject' || event.type === 'disconnect') over = true;
      emit(event);
    },
    updateInfo(next) {
      info = { ...next, ref: info.ref };
    },
    ended: () => over,
  };
}
