import { asc, eq } from 'drizzle-orm';
import type { Opportunity } from '../../../../shared/domain/directory';
import type { Db } from '../client';
import { opportunities } from '../schema';

export function insertOpportunity(db: Db, opportunity: Opportunity): void {
  db.insert(opportunities).values(opportunity).run();
}

export function getOpportunity(db: Db, id: string): Opportunity | null {
  return db.select().from(opportunities).where(eq(opportunities.id, id)).get() ?? null;
}

export function opportunitiesOfAccount(db: Db, accountId: string): Opportunity[] {
  return db
    .select()
    .from(opportunities)
    .where(eq(opportunities.accountId, accountId))
    .orderBy(asc(opportunities.closeDate), asc(opportunities.name))
    .all();
}
