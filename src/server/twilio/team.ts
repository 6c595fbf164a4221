import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { TeamMember } from '../../shared/voice/protocol';
import type { Db } from '../db/database';
import { agentPresence, users } from '../db/schema';
import { DEFAULT_PRESENCE_TIMEOUT_SECONDS } from './presence';

/**
 * The colleagues a call can be passed to, for the desktop's transfer picker: the
 * company's enabled users but the asking agent, each with the availability their
 * desktop last reported, or Offline when it has not been heard from within the same
 * timeout routing uses (an agent shown Available must be one a call would ring).
 */
export async function teamOf(
  db: Db,
  companyId: string,
  userId: string,
  now: Date,
  timeoutSeconds = DEFAULT_PRESENCE_TIMEOUT_SECONDS,
): Promise<TeamMember[]> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.displayName,
      availability: agentPresence.availability,
      lastSeenAt: agentPresence.lastSeenAt,
    })
    .from(users)
    .leftJoin(agentPresence, and(eq(agentPresence.companyId, users.companyId), eq(agentPresence.userId, users.id)))
    .where(and(eq(users.companyId, companyId), ne(users.id, userId), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName), asc(users.id));
  const since = now.getTime() - timeoutSeconds * 1000;
  return rows.map((row) => {
    const fresh = row.lastSeenAt !== null && row.lastSeenAt.getTime() >= since;
    const known = ['Available', 'Busy', 'Away', 'Offline', 'AfterCallWork'] as const;
    const availability = fresh ? (known.find((value) => value === row.availability) ?? 'Offline') : 'Offline';
    return { userId: row.userId, name: row.name, availability };
  });
}
