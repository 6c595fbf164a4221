import type { LocalTime } from './time';

/**
 * When a customer can reasonably be called, in their own time: 08:00 to 21:00, the
 * window US telemarketing rules (TCPA) allow and a common courtesy elsewhere. Outside
 * it Switchboard still dials (a customer may have asked for a late call back), but the
 * confirm sheet says so first.
 */
export const CALLING_HOURS = { from: '08:00', until: '21:00' } as const;

/** The warning for a customer whose clock shows `localTime`, or null inside calling hours. */
export function callingHoursWarning(localTime: Pick<LocalTime, 'local' | 'label'>): string | null {
  const clock = localTime.local.slice(11, 16);
  if (clock >= CALLING_HOURS.from && clock < CALLING_HOURS.until) return null;
  return `It is ${localTime.label} for them, outside usual calling hours (${CALLING_HOURS.from}–${CALLING_HOURS.until} their time). Call anyway only if they asked for it.`;
}
