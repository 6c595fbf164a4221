import { z } from 'zod';
import { SessionUser, type SessionInfo } from '../../../shared/api/sync';
import type { LocalDb } from '../db/open';
import { CoreError } from '../errors';
import type { SecretStore } from './secret-store';
import { readSyncState, updateSyncState } from './sync-state';
import { TransportError, type SyncTransport, type TransportMethod, type TransportReply } from './transport';

/**
 * The CRM session: who is signed in, where, and a valid access token on demand.
 *
 * The refresh token is the secret: it lives only in the host's SecretStore. The access
 * token lives only in memory (it is short-lived; after a restart the refresh token gets a
 * new one). Everything else about the session (server, company, user) is not secret and
 * sits in sync_state, so the UI can show who was signed in even when offline.
 */

export const StoredSession = z.object({
  serverUrl: z.string(),
  company: z.string(),
  user: SessionUser.extend({ companyId: z.string() }),
});
export type StoredSession = z.infer<typeof StoredSession>;

const ServerSession = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
  user: StoredSession.shape.user,
});
type ServerSession = z.infer<typeof ServerSession>;

const ErrorBody = z.object({ code: z.string(), message: z.string() });

/** What a failed reply says, as an error the agent can read. */
export function replyError(reply: TransportReply, fallback: string): CoreError {
  const parsed = ErrorBody.safeParse(reply.body);
  return parsed.success
    ? new CoreError(parsed.data.code, parsed.data.message)
    : new CoreError(`http_${reply.status}`, fallback);
}

/** The session ended on the server (refresh token expired, revoked or reused): sign in again. */
export class SessionExpiredError extends CoreError {
  constructor() {
    super('session_expired', 'Your session with the CRM server ended. Sign in again to keep syncing.');
  }
}

export interface SessionDeps {
  local: LocalDb;
  transport: SyncTransport;
  secrets: SecretStore;
  now: () => Date;
  /** The host's suggestion for the login form (browser mode's --server-url). */
  defaultServerUrl?: string | undefined;
  /** For downloads (recordings); the global fetch when absent. */
  fetch?: typeof fetch;
}

export interface SessionManager {
  stored(): StoredSession | null;
  info(): SessionInfo;
  /** Signs in; the caller (login.ts) decides what happens to local data. */
  authenticate(input: { serverUrl: string; company: string; email: string; password: string }): Promise<ServerSession>;
  /** Makes the server session this desktop's: keeps the secret, remembers the rest. */
  adopt(input: { serverUrl: string; company: string }, session: ServerSession): void;
  /** Best-effort sign-out on the server; always forgets the session here. */
  signOut(): Promise<void>;
  /** Sends an authorised request, refreshing the access token first or after a 401. */
  send(method: TransportMethod, path: string, body?: unknown): Promise<TransportReply>;
  /**
   * Where to send and the access token to send with it, for requests made in a worker
   * thread (the directory download): `renew` after the server answered 401 to it. The
   * refresh token never leaves this thread.
   */
  accessFor(renew: boolean): Promise<{ serverUrl: string; token: string }>;
  /** An authorised GET of something that is not JSON (a call recording), as bytes. */
  download(path: string): Promise<Download>;
}

export interface Download {
  status: number;
  contentType: string;
  body: Uint8Array;
}

export function createSessionManager(deps: SessionDeps): SessionManager {
  let access: { token: string; expiresAtMs: number } | null = null;
  // The renewal under way, with the generation it began in: a sign-in after it starts its own.
  let refreshing: { generation: number; promise: Promise<string> } | null = null;
  // Bumped when the session is forgotten or replaced: a renewal still in flight from
  // before (the line check's, the teammates refresh's) must not store its tokens over it.
  let generation = 0;

  const stored = (): StoredSession | null => {
    const parsed = StoredSession.safeParse(readSyncState(deps.local.db).session);
    return parsed.success && deps.secrets.read() ? parsed.data : null;
  };

  // The non-secret part stays: the login form offers the same server and company again.
  const forget = () => {
    generation += 1;
    access = null;
    deps.secrets.clear();
  };

  const post = async (serverUrl: string, path: string, body: unknown) =>
    deps.transport.request({ serverUrl, method: 'POST', path, body });

  /** One refresh at a time: the server rotates refresh tokens, a second use would revoke the family. */
  const refresh = (session: StoredSession): Promise<string> => {
    if (refreshing?.generation === generation) return refreshing.promise;
    const startedIn = generation;
    const renew = async (): Promise<string> => {
      const refreshToken = deps.secrets.read();
      if (!refreshToken) throw new SessionExpiredError();
      const reply = await post(session.serverUrl, '/auth/refresh', { refreshToken });
      if (reply.status === 401) {
        // Only this session's: a renewal begun before a sign-out and a sign-in again (its
        // token revoked by that sign-out) must not end the new session.
        if (generation === startedIn) forget();
        throw new SessionExpiredError();
      }
      if (reply.status !== 200) throw replyError(reply, 'The server could not renew the session.');
      const fresh = ServerSession.parse(reply.body);
      // Signed out or in again meanwhile: this reply's tokens belong to no stored session.
      if (generation !== startedIn) return fresh.accessToken;
      // Stored before use: the old refresh token is spent now. (A crash right here loses
      // the session, never the data: the agent signs in again.)
      deps.secrets.write(fresh.refreshToken);
      access = { token: fresh.accessToken, expiresAtMs: Date.parse(fresh.accessTokenExpiresAt) };
      return fresh.accessToken;
    };
    const promise = renew().finally(() => {
      if (refreshing?.promise === promise) refreshing = null;
    });
    refreshing = { generation: startedIn, promise };
    return promise;
  };

  const token = async (session: StoredSession): Promise<string> => {
    // 30 s of margin: a token that expires in flight earns a 401 and a second round trip.
    if (access && access.expiresAtMs - 30_000 > deps.now().getTime()) return access.token;
    return refresh(session);
  };

  return {
    stored,
    info() {
      const session = stored();
      const remembered = StoredSession.safeParse(readSyncState(deps.local.db).session);
      const last = remembered.success ? remembered.data : null;
      return {
        signedIn: session !== null,
        serverUrl: last?.serverUrl ?? deps.defaultServerUrl ?? null,
        company: last?.company ?? null,
        user: session ? SessionUser.parse(session.user) : null,
        role: session?.user.role ?? null,
      };
    },
    async authenticate(input) {
      let reply: TransportReply;
      try {
        reply = await post(input.serverUrl, '/auth/login', {
          company: input.company,
          email: input.email,
          password: input.password,
        });
      } catch (error) {
        if (error instanceof TransportError) throw new CoreError('offline', error.message);
        throw error;
      }
      if (reply.status !== 200) throw replyError(reply, 'The server refused to sign you in.');
      const parsed = ServerSession.safeParse(reply.body);
      if (!parsed.success) throw new CoreError('bad_server', 'That address does not answer like a Switchboard server.');
      return parsed.data;
    },
    adopt(input, session) {
      generation += 1;
      deps.secrets.write(session.refreshToken);
      access = { token: session.accessToken, expiresAtMs: Date.parse(session.accessTokenExpiresAt) };
      updateSyncState(deps.local.db, {
        session: { serverUrl: input.serverUrl, company: input.company, user: session.user } satisfies StoredSession,
      });
    },
    async signOut() {
      const session = stored();
      const refreshToken = deps.secrets.read();
      forget();
      if (!session || !refreshToken) return;
      try {
        await post(session.serverUrl, '/auth/logout', { refreshToken });
      } catch {
        // Offline: the refresh token is forgotten here and expires on the server by itself.
      }
    },
    async accessFor(renew) {
      const session = stored();
      if (!session) throw new CoreError('signed_out', 'Sign in to the CRM server first.');
      if (renew) access = null;
      return { serverUrl: session.serverUrl, token: renew ? await refresh(session) : await token(session) };
    },
    async send(method, path, body) {
      const session = stored();
      if (!session) throw new CoreError('signed_out', 'Sign in to the CRM server first.');
      const request = async (accessToken: string) =>
        deps.transport.request({ serverUrl: session.serverUrl, method, path, body, token: accessToken });
      const first = await request(await token(session));
      if (first.status !== 401) return first;
      access = null;
      return request(await refresh(session));
    },
    async download(path) {
      const session = stored();
      if (!session) throw new CoreError('signed_out', 'Sign in to the CRM server first.');
      const base = session.serverUrl.endsWith('/') ? session.serverUrl : `${session.serverUrl}/`;
      const get = async (accessToken: string): Promise<Download> => {
        try {
          const response = await (deps.fetch ?? fetch)(new URL(path.replace(/^\//, ''), base), {
            headers: { authorization: `Bearer ${accessToken}` },
            signal: AbortSignal.timeout(60_000),
          });
          const body = new Uint8Array(await response.arrayBuffer());
          return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
        } catch {
          throw new CoreError('offline', `The server at ${session.serverUrl} cannot be reached.`);
        }
      };
      const first = await get(await token(session));
      if (first.status !== 401) return first;
      access = null;
      return get(await refresh(session));
    },
  };
}
