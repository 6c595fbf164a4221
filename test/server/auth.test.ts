import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, PASSWORD, seedCompany, startTestServer, type TestCompany, type TestServer } from './helpers/server';

let server: TestServer;
let acme: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme');
});
afterAll(() => server.close());

describe('health', () => {
  it('answers 200 when the database answers', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('sign-in', () => {
  it('returns an access token, a refresh token and the user', async () => {
    const response = await login(server, 'acme', 'agent@acme.test');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ email: 'agent@acme.test', role: 'agent', companyId: acme.id });
    expect(Date.parse(body.accessTokenExpiresAt) - server.clock.now.getTime()).toBe(15 * 60 * 1000);
    const me = await as(server, { token: body.accessToken }).get('/me');
    expect(me.json()).toMatchObject({ id: acme.agent.id });
  });

  it('refuses a wrong password, an unknown email and an unknown company with the same answer', async () => {
    for (const [company, email, password] of [
      ['acme', 'agent@acme.test', 'wrong password!'],
      ['acme', 'nobody@acme.test', PASSWORD],
      ['nope', 'agent@acme.test', PASSWORD],
    ] as const) {
      const response = await login(server, company, email, password);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code: 'invalid_credentials', message: expect.any(String) });
    }
  });

  it('validates the body with the schema', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_request');
    expect(response.json().issues.length).toBeGreaterThan(0);
  });
});

describe('access tokens', () => {
  it('refuses requests without a token or with a forged one', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/calls' })).statusCode).toBe(401);
    const forged = acme.agent.token.slice(0, -4) + 'AAAA';
    expect((await as(server, { token: forged }).get('/calls')).json().code).toBe('invalid_token');
  });

  it('refuses an expired token', async () => {
    const session = (await login(server, 'acme', 'agent@acme.test')).json();
    // Used while valid first: a token the server has verified (and remembers) still expires.
    expect((await as(server, { token: session.accessToken }).get('/calls')).statusCode).toBe(200);
    const saved = server.clock.now;
    try {
      server.clock.now = new Date(saved.getTime() + 16 * 60 * 1000);
      const response = await as(server, { token: session.accessToken }).get('/calls');
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('token_expired');
    } finally {
      server.clock.now = saved;
    }
  });
});

describe('refresh tokens', () => {
  const refresh = (refreshToken: string) =>
    server.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });
  /** Runs `check` with the server's clock moved on by `seconds`, then puts it back. */
  const secondsLater = async (seconds: number, check: () => Promise<void>) => {
    const saved = server.clock.now;
    server.clock.now = new Date(saved.getTime() + seconds * 1000);
    try {
      await check();
    } finally {
      server.clock.now = saved;
    }
  };

  it('rotates: a refresh token works once and yields a new pair', async () => {
    const first = (await login(server, 'acme', 'agent@acme.test')).json();
    const second = await refresh(first.refreshToken);
    expect(second.statusCode).toBe(200);
    const pair = second.json();
    expect(pair.refreshToken).not.toBe(first.refreshToken);
    expect((await as(server, { token: pair.accessToken }).get('/me')).statusCode).toBe(200);
    expect((await refresh(pair.refreshToken)).statusCode).toBe(200);
  });

  it('a spent token retried long after its answer was lost (the server down for an hour) gets a new pair, each time', async () => {
    const first = (await login(server, 'acme', 'agent@acme.test')).json();
    // Refreshed, but the answer never arrived: the holder still has only the spent token.
    expect((await refresh(first.refreshToken)).statusCode).toBe(200);
    await secondsLater(3600, async () => {
      expect((await refresh(first.refreshToken)).statusCode).toBe(200);
    });
    await secondsLater(7200, async () => {
      const again = await refresh(first.refreshToken);
      expect(again.statusCode).toBe(200);
      const pair = again.json();
      expect((await as(server, { token: pair.accessToken }).get('/me')).statusCode).toBe(200);
      expect((await refresh(pair.refreshToken)).statusCode).toBe(200);
    });
  });

  it('a spent token coming back after a token it earned was used is a copy: the family and its access tokens end', async () => {
    const first = (await login(server, 'acme', 'agent@acme.test')).json();
    const second = (await refresh(first.refreshToken)).json();
    const third = (await refresh(second.refreshToken)).json();
    for (const delay of [5, 3600]) {
      await secondsLater(delay, async () => {
        const reused = await refresh(first.refreshToken);
        expect(reused.statusCode).toBe(401);
        expect(reused.json().code).toBe('invalid_refresh_token');
      });
    }
    // The family is revoked: the holder's current tokens too.
    expect((await refresh(third.refreshToken)).statusCode).toBe(401);
    expect((await as(server, { token: third.accessToken }).get('/me')).statusCode).toBe(401);
  });

  it('a copy used before its holder moved on forks the family: the second branch to be used revokes it', async () => {
    const first = (await login(server, 'acme', 'agent@acme.test')).json();
    const holders = (await refresh(first.refreshToken)).json();
    // The thief presents the spent token while the holder has not used its new one yet.
    const thiefs = await refresh(first.refreshToken);
    expect(thiefs.statusCode).toBe(200);
    const thiefsNext = (await refresh(thiefs.json().refreshToken)).json();
    // The holder refreshes: its sibling was spent by someone else. Both are out.
    expect((await refresh(holders.refreshToken)).statusCode).toBe(401);
    expect((await refresh(thiefsNext.refreshToken)).statusCode).toBe(401);
    expect((await as(server, { token: thiefsNext.accessToken }).get('/me')).statusCode).toBe(401);
  });

  it('a token spent before parents were recorded is a copy when it comes back', async () => {
    const first = (await login(server, 'acme', 'agent@acme.test')).json();
    const second = (await refresh(first.refreshToken)).json();
    await server.database.db.execute(sql`update refresh_tokens set parent_id = null`);
    expect((await refresh(first.refreshToken)).statusCode).toBe(401);
    expect((await refresh(second.refreshToken)).statusCode).toBe(401);
  });

  it('a refresh that fails before its new pair is stored leaves the token unspent (the two commit together)', async () => {
    const first = (await login(server, 'acme', 'agent@acme.test')).json();
    // The new pair's insert fails after the spend (as a server killed between the two would stop).
    const { db } = server.database;
    await db.execute(sql`create function refuse_refresh() returns trigger language plpgsql as $$
      begin raise exception 'no new pair'; end $$`);
    await db.execute(sql`create trigger refuse_refresh before insert on refresh_tokens
      for each row execute function refuse_refresh()`);
    try {
      expect((await refresh(first.refreshToken)).statusCode).toBe(500);
    } finally {
      await db.execute(sql`drop trigger refuse_refresh on refresh_tokens`);
      await db.execute(sql`drop function refuse_refresh()`);
    }
    // Long after: the token was never spent, so it still works.
    await secondsLater(300, async () => {
      expect((await refresh(first.refreshToken)).statusCode).toBe(200);
    });
  });

  it('a family ended by sign-out stays ended, even for a retry of a spent token', async () => {
    const first = (await login(server, 'acme', 'agent@acme.test')).json();
    const second = (await refresh(first.refreshToken)).json();
    await server.app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: second.refreshToken } });
    expect((await refresh(first.refreshToken)).statusCode).toBe(401);
  });

  it('logout revokes the refresh token', async () => {
    const session = (await login(server, 'acme', 'agent@acme.test')).json();
    const out = await server.app.inject({
      method: 'POST',
      url: '/auth/logout',
      payload: { refreshToken: session.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('refuses an expired refresh token', async () => {
    const session = (await login(server, 'acme', 'agent@acme.test')).json();
    const saved = server.clock.now;
    try {
      server.clock.now = new Date(saved.getTime() + 31 * 24 * 3600 * 1000);
      expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    } finally {
      server.clock.now = saved;
    }
  });
});

describe('users', () => {
  it('lets an admin add an agent, who can then sign in', async () => {
    const created = await as(server, acme.admin).post('/users', {
      email: 'New.Agent@Acme.test',
      password: 'a long enough password',
      displayName: 'New Agent',
      role: 'agent',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'new.agent@acme.test', role: 'agent', companyId: acme.id });
    expect((await login(server, 'acme', 'new.agent@acme.test', 'a long enough password')).statusCode).toBe(200);
  });

  it('refuses user creation by supervisors and agents', async () => {
    for (const user of [acme.supervisor, acme.agent]) {
      const response = await as(server, user).post('/users', {
        email: `x-${user.role}@acme.test`,
        password: 'a long enough password',
        displayName: 'X',
        role: 'agent',
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('refuses a duplicate email', async () => {
    const response = await as(server, acme.admin).post('/users', {
      email: 'agent@acme.test',
      password: 'a long enough password',
      displayName: 'Dup',
      role: 'agent',
    });
    expect(response.statusCode).toBe(409);
  });
});
