import { eq, inArray } from 'drizzle-orm';
import type { Lead } from '../../../../shared/domain/directory';
import type { Db } from '../client';
import { leads } from '../schema';
import { personColumns, personFields } from './people';
import { phonesOf, replacePhones } from './phones';

type LeadRow = typeof leads.$inferSelect;

export function insertLead(db: Db, lead: Lead): void {
  db.insert(leads)
    .values({ ...personColumns(lead), company: lead.company, status: lead.status })
    .run();
  replacePhones(db, 'lead', lead.id, lead.phones);
}

function toLeads(db: Db, rows: LeadRow[]): Lead[] {
  const numbers = phonesOf(
    db,
    'lead',
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...personFields(row),
    company: row.company,
    status: row.status,
    phones: numbers.get(row.id) ?? [],
  }));
}

export function getLead(db: Db, id: string): Lead | null {
  const row = db.select().from(leads).where(eq(leads.id, id)).get();
  return row ? (toLeads(db, [row])[0] ?? null) : null;
}

export function getLeads(db: Db, ids: string[]): Lead[] {
  if (ids.length === 0) return [];
  return toLeads(db, db.select().from(leads).where(inArray(leads.id, ids)).all());
}
