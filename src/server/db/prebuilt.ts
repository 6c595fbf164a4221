import { fillPlaceholders, sql, type Placeholder } from 'drizzle-orm';
import { PgDatabase, PgDialect, PgSession } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db, Queryable } from './database';
import { canRunDirect, directRunner, type DirectRunner } from './prebuilt-direct';
import { hashedStatementName } from './statement-names';

/**
 * Statements built once per process instead of once per request.
 *
 * A push and a pull send the same few statement shapes again and again, and drizzle
 * rebuilt each of them for every request: walking the builder, escaping every column
 * name, merging the chunks into text, then naming the text (statement-names.ts hashes a
 * new text and looks up a long one for every query). That was about half the server's
 * CPU per push and pull. A prebuilt statement is written with the same drizzle builder,
 * once, with `sql.placeholder(...)` where the request's values go; a request only fills
 * the values in. The text is the same as a per-request build gives (the placeholders
 * take the $n places the values took; test/server/prebuilt.test.ts compares them), so
 * Postgres sees the same statements.
 *
 * How: the builder is run against a session that only captures what `prepare()` would
 * hand a real one (the query, its result fields, how rows map back); a request hands
 * exactly that to its own transaction's session, so rows come back mapped as before and
 * on whichever driver the server runs (node-postgres or PGlite).
 *
 * The name is the hash of the text, the same name statement-names.ts would give it, so
 * the rolling-deploy argument there holds. Prebuilt names do not take one of its
 * NAMED_TEXTS slots: they are a fixed set (a few per source and role), known in advance.
 */

/** What a builder's `prepare()` hands its session, everything but the connection. */
interface Captured {
  args: unknown[];
  joinsNotNullableMap?: unknown;
  setToken(): Captured;
}

interface PreparedLike {
  joinsNotNullableMap?: unknown;
  execute(values: Record<string, unknown>): Promise<unknown>;
}

class CaptureSession extends PgSession {
  prepareQuery(...args: unknown[]): never {
    const captured: Captured = { args, setToken: () => captured };
    return captured as never;
  }
  transaction(): never {
    throw new Error('a statement being prebuilt cannot open a transaction');
  }
}

/** The server's databases use drizzle's default dialect (no casing option): database.ts. */
const dialect = new PgDialect();
/** Builds statements, never runs them. */
const builderDb = new PgDatabase(dialect, new CaptureSession(dialect), undefined) as unknown as Db;

interface Preparable {
  prepare(name: string): unknown;
  execute(): Promise<unknown>;
}

export interface Prebuilt<Result> {
  /** The statement's text, as Postgres receives it. */
  readonly text: string;
  /** Runs it on the database or a transaction, with a value for every placeholder. */
  run(db: Queryable, values: Record<string, unknown>): Promise<Result>;
  /** The text and the parameters it would be sent with (what tests compare with a per-request build). */
  query(values: Record<string, unknown>): { sql: string; params: unknown[] };
}

/**
 * Builds `build`'s statement once. Everything a request varies must be a placeholder
 * (`p('name')`); anything else is fixed in the text for good, so keep one prebuilt
 * statement per shape (pull-statements.ts keys them by source, role and range).
 */
export function prebuild<Q extends Preparable>(build: (db: Db) => Q): Prebuilt<Awaited<ReturnType<Q['execute']>>> {
  const captured = build(builderDb).prepare('') as Captured;
  const query = captured.args[0] as { sql: string; params: unknown[] };
  const args = [...captured.args];
  // A name from the first use on (statement-names.ts names a text from its second).
  args[2] = hashedStatementName(query.sql);
  const { joinsNotNullableMap } = captured;
  let direct: DirectRunner | undefined;
  return {
    text: query.sql,
    run(db, values) {
      const session = db._.session as unknown as { client?: unknown; prepareQuery(...a: unknown[]): PreparedLike };
      // On node-postgres, straight to the client (prebuilt-direct.ts says why); PGlite through drizzle.
      if (canRunDirect && session.client instanceof pg.Client) {
        direct ??= directRunner(query.sql, args[2] as string, args[1], args[4], joinsNotNullableMap);
        return direct(session.client, fillPlaceholders(query.params, values)) as Promise<never>;
      }
      const prepared = session.prepareQuery(...args);
      prepared.joinsNotNullableMap = joinsNotNullableMap;
      return prepared.execute(values) as Promise<never>;
    },
    query: (values) => ({ sql: query.sql, params: fillPlaceholders(query.params, values) }),
  };
}

/** A placeholder, typed as any value so builders accept it where the request's value goes. */
export function p<T = string>(name: string): T {
  return sql.placeholder(name) as Placeholder as unknown as T;
}
