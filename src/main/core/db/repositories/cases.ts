import { desc, eq } from 'drizzle-orm';
import type { Case } from '../../../../shared/domain/directory';
import type { Db } from '../client';
import { cases } from '../schema';

export function insertCase(db: Db, record: Case): void {
  db.insert(cases).values(record).run();
}

export function getCase(db: Db, id: string): Case | null {
  return db.select().from(cases).where(eq(cases.id, id)).get() ?? null;
}

export function casesOfAccount(db: Db, accountId: string): Case[] {
  return db.select().from(cases).where(eq(cases.accountId, accountId)).orderBy(desc(cases.number)).all();
}

export function casesOfContact(db: Db, contactId: string): Case[] {
  return db.select().from(cases).where(eq(cases.contactId, contactId)).orderBy(desc(cases.number)).all();
}
