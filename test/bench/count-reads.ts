import type Database from 'better-sqlite3';

/**
 * A connection that counts what its statements execute: statements run and rows they
 * returned. Unlike timings, these do not move with the machine's load, so the screen-pop
 * bench and its tests can say how many reads a pop costs.
 */
export function countingReads(sqlite: Database.Database): {
  sqlite: Database.Database;
  counts: { statements: number; rows: number };
} {
  const counts = { statements: 0, rows: 0 };
  const wrapStatement = (statement: Database.Statement): Database.Statement =>
    new Proxy(statement, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'get' || key === 'all' || key === 'run') {
          return (...args: unknown[]) => {
            counts.statements++;
            const result = (value as (...a: unknown[]) => unknown).apply(target, args);
            if (key === 'all') counts.rows += (result as unknown[]).length;
            else if (key === 'get' && result !== undefined) counts.rows++;
            return result;
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  const wrapped = new Proxy(sqlite, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key === 'prepare') {
        return (source: string) => wrapStatement(target.prepare(source));
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { sqlite: wrapped, counts };
}
