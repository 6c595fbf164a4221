import pg from 'pg';

/*
 * Several statements in one round trip to Postgres, for node-postgres.
 *
 * node-postgres sends a statement, waits for its answer, then sends the next. Each wait
 * is a round trip: a socket write and read on both sides and a turn of both event
 * loops. On a busy server those round trips, not the statements, were the largest single
 * cost of a push and a pull (about 30% of the servers' busy time in socket writes alone).
 *
 * A batch writes every statement's Bind, Describe and Execute, then one Sync, in one
 * write, and Postgres answers them in order. One Sync matters: it is the extended
 * protocol's pipeline, so if a statement fails, Postgres skips everything after it up to
 * the Sync. A COMMIT at the end of a batch therefore never runs after a failed write: the
 * transaction stays open and aborted, and the caller rolls it back, exactly as when the
 * statements went one at a time.
 *
 * It plugs into node-postgres as a "submittable" (the hook pg-cursor uses): the client
 * hands it the connection when it is this batch's turn and routes every message of the
 * answer to it until ReadyForQuery. Each statement is an ordinary pg Query, which builds
 * its result (rows, types) and settles its own promise, so callers above (drizzle) see
 * the same results as from one-at-a-time queries.
 *
 * Only statements that need no Parse of a name go in a batch: unnamed ones (parsed every
 * time, as node-postgres does for them) and named ones this connection has already
 * prepared (batchable below). A named statement not yet prepared on the connection goes
 * alone, the usual way: node-postgres records which names a connection has prepared
 * from the ParseComplete of a query it sent itself, and a batch cannot tell it which of
 * its own Parses succeeded before an error.
 */

/** The connection's internals a batch uses (node-postgres' own Query uses the same). */
interface Connection {
  stream: { cork?(): void; uncork?(): void };
  parsedStatements: Record<string, string>;
  parse(message: { text: string; name?: string; types?: unknown[] }): void;
  bind(message: Record<string, unknown>): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(message: { portal: string; rows?: number }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

/** What a pg Query exposes to the client that drives it (its submittable interface). */
interface DrivenQuery {
  text?: string;
  name?: string;
  values?: unknown[];
  types?: unknown[];
  binary?: boolean;
  portal: string;
  _result: { _types?: unknown };
  handleRowDescription(message: unknown): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Connection): void;
  handleError(error: unknown, connection: Connection): void;
  handleReadyForQuery(connection: Connection): void;
}

export interface BatchStatement {
  text: string;
  name?: string;
  values?: unknown[];
  /** Row mode and type parsers, as node-postgres takes them (drizzle passes its own). */
  config?: Record<string, unknown>;
  /** Whether its answer has rows to describe (a BEGIN or COMMIT has none). */
  describe: boolean;
  settle(error: unknown, result?: unknown): void;
}

/** Whether `statement` can go in a batch on this connection (see above). */
export function batchable(connection: unknown, statement: { name?: string | undefined }): boolean {
  return statement.name === undefined || (connection as Connection).parsedStatements[statement.name] !== undefined;
}

/** A statement that never ran because one before it in the same batch failed. */
export class SkippedStatementError extends Error {
  constructor(cause: unknown) {
    super('Not run: an earlier statement sent in the same round trip failed.', { cause });
  }
}

const prepareValue = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils.prepareValue;

export class StatementBatch {
  private readonly queries: DrivenQuery[];
  private current = 0;
  private settled = false;
  /** A value that could not be encoded: the batch was never sent. */
  private unsent: { index: number; error: unknown } | undefined;

  constructor(
    private readonly statements: readonly BatchStatement[],
    types: unknown,
  ) {
    this.queries = statements.map((statement) => {
      const query = new pg.Query(
        { ...statement.config, text: statement.text, name: statement.name, values: statement.values },
        undefined,
        (error: unknown, result: unknown) => statement.settle(error, result),
      ) as unknown as DrivenQuery;
      if (!query._result._types) query._result._types = types;
      return query;
    });
  }

  /** The statements' texts, in the order they are sent. */
  get texts(): string[] {
    return this.statements.map((statement) => statement.text);
  }

  submit(connection: Connection): Error | null {
    // Every value is encoded before anything is written: a value that cannot be (a BigInt
    // in a JSON object) must fail the batch with nothing on the wire. Written half, without
    // its Sync, the connection would wait forever for an answer that never comes.
    const encoded: unknown[][] = [];
    for (const [index, query] of this.queries.entries()) {
      try {
        encoded.push((query.values ?? []).map((value) => prepareValue(value)));
      } catch (error) {
        this.unsent = { index, error };
        // node-postgres hands this back to handleError on the next tick, and goes on.
        return error instanceof Error ? error : new Error(String(error));
      }
    }
    connection.stream.cork?.();
    try {
      for (const [index, query] of this.queries.entries()) {
        const statement = this.statements[index]!;
        if (statement.name === undefined) connection.parse({ text: statement.text, types: query.types });
        connection.bind({
          portal: '',
          statement: statement.name ?? '',
          values: encoded[index],
          binary: query.binary,
          valueMapper: (value: unknown) => value,
        });
        if (statement.describe) connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(message: unknown): void {
    this.queries[this.current]?.handleRowDescription(message);
  }

  handleDataRow(message: unknown): void {
    this.queries[this.current]?.handleDataRow(message);
  }

  handleCommandComplete(message: unknown, connection: Connection): void {
    this.queries[this.current]?.handleCommandComplete(message, connection);
    this.current += 1;
  }

  handleEmptyQuery(): void {
    this.current += 1;
  }

  /**
   * The client hands an error over and forgets this batch (no ReadyForQuery follows for
   * it), so everything settles here: statements before the failed one ran and get their
   * results, the failed one its error, the rest (skipped by Postgres) an error naming it.
   */
  handleError(error: unknown, connection: Connection): void {
    if (this.settled) return;
    this.settled = true;
    if (this.unsent) {
      // Nothing ran: the statement whose value failed gets its error, the others say why they did not run.
      const { index: failed, error: cause } = this.unsent;
      for (const [index, query] of this.queries.entries()) {
        query.handleError(index === failed ? cause : new SkippedStatementError(cause), connection);
      }
      return;
    }
    for (const [index, query] of this.queries.entries()) {
      if (index < this.current) query.handleReadyForQuery(connection);
      else if (index === this.current) query.handleError(error, connection);
      else query.handleError(new SkippedStatementError(error), connection);
    }
  }

  handleReadyForQuery(connection: Connection): void {
    if (this.settled) return;
    this.settled = true;
    for (const query of this.queries) query.handleReadyForQuery(connection);
  }

  handlePortalSuspended(): void {
    // Every Execute asks for all rows, so no portal is ever suspended.
  }

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('COPY is not supported in a statement batch');
  }

  handleCopyData(): void {}
}
