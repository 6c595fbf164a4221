import type { Availability } from '../../../shared/api/line';
import { commit, type WriteContext } from '../sync/mutate';

/**
 * Tells the CRM server the agent's availability, through the write entry point like
 * every other change (it queues and wakes the sync engine), so routing rings only
 * Available agents. Only changes are queued: the line publishes often, the availability
 * changes rarely.
 */
export function createPresenceReporter(write: WriteContext) {
  let reported: Availability | null = null;
  return (availability: Availability, at: string): void => {
    if (availability === reported) return;
    commit(write, [{ name: 'presence.set', args: { availability, at } }]);
    reported = availability;
  };
}
