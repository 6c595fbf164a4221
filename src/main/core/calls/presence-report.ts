import type { Availability } from '../../../shared/api/line';
import type { Db } from '../db/client';
import { appendMutation } from '../sync/append-mutation';

/**
 * Tells the CRM server the agent's availability, through the outbox like every other
 * change, so routing rings only Available agents. Only changes are queued: the line
 * publishes often, the availability changes rarely.
 */
export function createPresenceReporter(db: Db) {
  let reported: Availability | null = null;
  return (availability: Availability, at: string): boolean => {
    if (availability === reported) return false;
    appendMutation(db, 'presence.set', { availability, at });
    reported = availability;
    return true;
  };
}
