import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { Account, Case, Contact, Lead, Opportunity } from '../../shared/domain/directory';
import type { Db, Tx } from '../db/database';
import { accounts, cases, contacts, directoryPhones, leads, opportunities } from '../db/schema';
import { takeVersion } from '../sync/versions';

/** The company directory: whole records in jsonb, phones indexed for caller lookup. */
export const directoryTables = { accounts, contacts, leads, opportunities, cases } as const;
export type DirectoryEntity = keyof typeof directoryTables;

export const directorySchemas = {
  accounts: Account,
  contacts: Contact,
  leads: Lead,
  opportunities: Opportunity,
  cases: Case,
};
export type DirectoryRecord<E extends DirectoryEntity> = z.output<(typeof directorySchemas)[E]>;

type PhoneEntity = 'accounts' | 'contacts' | 'leads';
const hasPhones = (entity: DirectoryEntity): entity is PhoneEntity =>
  entity === 'accounts' || entity === 'contacts' || entity === 'leads';

function phonesOf(record: Record<string, unknown>): string[] {
  const phones = (record['phones'] ?? []) as { e164: string }[];
  return [...new Set(phones.map((phone) => phone.e164))];
}

/** Keeps the lookup index in step with a record's phones; call in the same transaction as the write. */
export async function replacePhones(tx: Tx, companyId: string, entity: PhoneEntity, id: string, e164s: string[]) {
  await tx
    .delete(directoryPhones)
    .where(
      and(
        eq(directoryPhones.companyId, companyId),
        eq(directoryPhones.entity, entity),
        eq(directoryPhones.entityId, id),
      ),
    );
  if (e164s.length > 0) {
    await tx.insert(directoryPhones).values(e164s.map((e164) => ({ companyId, entity, entityId: id, e164 })));
  }
}

/**
 * Upserts many directory records in one transaction under one change version (pulls page
 * through a version by id, so a million rows in one version still stream in pages).
 * Records are validated with the shared schemas first; an invalid one fails the batch.
 */
export async function importDirectory<E extends DirectoryEntity>(
  db: Db,
  companyId: string,
  entity: E,
  input: readonly unknown[],
  options: { chunkSize?: number } = {},
): Promise<{ count: number; version: number }> {
  const schema = directorySchemas[entity] as z.ZodType<Record<string, unknown>>;
  const records = input.map((record) => schema.parse(record));
  // All directory tables share one column layout; the cast only drops the union.
  const table = directoryTables[entity] as typeof contacts;
  const chunkSize = options.chunkSize ?? 1000;
  return db.transaction(async (tx) => {
    const version = await takeVersion(tx, companyId);
    for (let start = 0; start < records.length; start += chunkSize) {
      const chunk = records.slice(start, start + chunkSize);
      await tx
        .insert(table)
        .values(
          chunk.map((data) => ({
            companyId,
            id: data['id'] as string,
            data,
            updatedAt: new Date(data['updatedAt'] as string),
            version,
          })),
        )
        .onConflictDoUpdate({
          target: [table.companyId, table.id],
          set: { data: sql`excluded.data`, updatedAt: sql`excluded.updated_at`, version },
        });
      if (hasPhones(entity)) {
        const ids = chunk.map((data) => data['id'] as string);
        await tx
          .delete(directoryPhones)
          .where(
            and(
              eq(directoryPhones.companyId, companyId),
              eq(directoryPhones.entity, entity),
              inArray(directoryPhones.entityId, ids),
            ),
          );
        const phones = chunk.flatMap((data) =>
          phonesOf(data).map((e164) => ({ companyId, entity, entityId: data['id'] as string, e164 })),
        );
        if (phones.length > 0) await tx.insert(directoryPhones).values(phones).onConflictDoNothing();
      }
    }
    return { count: records.length, version };
  });
}

export { phonesOf };
