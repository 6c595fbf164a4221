import type { LiveTransfer } from '../../../shared/api/transfer';
import type { CallQualitySummary } from '../../../shared/domain/call';
import type { HostWarningName } from '../../../shared/voice/host-protocol';
import type { TransferTarget } from '../../../shared/voice/protocol';

/**
 * The phone line, as the core sees it. Shaped after @twilio/voice-sdk 2.x (Device and
 * Call; the SDK's own source ships in node_modules/@twilio/voice-sdk/lib/twilio) so that
 * the Twilio engine (twilio-engine.ts, a proxy to the voice host page where the Device
 * runs) fits behind it without any change to the CallController or the UI.
 *
 * Deliberate differences from the SDK, and why:
 * - Events are one discriminated union per emitter instead of string-named emitters:
 *   the bridge serialises them as they are, and a switch over `type` is exhaustive.
 * - `parameters` and `customParameters` are plain records (the SDK's customParameters
 *   is a Map, which does not survive structured clone over IPC as a useful value).
 * - A call handle has an engine-local `id` that exists from the first moment. The
 *   SDK only knows the CallSid of an outgoing call once the server answers the invite,
 *   so `callSid` may be null until `ringing`/`accept` (`info()` reads the current one).
 * - Hold is not a Voice SDK feature: Twilio does hold server-side (the agent and the
 *   customer are Conference participants; the server sets `hold: true` on the
 *   customer). The engine still owns it, so the controller asks one object for
 *   everything a call can do: the simulated engine holds locally, the Twilio engine
 *   calls the CRM server, which updates the Conference participant. It reports the
 *   result as a `hold` call event, like the SDK reports `mute`.
 * - Transfer likewise (cold, or warm: consult, then complete or cancel): the simulated
 *   engine plays it locally, the Twilio engine asks the CRM server, which moves the call
 *   into a Conference. Reported as `transfer` events; once the call is passed on, the
 *   agent's own leg ends with `disconnect` as any call does.
 */

/** Device registration states, as the SDK names them. */
export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'destroyed';

/** The SDK's call quality warnings, as the voice host protocol lists them. */
export type WarningName = HostWarningName;

/** A TwilioError reduced to what crosses IPC: its numeric code and message. */
export interface EngineError {
  code: number;
  message: string;
}

export interface EngineCallInfo {
  /** Engine-local handle id, stable for the life of the call. */
  id: string;
  /** The provider's id (Twilio CallSid). Null for an outgoing call not yet accepted by the server. */
  callSid: string | null;
  direction: 'incoming' | 'outgoing';
  /** As the provider gives it: E.164 for PSTN, `client:name` for another app user. */
  from: string;
  to: string;
  /** `call.parameters` (CallSid, From, To, AccountSid…). */
  parameters: Record<string, string>;
  /** `call.customParameters`: the `<Parameter>`s the server set on `<Client>`. */
  customParameters: Record<string, string>;
  /**
   * The CRM record the provider's side already made for this call (Twilio's voice request
   * creates it on the server), so the desktop logs the call under the same id and the two
   * reports are one record. Absent on the simulated line.
   */
  recordId?: string;
}

export type CallEvent =
  /** Outgoing only: the far end is ringing. */
  | { type: 'ringing'; hasEarlyMedia: boolean }
  /** The call is connected (incoming: we accepted; outgoing: the far end answered). */
  | { type: 'accept' }
  /** Incoming only: the caller hung up (or the server withdrew the call) before we answered. */
  | { type: 'cancel' }
  /** Incoming only: we rejected it (`reject()`). */
  | { type: 'reject' }
  /** The call ended, from either side. An `error` event before it explains a failure. */
  | { type: 'disconnect' }
  | { type: 'mute'; isMuted: boolean }
  /** Engine extension (see the header): the customer is on hold or was resumed. */
  | { type: 'hold'; isOnHold: boolean }
  /** Engine extension: a transfer started, completed or was cancelled. */
  | { type: 'transfer'; transfer: EngineTransfer }
  | { type: 'reconnecting'; error: EngineError }
  | { type: 'reconnected' }
  | { type: 'warning'; name: WarningName }
  | { type: 'warning-cleared'; name: WarningName }
  | { type: 'error'; error: EngineError }
  /** Engine extension: the call's quality over its life, just before it ends (Twilio line only). */
  | { type: 'quality'; summary: CallQualitySummary };

export type CallEventType = CallEvent['type'];

export type EngineTransfer = Pick<LiveTransfer, 'mode' | 'target' | 'state'>;
export interface EngineTransferRequest {
  mode: 'cold' | 'warm';
  target: TransferTarget;
}

/** One call, incoming or outgoing. Methods mirror the SDK's Call. */
export interface EngineCall {
  info(): EngineCallInfo;
  /** Incoming only: answer. */
  accept(): void;
  /** Incoming only: refuse and tell the network (the caller hears busy, the server's `<Dial>` falls through). */
  reject(): void;
  /** Incoming only: stop ringing here without telling anyone (the caller keeps ringing). */
  ignore(): void;
  /** End a connected or outgoing call. Like the SDK, it does nothing on an unanswered incoming call. */
  disconnect(): void;
  mute(shouldMute: boolean): void;
  /** DTMF: digits, `*`, `#`, and `w` for a half-second pause. Throws on anything else. */
  sendDigits(digits: string): void;
  /** Server-side in Twilio (Conference hold); resolves when the hold is in place. */
  hold(): Promise<void>;
  resume(): Promise<void>;
  /** Passes the call on: cold (the agent leaves at once) or warm (consult first). */
  transfer(request: EngineTransferRequest): Promise<void>;
  /** Warm: the target takes the call and the agent leaves. */
  completeTransfer(): Promise<void>;
  /** Warm: the target is dropped and the customer comes back off hold. */
  cancelTransfer(): Promise<void>;
  on(listener: (event: CallEvent) => void): () => void;
}

export type EngineEvent =
  | { type: 'registration'; state: RegistrationState }
  | { type: 'incoming'; call: EngineCall }
  /** A device-level error (token, microphone, signaling), not tied to one call. */
  | { type: 'error'; error: EngineError };

export interface ConnectOptions {
  /** The number to dial, E.164. Sent to the TwiML App as the `To` parameter. */
  to: string;
  /** Extra parameters for the server (arrive as form fields on the TwiML App's voice URL). */
  params?: Record<string, string>;
}

export interface VoiceEngine {
  readonly kind: 'simulated' | 'twilio';
  registrationState(): RegistrationState;
  register(): Promise<void>;
  unregister(): Promise<void>;
  /** Places an outgoing call; events follow on the returned handle. */
  connect(options: ConnectOptions): Promise<EngineCall>;
  /**
   * A call is about to be placed (the agent is looking at the dial sheet): a line that
   * needs time to get ready (the Twilio line opens the microphone) starts now.
   */
  prepareCall?(): void;
  on(listener: (event: EngineEvent) => void): () => void;
  destroy(): void;
}

/** DTMF the SDK accepts (`sendDigits` throws on anything else). */
export const dtmfPattern = /^[0-9*#w]+$/;
