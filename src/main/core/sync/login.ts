import type { z } from 'zod';
import type { LoginInput, SessionInfo } from '../../../shared/api/sync';
import type { LocalDb } from '../db/open';
import { CoreError } from '../errors';
import type { SessionManager } from './session';
import { randomSyncId, readSyncState, updateSyncState } from './sync-state';

/**
 * Signing in and out, and what it means for the data on this desktop.
 *
 * Ownership. Before the first sign-in the agent is a local user id (settings.localUserId)
 * and owns everything made here. At sign-in that id becomes the server's user id: calls,
 * their participants and history, tasks and notes owned by the local id are re-owned, and
 * so are the waiting outbox rows (their arguments name the id as a participant). The
 * rewrite is one transaction with the new session, so the desktop never has two
 * identities at once. (The id is a UUID, so a text replace in the outbox JSON cannot hit
 * anything else.)
 *
 * Clients. Every sign-in is a new sync client (a client belongs to one user). Its
 * mutation 1 is the oldest change still waiting: `clientBase` maps outbox ids onto it.
 * Changes already confirmed to the old client are dropped first (the server has them).
 * The pull cursor is kept when the same user signs in to the same server again (no
 * second download of the directory); anything else starts from scratch.
 *
 * Waiting changes of another user are refused (they may only be sent as that user),
 * unless the agent chose to drop them.
 */

export interface LoginDeps {
  local: LocalDb;
  session: SessionManager;
  /** The id this desktop uses now for its agent, and the setter for the new one. */
  userId: () => string;
  setUserId: (id: string) => void;
}

export async function login(deps: LoginDeps, input: z.output<typeof LoginInput>): Promise<SessionInfo> {
  const serverUrl = input.serverUrl.replace(/\/+$/, '');
  const company = input.company.trim().toLowerCase();
  const session = await deps.session.authenticate({ ...input, serverUrl, company });
  const { local } = deps;
  const state = readSyncState(local.db);
  const waiting = (local.sqlite.prepare(`select count(*) as n from outbox`).get() as { n: number }).n;
  const otherUser = state.outboxUserId !== null && state.outboxUserId !== session.user.id;
  if (otherUser && waiting > 0 && !input.discardPending) {
    await signOutQuietly(deps.session, { serverUrl, company }, session);
    throw new CoreError(
      'other_user_pending',
      `${waiting} change(s) made by another user have not reached the server yet. Sign in as that user to send them, or sign in again and choose to drop them.`,
    );
  }
  const previous = state.session as { serverUrl?: string; user?: { id?: string } } | null;
  const sameAccount = previous?.serverUrl === serverUrl && previous.user?.id === session.user.id;
  const oldId = deps.userId();
  const newId = session.user.id;

  local.sqlite.transaction(() => {
    if (otherUser) local.sqlite.prepare(`delete from outbox`).run();
    if (oldId !== newId) reown(local, oldId, newId);
    local.sqlite.prepare(`delete from outbox where mutation_id <= ?`).run(state.lastMutationIdConfirmed);
    const oldest = local.sqlite.prepare(`select min(mutation_id) as id from outbox`).get() as { id: number | null };
    const lastIssued = local.sqlite.prepare(`select seq from sqlite_sequence where name = 'outbox'`).get() as
      { seq: number } | undefined;
    const clientBase = oldest.id !== null ? oldest.id - 1 : (lastIssued?.seq ?? 0);
    updateSyncState(local.db, {
      clientId: randomSyncId(),
      clientBase,
      lastMutationIdConfirmed: clientBase,
      outboxUserId: newId,
      lastError: null,
      ...(sameAccount ? {} : { cursor: null, directoryPhase: 'idle', directoryDownloaded: 0 }),
    });
    deps.session.adopt({ serverUrl, company }, session);
  })();
  deps.setUserId(newId);
  return deps.session.info();
}

async function signOutQuietly(
  manager: SessionManager,
  where: { serverUrl: string; company: string },
  session: Awaited<ReturnType<SessionManager['authenticate']>>,
): Promise<void> {
  manager.adopt(where, session);
  await manager.signOut();
}

/** Everything the local id owned becomes the server user's (see above). */
function reown(local: LocalDb, oldId: string, newId: string): void {
  const run = (sql: string) => local.sqlite.prepare(sql).run(newId, oldId);
  run(`update calls set owner_id = ? where owner_id = ?`);
  run(`update call_participants set participant_id = ? where kind = 'user' and participant_id = ?`);
  run(`update call_status_history set by = ? where by = ?`);
  run(`update tasks set owner_id = ? where owner_id = ?`);
  run(`update notes set author_id = ? where author_id = ?`);
  run(`update reminders set recipient_id = ? where recipient_id = ?`);
  local.sqlite.prepare(`update outbox set args = replace(args, ?, ?)`).run(oldId, newId);
  local.sqlite
    .prepare(
      `insert into settings (key, value) values ('localUserId', ?) on conflict(key) do update set value = excluded.value`,
    )
    .run(JSON.stringify(newId));
}

export async function logout(deps: { session: SessionManager }): Promise<SessionInfo> {
  await deps.session.signOut();
  return deps.session.info();
}
