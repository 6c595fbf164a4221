import { getTableColumns, is, sql, SQL, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database';
import { p, prebuild, type Prebuilt } from './prebuilt';

/*
 * Inserts whose rows are prebuilt (prebuilt.ts). An insert's text depends on how many rows
 * it has and which columns each row gives (a column left out is `default`), so a shape is
 * (row count, columns of each row), and the rows' values become placeholders.
 */

/** Larger inserts (a long outbox's notes) are built per request: one-offs, and their texts are long. */
export const MOST_PREBUILT_ROWS = 8;
/** Shapes kept per cache; beyond it, new shapes are built per request as before (see ShapeCache). */
export const MOST_SHAPES = 32;

export interface InsertShape {
  /** What the text depends on: the row count and each row's columns. */
  key: string;
  /** The rows with a placeholder for every value (made only when the statement is built). */
  placeholders(): Record<string, unknown>[];
  /** The placeholders' values. */
  values: Record<string, unknown>;
}

/**
 * The shape of an insert of `rows`, or null when it must be built per request: too many rows,
 * a value that is SQL (it is text, not a parameter), or a column left out that drizzle fills
 * with a function ($defaultFn/$onUpdateFn run at build time: a prebuilt text would freeze
 * their first result), or a value its column encodes as SQL. Undefined values count as
 * left out, as drizzle reads them.
 */
export function insertShape(table: PgTable, rows: readonly Record<string, unknown>[]): InsertShape | null {
  if (rows.length === 0 || rows.length > MOST_PREBUILT_ROWS) return null;
  const { columns, filledByFunction } = columnsOf(table);
  const keys: string[] = [];
  const givenPerRow: string[][] = [];
  const values: Record<string, unknown> = {};
  for (const [index, row] of rows.entries()) {
    const given: string[] = [];
    for (const name in row) {
      const value = row[name];
      if (value === undefined) continue;
      const column = columns.get(name);
      if (!column || (typeof value === 'object' && is(value, SQL))) return null;
      // Encoded here as a per-request build encodes a parameter (null stays null; drizzle's
      // placeholders would hand null to the encoder: a JSON column would get 'null').
      const encoded = value === null ? null : column.mapToDriverValue(value);
      if (typeof encoded === 'object' && is(encoded, SQL)) return null;
      given.push(name);
      values[`${index}.${name}`] = encoded;
    }
    if (filledByFunction.some((name) => !given.includes(name))) return null;
    keys.push(given.join(','));
    givenPerRow.push(given);
  }
  // Wrapped in SQL so drizzle takes the placeholder as it is (the text is the same $n).
  const placeholders = () =>
    givenPerRow.map((given, index) => Object.fromEntries(given.map((name) => [name, sql`${p(`${index}.${name}`)}`])));
  return { key: keys.join('|'), placeholders, values };
}

interface TableColumns {
  columns: Map<string, Column>;
  /** Columns drizzle fills with a function when a row leaves them out. */
  filledByFunction: string[];
}
const tableColumns = new WeakMap<PgTable, TableColumns>();

/** A table's columns, read once (getTableColumns copies them on every call). */
function columnsOf(table: PgTable): TableColumns {
  let known = tableColumns.get(table);
  if (!known) {
    const entries = Object.entries(getTableColumns(table));
    known = {
      columns: new Map(entries),
      filledByFunction: entries.filter(([, column]) => column.defaultFn || column.onUpdateFn).map(([name]) => name),
    };
    tableColumns.set(table, known);
  }
  return known;
}

/**
 * Prebuilt statements by shape, at most MOST_SHAPES of them. There is no eviction: a
 * shape not kept is built per request, exactly as without the cache, so a stream of odd
 * shapes costs what it always did and cannot push the common ones out.
 */
export class ShapeCache<Result> {
  private readonly statements = new Map<string, Prebuilt<Result>>();
  constructor(private readonly most = MOST_SHAPES) {}

  /** The prebuilt statement for `key`, built now if there is room; null when the cache is full. */
  get(key: string, build: () => Prebuilt<Result>): Prebuilt<Result> | null {
    const known = this.statements.get(key);
    if (known) return known;
    if (this.statements.size >= this.most) return null;
    const statement = build();
    this.statements.set(key, statement);
    return statement;
  }

  get size(): number {
    return this.statements.size;
  }
}

/** An insert statement as drizzle builds it: runs when executed. */
interface InsertQuery<Result> {
  prepare(name: string): unknown;
  execute(): Promise<Result>;
}

/**
 * An insert into one table, prebuilt per shape where it can be (insertShape) and built per
 * request otherwise. `build` writes the statement for any rows: the request's, or rows of
 * placeholders when a shape's statement is built.
 */
export function prebuiltInsert<Row extends Record<string, unknown>, Result>(
  table: PgTable,
  build: (db: Db, rows: Row[]) => InsertQuery<Result>,
): (db: Db, rows: Row[]) => Promise<Result> {
  const statements = new ShapeCache<Result>();
  return (db, rows) => {
    const shape = insertShape(table, rows);
    const statement =
      shape && statements.get(shape.key, () => prebuild((builder) => build(builder, shape.placeholders() as Row[])));
    return shape && statement ? statement.run(db, shape.values) : build(db, rows).execute();
  };
}
