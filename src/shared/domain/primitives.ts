import { z } from 'zod';
import { E164_PATTERN } from './phone';

/**
 * The years a date may fall in. Nothing a call center records lies outside them, and a
 * year 9999 (or 0001) in a call would sort, page and chart as nonsense for ever after.
 */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2200;
const yearMessage = `Use a date between ${MIN_YEAR} and ${MAX_YEAR}.`;

/** True when a date text (`YYYY-…`, as every date here starts) falls in the sane years. */
export function inSaneYears(text: string): boolean {
  const year = Number(text.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** An instant, always UTC, always `YYYY-MM-DDTHH:mm:ss.sssZ`, so strings sort by time. */
export const Instant = z.iso.datetime({ offset: false, precision: 3 }).refine(inSaneYears, yearMessage);
export type Instant = z.infer<typeof Instant>;

/**
 * A wall-clock date-time without zone, as the agent typed it: `YYYY-MM-DDTHH:mm`. Not
 * bounded here: the planning rule (planned-time.ts) refuses a wrong year in words that
 * name the years allowed, and the instant it becomes is bounded by `Instant`.
 */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Use a local date-time like 2026-03-08T02:30');
export type LocalDateTime = z.infer<typeof LocalDateTime>;

/** An IANA time zone name such as `America/New_York`. Checked against the runtime's zone data. */
export const TimeZone = z
  .string()
  .refine(isKnownTimeZone, 'This is not a time zone Switchboard knows; pick one such as America/New_York.');
export type TimeZone = z.infer<typeof TimeZone>;

/** A phone number in E.164: `+` then 2 to 15 digits, no leading zero after the plus. */
export const E164 = z.string().regex(E164_PATTERN, 'Phone numbers are stored as E.164, e.g. +14155550123');
export type E164 = z.infer<typeof E164>;

/**
 * A record id. Desktops make UUIDs (the demo data too); tests and imports use short
 * names like `call-1`. Letters, digits, `.`, `_` and `-`, starting with a letter or
 * digit: an id can then never start a spreadsheet formula (=, +, -, @), hide a control
 * character, or need quoting in a URL path or a CSV cell.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const Id = z
  .string()
  .regex(ID_PATTERN, 'An id is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.');
export type Id = z.infer<typeof Id>;

/**
 * Zones Intl has accepted. Building an Intl.DateTimeFormat costs about 50 µs, and every
 * planned call a list returns is checked against the TimeZone schema, so a page of 50
 * would spend milliseconds asking Intl the same few names again. The runtime's zone
 * data does not change while it runs, so a yes stays a yes; only yeses are kept (an
 * unknown name is asked again), and at most MAX_KNOWN_ZONES of them, which is more than
 * the IANA database names, so the set cannot grow without bound on odd spellings.
 */
const knownZones = new Set<string>();
const MAX_KNOWN_ZONES = 2000;

export function isKnownTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (knownZones.size < MAX_KNOWN_ZONES) knownZones.add(zone);
  return true;
}

/**
 * The zone as the time zone database spells it ("europe/london" → "Europe/London"). Intl
 * and Temporal accept a zone in any case, so a zone typed in lower case passes the check
 * and would otherwise be stored, shown and synced as typed. Only the case is changed: an
 * alias (Asia/Calcutta) stays the name the agent chose.
 */
export function canonicalTimeZoneCase(zone: string): string {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    if (resolved.toLowerCase() === zone.toLowerCase()) return resolved;
  } catch {
    // Not a zone: the TimeZone check says so.
  }
  return zone;
}

/**
 * A link stored on a record (a call's recording): https only, so no `javascript:`,
 * `file:` or plain-http link reaches an agent's console. The one exception is the CRM
 * server's own recording stream (`/calls/<id>/recording`), which a development server
 * without TLS serves over http.
 */
export const RecordingUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine(
    (text) => text.startsWith('https:') || /^\/calls\/[A-Za-z0-9._-]{1,64}\/recording$/.test(new URL(text).pathname),
    "A recording link must be an https URL (or this server's own /calls/<id>/recording).",
  );
