import { z } from 'zod';
import { E164_PATTERN } from './phone';

/** An instant, always UTC, always `YYYY-MM-DDTHH:mm:ss.sssZ`, so strings sort by time. */
export const Instant = z.iso.datetime({ offset: false, precision: 3 });
export type Instant = z.infer<typeof Instant>;

/** A wall-clock date-time without zone, as the agent typed it: `YYYY-MM-DDTHH:mm`. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Use a local date-time like 2026-03-08T02:30');
export type LocalDateTime = z.infer<typeof LocalDateTime>;

/** An IANA time zone name such as `America/New_York`. Checked against the runtime's zone data. */
export const TimeZone = z.string().refine(isKnownTimeZone, 'Unknown time zone');
export type TimeZone = z.infer<typeof TimeZone>;

/** A phone number in E.164: `+` then 2 to 15 digits, no leading zero after the plus. */
export const E164 = z.string().regex(E164_PATTERN, 'Phone numbers are stored as E.164, e.g. +14155550123');
export type E164 = z.infer<typeof E164>;

export const Id = z.string().min(1).max(64);
export type Id = z.infer<typeof Id>;

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
