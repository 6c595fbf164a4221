import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DEFAULT_POOL, type PoolOptions } from './db/database';
import { DEFAULT_MAX_CLOCK_DRIFT_MS } from './sync/clock-guard';
import { DEFAULT_SYNC_CLIENTS_PER_USER } from './sync/clients';
import { loadSecretKey } from './twilio/secrets';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: Uint8Array;
  /** True when AUTH_SECRET was missing and a per-process secret was made up. */
  generatedSecret: boolean;
  logLevel: string;
  /** The https base Twilio calls (webhook signatures are checked against it). */
  publicUrl: string | null;
  /** AES-256 key for the stored Twilio secrets; null in production without TWILIO_CONFIG_KEY. */
  twilioKey: { key: Buffer; configured: boolean } | null;
  /**
   * Twilio's REST and media base (TWILIO_API_BASE); unset means https://api.twilio.com.
   * End-to-end tests point it at their fake Twilio; recordings are only fetched from here.
   */
  twilioRestBaseUrl: string | undefined;
  /** MAX_CLOCK_DRIFT_SECONDS: how far ahead of this server's clock a mutation's stamp may be. */
  maxClockDriftMs: number;
  /** SYNC_CLIENTS_PER_USER: new sync clients one user may register per 24 hours. */
  syncClientsPerUser: number;
  /** DB_POOL_SIZE, DB_STATEMENT_TIMEOUT_MS, DB_IDLE_IN_TRANSACTION_TIMEOUT_MS (db/database.ts). */
  pool: Required<PoolOptions>;
}

/**
 * Reads the environment. AUTH_SECRET signs access tokens; all instances behind one load
 * balancer must share it (a token signed by one is checked by another). In production it
 * is required; elsewhere a random one is made per process, so tokens die with a restart.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const secret = env['AUTH_SECRET'];
  if (!secret && env['NODE_ENV'] === 'production') {
    throw new Error('AUTH_SECRET is required in production (at least 32 characters, the same on every instance).');
  }
  if (secret && secret.length < 32) throw new Error('AUTH_SECRET must be at least 32 characters long.');
  const port = Number(env['PORT'] ?? 4317);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env['PORT']}`);
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir: resolve(env['SERVER_DATA_DIR'] ?? './.switchboard-data/server'),
    authSecret: secret ? new TextEncoder().encode(secret) : randomBytes(32),
    generatedSecret: !secret,
    logLevel: env['LOG_LEVEL'] ?? 'info',
    publicUrl: parsePublicUrl(env['PUBLIC_URL']),
    twilioKey: loadSecretKey(env),
    twilioRestBaseUrl: env['TWILIO_API_BASE'] ? parseBaseUrl('TWILIO_API_BASE', env['TWILIO_API_BASE']) : undefined,
    syncClientsPerUser: positiveInteger(env, 'SYNC_CLIENTS_PER_USER', DEFAULT_SYNC_CLIENTS_PER_USER),
    maxClockDriftMs: positiveInteger(env, 'MAX_CLOCK_DRIFT_SECONDS', DEFAULT_MAX_CLOCK_DRIFT_MS / 1000) * 1000,
    pool: {
      poolSize: positiveInteger(env, 'DB_POOL_SIZE', DEFAULT_POOL.poolSize),
      statementTimeoutMs: wholeNumber(env, 'DB_STATEMENT_TIMEOUT_MS', DEFAULT_POOL.statementTimeoutMs),
      idleInTransactionTimeoutMs: wholeNumber(
        env,
        'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
        DEFAULT_POOL.idleInTransactionTimeoutMs,
      ),
    },
  };
}

/** A whole number ≥ 0 from the environment (0 turns a timeout off), or the default when unset. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return integerAtLeast(env, name, fallback, 0);
}

function parseBaseUrl(name: string, value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(`${name} must be an absolute http(s) URL, not ${value}`);
  }
  return value.replace(/\/+$/, '');
}

function parsePublicUrl(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL such as https://crm.example.com, not ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('PUBLIC_URL must be an http(s) URL.');
  if (url.search || url.hash) throw new Error('PUBLIC_URL must not have a query or a fragment.');
  return value.replace(/\/+$/, '');
}

/** A whole number ≥ 1 from the environment, or the default when the variable is unset. */
export function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return integerAtLeast(env, name, fallback, 1);
}

function integerAtLeast(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not ${raw}`);
  return value;
}
