import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { createUser } from '../../src/server/auth/accounts';
import { ACCOUNT_POLICY, ADDRESS_POLICY } from '../../src/server/auth/login-throttle';
import { hashPassword, scryptLog2N } from '../../src/server/auth/passwords';
import { calls, syncClients, users } from '../../src/server/db/schema';
import {
  envelopes,
  newCallArgs,
  PASSWORD,
  seedCompany,
  startTestServer,
  TEST_AUTH_SECRET,
  type TestCompany,
  type TestServer,
} from './helpers/server';

/**
 * Sign-in used to take about ten guesses a second from one client without limit, and an
 * access token kept working for up to 15 minutes after sign-out.
 */

let server: TestServer;
let acme: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme');
});
afterAll(() => server.close());

let addressSeq = 0;
/** A fresh client address per test, so the per-address count of one test does not leak into another. */
const newAddress = () => `198.51.100.${++addressSeq}`;

function signIn(address: string, email: string, password: string, app = server.app) {
  return app.inject({
    method: 'POST',
    url: '/auth/login',
    remoteAddress: address,
    payload: { company: 'acme', email, password },
  });
}

const advance = (ms: number) => {
  server.clock.now = new Date(server.clock.now.getTime() + ms);
};

async function newUser(email: string) {
  await createUser(server.database.db, acme.id, { email, password: PASSWORD, displayName: email, role: 'agent' });
}

describe('sign-in throttling', () => {
  it('allows five wrong passwords, then doubles the wait and says how long, with Retry-After', async () => {
    await newUser('guessed@acme.test');
    const address = newAddress();
    for (let i = 0; i < ACCOUNT_POLICY.freeFailures + 1; i++) {
      expect((await signIn(address, 'guessed@acme.test', `wrong guess ${i}`)).statusCode).toBe(401);
    }
    const blocked = await signIn(address, 'guessed@acme.test', 'wrong guess 7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.json()).toEqual({ code: 'too_many_attempts', message: 'Too many attempts, try again in 1 s.' });
    // Even the right password waits: the wait is not a hint that the guess was right.
    expect((await signIn(address, 'guessed@acme.test', PASSWORD)).statusCode).toBe(429);

    advance(1000);
    expect((await signIn(address, 'guessed@acme.test', 'wrong guess 8')).statusCode).toBe(401);
    const doubled = await signIn(address, 'guessed@acme.test', 'wrong guess 9');
    expect(doubled.statusCode).toBe(429);
    expect(doubled.headers['retry-after']).toBe('2');
    expect(doubled.json<{ message: string }>().message).toBe('Too many attempts, try again in 2 s.');

    // The account is blocked from any address; the right password after the wait clears it.
    expect((await signIn(newAddress(), 'guessed@acme.test', PASSWORD)).statusCode).toBe(429);
    advance(2000);
    expect((await signIn(address, 'guessed@acme.test', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < ACCOUNT_POLICY.freeFailures; i++) {
      expect((await signIn(address, 'guessed@acme.test', `again ${i}`)).statusCode).toBe(401);
    }
  });

  it('limits one address across accounts (unknown ones included) but not another address', async () => {
    const address = newAddress();
    for (let i = 0; i <= ADDRESS_POLICY.freeFailures; i++) {
      expect((await signIn(address, `nobody${i}@acme.test`, 'wrong password')).statusCode).toBe(401);
    }
    expect((await signIn(address, 'nobody-else@acme.test', 'wrong password')).statusCode).toBe(429);
    expect((await signIn(newAddress(), 'agent@acme.test', PASSWORD)).statusCode).toBe(200);
    advance(ADDRESS_POLICY.baseDelayMs);
  });

  it('refuses guesses sent all at once beyond the free ones without checking them', async () => {
    await newUser('burst@acme.test');
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(address, 'burst@acme.test', `burst guess ${i}`)),
    );
    const checked = answers.filter((answer) => answer.statusCode === 401).length;
    expect(checked).toBe(ACCOUNT_POLICY.freeFailures + 1);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(40 - checked);
  });

  it('is shared by every server instance on the database', async () => {
    await newUser('shared@acme.test');
    const other = buildServer({ db: server.database.db, authSecret: TEST_AUTH_SECRET, now: () => server.clock.now });
    const address = newAddress();
    for (let i = 0; i <= ACCOUNT_POLICY.freeFailures; i++) await signIn(address, 'shared@acme.test', `guess ${i}`);
    expect((await signIn(address, 'shared@acme.test', PASSWORD, other)).statusCode).toBe(429);
    await other.close();
  });
});

describe('password hashes', () => {
  it('upgrades a hash made at a lower cost on the next successful sign-in, and the password still works', async () => {
    await newUser('old-hash@acme.test');
    const oldHash = await hashPassword(PASSWORD, 10);
    await server.database.db.update(users).set({ passwordHash: oldHash }).where(eq(users.email, 'old-hash@acme.test'));
    expect((await signIn(newAddress(), 'old-hash@acme.test', PASSWORD)).statusCode).toBe(200);
    const [row] = await server.database.db.select().from(users).where(eq(users.email, 'old-hash@acme.test'));
    expect(row!.passwordHash).not.toBe(oldHash);
    expect(row!.passwordHash.split('$')[1]).toBe(String(2 ** scryptLog2N()));
    expect((await signIn(newAddress(), 'old-hash@acme.test', PASSWORD)).statusCode).toBe(200);
  });

  it('hashes new passwords at 2^15 unless SCRYPT_LOG2_N says otherwise', async () => {
    expect(scryptLog2N({})).toBe(15);
    expect(scryptLog2N({ SCRYPT_LOG2_N: '17' })).toBe(17);
    expect(() => scryptLog2N({ SCRYPT_LOG2_N: '40' })).toThrow(/SCRYPT_LOG2_N/);
    expect((await hashPassword('x', 11)).split('$')[1]).toBe('2048');
  });
});

describe('sign-out ends the access token too', () => {
  async function session(email: string) {
    const response = await signIn(newAddress(), email, PASSWORD);
    return response.json<{ accessToken: string; refreshToken: string }>();
  }
  const me = (token: string) =>
    server.app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });

  it('refuses the access token at once after sign-out; another session of the same user keeps working', async () => {
    const first = await session('supervisor@acme.test');
    const second = await session('supervisor@acme.test');
    expect((await me(first.accessToken)).statusCode).toBe(200);
    const out = await server.app.inject({
      method: 'POST',
      url: '/auth/logout',
      payload: { refreshToken: first.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    const refused = await me(first.accessToken);
    expect(refused.statusCode).toBe(401);
    expect(refused.json<{ code: string }>().code).toBe('session_ended');
    expect((await me(second.accessToken)).statusCode).toBe(200);
  });

  it('refuses push and pull after sign-out (checked in their first statement), writing nothing', async () => {
    const { accessToken, refreshToken } = await session('agent@acme.test');
    const sync = (path: string, payload: Record<string, unknown>) =>
      server.app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${accessToken}` }, payload });
    const push = (clientId: string, callId: string, id = 1) =>
      sync('/sync/push', { clientId, mutations: [envelopes(5000, 'so')(id, 'call.create', newCallArgs(callId))] });
    expect((await push('signout-known', 'signout-c0')).statusCode).toBe(200);
    await server.app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken } });
    // A client the server knows (its row is locked first) and one it has never seen (registered first).
    for (const [clientId, callId] of [
      ['signout-known', 'signout-c1'],
      ['signout-new', 'signout-c2'],
    ]) {
      const refused = await push(clientId!, callId!, 2);
      expect(refused.statusCode).toBe(401);
      expect(refused.json<{ code: string }>().code).toBe('session_ended');
      expect(await server.database.db.select().from(calls).where(eq(calls.id, callId!))).toEqual([]);
    }
    expect(await server.database.db.select().from(syncClients).where(eq(syncClients.id, 'signout-new'))).toEqual([]);
    const pulled = await sync('/sync/pull', { clientId: 'signout-known', cursor: null });
    expect(pulled.statusCode).toBe(401);
    expect(pulled.json<{ code: string }>().code).toBe('session_ended');
  });

  it('refuses the access tokens of a session whose refresh token was stolen and reused', async () => {
    const stolen = await session('admin@acme.test');
    const refresh = (token: string) =>
      server.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: token } });
    const renewed = (await refresh(stolen.refreshToken)).json<{ refreshToken: string }>();
    // The holder moves on: it renews again with the token it earned.
    const current = (await refresh(renewed.refreshToken)).json<{ accessToken: string }>();
    expect((await me(current.accessToken)).statusCode).toBe(200);
    // The copy of the first token comes back, however soon or late: reuse.
    server.clock.now = new Date(server.clock.now.getTime() + 60_000);
    expect((await refresh(stolen.refreshToken)).statusCode).toBe(401);
    expect((await me(current.accessToken)).statusCode).toBe(401);
  });
});
