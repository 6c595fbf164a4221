import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openPostgres, type Db } from '../../src/server/db/database';

describe('health', () => {
  it('answers 503 when the database does not answer', async () => {
    const brokenDb = {
      execute: async () => {
        throw new Error('connection refused');
      },
    } as unknown as Db;
    const app = buildServer({ db: brokenDb, authSecret: randomBytes(32) });
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    await app.close();
  });
});

describe('config', () => {
  it('requires AUTH_SECRET in production and generates one elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET/);
    expect(loadConfig({}).generatedSecret).toBe(true);
    const config = loadConfig({ AUTH_SECRET: 'x'.repeat(40), PORT: '5000', HOST: '0.0.0.0' });
    expect(config).toMatchObject({ port: 5000, host: '0.0.0.0', generatedSecret: false });
    expect(loadConfig({}).port).toBe(4317);
  });

  it('reads the pool size and the statement and idle-in-transaction timeouts; 0 turns a timeout off', () => {
    expect(loadConfig({}).pool).toEqual({
      poolSize: 10,
      statementTimeoutMs: 60_000,
      idleInTransactionTimeoutMs: 30_000,
    });
    const pool = loadConfig({
      DB_POOL_SIZE: '24',
      DB_STATEMENT_TIMEOUT_MS: '0',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000',
    }).pool;
    expect(pool).toEqual({ poolSize: 24, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 5000 });
    expect(() => loadConfig({ DB_POOL_SIZE: '0' })).toThrow(/DB_POOL_SIZE/);
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '1.5' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  });

  it('reads Twilio’s REST base from TWILIO_API_BASE (default: none, i.e. api.twilio.com) and refuses a non-URL', () => {
    expect(loadConfig({}).twilioRestBaseUrl).toBeUndefined();
    expect(loadConfig({ TWILIO_API_BASE: 'http://127.0.0.1:9999/' }).twilioRestBaseUrl).toBe('http://127.0.0.1:9999');
    expect(() => loadConfig({ TWILIO_API_BASE: 'api.twilio.com' })).toThrow(/TWILIO_API_BASE/);
    expect(() => loadConfig({ TWILIO_API_BASE: 'ftp://x.example' })).toThrow(/TWILIO_API_BASE/);
  });
});

const adminUrl = process.env['TEST_DATABASE_URL'];

describe.skipIf(!adminUrl)('several instances starting at once on one Postgres', () => {
  it('migrate once, under an advisory lock, and all come up', async () => {
    const name = `sb_test_start_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(adminUrl!);
      url.pathname = `/${name}`;
      const instances = await Promise.all([1, 2, 3, 4].map(() => openPostgres(url.toString(), { poolSize: 2 })));
      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      const applied = await check.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      await check.end();
      expect(applied.rows[0].n).toBeGreaterThan(0);
      await Promise.all(instances.map((instance) => instance.close()));
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
