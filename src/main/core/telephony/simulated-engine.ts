import { twilioErrorCodes } from './errors';
import type { Scheduler } from './scheduler';
import { simulatedTransferControls } from './simulated-transfer';
import {
  dtmfPattern,
  type CallEvent,
  type ConnectOptions,
  type EngineCall,
  type EngineCallInfo,
  type EngineError,
  type EngineEvent,
  type RegistrationState,
  type VoiceEngine,
} from './voice-engine';

/**
 * The default line when no telephony account is configured: no network, fully
 * deterministic, driven by an injected Scheduler. It behaves like the Voice SDK where
 * the controller can tell (same events, same order, same error codes), so what works
 * here works on Twilio:
 * - local actions (accept, reject, mute, hold, disconnect) emit their event
 *   synchronously, as the SDK does for reject and mute;
 * - a busy/no-answer/declined/failed outgoing call emits `error` (31486, 31480, 31603,
 *   31005) and then `disconnect`;
 * - `disconnect()` does nothing on an unanswered incoming call: use reject or ignore.
 */

export type OutboundOutcome = 'answer' | 'busy' | 'no-answer' | 'declined' | 'failed';

export interface OutboundScript {
  outcome: OutboundOutcome;
  /** How long the far end rings before the outcome happens. */
  afterMs: number;
}

export type SimulatedAction =
  | 'incoming'
  | 'connect'
  | 'ringing'
  | 'accept'
  | 'reject'
  | 'ignore'
  | 'disconnect'
  | 'remote-hangup'
  | 'cancel'
  | 'mute'
  | 'hold'
  | 'resume'
  | 'transfer'
  | 'transfer-complete'
  | 'transfer-cancel'
  | 'digits'
  | 'outcome';

/** What happened on the simulated line, for tests and the developer menu to inspect. */
export interface SimulatedLogEntry {
  at: number;
  callId: string;
  action: SimulatedAction;
  detail: string;
}

export interface InjectInboundOptions {
  from: string;
  to?: string;
  customParameters?: Record<string, string>;
  /** How long it rings unanswered before it is cancelled; the engine's inboundTimeoutMs when left out. */
  ringMs?: number;
}

export interface SimulatedEngine extends VoiceEngine {
  readonly kind: 'simulated';
  /** A call arrives from the network. Null when the line is not registered (nothing can arrive). */
  injectInbound(options: InjectInboundOptions): EngineCall | null;
  /** From now on, calls to `number` end this way (replaces an earlier script for it). */
  scriptNumber(number: string, script: OutboundScript): void;
  /** The next outgoing call to a number without its own script ends this way (first in, first out). */
  queueOutbound(script: OutboundScript): void;
  /** The far end hangs up: a connected call disconnects, an unanswered incoming call is cancelled. */
  remoteHangup(callId?: string): boolean;
  log(): readonly SimulatedLogEntry[];
  /** Calls that have not ended yet. */
  activeCalls(): EngineCallInfo[];
}

export interface SimulatedEngineOptions {
  scheduler: Scheduler;
  /** The agent's own address, used as `to` of incoming and `from` of outgoing calls. */
  identity?: string;
  /** Outcome of an outgoing call without a script. */
  defaultOutbound?: OutboundScript;
  /** How long after the invite the far end starts ringing. */
  ringDelayMs?: number;
  /** An unanswered incoming call is withdrawn after this long, as `<Dial timeout>` does. */
  inboundTimeoutMs?: number;
}

type SimState = 'pending' | 'connecting' | 'ringing' | 'open' | 'closed';

interface SimCall {
  info: EngineCallInfo;
  state: SimState;
  muted: boolean;
  held: boolean;
  listeners: Set<(event: CallEvent) => void>;
  timers: Array<() => void>;
  handle: EngineCall;
}

const failureOf: Record<Exclude<OutboundOutcome, 'answer'>, EngineError> = {
  busy: { code: twilioErrorCodes.busy, message: 'Busy Here' },
  'no-answer': { code: twilioErrorCodes.unavailable, message: 'Temporarily Unavailable' },
  declined: { code: twilioErrorCodes.declined, message: 'Decline' },
  failed: { code: twilioErrorCodes.connectionError, message: 'Connection error' },
};

export function createSimulatedEngine(options: SimulatedEngineOptions): SimulatedEngine {
  const { scheduler } = options;
  const identity = options.identity ?? 'client:agent';
  const defaultOutbound = options.defaultOutbound ?? { outcome: 'answer', afterMs: 2000 };
  const ringDelayMs = options.ringDelayMs ?? 250;
  const inboundTimeoutMs = options.inboundTimeoutMs ?? 30_000;

  let registration: RegistrationState = 'unregistered';
  let counter = 0;
  const engineListeners = new Set<(event: EngineEvent) => void>();
  const calls = new Map<string, SimCall>();
  const numberScripts = new Map<string, OutboundScript>();
  const queue: OutboundScript[] = [];
  const entries: SimulatedLogEntry[] = [];

  function record(callId: string, action: SimulatedAction, detail = ''): void {
    entries.push({ at: scheduler.now(), callId, action, detail });
  }

  function emitEngine(event: EngineEvent): void {
    for (const listener of [...engineListeners]) listener(event);
  }

  function emitCall(call: SimCall, event: CallEvent): void {
    for (const listener of [...call.listeners]) listener(event);
  }

  function close(call: SimCall): void {
    call.state = 'closed';
    for (const cancel of call.timers.splice(0)) cancel();
    calls.delete(call.info.id);
  }

  function later(call: SimCall, ms: number, task: () => void): void {
    call.timers.push(scheduler.setTimeout(task, ms));
  }

  function nextIds(): { id: string; sid: string } {
    counter += 1;
    return { id: `sim-${counter}`, sid: `CA${counter.toString(16).padStart(32, '0')}` };
  }

  function newCall(
    direction: EngineCallInfo['direction'],
    from: string,
    to: string,
    extra: Record<string, string>,
  ): { call: SimCall; sid: string } {
    const { id, sid } = nextIds();
    const info: EngineCallInfo = {
      id,
      // Like the SDK, an outgoing call learns its CallSid only when the far end rings.
      callSid: direction === 'incoming' ? sid : null,
      direction,
      from,
      to,
      parameters: direction === 'incoming' ? { CallSid: sid, From: from, To: to, AccountSid: 'ACsimulated' } : {},
      customParameters: extra,
    };
    const call: SimCall = {
      info,
      state: direction === 'incoming' ? 'pending' : 'connecting',
      muted: false,
      held: false,
      listeners: new Set(),
      timers: [],
      handle: undefined as unknown as EngineCall,
    };
    call.handle = handleFor(call);
    calls.set(id, call);
    return { call, sid };
  }

  function requireOpen(call: SimCall, what: string): void {
    if (call.state !== 'open') throw new Error(`Cannot ${what}: the call is ${call.state}.`);
  }

  function handleFor(call: SimCall): EngineCall {
    const id = call.info.id;
    const transfers = simulatedTransferControls({
      requireOpen: (what) => requireOpen(call, what),
      held: () => call.held,
      setHeld: (held) => {
        call.held = held;
      },
      emit: (event) => emitCall(call, event),
      log: (action, detail) => record(id, action, detail),
      leave: () => {
        close(call);
        record(id, 'disconnect', 'transferred');
        emitCall(call, { type: 'disconnect' });
      },
    });
    return {
      ...transfers,
      info: () => ({
        ...call.info,
        parameters: { ...call.info.parameters },
        customParameters: { ...call.info.customParameters },
      }),
      accept() {
        if (call.state !== 'pending') return;
        for (const cancel of call.timers.splice(0)) cancel();
        call.state = 'open';
        record(id, 'accept');
        emitCall(call, { type: 'accept' });
      },
      reject() {
        if (call.state !== 'pending') return;
        close(call);
        record(id, 'reject');
        emitCall(call, { type: 'reject' });
      },
      ignore() {
        if (call.state !== 'pending') return;
        // Silent by design: the network is not told, so no event either.
        close(call);
        record(id, 'ignore');
      },
      disconnect() {
        if (call.state === 'pending' || call.state === 'closed') return;
        close(call);
        record(id, 'disconnect', 'local');
        emitCall(call, { type: 'disconnect' });
      },
      mute(shouldMute) {
        if (call.state === 'closed' || call.muted === shouldMute) return;
        call.muted = shouldMute;
        record(id, 'mute', String(shouldMute));
        emitCall(call, { type: 'mute', isMuted: shouldMute });
      },
      sendDigits(digits) {
        if (!dtmfPattern.test(digits)) throw new Error('Illegal character passed into sendDigits');
        requireOpen(call, 'send digits');
        record(id, 'digits', digits);
      },
      async hold() {
        requireOpen(call, 'hold');
        if (call.held) return;
        call.held = true;
        record(id, 'hold');
        emitCall(call, { type: 'hold', isOnHold: true });
      },
      async resume() {
        requireOpen(call, 'resume');
        if (!call.held) return;
        call.held = false;
        record(id, 'resume');
        emitCall(call, { type: 'hold', isOnHold: false });
      },
      on(listener) {
        call.listeners.add(listener);
        return () => call.listeners.delete(listener);
      },
    };
  }

  function scriptFor(number: string): OutboundScript {
    return numberScripts.get(number) ?? queue.shift() ?? defaultOutbound;
  }

  function runOutbound(call: SimCall, sid: string, script: OutboundScript): void {
    const id = call.info.id;
    if (script.outcome !== 'failed') {
      later(call, Math.min(ringDelayMs, script.afterMs), () => {
        call.state = 'ringing';
        call.info.callSid = sid;
        call.info.parameters = { CallSid: sid, From: call.info.from, To: call.info.to };
        record(id, 'ringing');
        emitCall(call, { type: 'ringing', hasEarlyMedia: false });
      });
    }
    later(call, script.afterMs, () => {
      record(id, 'outcome', script.outcome);
      if (script.outcome === 'answer') {
        call.state = 'open';
        emitCall(call, { type: 'accept' });
        return;
      }
      close(call);
      emitCall(call, { type: 'error', error: failureOf[script.outcome] });
      emitCall(call, { type: 'disconnect' });
    });
  }

  const engine: SimulatedEngine = {
    kind: 'simulated',
    registrationState: () => registration,
    async register() {
      if (registration === 'destroyed' || registration === 'registered') return;
      registration = 'registering';
      emitEngine({ type: 'registration', state: registration });
      registration = 'registered';
      emitEngine({ type: 'registration', state: registration });
    },
    async unregister() {
      if (registration !== 'registered') return;
      registration = 'unregistered';
      emitEngine({ type: 'registration', state: registration });
    },
    async connect({ to, params }: ConnectOptions) {
      if (registration === 'destroyed') throw new Error('The simulated line was shut down.');
      const { call, sid } = newCall('outgoing', identity, to, {});
      const script = scriptFor(to);
      const detail = `${to} ${script.outcome} after ${script.afterMs}ms`;
      record(call.info.id, 'connect', params ? `${detail} ${JSON.stringify(params)}` : detail);
      runOutbound(call, sid, script);
      return call.handle;
    },
    on(listener) {
      engineListeners.add(listener);
      return () => engineListeners.delete(listener);
    },
    destroy() {
      for (const call of [...calls.values()]) close(call);
      registration = 'destroyed';
      emitEngine({ type: 'registration', state: registration });
      engineListeners.clear();
    },
    injectInbound({ from, to, customParameters, ringMs }) {
      if (registration !== 'registered') return null;
      const { call } = newCall('incoming', from, to ?? identity, { ...customParameters });
      record(call.info.id, 'incoming', from);
      later(call, ringMs ?? inboundTimeoutMs, () => {
        if (call.state !== 'pending') return;
        close(call);
        record(call.info.id, 'cancel', 'ring timeout');
        emitCall(call, { type: 'cancel' });
      });
      emitEngine({ type: 'incoming', call: call.handle });
      return call.handle;
    },
    scriptNumber(number, script) {
      numberScripts.set(number, script);
    },
    queueOutbound(script) {
      queue.push(script);
    },
    remoteHangup(callId) {
      const call = callId ? calls.get(callId) : [...calls.values()].at(-1);
      if (!call) return false;
      if (call.state === 'pending') {
        close(call);
        record(call.info.id, 'cancel', 'caller hung up');
        emitCall(call, { type: 'cancel' });
        return true;
      }
      if (call.state === 'open') {
        close(call);
        record(call.info.id, 'remote-hangup');
        emitCall(call, { type: 'disconnect' });
        return true;
      }
      return false;
    },
    log: () => entries,
    activeCalls: () => [...calls.values()].map((call) => call.handle.info()),
  };
  return engine;
}
