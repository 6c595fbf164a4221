import { asc, eq, inArray, sql } from 'drizzle-orm';
import { emptyProfile, type Account } from '../../../../shared/domain/directory';
import type { Db } from '../client';
import { accounts } from '../schema';
import { profileColumns, profileFields, type ProfileParts } from './customer-profile';
import { phonesOf, replacePhones } from './phones';
import { likePrefix } from './search-text';

type AccountRow = typeof accounts.$inferSelect;

/** An account as the directory knows it: without a customer profile unless one is given. */
export type NewAccount = Omit<Account, keyof ProfileParts> & Partial<ProfileParts>;

export function insertAccount(db: Db, input: NewAccount): void {
  const account: Account = { ...emptyProfile, ...input };
  db.insert(accounts)
    .values({
      id: account.id,
      name: account.name,
      industry: account.industry,
      country: account.country,
      timeZone: account.timeZone,
      ...profileColumns(account),
      isDemo: account.isDemo,
      createdAt: account.createdAt,
      updatedAt: account.updatedAt,
    })
    .run();
  replacePhones(db, 'account', account.id, account.phones);
}

function toAccounts(db: Db, rows: AccountRow[]): Account[] {
  const numbers = phonesOf(
    db,
    'account',
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    industry: row.industry,
    country: row.country,
    timeZone: row.timeZone,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    phones: numbers.get(row.id) ?? [],
    ...profileFields(row),
  }));
}

export function getAccount(db: Db, id: string): Account | null {
  const row = db.select().from(accounts).where(eq(accounts.id, id)).get();
  return row ? (toAccounts(db, [row])[0] ?? null) : null;
}

export function getAccounts(db: Db, ids: string[]): Account[] {
  if (ids.length === 0) return [];
  return toAccounts(db, db.select().from(accounts).where(inArray(accounts.id, ids)).all());
}

export function listAccounts(
  db: Db,
  filter: { search?: string | undefined; limit: number; offset: number },
): { items: Account[]; total: number } {
  const where = filter.search?.trim()
    ? sql`${accounts.name} like ${likePrefix(filter.search.trim())} escape '\\'`
    : undefined;
  const rows = db
    .select()
    .from(accounts)
    .where(where)
    .orderBy(asc(accounts.name), asc(accounts.id))
    .limit(filter.limit)
    .offset(filter.offset)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(accounts)
      .where(where)
      .get()?.n ?? 0;
  return { items: toAccounts(db, rows), total };
}
