import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Server-side prepared statements for the statements the server sends again and again.
 *
 * The server's queries are built by drizzle with parameters ($1, $2, …), so one kind of
 * query (a push's client-row lock, a pull's read of calls) is the same text every time.
 * Given a name, node-postgres parses such a text once per connection and afterwards only
 * binds and executes it: Postgres skips the parse and analysis of every repeat (and may
 * reuse its plan), which was a good part of its CPU per push and pull.
 *
 * Names are given here, below drizzle, so every query benefits without naming each one
 * by hand, and a name always stands for exactly one text (see below). The sync routes'
 * hot statements come already named (prebuilt.ts, with the same hashed name this gives),
 * so they skip the lookup of their long texts here and take none of the slots below. What
 * keeps it bounded: a text is named from its second use on (a one-off query never takes
 * a slot), and at most NAMED_TEXTS texts per process are named (each connection then
 * holds at most that many statements); texts with many variants (an IN list of every
 * length) run unnamed once the slots are taken, exactly as before.
 *
 * A name is a hash of its text ("sb" + 20 hex digits of its SHA-256), never a counter:
 * prepared statements live per connection, and a connection belongs to one process, but
 * behind a pooler that hands one Postgres connection to several processes (pgbouncer in
 * transaction mode), or with two server versions in a rolling deploy, a counter's "sb3"
 * could mean one text in one process and another text in the next; binding a plan made
 * for another text runs the wrong statement. With hashed names, the same name is the same
 * text everywhere, whichever process or version prepared it.
 *
 * Named statements outlive a schema change on the same connection: a migration by a
 * newer instance that alters a table makes Postgres refuse an old statement once
 * ("cached plan must not change result type"); restart older instances after migrating.
 */
export const NAMED_TEXTS = 400;
/** Texts longer than this (bulk inserts of many rows) are never named. */
const LONGEST_NAMED_TEXT = 8_000;
/** Texts seen once, remembered at most before the memory starts again. */
const REMEMBERED_TEXTS = 5_000;

const names = new Map<string, string>();
const seenOnce = new Set<string>();

/** The name for a parameterised statement's text, or undefined while it should run unnamed. */
export function statementName(text: string): string | undefined {
  const named = names.get(text);
  if (named !== undefined || names.size >= NAMED_TEXTS || text.length > LONGEST_NAMED_TEXT) return named;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= REMEMBERED_TEXTS) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  seenOnce.delete(text);
  const name = hashedStatementName(text);
  names.set(text, name);
  return name;
}

/** The name a text always gets, here or prebuilt (prebuilt.ts): "sb" + 20 hex digits of its SHA-256. */
export function hashedStatementName(text: string): string {
  return `sb${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
}

interface QueryConfig {
  text?: unknown;
  name?: unknown;
  values?: unknown;
}

/** The query's arguments with the statement's name added where it should have one (see above). */
export function withStatementName(args: unknown[]): unknown[] {
  const [config, values] = args as [QueryConfig | string | null | undefined, unknown];
  if (config && typeof config === 'object' && typeof config.text === 'string' && config.name === undefined) {
    const hasValues = Array.isArray(values) ? values.length > 0 : Array.isArray(config.values);
    const name = hasValues ? statementName(config.text) : undefined;
    // drizzle keeps one config object per built query, so naming a copy leaves it as it was.
    if (name !== undefined) return [{ ...config, name }, ...args.slice(1)];
  }
  return args;
}

/** A pg client that names the parameterised statements it sends (see above). */
export class NamingClient extends pg.Client {
  override query(...args: unknown[]): never {
    return (super.query as (...a: unknown[]) => never)(...withStatementName(args));
  }
}
