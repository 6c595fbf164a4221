import type { CallRecord } from './call';

/**
 * How a call is summed up in a list, a table and an export, the same everywhere: who
 * it was with, the number on the other end, and the time it is known by.
 */

/** Who the call was with: the first person who is not a user, else the related record, else a number. */
export function counterpart(call: CallRecord): string {
  const person = call.participants.find((p) => p.kind !== 'user');
  return person?.name || call.related?.name || call.toNumber || call.fromNumber || 'Unknown';
}

/** The number on the other end: the caller's for an inbound call, the one dialed for an outbound one. */
export function otherNumber(call: CallRecord): string | null {
  return call.direction === 'Inbound' ? call.fromNumber : call.toNumber;
}

/** The time a call is known by: when it happened, else when it is planned, else when it was logged. */
export function callTime(call: CallRecord): string {
  return call.actualStart ?? call.plannedStart?.utc ?? call.createdAt;
}
