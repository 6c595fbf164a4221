import { z } from 'zod';
import { AudioChoice, AudioDeviceId, AudioDeviceList, AudioRole, PreflightReport } from './audio';
import { CallQualitySummary } from './quality';

/**
 * The voice host protocol: what the core (TwilioEngine) and the voice host page (the
 * renderer that runs @twilio/voice-sdk's Device) say to each other. Commands go out,
 * events come in; both ends parse every message with these schemas, so a malformed or
 * foreign message is refused at the door like an IPC input (the API table's rule).
 *
 * A call is named by a `ref` that lives as long as the call: the core picks it for an
 * outgoing call (before the SDK knows a CallSid), the host picks it for an incoming one.
 */

const Ref = z.string().min(1).max(64);
const Token = z.string().min(1).max(8192);
const Params = z.record(z.string().max(64), z.string().max(1024));

export const HostRegistrationState = z.enum(['unregistered', 'registering', 'registered', 'destroyed']);

export const HostWarningName = z.enum([
  'high-rtt',
  'low-mos',
  'high-jitter',
  'high-packet-loss',
  'high-packets-lost-fraction',
  'low-bytes-received',
  'low-bytes-sent',
  'constant-audio-input-level',
  'constant-audio-output-level',
  'ice-connectivity-lost',
]);
/** The SDK's call quality warnings (`call.on('warning', name)`): the one list the core and the voice host share. */
export type HostWarningName = z.infer<typeof HostWarningName>;

export const HostError = z.object({ code: z.number().int(), message: z.string().max(2000) }).strict();
export type HostError = z.infer<typeof HostError>;

/** The Device options the core decides; the host adds nothing of its own but sound URLs. */
export const DeviceSetup = z
  .object({
    token: Token,
    /** Twilio edge (`roaming`, `ashburn`…), from the company's voice configuration. */
    edge: z.string().min(1).max(32),
    /** Tests only: a signaling host instead of Twilio's (`wss://<host>/signal`). */
    signalingHost: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/i)
      .max(253)
      .optional(),
    /** Twilio Insights (call-quality events sent to Twilio). */
    publishInsights: z.boolean(),
    /** How long before expiry the SDK fires tokenWillExpire. */
    tokenRefreshMs: z.number().int().positive().max(3_600_000),
  })
  .strict();
export type DeviceSetup = z.infer<typeof DeviceSetup>;

export const HostCommand = z.discriminatedUnion('type', [
  /** (Re-)create the Device with these options and register it. */
  z.object({ type: z.literal('setup'), setup: DeviceSetup }).strict(),
  z.object({ type: z.literal('updateToken'), token: Token }).strict(),
  z.object({ type: z.literal('register') }).strict(),
  z.object({ type: z.literal('unregister') }).strict(),
  z.object({ type: z.literal('destroy') }).strict(),
  z.object({ type: z.literal('connect'), ref: Ref, params: Params }).strict(),
  z.object({ type: z.literal('accept'), ref: Ref }).strict(),
  z.object({ type: z.literal('reject'), ref: Ref }).strict(),
  z.object({ type: z.literal('ignore'), ref: Ref }).strict(),
  z.object({ type: z.literal('disconnect'), ref: Ref }).strict(),
  z.object({ type: z.literal('mute'), ref: Ref, muted: z.boolean() }).strict(),
  z
    .object({
      type: z.literal('sendDigits'),
      ref: Ref,
      digits: z
        .string()
        .regex(/^[0-9*#w]+$/)
        .max(64),
    })
    .strict(),
  /** Use these devices (null: the system default); the microphone is opened only for a call or the meter. */
  z.object({ type: z.literal('audio'), choice: AudioChoice }).strict(),
  /**
   * A call is about to need the microphone (the agent opened the dial sheet): open it now,
   * so the click on Call does not wait for the operating system to start it.
   */
  z.object({ type: z.literal('warmMicrophone') }).strict(),
  /** Start or stop reporting the microphone's level (the Settings meter). */
  z.object({ type: z.literal('meter'), on: z.boolean() }).strict(),
  /** Run the SDK's pre-call test (Device.runPreflight) with this token. */
  z
    .object({
      type: z.literal('preflight'),
      id: Ref,
      token: Token,
      edge: z.string().min(1).max(32),
      signalingHost: DeviceSetup.shape.signalingHost,
    })
    .strict(),
]);
export type HostCommand = z.infer<typeof HostCommand>;

export const HostCallInfo = z
  .object({
    ref: Ref,
    callSid: z.string().max(64).nullable(),
    direction: z.enum(['incoming', 'outgoing']),
    parameters: Params,
    customParameters: Params,
  })
  .strict();
export type HostCallInfo = z.infer<typeof HostCallInfo>;

export const HostCallEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ringing'), hasEarlyMedia: z.boolean() }).strict(),
  z.object({ type: z.literal('accept') }).strict(),
  z.object({ type: z.literal('cancel') }).strict(),
  z.object({ type: z.literal('reject') }).strict(),
  z.object({ type: z.literal('disconnect') }).strict(),
  z.object({ type: z.literal('mute'), isMuted: z.boolean() }).strict(),
  z.object({ type: z.literal('reconnecting'), error: HostError }).strict(),
  z.object({ type: z.literal('reconnected') }).strict(),
  z.object({ type: z.literal('warning'), name: HostWarningName }).strict(),
  z.object({ type: z.literal('warning-cleared'), name: HostWarningName }).strict(),
  z.object({ type: z.literal('error'), error: HostError }).strict(),
  /** The call's quality over its life, sent once just before it ends. */
  z.object({ type: z.literal('quality'), summary: CallQualitySummary }).strict(),
]);
export type HostCallEvent = z.infer<typeof HostCallEvent>;

export const HostEvent = z.discriminatedUnion('type', [
  /** The page is up (first load or after a crash and re-creation): it has no Device yet. */
  z.object({ type: z.literal('hello') }).strict(),
  z.object({ type: z.literal('registration'), state: HostRegistrationState }).strict(),
  z.object({ type: z.literal('tokenWillExpire') }).strict(),
  z.object({ type: z.literal('deviceError'), error: HostError }).strict(),
  z.object({ type: z.literal('incoming'), call: HostCallInfo }).strict(),
  /** An outgoing call's info changed (its CallSid is known once the server answers the invite). */
  z.object({ type: z.literal('callInfo'), call: HostCallInfo }).strict(),
  z
    .object({ type: z.literal('call'), ref: Ref, callSid: z.string().max(64).nullable(), event: HostCallEvent })
    .strict(),
  /** What the page can use: microphone permission and the audio devices present. */
  z
    .object({
      type: z.literal('media'),
      microphone: z.enum(['granted', 'denied', 'prompt', 'unknown']),
      inputs: z.number().int().nonnegative(),
      outputs: z.number().int().nonnegative(),
    })
    .strict(),
  /** The audio devices the SDK sees (`device.audio`), and which ones are in use. */
  z
    .object({
      type: z.literal('audioDevices'),
      devices: AudioDeviceList,
      inUse: z.object({ microphone: AudioDeviceId.nullable(), speaker: AudioDeviceId, ringer: AudioDeviceId }).strict(),
    })
    .strict(),
  /** A chosen device went away (unplugged): the SDK moved to the system default. */
  z.object({ type: z.literal('audioFallback'), role: AudioRole, label: z.string().max(200) }).strict(),
  /** Microphone (and, during a call, speaker) level, 0–1: the meter and the call's `volume` events. */
  z
    .object({
      type: z.literal('level'),
      source: z.enum(['meter', 'call']),
      input: z.number().min(0).max(1),
      output: z.number().min(0).max(1),
    })
    .strict(),
  z.object({ type: z.literal('preflight'), id: Ref, report: PreflightReport }).strict(),
  /** `connect()` itself failed (no microphone, no Device): the call never existed. */
  z.object({ type: z.literal('connectFailed'), ref: Ref, error: HostError }).strict(),
]);
export type HostEvent = z.infer<typeof HostEvent>;

/** Electron: the voice host's preload sends on `message` and listens on `command`. */
export const voiceIpcChannels = { message: 'voice:message', command: 'voice:command' } as const;

/** The browser-mode host serves the voice host's socket on this path. */
export const voiceHostWirePath = '/voice-host';

/** Twilio's edge locations (the SDK's `Edge` enum, 2.18). */
export const twilioEdges = [
  'roaming',
  'ashburn',
  'dublin',
  'frankfurt',
  'sao-paulo',
  'singapore',
  'sydney',
  'tokyo',
  'umatilla',
  'ashburn-ix',
  'san-jose-ix',
  'london-ix',
  'frankfurt-ix',
  'singapore-ix',
  'sydney-ix',
  'tokyo-ix',
] as const;

/**
 * The exact hosts the voice host may reach, for its CSP `connect-src`: the signaling
 * socket of every edge (`wss://voice-js.<edge>.twilio.com/signal`) and Insights'
 * event gateway. Media flows over WebRTC, which the CSP does not govern. CSP wildcards
 * only stand for a leftmost label, so the edges are listed one by one.
 */
export function twilioConnectSources(): string[] {
  return [...twilioEdges.map((edge) => `wss://voice-js.${edge}.twilio.com`), 'https://eventgw.twilio.com'];
}
