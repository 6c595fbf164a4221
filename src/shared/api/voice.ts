import { z } from 'zod';
import { TeamMember } from '../voice/protocol';
import { AudioChoice, AudioDevice, PreflightResult } from '../voice/audio';
import type { ApiTable, EventTable } from './table';

/**
 * Whether the agent can take calls right now, and why not: one indicator on the phone
 * dock. The core works it out (telephony/readiness.ts) from the line, its registration,
 * the token, the microphone, the audio devices, the last call's quality and the sync
 * backlog, and sends it again whenever one of them changes.
 */
export const ReadinessLevel = z.enum(['ready', 'degraded', 'not-ready']);
export type ReadinessLevel = z.infer<typeof ReadinessLevel>;

export const ReadinessReason = z.object({
  key: z.enum(['line', 'registration', 'token', 'microphone', 'devices', 'quality', 'sync', 'host']),
  level: ReadinessLevel,
  text: z.string(),
});
export type ReadinessReason = z.infer<typeof ReadinessReason>;

export const Readiness = z.object({
  level: ReadinessLevel,
  line: z.enum(['simulated', 'twilio']),
  /** One sentence for the dock: "Ready for calls on the Twilio line." */
  summary: z.string(),
  /** What is wrong or worth knowing, worst first; empty when all is well. */
  reasons: z.array(ReadinessReason),
  registration: z.enum(['unregistered', 'registering', 'registered', 'destroyed']),
  tokenExpiresAt: z.string().nullable(),
  lastReRegistrationAt: z.string().nullable(),
  /** The devices calls use now, by name (the chosen ones, or the system default); null off the Twilio line. */
  audio: z.object({ microphone: z.string(), speaker: z.string(), ringer: z.string() }).nullable(),
});
export type Readiness = z.infer<typeof Readiness>;

export const TeamList = z.object({
  members: z.array(TeamMember),
  /** `server`: the company's, with live availability; `demo`: not signed in, the demo team. */
  source: z.enum(['server', 'demo']),
});
export type TeamList = z.infer<typeof TeamList>;
/**
 * The audio devices for Settings and the dock: listed by the voice host (the SDK's
 * `device.audio`) on the Twilio line; `listedBy: null` when no voice host runs (the
 * simulated line), and the console lists what its own page sees.
 */
export const AudioView = z.object({
  listedBy: z.enum(['voice-host']).nullable(),
  inputs: z.array(AudioDevice),
  outputs: z.array(AudioDevice),
  choice: AudioChoice,
  /** The last chosen device that went away, in words, and when (ISO). */
  notice: z.object({ text: z.string(), at: z.string() }).nullable(),
});
export type AudioView = z.infer<typeof AudioView>;

export const AudioLevel = z.object({
  /** `meter`: the Settings microphone test; `call`: the live call's volume. */
  source: z.enum(['meter', 'call']),
  input: z.number().min(0).max(1),
  output: z.number().min(0).max(1),
});
export type AudioLevel = z.infer<typeof AudioLevel>;

export const voiceApi = {
  'voice.readiness': {
    input: z.object({}).strict(),
    output: Readiness,
    summary: 'Whether this desktop can take calls now, with the reasons when it cannot.',
  },
  'voice.team': {
    input: z.object({}).strict(),
    output: TeamList,
    summary: 'The colleagues a call can be transferred to, with their availability.',
  },
  'voice.audio': {
    input: z.object({}).strict(),
    output: AudioView,
    summary: 'The microphones and outputs the voice host sees, and the ones chosen on this machine.',
  },
  'voice.meter': {
    input: z.object({ on: z.boolean() }).strict(),
    output: z.object({ running: z.boolean() }),
    summary: 'Starts or stops the microphone level meter (voice.level events while it runs).',
  },
  'voice.preflight': {
    input: z.object({}).strict(),
    output: PreflightResult,
    summary: 'Runs the pre-call test (a short test call through Twilio) and says how it went.',
  },
} as const satisfies ApiTable;

export const voiceEvents = {
  'voice.changed': Readiness,
  'voice.audio': AudioView,
  /** About ten a second while the meter or a call runs. */
  'voice.level': AudioLevel,
} as const satisfies EventTable;
