import { z } from 'zod';
import { TimeZone } from './primitives';
import { localTimeIn, withinWeeklyHours } from './time';

/**
 * Triage: the calls that still want an agent's decision, and the flags that put some of
 * them first. Shared so the desktop's queue, its badges and the CRM server agree on what
 * is an emergency and what came in after hours.
 */

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 08:00.');

/**
 * A company's business hours, in the company's zone: ISO weekdays (1 = Monday … 7 =
 * Sunday) and the opening and closing time on each of them (closing not included).
 */
export const BusinessHours = z
  .object({
    zone: TimeZone,
    days: z
      .array(
        z
          .number()
          .int()
          .min(1, 'Weekdays run from 1 (Monday) to 7 (Sunday).')
          .max(7, 'Weekdays run from 1 (Monday) to 7 (Sunday).'),
      )
      .min(1, 'Choose at least one opening day.')
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'Name each opening day once.'),
    opens: ClockTime,
    closes: ClockTime,
  })
  .strict()
  .refine((hours) => hours.opens < hours.closes, {
    message: 'Business hours must close after they open.',
    path: ['closes'],
  });
export type BusinessHours = z.infer<typeof BusinessHours>;

/** Monday to Friday, 08:00 to 18:00, in the company's zone: what a company starts with. */
export function defaultBusinessHours(zone: string): BusinessHours {
  return { zone, days: [1, 2, 3, 4, 5], opens: '08:00', closes: '18:00' };
}

/** True when `instantIso` falls outside the business hours, read on the company's clock. */
export function isAfterHours(instantIso: string, hours: BusinessHours): boolean {
  const { local } = localTimeIn(hours.zone, instantIso);
  return !withinWeeklyHours(local, { days: hours.days, from: hours.opens, until: hours.closes });
}

/** The disposition code, SLA rule and tag that mark an emergency. */
export const EMERGENCY = 'emergency';

/**
 * An emergency: the call's disposition is `emergency` (the SLA rule of the same name
 * gives its follow-up 15 minutes), or an agent flagged it with the tag `emergency`.
 */
export function isEmergency(call: { dispositionCode: string | null; tags: readonly string[] }): boolean {
  return call.dispositionCode === EMERGENCY || call.tags.some((tag) => tag.toLowerCase() === EMERGENCY);
}

/** Why a call is in the triage queue, in the order a dispatcher reads them. */
export const TriageReason = z.enum(['missed', 'voicemail', 'needs_disposition', 'refused']);
export type TriageReason = z.infer<typeof TriageReason>;

export const triageReasonLabel: Record<TriageReason, string> = {
  missed: 'Missed call',
  voicemail: 'Voicemail',
  needs_disposition: 'No disposition',
  refused: 'Refused by the server',
};

/**
 * Why a call wants triage, or null when it does not: a missed inbound call (Not Held,
 * no disposition yet), a call with a recording but no disposition (a voicemail), any
 * other finished call without a disposition, a call whose change the server refused.
 */
export function triageReason(call: {
  direction: 'Inbound' | 'Outbound';
  status: 'Planned' | 'Held' | 'NotHeld' | 'Cancelled';
  dispositionCode: string | null;
  recordingUrl: string | null;
  refused: boolean;
}): TriageReason | null {
  if (call.refused) return 'refused';
  if (call.status === 'Planned' || call.status === 'Cancelled') return null;
  if (call.dispositionCode !== null) return null;
  if (call.recordingUrl !== null) return 'voicemail';
  if (call.direction === 'Inbound' && call.status === 'NotHeld') return 'missed';
  return 'needs_disposition';
}

export interface TriageItemOrder {
  emergency: boolean;
  afterHours: boolean;
  /** When the call happened (ISO). */
  at: string;
}

/** Emergencies first, then after-hours calls (nobody saw them come in), then oldest first. */
export function compareTriage(a: TriageItemOrder, b: TriageItemOrder): number {
  if (a.emergency !== b.emergency) return a.emergency ? -1 : 1;
  if (a.afterHours !== b.afterHours) return a.afterHours ? -1 : 1;
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}
