import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { MutationEnvelope, MutationOutcome, PushResponse, PushStop, Rejection } from '../../shared/sync/protocol';
import { isSessionRevoked, sessionEnded } from '../auth/sessions';
import type { Principal } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Tx } from '../db/database';
import { pipelinedTransaction, writeLater } from '../db/pipelined';
import { syncRejections } from '../db/schema';
import { HttpError } from '../http/errors';
import { ownedClientLastMutationId, ownersLastMutationId, registerNewClient } from './clients';
import { mutators } from './mutators';
import { createTxScope, type TxScope, type TxScopeOptions } from './mutators/scope';
import type { Mutator, MutatorResult } from './mutators/types';
import { closeClientRow, lockClientRow } from './push-statements';
import { versionOf } from './versions';
import { createVersionStamp, parseMutation, referencedIds, type ParsedMutation, type VersionStamp } from './push-batch';

type Step =
  | { kind: 'applied' }
  | { kind: 'rejected'; error: Rejection }
  | { kind: 'duplicate' }
  | { kind: 'gap'; expected: number };

/**
 * Processes a push batch in order, in ONE transaction:
 *
 *   BEGIN
 *     lock the client row, re-read lastMutationId         (serialises concurrent pushes
 *       (registering a client never seen first)             of one client, on any instance)
 *     for each mutation:
 *       id ≤ last  → duplicate, write nothing
 *       id > last+1 → gap, stop the batch
 *       run the mutator: its writes, or a rejection          (rejections write nothing)
 *       record the rejection, if any; last := id
 *     client row: lastMutationId := last, newest clock stamp
 *   COMMIT
 *
 * Because the mutations' effects and the new lastMutationId commit together, a crash at
 * any point leaves them agreeing: either both happened or neither did, and the client's
 * retry is applied once or recognised as a duplicate.
 *
 * The first attempt runs the batch straight through (tryOneTransaction). If anything in
 * it THROWS, it rolls back whole and the batch runs again, still in one transaction, but
 * each mutation inside a savepoint (withSavepoints): a permanent database error (bad
 * data, constraint) rolls back only that mutation, which is recorded as rejected while
 * the rest apply; a transient one stops the batch there, keeping what came before, so
 * the client retries the rest later. Nothing falls back to a transaction per mutation.
 */
export async function processPush(
  ctx: ServerContext,
  principal: Principal,
  clientId: string,
  mutations: readonly MutationEnvelope[],
  log: FastifyBaseLogger,
): Promise<{ response: PushResponse; transient: boolean }> {
  const response =
    (await tryOneTransaction(ctx, principal, clientId, mutations)) ??
    (await withSavepoints(ctx, principal, clientId, mutations, log).catch(async (error: unknown) => {
      if (error instanceof HttpError) throw error;
      // The transaction itself failed (connection lost, commit refused): nothing of it stayed.
      log.warn({ err: error, clientId }, 'push stopped by a transient failure');
      return nothingApplied(await ownedClientLastMutationId(ctx.db, principal, clientId), mutations);
    }));
  await attachEarlierRejections(ctx, clientId, response.outcomes);
  return { response, transient: response.stopped?.code === 'transient' };
}

/**
 * The fast path: the whole batch in one transaction (one commit, one client-row lock, one
 * change version for every row it writes), which is what makes a 500-mutation push cost
 * one disk flush instead of 500.
 *
 * Within it, the mutators share one TxScope (mutators/scope.ts): the arguments of every
 * mutation still to apply are parsed up front, the calls they name (unless created
 * earlier in the batch) are read in one query, note ids are taken as new (a taken one
 * fails the insert: scope.ts, assumeNewNoteIds), and notes are queued and written as
 * multi-row inserts. The queue is flushed before any other kind of mutation runs, before
 * a fault hook, and before the client row is updated, so the writes still happen in
 * mutation order, inside this transaction. A call and a note on it cost three round
 * trips on Postgres (pipelined.ts): the BEGIN with the client-row lock, the call's
 * insert, then the notes' insert, the client row's update and the COMMIT together.
 *
 * Rejections returned by mutators write nothing, so they fit in the batch. Anything
 * THROWN (a permanent database error, a transient one, a fault, a flush that meets a
 * note id already taken) rolls the whole attempt back: null, and the caller
 * runs the batch again with a savepoint per mutation, which tells permanent from
 * transient failures precisely.
 */
async function tryOneTransaction(
  ctx: ServerContext,
  principal: Principal,
  clientId: string,
  mutations: readonly MutationEnvelope[],
): Promise<PushResponse | null> {
  try {
    return await pipelinedTransaction(ctx.db, async (tx) => {
      const run = await openSequence(ctx, tx, principal, clientId, { assumeNewNoteIds: true });
      if (!mutations.some((mutation) => mutation.id > run.last)) {
        // Only duplicates (a retry whose answer was lost): the lock was all it took.
        return { lastMutationId: run.last, outcomes: mutations.map((m) => ({ id: m.id, status: 'duplicate' })) };
      }
      const outcomes: MutationOutcome[] = [];
      let stopped: PushStop | undefined;
      // Parsed by position, not id: a batch may (wrongly) repeat an id with other arguments.
      const parsed = mutations.map((mutation) => (mutation.id > run.last ? parseMutation(mutation, ctx.clock) : null));
      await run.scope.prefetch(referencedIds(parsed));
      for (const [index, mutation] of mutations.entries()) {
        const step = await sequence(run, mutation, parsed[index] ?? null);
        if (step.kind === 'gap') {
          stopped = gapStop(step.expected, mutation.id);
          break;
        }
        outcomes.push(outcomeOf(mutation, step));
      }
      // The queued notes and the client row's update go with the COMMIT (pipelined.ts): an
      // error in them fails the commit, which rolls back and lands in the catch below.
      await writeLater(tx, () => closeSequence(run));
      return { lastMutationId: run.last, outcomes, ...(stopped ? { stopped } : {}) };
    });
  } catch (error) {
    // A refusal in words (someone else's client, too many clients) is the answer, not a fault.
    if (error instanceof HttpError) throw error;
    return null;
  }
}

/**
 * The batch again, in one transaction, each mutation inside a savepoint with its notes
 * written before the savepoint is released, so an error belongs to the mutation that
 * caused it. A permanent error rolls back that mutation alone (and the scope's memory,
 * which may remember its writes) and records it as rejected; a transient one stops the
 * batch, and the mutations before it still commit with the client's lastMutationId.
 */
async function withSavepoints(
  ctx: ServerContext,
  principal: Principal,
  clientId: string,
  mutations: readonly MutationEnvelope[],
  log: FastifyBaseLogger,
): Promise<PushResponse> {
  return ctx.db.transaction(async (tx) => {
    const run = await openSequence(ctx, tx, principal, clientId);
    run.flushEach = true;
    const outcomes: MutationOutcome[] = [];
    let stopped: PushStop | undefined;
    for (const mutation of mutations) {
      let step: Step;
      try {
        step = await tx.transaction(() => sequence(run, mutation, null));
      } catch (error) {
        run.scope = createTxScope(tx, principal);
        if (!isPermanentDatabaseError(error)) {
          log.warn({ err: error, clientId, mutationId: mutation.id }, 'push stopped by a transient failure');
          stopped = transientStop(mutation.id);
          break;
        }
        log.error({ err: error, clientId, mutationId: mutation.id }, 'mutation failed permanently; rejecting it');
        const error_: Rejection = {
          code: 'invalid_data',
          message: 'The server could not store this change; it was dropped.',
        };
        await tx.insert(syncRejections).values(rejectionRow(principal, clientId, mutation, error_));
        run.last = mutation.id;
        step = { kind: 'rejected', error: error_ };
      }
      if (step.kind === 'gap') {
        stopped = gapStop(step.expected, mutation.id);
        break;
      }
      outcomes.push(outcomeOf(mutation, step));
    }
    await closeSequence(run);
    return { lastMutationId: run.last, outcomes, ...(stopped ? { stopped } : {}) };
  });
}

/** The answer when the transaction failed as a whole: duplicates as such, then a stop at the first new mutation. */
function nothingApplied(lastMutationId: number, mutations: readonly MutationEnvelope[]): PushResponse {
  const outcomes: MutationOutcome[] = [];
  for (const mutation of mutations) {
    if (mutation.id > lastMutationId) {
      return { lastMutationId, outcomes, stopped: transientStop(mutation.id) };
    }
    outcomes.push({ id: mutation.id, status: 'duplicate' });
  }
  return { lastMutationId, outcomes };
}

function transientStop(mutationId: number): PushStop {
  return {
    code: 'transient',
    message: 'The server could not save this change right now. It will be sent again.',
    mutationId,
    retryable: true,
  };
}

/**
 * One client's sequence inside one transaction: the locked client row's lastMutationId,
 * the shared TxScope and the transaction's change version. `flushEach`: queued notes are
 * written at the end of their own mutation (the savepoint run), not batched.
 */
interface SequenceRun {
  ctx: ServerContext;
  tx: Tx;
  principal: Principal;
  clientId: string;
  last: number;
  scope: TxScope;
  stamp: VersionStamp;
  flushEach: boolean;
}

async function openSequence(
  ctx: ServerContext,
  tx: Tx,
  principal: Principal,
  clientId: string,
  scopeOptions: TxScopeOptions = {},
): Promise<SequenceRun> {
  const { last, version } = await lockOrRegisterClient(ctx, tx, principal, clientId);
  return {
    ctx,
    tx,
    principal,
    clientId,
    last,
    scope: createTxScope(tx, principal, scopeOptions),
    stamp: createVersionStamp(version),
    flushEach: false,
  };
}

/**
 * The one sequencing rule, for the fast path and the savepoint run alike:
 *
 *     id ≤ last   → duplicate, write nothing
 *     id > last+1 → gap, stop
 *     otherwise   → run the mutator (its writes, or a rejection recorded), last := id
 */
async function sequence(run: SequenceRun, mutation: MutationEnvelope, parsed: ParsedMutation | null): Promise<Step> {
  const early = order(run.last, mutation.id);
  if (early) return early;
  const args = parsed ?? parseMutation(mutation, run.ctx.clock);
  // Queued notes are written before any other kind of mutation runs, so writes stay in order.
  if (!args.ok || args.value.name !== 'note.add') await run.scope.flush();
  const { result, wrote } = await runMutator(run.tx, run.principal, mutation, args, run.scope, run.stamp);
  if (!result.ok) {
    await run.tx.insert(syncRejections).values(rejectionRow(run.principal, run.clientId, mutation, result.error));
  }
  await runFaultHook(run.ctx, run.tx, run.scope, run.clientId, mutation);
  if (run.flushEach) await run.scope.flush();
  // Only a mutation that wrote, and threw nothing, raises the client's newest clock stamp.
  if (result.ok && wrote) run.stamp.fold(mutation.hlc);
  run.last = mutation.id;
  return result.ok ? { kind: 'applied' } : { kind: 'rejected', error: result.error };
}

/**
 * Before commit: queued notes, then the client's new lastMutationId and the newest clock
 * stamp of its applied mutations (this client's part of the company clock, kept on the
 * row the push has locked since it began, so it costs no lock of its own).
 */
async function closeSequence(run: SequenceRun): Promise<void> {
  await run.scope.flush();
  await closeClientRow(run.tx, {
    clientId: run.clientId,
    last: run.last,
    updatedAt: new Date(),
    hlc: run.stamp.maxHlc || undefined,
  });
}

function gapStop(expected: number, mutationId: number): PushStop {
  return {
    code: 'mutation_gap',
    message: `Expected change ${expected} next but got ${mutationId}. Send again from ${expected}.`,
    mutationId,
    retryable: false,
  };
}

function outcomeOf(mutation: MutationEnvelope, step: Exclude<Step, { kind: 'gap' }>): MutationOutcome {
  return step.kind === 'rejected'
    ? { id: mutation.id, status: 'rejected', error: step.error }
    : { id: mutation.id, status: step.kind };
}

/** The test seam sees the mutation's writes done, so queued notes are written first. */
async function runFaultHook(
  ctx: ServerContext,
  tx: Tx,
  scope: TxScope,
  clientId: string,
  mutation: MutationEnvelope,
): Promise<void> {
  const hook = ctx.faults.afterMutationWrites;
  if (!hook) return;
  await scope.flush();
  await hook(tx, { clientId, id: mutation.id, name: mutation.name });
}

/**
 * Locks the client's row (serialising its pushes on any instance) and reads its
 * lastMutationId and this transaction's id in the same statement: the lock gives the
 * transaction its id anyway, and every row the push writes is stamped with it. A client
 * never seen is registered first, in this transaction; the lock then checks its owner.
 */
async function lockOrRegisterClient(
  ctx: ServerContext,
  tx: Tx,
  principal: Principal,
  clientId: string,
): Promise<{ last: number; version: number }> {
  const lock = () => lockClientRow(tx, clientId, principal.sessionId);
  let [client] = await lock();
  if (!client) {
    // A client never seen: the session is checked before it may register one.
    if (principal.sessionId && (await isSessionRevoked(tx, principal.sessionId))) throw sessionEnded();
    await registerNewClient(tx, principal, clientId, { perUser: ctx.syncClientsPerUser, now: ctx.now });
    [client] = await lock();
  }
  if (!client) throw new Error(`sync client ${clientId} vanished`);
  // The push route leaves the session check to this statement (context.ts, authenticate).
  if (client.revoked) throw sessionEnded();
  return { last: ownersLastMutationId(client, principal), version: versionOf(client.version) };
}

function order(last: number, id: number): Step | null {
  if (id <= last) return { kind: 'duplicate' };
  if (id > last + 1) return { kind: 'gap', expected: last + 1 };
  return null;
}

async function runMutator(
  tx: Tx,
  principal: Principal,
  mutation: MutationEnvelope,
  parsed: ParsedMutation,
  scope: TxScope,
  stamp: VersionStamp,
): Promise<{ result: MutatorResult; wrote: boolean }> {
  if (!parsed.ok) return { result: parsed, wrote: false };
  let wrote = false;
  const mutator = mutators[parsed.value.name] as Mutator<unknown>;
  const result = await mutator(
    {
      tx,
      principal,
      hlc: mutation.hlc,
      scope,
      version: () => {
        wrote = true;
        return stamp.take();
      },
    },
    parsed.value.args,
  );
  return { result, wrote };
}

function rejectionRow(principal: Principal, clientId: string, mutation: MutationEnvelope, error: Rejection) {
  return {
    clientId,
    mutationId: mutation.id,
    companyId: principal.companyId,
    name: mutation.name.slice(0, 64),
    code: error.code,
    message: error.message,
  };
}

/** A client that lost a push response learns, on the retry, why a mutation was rejected. */
async function attachEarlierRejections(
  ctx: ServerContext,
  clientId: string,
  outcomes: MutationOutcome[],
): Promise<void> {
  const duplicates = outcomes.filter((outcome) => outcome.status === 'duplicate');
  if (duplicates.length === 0) return;
  const rows = await ctx.db
    .select()
    .from(syncRejections)
    .where(
      and(
        eq(syncRejections.clientId, clientId),
        inArray(
          syncRejections.mutationId,
          duplicates.map((outcome) => outcome.id),
        ),
      ),
    );
  const byId = new Map(rows.map((row) => [row.mutationId, { code: row.code, message: row.message }]));
  for (const outcome of duplicates) {
    const error = byId.get(outcome.id);
    if (error && outcome.status === 'duplicate') outcome.error = error;
  }
}

/**
 * SQLSTATE classes that retrying cannot fix: data exceptions (22), integrity constraint
 * violations (23), syntax or access rule violations (42). Everything else (connection
 * loss, serialization failure, deadlock, shutdown, an unknown throw) is treated as
 * transient: stopping and retrying is safe, rejecting would lose the agent's change.
 */
export function isPermanentDatabaseError(error: unknown): boolean {
  const code = findSqlState(error);
  return code !== undefined && /^(22|23|42)/.test(code);
}

function findSqlState(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
