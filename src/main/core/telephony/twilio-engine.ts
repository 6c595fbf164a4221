import type { AudioChoice } from '../../../shared/voice/audio';
import type { HostCallEvent, HostCallInfo, HostEvent } from '../../../shared/voice/host-protocol';
import { outgoingParams } from '../../../shared/voice/protocol';
import { backoffDelay, type BackoffPolicy } from '../sync/backoff';
import { twilioErrorCodes } from './errors';
import { createTwilioAudio, isAudioHostEvent, type TwilioAudio, type TwilioAudioStatus } from './twilio-audio';
import type { Scheduler } from './scheduler';
import { createTwilioCall, type TwilioCall, type TwilioCallDeps } from './twilio-call';
import { createTokenKeeper, type VoiceTokenSource } from './voice-tokens';
import type { VoiceHostLink } from './voice-host-link';
import type { EngineError, EngineEvent, RegistrationState, VoiceEngine } from './voice-engine';

/**
 * The Twilio line: a proxy to the voice host page, where @twilio/voice-sdk's Device
 * runs (it needs WebRTC, which only a renderer has). Commands go out over the link,
 * the host's reports come back schema-checked, and this object turns them into the
 * VoiceEngine events the CallController already understands.
 *
 * It also keeps the line alive by itself: a token refreshed before it expires, and a
 * watchdog that re-creates the Device when registration is stuck or was lost (see
 * `watch`). A host that goes away (crash, closed window) takes its calls with it: they
 * end here with an error in words, so their records close honestly.
 */

export interface TwilioLineSettings {
  edge: string;
  publishInsights: boolean;
  /** Tests only: the fake Twilio's signaling host. */
  signalingHost?: string;
}

export interface TwilioEngineDeps {
  link: VoiceHostLink;
  tokens: VoiceTokenSource;
  settings: TwilioLineSettings;
  scheduler: Scheduler;
  random?: () => number;
  /** Server-side hold and transfer (the CRM server's /voice/calls/:callSid/…). */
  control: TwilioCallDeps['control'];
  /** How long `registering` may last before the Device is re-created. */
  registerTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** The agent's audio devices on this machine (a desktop setting); null entries: the system default. */
  audioChoice?: () => AudioChoice;
}

export interface TwilioLineStatus {
  hostConnected: boolean;
  registration: RegistrationState;
  tokenExpiresAt: number | null;
  /** Why no usable token is at hand, in words; null when one is. */
  tokenProblem: string | null;
  /** When the watchdog last re-created the Device, and how often it has. */
  lastReRegistrationAt: number | null;
  reRegistrations: number;
  /** What the voice host page reported about the microphone and audio devices. */
  media: { microphone: 'granted' | 'denied' | 'prompt' | 'unknown'; inputs: number; outputs: number } | null;
  /** A microphone error (31401 refused, 31402 none) until a call gets audio again. */
  microphoneError: EngineError | null;
  /** The quality warnings the last finished call raised. */
  lastCallWarnings: string[];
  /** The devices the voice host lists, the ones in use and the agent's choice. */
  audio: TwilioAudioStatus;
}

export interface TwilioEngine extends VoiceEngine {
  readonly kind: 'twilio';
  status(): TwilioLineStatus;
  /** The shell saw the machine wake or the session unlock: registration may be gone silently. */
  systemResumed(): void;
  onStatus(listener: (status: TwilioLineStatus) => void): () => void;
  /** Audio devices, the microphone meter and the pre-call test. */
  audio: Pick<TwilioAudio, 'apply' | 'meter' | 'onLevel' | 'preflight'>;
}

export const hostGoneError: EngineError = {
  code: twilioErrorCodes.signalingLost,
  message: 'The voice host stopped; the call ended with it.',
};

export function createTwilioEngine(deps: TwilioEngineDeps): TwilioEngine {
  const random = deps.random ?? Math.random;
  const registerTimeoutMs = deps.registerTimeoutMs ?? 20_000;
  const backoff = deps.backoff ?? { baseMs: 1_000, capMs: 30_000 };
  const listeners = new Set<(event: EngineEvent) => void>();
  const statusListeners = new Set<(status: TwilioLineStatus) => void>();
  const calls = new Map<string, TwilioCall>();
  let state: RegistrationState = 'unregistered';
  let wanted = false;
  let destroyed = false;
  let nextRef = 1;
  let attempts = 0;
  let lastReRegistrationAt: number | null = null;
  let reRegistrations = 0;
  let cancelWatch: (() => void) | null = null;
  let setupInFlight: Promise<void> | null = null;
  let media: TwilioLineStatus['media'] = null;
  let microphoneError: EngineError | null = null;
  let lastCallWarnings: string[] = [];
  const callWarnings = new Map<string, Set<string>>();
  const isMicrophoneError = (error: EngineError) =>
    error.code === twilioErrorCodes.microphonePermissionDenied || error.code === twilioErrorCodes.noMicrophone;
  const noteError = (error: EngineError) => {
    if (!isMicrophoneError(error)) return;
    microphoneError = error;
    publishStatus();
  };

  const emit = (event: EngineEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const status = (): TwilioLineStatus => ({
    hostConnected: deps.link.connected(),
    registration: state,
    tokenExpiresAt: tokens.expiresAt(),
    tokenProblem: tokens.problem(),
    lastReRegistrationAt,
    reRegistrations,
    media,
    microphoneError,
    lastCallWarnings,
    audio: audio.status(),
  });
  const publishStatus = () => {
    const current = status();
    for (const listener of [...statusListeners]) listener(current);
  };
  const setState = (next: RegistrationState) => {
    if (next === state) return;
    state = next;
    emit({ type: 'registration', state });
    publishStatus();
  };

  const tokens = createTokenKeeper({
    source: deps.tokens,
    scheduler: deps.scheduler,
    random,
    backoff,
    onToken: (token) => {
      if (state !== 'destroyed' && deps.link.connected()) deps.link.send({ type: 'updateToken', token });
      // A renewed token clears a token problem the line showed; saying "registered" again
      // is how the controller learns the line is well.
      if (state === 'registered') emit({ type: 'registration', state });
      publishStatus();
    },
    onProblem: (error) => {
      emit({ type: 'error', error });
      publishStatus();
    },
  });

  const audio = createTwilioAudio({
    link: deps.link,
    scheduler: deps.scheduler,
    choice: deps.audioChoice ?? (() => ({ microphone: null, speaker: null, ringer: null })),
    token: () => tokens.current(),
    tokenProblem: () => tokens.problem(),
    edge: deps.settings.edge,
    ...(deps.settings.signalingHost ? { signalingHost: deps.settings.signalingHost } : {}),
    onChange: () => publishStatus(),
  });

  /** (Re-)creates the Device in the host with a token good for a while. */
  function setup(): Promise<void> {
    setupInFlight ??= (async () => {
      try {
        const token = await tokens.current();
        if (!token || !wanted || destroyed || !deps.link.connected()) return;
        deps.link.send({
          type: 'setup',
          setup: {
            token,
            edge: deps.settings.edge,
            publishInsights: deps.settings.publishInsights,
            tokenRefreshMs: 30_000,
            ...(deps.settings.signalingHost ? { signalingHost: deps.settings.signalingHost } : {}),
          },
        });
        audio.apply();
        watch();
      } finally {
        setupInFlight = null;
      }
    })();
    return setupInFlight;
  }

  /**
   * The watchdog. Registration should follow a setup within `registerTimeoutMs`; when
   * it does not (a socket that stalls without closing), or when the Device reports
   * unregistered while the agent wants calls (lost after sleep, a network change, or
   * the gateway forgetting it), the Device is re-created after a back-off delay.
   */
  function watch(): void {
    cancelWatch?.();
    cancelWatch = deps.scheduler.setTimeout(() => {
      cancelWatch = null;
      if (wanted && state !== 'registered') reRegister();
    }, registerTimeoutMs);
  }

  function reRegister(): void {
    if (!wanted || destroyed) return;
    attempts += 1;
    cancelWatch?.();
    cancelWatch = deps.scheduler.setTimeout(
      () => {
        cancelWatch = null;
        if (!wanted || destroyed || state === 'registered') return;
        // Re-creating the Device would end the calls it carries. A signaling drop during a
        // call unregisters the Device while the SDK reconnects the call by itself: wait.
        if (calls.size > 0) {
          watch();
          return;
        }
        lastReRegistrationAt = deps.scheduler.now();
        reRegistrations += 1;
        void setup();
        publishStatus();
      },
      Math.max(250, backoffDelay(attempts, random, backoff)),
    );
  }

  /** The calls went with the host: each ends with an error, so its record closes honestly. */
  function endAllCalls(): void {
    for (const call of calls.values()) {
      call.deliver({ type: 'error', error: hostGoneError }, null);
      call.deliver({ type: 'disconnect' }, null);
    }
    calls.clear();
  }

  function onHostEvent(event: HostEvent): void {
    if (isAudioHostEvent(event)) return audio.handle(event);
    switch (event.type) {
      case 'hello':
        endAllCalls();
        setState('unregistered');
        if (wanted) void setup();
        return;
      case 'registration':
        setState(event.state);
        if (event.state === 'registered') {
          attempts = 0;
          cancelWatch?.();
          cancelWatch = null;
        } else if (event.state === 'unregistered' && wanted) {
          reRegister();
        }
        return;
      case 'tokenWillExpire':
        void tokens.refresh();
        return;
      case 'media':
        media = { microphone: event.microphone, inputs: event.inputs, outputs: event.outputs };
        publishStatus();
        return;
      case 'deviceError':
        noteError(event.error);
        emit({ type: 'error', error: event.error });
        if (event.error.code === twilioErrorCodes.expiredToken) void tokens.refresh();
        return;
      case 'incoming': {
        const call = createTwilioCall(event.call, callDeps);
        calls.set(event.call.ref, call);
        emit({ type: 'incoming', call });
        return;
      }
      case 'callInfo':
        calls.get(event.call.ref)?.updateInfo(event.call);
        return;
      case 'call': {
        const call = calls.get(event.ref);
        if (!call) return;
        noteCallEvent(event.ref, event.event);
        call.deliver(event.event, event.callSid);
        if (call.ended()) {
          calls.delete(event.ref);
          lastCallWarnings = [...(callWarnings.get(event.ref) ?? [])];
          callWarnings.delete(event.ref);
          publishStatus();
        }
        return;
      }
      case 'connectFailed': {
        const call = calls.get(event.ref);
        if (!call) return;
        noteError(event.error);
        call.deliver({ type: 'error', error: event.error }, null);
        call.deliver({ type: 'disconnect' }, null);
        calls.delete(event.ref);
        return;
      }
    }
  }

  /** Quality warnings raised during a call, and a microphone that works again. */
  function noteCallEvent(ref: string, event: HostCallEvent): void {
    if (event.type === 'warning') {
      const seen = callWarnings.get(ref) ?? new Set<string>();
      seen.add(event.name);
      callWarnings.set(ref, seen);
    } else if (event.type === 'error') {
      noteError(event.error);
    } else if (event.type === 'accept' && microphoneError) {
      microphoneError = null;
      publishStatus();
    }
  }

  const callDeps = { send: deps.link.send, control: deps.control };
  const offLink = deps.link.on((event) => {
    if (destroyed) return;
    if (event.type === 'gone') {
      audio.hostGone();
      endAllCalls();
      setState('unregistered');
      return;
    }
    onHostEvent(event.event);
  });

  return {
    kind: 'twilio',
    registrationState: () => state,
    async register() {
      wanted = true;
      attempts = 0;
      await setup();
    },
    async unregister() {
      wanted = false;
      cancelWatch?.();
      cancelWatch = null;
      deps.link.send({ type: 'unregister' });
    },
    async connect(options) {
      if (!deps.link.connected()) {
        throw Object.assign(new Error('The voice host is not running.'), { code: twilioErrorCodes.connectionError });
      }
      const ref = `out-${nextRef++}`;
      const params: Record<string, string> = { [outgoingParams.to]: options.to };
      for (const [key, value] of Object.entries(options.params ?? {})) {
        // The controller names its record id `callId`; the server's contract calls it CrmCallId.
        params[key === 'callId' ? outgoingParams.crmCallId : key] = value;
      }
      const info: HostCallInfo = {
        ref,
        callSid: null,
        direction: 'outgoing',
        parameters: { ...params },
        customParameters: {},
      };
      const call = createTwilioCall(info, callDeps);
      calls.set(ref, call);
      deps.link.send({ type: 'connect', ref, params });
      return call;
    },
    prepareCall() {
      // Only a line that can place the call: a warmed microphone on a dead line helps no one.
      if (state === 'registered' && calls.size === 0) deps.link.send({ type: 'warmMicrophone' });
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      if (destroyed) return;
      wanted = false;
      cancelWatch?.();
      tokens.stop();
      deps.link.send({ type: 'destroy' });
      endAllCalls();
      setState('destroyed');
      destroyed = true;
      offLink();
    },
    status,
    systemResumed() {
      if (!wanted || destroyed) return;
      // Mid-call, a fresh token is all it gets; the watchdog re-creates the Device after.
      if (calls.size > 0) {
        void tokens.refresh();
        watch();
        return;
      }
      // Sleep can outlive the token and the gateway's memory of us: start over.
      lastReRegistrationAt = deps.scheduler.now();
      reRegistrations += 1;
      void tokens.refresh().then(() => setup());
      publishStatus();
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    audio,
  };
}
