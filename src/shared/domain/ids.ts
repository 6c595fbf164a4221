import { v7 as uuidv7 } from 'uuid';

/**
 * Every record is created on a desktop that may be offline, so ids are made by the
 * client. UUIDv7 starts with the creation time in milliseconds: ids sort by creation,
 * and inserts into a B-tree index stay near its end instead of scattering.
 */
export function newId(): string {
  return uuidv7();
}

/**
 * The id of the call-back task that follows a missed inbound call. Derived from the
 * call's id, not made up, because two reporters create it: the desktop when its line
 * saw the call go unanswered, and the CRM server when Twilio's callbacks said so. Both
 * writes name the same task, so they merge into one instead of making two.
 */
export function callBackTaskId(callId: string): string {
  return `callback-${callId}`.slice(0, 64);
}
