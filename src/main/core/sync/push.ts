import { PushResponse, type MutationOutcome } from '../../../shared/sync/protocol';
import type { LocalDb } from '../db/open';
import { SyncFailure } from './failure';
import type { SessionManager } from './session';
import { randomSyncId, readSyncState, updateSyncState } from './sync-state';

/**
 * Push: the outbox rows the server has not confirmed, oldest first, in batches.
 *
 * The server applies each mutation at most once, in a transaction with the client's
 * lastMutationId, so every failure mode is a retry of the same rows: a lost response, a
 * crash before the confirmation is saved here, a duplicate delivery. The server answers
 * `duplicate` for what it already has, and the same lastMutationId.
 *
 * A confirmed row is not deleted yet: it stays until a pull has brought the state that
 * includes its effect (rebase.ts), so the agent never sees a change vanish and come back.
 * It no longer counts as waiting, and it is never sent again.
 */

interface OutboxRow {
  mutationId: number;
  name: string;
  args: string;
  hlc: string;
}

export interface PushOptions {
  local: LocalDb;
  session: SessionManager;
  now: () => Date;
  batchSize: number;
  /** After each batch the server answered. */
  onBatch: () => void;
}

export async function pushAll(options: PushOptions): Promise<void> {
  const { local } = options;
  const select = local.sqlite.prepare(
    `select mutation_id as mutationId, name, args, hlc from outbox where mutation_id > ? order by mutation_id limit ?`,
  );
  for (;;) {
    const state = readSyncState(local.db);
    const rows = select.all(state.lastMutationIdConfirmed, options.batchSize) as OutboxRow[];
    if (rows.length === 0) return;
    const mutations = rows.map((row) => ({
      id: row.mutationId - state.clientBase,
      name: row.name,
      args: JSON.parse(row.args) as unknown,
      hlc: row.hlc,
    }));
    const reply = await options.session.send('POST', '/sync/push', { clientId: state.clientId, mutations });
    // 503 still carries the outcomes of what was done before the server had to stop.
    const parsed = reply.status === 200 || reply.status === 503 ? PushResponse.safeParse(reply.body) : null;
    if (!parsed?.success) throw SyncFailure.fromReply(reply, 'The server could not take the waiting changes.');
    const response = parsed.data;
    const before = state.lastMutationIdConfirmed;
    local.sqlite.transaction(() => {
      recordRejections(local, rows, state.clientBase, response.outcomes, options.now());
      confirm(local, state, response, rows);
      updateSyncState(local.db, { lastPushAt: options.now().toISOString() });
    })();
    options.onBatch();
    if (response.stopped?.code === 'transient') {
      throw new SyncFailure('server_busy', response.stopped.message, 'transient');
    }
    const after = readSyncState(local.db);
    if (after.lastMutationIdConfirmed === before && after.clientId === state.clientId && !response.stopped) {
      // The server took nothing and did not say why: stop rather than loop.
      throw new SyncFailure('push_stalled', 'The server did not confirm the waiting changes.', 'transient');
    }
  }
}

/** Refusals are kept with the change itself, so the agent can see what did not reach the CRM. */
function recordRejections(
  local: LocalDb,
  rows: OutboxRow[],
  clientBase: number,
  outcomes: MutationOutcome[],
  now: Date,
): void {
  const insert = local.sqlite.prepare(
    `insert into sync_rejections (mutation_id, name, args, code, message, rejected_at) values (?, ?, ?, ?, ?, ?)
     on conflict(mutation_id) do nothing`,
  );
  const byId = new Map(rows.map((row) => [row.mutationId - clientBase, row]));
  for (const outcome of outcomes) {
    if (outcome.status === 'applied' || !outcome.error) continue;
    const row = byId.get(outcome.id);
    if (!row) continue;
    insert.run(row.mutationId, row.name, row.args, outcome.error.code, outcome.error.message, now.toISOString());
  }
}

function confirm(
  local: LocalDb,
  state: ReturnType<typeof readSyncState>,
  response: PushResponse,
  rows: OutboxRow[],
): void {
  const confirmed = state.clientBase + response.lastMutationId;
  if (response.stopped?.code !== 'mutation_gap') {
    updateSyncState(local.db, { lastMutationIdConfirmed: Math.max(state.lastMutationIdConfirmed, confirmed) });
    return;
  }
  // The server's count and ours disagree (a database restored from a backup, on either
  // side). Resend from what the server has, if this desktop still holds those rows…
  const next = confirmed + 1;
  const held = local.sqlite.prepare(`select 1 from outbox where mutation_id = ?`).get(next);
  if (held) {
    updateSyncState(local.db, { lastMutationIdConfirmed: confirmed });
    return;
  }
  // …else those changes are gone from both sides: continue as a new client, numbering
  // the waiting rows from 1 again. Nothing waiting is lost. The first waiting row is the
  // first one after what the server took, not the batch's first: when the gap is in the
  // middle of a batch, restarting from the batch's start would resend what was applied
  // and meet the same gap again, for ever.
  const firstWaiting = local.sqlite
    .prepare(`select min(mutation_id) as id from outbox where mutation_id > ?`)
    .get(confirmed) as { id: number | null };
  const first = firstWaiting.id ?? rows[0]!.mutationId;
  updateSyncState(local.db, { clientId: randomSyncId(), clientBase: first - 1, lastMutationIdConfirmed: first - 1 });
}
