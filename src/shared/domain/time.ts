import { Temporal } from 'temporal-polyfill';

/**
 * Resolves a wall-clock time in an IANA zone to an instant (ISO string, UTC, ms).
 * Uses Temporal's `compatible` disambiguation: a time inside a spring-forward gap
 * moves forward by the gap, an ambiguous fall-back time takes the earlier offset.
 */
export function resolveLocalDateTime(local: string, zone: string): string {
  const zoned = Temporal.PlainDateTime.from(local).toZonedDateTime(zone, { disambiguation: 'compatible' });
  return new Date(zoned.epochMilliseconds).toISOString();
}
