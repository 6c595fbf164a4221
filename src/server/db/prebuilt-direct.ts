import * as drizzleUtils from 'drizzle-orm/utils';
import pg from 'pg';

/*
 * A prebuilt statement (prebuilt.ts) run on node-postgres without drizzle's per-run
 * machinery. For every run drizzle makes a prepared-query object (two query configs, each
 * with its own type-parser closure), wraps the call in tracing spans and a cache check,
 * and node-postgres then asks that closure for every column's parser of every result.
 * The sync routes run a handful of such statements per push and pull, so this was a
 * steady part of the servers' CPU. Here the config is made once per statement, the type
 * parsers are drizzle's own choices, looked up once per type, and rows are mapped by
 * drizzle's own mapper (drizzle-orm/utils exports it; its type declarations do not), so
 * callers get exactly what drizzle's execute would give them.
 */

export type DirectRunner = (client: pg.Client, params: unknown[]) => Promise<unknown>;

type MapResultRow = (fields: unknown, row: unknown[], joinsNotNullableMap: unknown) => unknown;
const mapResultRow = (drizzleUtils as unknown as { mapResultRow?: MapResultRow }).mapResultRow;
/** Whether this drizzle still exports its row mapper; if a version stops, statements run through drizzle. */
export const canRunDirect = typeof mapResultRow === 'function';

/**
 * The types drizzle's node-postgres driver reads as text (its NodePgPreparedQuery): dates,
 * times and intervals, and their arrays, which its columns decode themselves.
 */
const KEPT_AS_TEXT = new Set([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
]);
const asText = (value: string) => value;
const parsers = new Map<string, unknown>();

/** drizzle's parser for a column type, remembered (a parser depends on nothing but its type and format). */
export const drizzleTypes = {
  getTypeParser(typeId: number, format?: 'text' | 'binary') {
    const key = `${typeId}/${format ?? 'text'}`;
    let parser = parsers.get(key);
    if (parser === undefined) {
      parser = KEPT_AS_TEXT.has(typeId) ? asText : pg.types.getTypeParser(typeId, format ?? 'text');
      parsers.set(key, parser);
    }
    return parser;
  },
};

/**
 * How one prebuilt statement runs: `fields` and `customResultMapper` as drizzle's builder
 * handed them to prepareQuery (no fields: a write without RETURNING, answered with the
 * driver's whole result, as drizzle does).
 */
export function directRunner(
  text: string,
  name: string,
  fields: unknown,
  customResultMapper: unknown,
  joinsNotNullableMap: unknown,
): DirectRunner {
  if (!mapResultRow) throw new Error('drizzle-orm/utils no longer exports mapResultRow (see canRunDirect)');
  if (!fields && !customResultMapper) {
    const config = { name, text, types: drizzleTypes };
    return (client, params) => client.query(config as never, params);
  }
  const config = { name, text, rowMode: 'array', types: drizzleTypes };
  const map = customResultMapper as ((rows: unknown[][]) => unknown) | undefined;
  return async (client, params) => {
    const { rows } = (await client.query(config as never, params)) as { rows: unknown[][] };
    return map ? map(rows) : rows.map((row) => mapResultRow(fields, row, joinsNotNullableMap));
  };
}
