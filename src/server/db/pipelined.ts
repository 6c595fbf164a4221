import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './database';
import { PipelinedClient } from './pipelined-client';

/*
 * Transactions with fewer round trips to Postgres, for the sync routes that every agent
 * calls every few seconds (pipelined-client.ts says what rides on what). On PGlite, which
 * has no round trips, and on any other client, these are drizzle's transaction and
 * plain awaits: the same statements in the same order, so callers need no second path.
 */

interface SessionInternals {
  client: unknown;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

interface PoolLike {
  connect(): Promise<unknown>;
}

function sessionOf(db: Db | Tx): SessionInternals {
  return db._.session as unknown as SessionInternals;
}

/** The BEGIN drizzle would send for `config`. */
export function beginText(config: PgTransactionConfig = {}): string {
  const parts = ['begin'];
  if (config.isolationLevel) parts.push(`isolation level ${config.isolationLevel}`);
  if (config.accessMode) parts.push(config.accessMode);
  if (config.deferrable !== undefined) parts.push(config.deferrable ? 'deferrable' : 'not deferrable');
  return parts.join(' ');
}

/** `work` in one transaction, as drizzle's `db.transaction`, with its BEGIN and COMMIT riding on other statements where they can. */
export async function pipelinedTransaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  config?: PgTransactionConfig,
): Promise<T> {
  const session = sessionOf(db);
  const pool = session.client as PoolLike;
  if (!((db._.session as unknown) instanceof NodePgSession) || typeof pool.connect !== 'function') {
    return db.transaction(work, config);
  }
  const client = (await pool.connect()) as { release(error?: unknown): void };
  if (!(client instanceof PipelinedClient)) {
    client.release();
    return db.transaction(work, config);
  }
  let broken: unknown;
  try {
    const txSession = new NodePgSession(client as never, session.dialect, session.schema, session.options);
    const tx = new NodePgTransaction(session.dialect, txSession, session.schema) as unknown as Tx;
    client.beginPipelined(beginText(config));
    try {
      const result = await work(tx);
      await client.commitPipelined();
      return result;
    } catch (error) {
      await client.rollbackPipelined().catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    }
  } finally {
    // A connection whose rollback failed is in an unknown state: the pool drops it.
    client.release(broken);
  }
}

function pipelinedClientOf(tx: Tx): PipelinedClient | undefined {
  const client = sessionOf(tx).client;
  return client instanceof PipelinedClient && client.inPipelinedTransaction ? client : undefined;
}

/**
 * Runs `write` (statements whose results the caller does not read) now, or, in a pipelined
 * transaction, sends them with the transaction's next round trip: its error then fails
 * that round trip (at the latest the commit), which rolls the transaction back. A select
 * or RETURNING built by drizzle is refused there; a raw `execute` cannot be told from a
 * write and would answer no rows, so keep reads out of `write`.
 */
export async function writeLater(tx: Tx, write: () => Promise<unknown>): Promise<void> {
  const client = pipelinedClientOf(tx);
  if (client) await client.writeLater(write);
  else await write();
}

/**
 * Runs `reads`, which asks for `count` statements without waiting for one before the next
 * (Promise.all), in one round trip in a pipelined transaction; with `commit`, the
 * transaction commits in that same round trip, so `reads` must be its last statements.
 */
export async function readTogether<T>(tx: Tx, count: number, commit: boolean, reads: () => Promise<T>): Promise<T> {
  const client = pipelinedClientOf(tx);
  return client && count > 0 ? client.readTogether(count, commit, reads) : reads();
}
