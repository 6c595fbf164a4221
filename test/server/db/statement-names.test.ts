import { describe, expect, it, vi } from 'vitest';
import { NAMED_TEXTS, statementName } from '../../../src/server/db/statement-names';

describe('names of prepared statements (statement-names.ts)', () => {
  it('names a text from its second use on, always the same name, never one name for two texts', () => {
    const lock = 'select "last_mutation_id" from "sync_clients" where "id" = $1 for update';
    const read = 'select "id" from "calls" where "company_id" = $1';
    expect(statementName(lock)).toBeUndefined();
    const name = statementName(lock);
    expect(name).toMatch(/^sb[0-9a-f]{20}$/);
    expect(statementName(lock)).toBe(name);
    statementName(read);
    const other = statementName(read);
    expect(other).toBeDefined();
    expect(other).not.toBe(name);
  });

  it('gives a text the same name in every process, whatever it named before (rolling deploys, poolers)', async () => {
    const lock = 'select "version" from "sync_clients" where "id" = $1 for update';
    const read = 'select "id" from "tasks" where "company_id" = $1';
    const namesIn = async (order: string[]) => {
      vi.resetModules(); // a fresh module: another process, or another version of the server
      const fresh = await import('../../../src/server/db/statement-names');
      for (const text of order) {
        fresh.statementName(text);
        fresh.statementName(text); // named from the second use on
      }
      return new Map(order.map((text) => [text, fresh.statementName(text)]));
    };
    const one = await namesIn([lock, read]);
    const other = await namesIn([read, lock]);
    expect(one.get(lock)).toBeDefined();
    expect(other.get(lock)).toBe(one.get(lock));
    expect(other.get(read)).toBe(one.get(read));
    expect(one.get(read)).not.toBe(one.get(lock));
  });

  it('stops naming new texts once the slots are taken, and keeps the names it gave', () => {
    const first = 'select 1 where $1::int = 1';
    statementName(first);
    const kept = statementName(first);
    for (let n = 0; n < NAMED_TEXTS + 10; n++) {
      statementName(`select ${n} where $1::int = ${n}`);
      statementName(`select ${n} where $1::int = ${n}`);
    }
    const late = 'select "id" from "notes" where "id" in ($1, $2, $3)';
    statementName(late);
    expect(statementName(late)).toBeUndefined();
    expect(statementName(first)).toBe(kept);
  });

  it('never names a text longer than a bulk insert of a few rows', () => {
    const bulk = `insert into "notes" values ${Array.from({ length: 2000 }, (_, i) => `($${i + 1})`).join(', ')}`;
    statementName(bulk);
    expect(statementName(bulk)).toBeUndefined();
  });
});
