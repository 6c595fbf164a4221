import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalDb } from '../../../../src/main/core/db/open';
import { createMemorySecretStore } from '../../../../src/main/core/sync/secret-store';
import { createSessionManager } from '../../../../src/main/core/sync/session';
import type { SyncTransport, TransportReply, TransportRequest } from '../../../../src/main/core/sync/transport';
import { migrationsDir, tempDir } from '../helpers';

/**
 * A renewal of the access token that began before a sign-out, answered 401 (the sign-out
 * revoked its refresh token) only after the agent signed in again, must not end the new
 * session. It did: the 401 cleared the new session's secrets, and every request after it
 * said "Your session with the CRM server ended" (company-settings-sync failed about half
 * its runs on this).
 */

const serverUrl = 'https://crm.example';
const user = { id: 'u1', displayName: 'Ada Agent', email: 'ada@example.com', role: 'agent', companyId: 'c1' } as const;

function serverSession(n: number) {
  return {
    accessToken: `access-${n}`,
    accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    refreshToken: `refresh-${n}`,
    user,
  };
}

/** A transport whose replies the test gives out one by one, in the order it chooses. */
function scriptedTransport() {
  const waiting: { request: TransportRequest; answer: (reply: TransportReply) => void }[] = [];
  const transport: SyncTransport = {
    request: (request) => new Promise((answer) => waiting.push({ request, answer })),
  };
  const take = async (path: string) => {
    await expect.poll(() => waiting.some((w) => w.request.path === path)).toBe(true);
    const index = waiting.findIndex((w) => w.request.path === path);
    return waiting.splice(index, 1)[0]!;
  };
  return { transport, take };
}

/**
 * A first session whose request meets a 401 and starts a renewal with refresh-1, left
 * unanswered while the agent signs out and in again (the second session holds refresh-2).
 */
async function renewalThenSignInAgain() {
  const local = openLocalDb({ file: join(tempDir(), 'switchboard.sqlite'), migrationsDir });
  const secrets = createMemorySecretStore();
  const wire = scriptedTransport();
  const session = createSessionManager({ local, transport: wire.transport, secrets, now: () => new Date() });
  session.adopt({ serverUrl, company: 'acme' }, serverSession(1));

  const stale = session.send('GET', '/users');
  (await wire.take('/users')).answer({ status: 401, body: { code: 'invalid_token', message: 'revoked' } });
  const staleRenewal = await wire.take('/auth/refresh');
  expect(staleRenewal.request.body).toEqual({ refreshToken: 'refresh-1' });

  const signOut = session.signOut();
  (await wire.take('/auth/logout')).answer({ status: 204, body: null });
  await signOut;
  session.adopt({ serverUrl, company: 'acme' }, serverSession(2));
  return { local, secrets, wire, session, stale, staleRenewal };
}

describe('the session across a sign-out and a sign-in again', () => {
  it('a renewal begun before the sign-out, refused after the new sign-in, leaves the new session signed in', async () => {
    const { local, secrets, wire, session, stale, staleRenewal } = await renewalThenSignInAgain();

    // The stale renewal is refused now (the sign-out revoked refresh-1).
    staleRenewal.answer({ status: 401, body: { code: 'invalid_refresh', message: 'revoked' } });
    await expect(stale).rejects.toThrow('Your session with the CRM server ended');

    // The new session is untouched: signed in, and its requests carry its own token.
    expect(session.info().signedIn).toBe(true);
    expect(secrets.read()).toBe('refresh-2');
    const fresh = session.send('GET', '/company/settings');
    const request = await wire.take('/company/settings');
    expect(request.request.token).toBe('access-2');
    request.answer({ status: 200, body: {} });
    expect((await fresh).status).toBe(200);
    local.sqlite.close();
  });

  it('a request of the new session that needs a renewal does not join one begun before the sign-out', async () => {
    const { local, secrets, wire, session, stale, staleRenewal } = await renewalThenSignInAgain();

    // The new session's request is refused once (say its token was cut short) and renews
    // with its own refresh token, not by waiting on the stale renewal.
    const fresh = session.send('GET', '/sla-rules');
    (await wire.take('/sla-rules')).answer({ status: 401, body: { code: 'token_expired', message: 'expired' } });
    const renewal = await wire.take('/auth/refresh');
    expect(renewal.request.body).toEqual({ refreshToken: 'refresh-2' });
    renewal.answer({ status: 200, body: serverSession(3) });
    const retried = await wire.take('/sla-rules');
    expect(retried.request.token).toBe('access-3');
    retried.answer({ status: 200, body: [] });
    expect((await fresh).status).toBe(200);

    staleRenewal.answer({ status: 401, body: { code: 'invalid_refresh', message: 'revoked' } });
    await expect(stale).rejects.toThrow('Your session with the CRM server ended');
    expect(secrets.read()).toBe('refresh-3');
    expect(session.info().signedIn).toBe(true);
    local.sqlite.close();
  });
});
