import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import { voiceIdentityForUser } from '../../shared/voice/protocol';
import type { Db, Tx } from '../db/database';
import { agentPresence, users } from '../db/schema';

export const DEFAULT_PRESENCE_TIMEOUT_SECONDS = 120;

export interface RingableAgent {
  userId: string;
  identity: string;
}

/**
 * The agents an inbound call rings: Available by their desktop's last report, heard from
 * within the timeout (a desktop that crashed or lost its network must not swallow calls
 * until the ring times out), and not disabled. Ordered by id so the TwiML is stable.
 */
export async function ringableAgents(
  db: Db | Tx,
  companyId: string,
  now: Date,
  timeoutSeconds = DEFAULT_PRESENCE_TIMEOUT_SECONDS,
): Promise<RingableAgent[]> {
  const since = new Date(now.getTime() - timeoutSeconds * 1000);
  const available = await db
    .select({ userId: agentPresence.userId })
    .from(agentPresence)
    .where(
      and(
        eq(agentPresence.companyId, companyId),
        eq(agentPresence.availability, 'Available'),
        gte(agentPresence.lastSeenAt, since),
      ),
    );
  if (available.length === 0) return [];
  const active = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.companyId, companyId),
        isNull(users.disabledAt),
        inArray(
          users.id,
          available.map((row) => row.userId),
        ),
      ),
    );
  return active
    .map((row) => row.id)
    .sort()
    .map((userId) => ({ userId, identity: voiceIdentityForUser(userId) }));
}

/** The desktop was heard from (a push or a pull): it is still there to take calls. */
export async function touchPresence(db: Db, companyId: string, userId: string, now: Date): Promise<void> {
  await db
    .update(agentPresence)
    .set({ lastSeenAt: now })
    .where(and(eq(agentPresence.companyId, companyId), eq(agentPresence.userId, userId)));
}
