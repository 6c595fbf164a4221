import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { MutationEnvelope, MutationOutcome, PushResponse, PushStop, Rejection } from '../../shared/sync/protocol';
import type { Principal } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Tx } from '../db/database';
import { syncClients, syncRejections } from '../db/schema';
import { registerClient } from './clients';
import { mutators } from './mutators';
import { createTxScope, type TxScope } from './mutators/scope';
import type { Mutator, MutatorResult } from './mutators/types';
import { createVersionStamp, parseMutation, referencedIds, type ParsedMutation, type VersionStamp } from './push-batch';

type Step =
  | { kind: 'applied' }
  | { kind: 'rejected'; error: Rejection }
  | { kind: 'duplicate' }
  | { kind: 'gap'; expected: number };

/**
 * Processes a push batch in order, each mutation in its own transaction:
 *
 *   BEGIN
 *     lock the client row, re-read lastMutationId         (serialises concurrent pushes
 *                                                           of one client, on any instance)
 *     id ≤ last  → duplicate, write nothing
 *     id > last+1 → gap, stop the batch
 *     run the mutator: its writes, or a rejection           (rejections write nothing)
 *     record the rejection, if any
 *     lastMutationId := id
 *   COMMIT
 *
 * Because the mutation's effects and the new lastMutationId commit together, a crash at
 * any point leaves them agreeing: either both happened or neither did, and the client's
 * retry is applied once or recognised as a duplicate. A thrown error rolls back both;
 * then the error decides: a permanent database error (bad data, constraint) becomes a
 * rejection recorded in a fresh transaction, anything else is transient and stops the
 * batch without advancing, so the client retries later.
 */
export async function processPush(
  ctx: ServerContext,
  principal: Principal,
  clientId: string,
  mutations: readonly MutationEnvelope[],
  log: FastifyBaseLogger,
): Promise<{ response: PushResponse; transient: boolean }> {
  let lastMutationId = await registerClient(ctx.db, principal, clientId, {
    perUser: ctx.syncClientsPerUser,
    now: ctx.now,
  });
  if (mutations.some((mutation) => mutation.id > lastMutationId)) {
    const batched = await tryOneTransaction(ctx, principal, clientId, mutations);
    if (batched) {
      await attachEarlierRejections(ctx, clientId, batched.outcomes);
      return { response: batched, transient: false };
    }
  }
  const outcomes: MutationOutcome[] = [];
  let stopped: PushStop | undefined;

  for (const mutation of mutations) {
    // Fast path without a transaction: the stored id only grows, so an id at or below a
    // value we read is a duplicate for certain.
    if (mutation.id <= lastMutationId) {
      outcomes.push({ id: mutation.id, status: 'duplicate' });
      continue;
    }
    let step: Step;
    try {
      step = await ctx.db.transaction((tx) => applyOne(ctx, tx, principal, clientId, mutation));
    } catch (error) {
      if (!isPermanentDatabaseError(error)) {
        log.warn({ err: error, clientId, mutationId: mutation.id }, 'push stopped by a transient failure');
        stopped = {
          code: 'transient',
          message: 'The server could not save this change right now. It will be sent again.',
          mutationId: mutation.id,
          retryable: true,
        };
        break;
      }
      log.error({ err: error, clientId, mutationId: mutation.id }, 'mutation failed permanently; rejecting it');
      const error_: Rejection = {
        code: 'invalid_data',
        message: 'The server could not store this change; it was dropped.',
      };
      step = await ctx.db.transaction((tx) => recordRejection(ctx, tx, principal, clientId, mutation, error_));
    }
    if (step.kind === 'gap') {
      stopped = gapStop(step.expected, mutation.id);
      lastMutationId = step.expected - 1;
      break;
    }
    if (step.kind !== 'duplicate') lastMutationId = mutation.id;
    outcomes.push(outcomeOf(mutation, step));
  }

  await attachEarlierRejections(ctx, clientId, outcomes);
  const response: PushResponse = { lastMutationId, outcomes, ...(stopped ? { stopped } : {}) };
  return { response, transient: stopped?.code === 'transient' };
}

/**
 * The fast path: the whole batch in ONE transaction (one commit, one client-row lock, one
 * change version for every row it writes) instead of one per mutation, which is what
 * makes a 500-mutation push cost one disk flush instead of 500. Exactly-once is the same
 * argument as below: the effects and the new lastMutationId commit together.
 *
 * Within it, the mutators share one TxScope (mutators/scope.ts): the arguments of every
 * mutation still to apply are parsed up front, the calls and note ids they name are read
 * in two queries, and notes are queued and written as multi-row inserts. The queue is
 * flushed before any other kind of mutation runs, before a fault hook, and before the
 * client row is updated, so the writes still happen in mutation order, inside this
 * transaction. (A batch of note.add on one call costs about eight round trips in all.)
 *
 * Rejections returned by mutators write nothing, so they fit in the batch. Anything
 * THROWN (a permanent database error, a transient one, a fault, a flush that meets a
 * note id another push just took) rolls the whole batch back, and the caller then runs
 * the batch one transaction per mutation as before, which tells permanent from transient
 * failures precisely: nothing of the fast attempt stays.
 */
async function tryOneTransaction(
  ctx: ServerContext,
  principal: Principal,
  clientId: string,
  mutations: readonly MutationEnvelope[],
): Promise<PushResponse | null> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const run = await openSequence(ctx, tx, principal, clientId);
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
      await closeSequence(run);
      return { lastMutationId: run.last, outcomes, ...(stopped ? { stopped } : {}) };
    });
  } catch {
    return null;
  }
}

/**
 * One client's sequence inside one transaction: the locked client row's lastMutationId,
 * the shared TxScope and the transaction's change version. The fast path runs a whole
 * batch through one; the fallback, one mutation.
 */
interface SequenceRun {
  ctx: ServerContext;
  tx: Tx;
  principal: Principal;
  clientId: string;
  last: number;
  scope: TxScope;
  stamp: VersionStamp;
}

async function openSequence(ctx: ServerContext, tx: Tx, principal: Principal, clientId: string): Promise<SequenceRun> {
  const last = await lockClient(tx, clientId);
  return {
    ctx,
    tx,
    principal,
    clientId,
    last,
    scope: createTxScope(tx, principal),
    stamp: createVersionStamp(tx, principal.companyId),
  };
}

/**
 * The one sequencing rule, for the fast path and the per-mutation fallback alike:
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
  const result = await runMutator(run.tx, run.principal, mutation, args, run.scope, run.stamp);
  if (!result.ok) {
    await run.tx.insert(syncRejections).values(rejectionRow(run.principal, run.clientId, mutation, result.error));
  }
  await runFaultHook(run.ctx, run.tx, run.scope, run.clientId, mutation);
  run.last = mutation.id;
  return result.ok ? { kind: 'applied' } : { kind: 'rejected', error: result.error };
}

/** Before commit: queued notes, the company's clock stamp, and the client's new lastMutationId. */
async function closeSequence(run: SequenceRun): Promise<void> {
  await run.scope.flush();
  await run.stamp.finish();
  await run.tx
    .update(syncClients)
    .set({ lastMutationId: run.last, updatedAt: new Date() })
    .where(eq(syncClients.id, run.clientId));
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

async function lockClient(tx: Tx, clientId: string): Promise<number> {
  const [client] = await tx
    .select({ lastMutationId: syncClients.lastMutationId })
    .from(syncClients)
    .where(eq(syncClients.id, clientId))
    .for('update');
  if (!client) throw new Error(`sync client ${clientId} vanished`);
  return client.lastMutationId;
}

function order(last: number, id: number): Step | null {
  if (id <= last) return { kind: 'duplicate' };
  if (id > last + 1) return { kind: 'gap', expected: last + 1 };
  return null;
}

async function applyOne(
  ctx: ServerContext,
  tx: Tx,
  principal: Principal,
  clientId: string,
  mutation: MutationEnvelope,
): Promise<Step> {
  const run = await openSequence(ctx, tx, principal, clientId);
  const step = await sequence(run, mutation, null);
  if (step.kind === 'applied' || step.kind === 'rejected') await closeSequence(run);
  return step;
}

async function runMutator(
  tx: Tx,
  principal: Principal,
  mutation: MutationEnvelope,
  parsed: ParsedMutation,
  scope: TxScope,
  stamp: VersionStamp,
): Promise<MutatorResult> {
  if (!parsed.ok) return parsed;
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
  // Only a mutation that wrote raises the company's newest accepted clock stamp.
  if (result.ok && wrote) stamp.fold(mutation.hlc);
  return result;
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

/** After a permanent failure rolled the mutation back: record it as rejected and advance, once. */
async function recordRejection(
  ctx: ServerContext,
  tx: Tx,
  principal: Principal,
  clientId: string,
  mutation: MutationEnvelope,
  error: Rejection,
): Promise<Step> {
  const run = await openSequence(ctx, tx, principal, clientId);
  const early = order(run.last, mutation.id);
  if (early) return early;
  await tx.insert(syncRejections).values(rejectionRow(principal, clientId, mutation, error));
  run.last = mutation.id;
  await closeSequence(run);
  return { kind: 'rejected', error };
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
