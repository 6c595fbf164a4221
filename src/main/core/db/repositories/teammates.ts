import { asc, eq } from 'drizzle-orm';
import type { Teammate } from '../../../../shared/api/teammates';
import type { Db } from '../client';
import { teammates } from '../schema';
import type { WriteTx } from '../write-tx';

export function listTeammates(db: Db): Teammate[] {
  return db
    .select({ id: teammates.id, name: teammates.name, email: teammates.email, role: teammates.role })
    .from(teammates)
    .orderBy(asc(teammates.name))
    .all() as Teammate[];
}

/**
 * Replaces the list of one origin: the server's (a fresh GET /users) or the demo's. The
 * server's list, once there, is the only one shown: demo colleagues are not the company's.
 */
export function replaceTeammates({ db }: WriteTx, list: readonly Teammate[], origin: { demo: boolean }): void {
  db.delete(teammates).where(eq(teammates.isDemo, origin.demo)).run();
  if (!origin.demo) db.delete(teammates).run();
  for (const t of list)
    db.insert(teammates)
      .values({ ...t, isDemo: origin.demo })
      .run();
}
