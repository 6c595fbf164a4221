import { z } from 'zod';
import { TeamMember } from '../voice/protocol';
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
});
export type Readiness = z.infer<typeof Readiness>;

export const TeamList = z.object({
  members: z.array(TeamMember),
  /** `server`: the company's, with live availability; `demo`: not signed in, the demo team. */
  source: z.enum(['server', 'demo']),
});
export type TeamList = z.infer<typeof TeamList>;

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
} as const satisfies ApiTable;

export const voiceEvents = {
  'voice.changed': Readiness,
} as const satisfies EventTable;
