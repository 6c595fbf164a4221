import type { z } from 'zod';
import type { UpdateContactInput } from '../../../shared/api/directory';
import type { Contact } from '../../../shared/domain/directory';
import { localTimeIn, resolveLocalDateTime } from '../../../shared/domain/time';

/**
 * When a contact's do-not-contact flag was set, and by whom, after an edit: a new flag is
 * stamped with the agent and the day they gave (today when they gave none); an existing
 * flag keeps who set it, and moves to another day only when the agent changed the day;
 * clearing the flag clears both.
 */
export function doNotContactStamp(
  stored: Contact,
  input: z.output<typeof UpdateContactInput>,
  agent: { now: string; agentName: string; timeZone: string },
): { doNotContactSince: string | null; doNotContactBy: string | null } {
  if (!input.doNotContact) return { doNotContactSince: null, doNotContactBy: null };
  const today = localTimeIn(agent.timeZone, agent.now).local.slice(0, 10);
  const storedDay = stored.doNotContactSince
    ? localTimeIn(agent.timeZone, stored.doNotContactSince).local.slice(0, 10)
    : null;
  const day = input.doNotContactSince ?? storedDay ?? today;
  // Today, or the day it already had: the exact instant is kept (now for a new flag).
  const since =
    day === storedDay && stored.doNotContactSince
      ? stored.doNotContactSince
      : day === today
        ? agent.now
        : resolveLocalDateTime(`${day}T00:00`, agent.timeZone);
  const by = stored.doNotContact && stored.doNotContactBy ? stored.doNotContactBy : agent.agentName;
  return { doNotContactSince: since, doNotContactBy: by };
}
