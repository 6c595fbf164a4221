import { batchable, SkippedStatementError, StatementBatch, type BatchStatement } from './statement-batch';
import { NamingClient, withStatementName } from './statement-names';

/*
 * The server's Postgres connection: names its statements (NamingClient) and, inside a
 * pipelined transaction (pipelined.ts), sends what does not need its own round trip
 * together with what does (statement-batch.ts says why that matters):
 *
 *  - the BEGIN is not sent alone: it goes with the transaction's first statement;
 *  - a write whose result the caller does not need (writeLater) waits for the next
 *    round trip, at the latest the COMMIT, and goes in front of it;
 *  - reads that do not depend on each other (readTogether) go in one round trip, and
 *    when nothing follows them, with the COMMIT.
 *
 * Order is kept: whatever is waiting is sent, in the order it was asked for, in front
 * of the statement that triggers the round trip, so a statement still sees every write
 * the transaction asked for before it. A failure fails that round trip: the failed
 * statement's promise rejects with its error and everything after it in the batch with
 * a SkippedStatementError carrying it, and the caller rolls back as it always did.
 *
 * Statements go through the extended protocol even without values (BEGIN, SAVEPOINT), so
 * a raw text of several statements cannot run in a pipelined transaction.
 */

type Settle = (error: unknown, result?: unknown) => void;

interface Waiting extends BatchStatement {
  promise: Promise<unknown>;
}

const COMMIT = 'commit';

/** A statement without values or rows: the BEGIN and the COMMIT. */
const utility = (text: string) => statement(text, undefined, undefined, {}, false);

/** What a write sent later answers at once: drizzle reads nothing from a write without RETURNING. */
const LATER_RESULT = Object.freeze({ command: 'LATER', rowCount: null, rows: [], fields: [] });

function statement(
  text: string,
  name: string | undefined,
  values: unknown[] | undefined,
  config: Record<string, unknown>,
  describe: boolean,
): Waiting {
  let settle!: Settle;
  const promise = new Promise((resolve, reject) => {
    settle = (error, result) => (error ? reject(error) : resolve(result));
  });
  return { text, name, values, config, describe, settle, promise };
}

export class PipelinedClient extends NamingClient {
  private begin: Waiting | undefined;
  private waiting: Waiting[] = [];
  private writingLater = false;
  private gathering: { expected: number; commit: boolean; held: Waiting[] } | undefined;
  private pipelined = false;
  /** The COMMIT, once sent (with a gathered batch, or by commitPipelined). */
  private commitSent: Promise<unknown> | undefined;

  /** Opens a pipelined transaction: `beginText` rides on its first round trip. */
  beginPipelined(beginText: string): void {
    this.pipelined = true;
    this.commitSent = undefined;
    this.begin = utility(beginText);
    // A BEGIN that fails fails the statement it rode with; its own promise is not awaited.
    this.begin.promise.catch(() => {});
  }

  get inPipelinedTransaction(): boolean {
    return this.pipelined && this.commitSent === undefined;
  }

  /** Statements asked for while `write` runs are sent with the next round trip (see above). */
  async writeLater(write: () => Promise<unknown>): Promise<void> {
    this.writingLater = true;
    try {
      await write();
    } finally {
      this.writingLater = false;
    }
  }

  /**
   * The next `expected` statements go in one round trip (and the COMMIT after them when
   * `commit`): started by `reads`, which must not wait for one before asking the next.
   * `commit` is for reads only: a row the driver fails to parse fails its read, but the
   * COMMIT behind it has run by then.
   */
  async readTogether<T>(expected: number, commit: boolean, reads: () => Promise<T>): Promise<T> {
    if (this.gathering) throw new Error('readTogether calls cannot overlap: one gathers at a time.');
    const gathering = { expected, commit, held: [] as Waiting[] };
    this.gathering = gathering;
    // Whatever `reads` asks for before the event loop turns is gathered; a statement that
    // comes later (a read that waited for something first) goes on its own, and then the
    // COMMIT is left to commitPipelined, after it.
    const backstop = setImmediate(() => this.sendGathered(gathering));
    try {
      return await reads();
    } finally {
      clearImmediate(backstop);
      if (this.gathering === gathering) this.gathering = undefined;
    }
  }

  async commitPipelined(): Promise<void> {
    try {
      // Nothing was ever sent: there is no transaction on the server to end.
      if (this.commitSent === undefined && this.begin && this.waiting.length === 0) return;
      if (this.commitSent === undefined) this.send([utility(COMMIT)]);
      await this.commitSent;
    } finally {
      this.closePipelined();
    }
  }

  /** Rolls back what was sent (a COMMIT that was skipped left the transaction open and aborted). */
  async rollbackPipelined(): Promise<void> {
    const sent = this.begin === undefined;
    this.closePipelined();
    if (sent) await (super.query as (text: string) => Promise<unknown>)('rollback');
  }

  private closePipelined(): void {
    this.pipelined = false;
    this.commitSent = undefined;
    this.begin = undefined;
    this.waiting = [];
    this.gathering = undefined;
    this.writingLater = false;
  }

  override query(...args: unknown[]): never {
    if (!this.pipelined) return (super.query as (...a: unknown[]) => never)(...args);
    if (this.commitSent) throw new Error('A statement was sent after its pipelined transaction had committed.');
    const [config, values] = withStatementName(args) as [Record<string, unknown>, unknown];
    if (typeof config !== 'object' || typeof config['text'] !== 'string' || args.length > 2) {
      throw new Error('A pipelined transaction takes drizzle-style queries: a config object and its values.');
    }
    const { text, name, ...rest } = config;
    const held = statement(text as string, name as string | undefined, values as unknown[] | undefined, rest, true);
    if (this.writingLater) {
      // A read (or a write with RETURNING) would get no rows back from a statement sent later.
      if (rest['rowMode'] === 'array') throw new Error('writeLater takes writes whose results nobody reads.');
      // Its error fails the round trip it goes with; that statement's caller hears of it.
      held.promise.catch(() => {});
      this.waiting.push(held);
      return Promise.resolve(LATER_RESULT) as never;
    }
    const gathering = this.gathering;
    if (gathering) {
      gathering.held.push(held);
      if (gathering.held.length >= gathering.expected) this.sendGathered(gathering);
      return held.promise as never;
    }
    this.send([held]);
    return held.promise as never;
  }

  private sendGathered(gathering: NonNullable<PipelinedClient['gathering']>): void {
    if (this.gathering !== gathering || gathering.held.length === 0) return;
    this.gathering = undefined;
    const statements = [...gathering.held];
    // Only when all of them came: a read still to come must not find the transaction over.
    if (gathering.commit && statements.length >= gathering.expected) {
      statements.push(utility(COMMIT));
    }
    this.send(statements);
  }

  /** Sends what is waiting and then `statements`, in one round trip when it can (see statement-batch.ts). */
  private send(statements: Waiting[]): void {
    const all = [...(this.begin ? [this.begin] : []), ...this.waiting, ...statements];
    this.begin = undefined;
    this.waiting = [];
    const last = all.at(-1)!;
    if (last.text === COMMIT) {
      this.commitSent = last.promise;
      // Awaited by commitPipelined; a failure there is the caller's (its reads failed first).
      last.promise.catch(() => {});
    }
    if (all.every((each) => batchable(this.connection, each))) {
      const types = (this as unknown as { _types: unknown })._types;
      (super.query as (submittable: unknown) => unknown)(new StatementBatch(all, types));
      return;
    }
    void this.oneAtATime(all);
  }

  /** A statement this connection has not prepared yet goes alone, and so does everything with it, in order. */
  private async oneAtATime(all: Waiting[]): Promise<void> {
    const query = super.query as (config: object, values?: unknown[]) => Promise<unknown>;
    for (const [index, each] of all.entries()) {
      try {
        each.settle(null, await query.call(this, { ...each.config, text: each.text, name: each.name }, each.values));
      } catch (error) {
        each.settle(error);
        for (const skipped of all.slice(index + 1)) skipped.settle(new SkippedStatementError(error));
        return;
      }
    }
  }
}
