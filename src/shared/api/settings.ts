import { z } from 'zod';
import { canonicalTimeZoneCase, TimeZone } from '../domain/primitives';
import { regionProblem } from '../domain/region';
import type { ApiTable } from './table';

/** The longest display name; the Settings form's field stops there. */
export const AGENT_NAME_MAX_LENGTH = 100;

export const Settings = z.object({
  /** The agent's display name on this desktop. */
  agentName: z.string().min(1).max(AGENT_NAME_MAX_LENGTH),
  /**
   * ISO 3166 alpha-2 region for numbers typed without a country code; one with a numbering
   * plan. The refusal is regionProblem's sentence, so the core and the Settings form say
   * the same thing (with the hint "GB" for "UK").
   */
  defaultRegion: z.string().superRefine((region, ctx) => {
    const problem = regionProblem(region);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** The zone the agent plans in by default, spelt as the zone database does. */
  timeZone: TimeZone.transform(canonicalTimeZoneCase),
  /** Dial from links and click-to-dial without a confirm sheet. */
  autoDial: z.boolean(),
  /** What to do with a do-not-contact number: refuse, or warn and let the agent go on. */
  doNotContactPolicy: z.enum(['block', 'warn']),
  /** The audio output the ringtone plays on (a MediaDeviceInfo.deviceId); null: the default output. */
  ringerDeviceId: z.string().max(200).nullable(),
  /** The microphone calls use on this machine; null: the system default. */
  microphoneDeviceId: z.string().max(200).nullable(),
  /** The speaker or headset calls play on; null: the system default. */
  speakerDeviceId: z.string().max(200).nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const DemoStatus = z.object({
  present: z.boolean(),
  counts: z.record(z.string(), z.number().int()),
});

export const settingsApi = {
  'settings.get': { input: z.object({}).strict(), output: Settings, summary: 'The agent’s settings.' },
  'settings.update': {
    input: Settings.partial().strict(),
    output: Settings,
    summary: 'Changes some settings; returns them all.',
  },
  'demo.status': { input: z.object({}).strict(), output: DemoStatus, summary: 'Whether demo data is present.' },
  'demo.remove': {
    input: z.object({}).strict(),
    output: DemoStatus,
    summary: 'Removes every demo record (and only those).',
  },
} as const satisfies ApiTable;
