import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import pg from 'pg';
import { createCompany, createUser } from '../../src/server/auth/accounts';
import { openPostgres } from '../../src/server/db/database';
import { bundleServerInto, nodeBundleOptions } from '../server/helpers/bundle-server';

/**
 * The two processes the crash harness kills: the desktop core as the browser-mode host
 * (src/main/browser-mode/serve.ts) and the CRM server (src/server/main.ts) on a scratch
 * database of the machine's Postgres.
 *
 * Both run from an esbuild bundle of the same sources, built once per run: a thousand
 * restarts under tsx cost 3–13 s each on a loaded 2-core machine (transpiling and loading
 * hundreds of modules), the bundle 0.6–3.5 s. Packages stay external (node_modules), so
 * the native SQLite driver and pg are the ones the app uses. The host's pull worker is
 * bundled beside it, where the host looks for it (without it every sync failed).
 */

const root = process.cwd();
/** Inside node_modules, so the bundles resolve the project's packages. */
const buildDir = path.join(root, 'node_modules/.cache/switchboard-chaos');

export async function buildBundles(): Promise<{ host: string; server: string }> {
  rmSync(buildDir, { recursive: true, force: true });
  const [, server] = await Promise.all([
    // The host starts its pull worker (first pulls, the number facts) from beside itself.
    build({
      ...nodeBundleOptions,
      entryPoints: { host: 'src/main/browser-mode/serve.ts', 'pull-worker': 'src/main/core/sync/pull-worker.ts' },
      outdir: buildDir,
    }),
    bundleServerInto(path.join(buildDir, 'server')),
  ]);
  return { host: path.join(buildDir, 'host.mjs'), server: server.main };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Account {
  company: string;
  email: string;
  password: string;
}

/** A fresh database on the admin URL's server, with one company and one agent; drop() removes it. */
export async function scratchDatabase(
  adminUrl: string,
): Promise<{ url: string; account: Account; drop(): Promise<void> }> {
  const name = `sb_chaos_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const account: Account = { company: 'chaos', email: 'agent@chaos.test', password: 'chaos-agent-password' };
  const database = await openPostgres(url.toString(), { poolSize: 2 });
  const { company } = await createCompany(database.db, {
    name: 'Chaos',
    slug: account.company,
    adminEmail: 'admin@chaos.test',
    adminPassword: 'chaos-admin-password',
  });
  await createUser(database.db, company.id, {
    email: account.email,
    password: account.password,
    displayName: 'Chaos agent',
    role: 'agent',
  });
  await database.close();
  return {
    url: url.toString(),
    account,
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** A process that can be killed with SIGKILL and started again, on the same data. */
export interface Restartable {
  /** Starts it and resolves once it serves. */
  start(): Promise<void>;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), then waits for the exit. */
  stop(): Promise<void>;
  running(): boolean;
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

function restartable(launch: () => Promise<ChildProcess>): Restartable {
  let child: ChildProcess | null = null;
  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    child = null;
    if (!running) return;
    const exited = exitOf(running);
    running.kill(signal);
    await exited;
  };
  return {
    async start() {
      child = await launch();
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
  };
}

/** Only bounds a failure: a start on a loaded machine can take a while. */
const START_TIMEOUT_MS = 120_000;

export function crmServer(bundle: string, env: NodeJS.ProcessEnv, port: number): Restartable & { url: string } {
  const url = `http://127.0.0.1:${port}`;
  const server = restartable(async () => {
    const child = spawn(process.execPath, [bundle], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the CRM server exited with ${child.exitCode} while starting`);
      try {
        if ((await fetch(`${url}/health`)).ok) return child;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('the CRM server did not become healthy in 120 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  return { ...server, url };
}

/** The browser-mode host on a data folder that outlives it; `url()` is the current process's address. */
export function desktopHost(bundle: string, dataDir: string): Restartable & { url(): string } {
  mkdirSync(dataDir, { recursive: true });
  let url = '';
  const host = restartable(
    () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [bundle, '--port', '0', '--data-dir', dataDir, '--no-demo', '--static-dir', path.join(root, 'dist-web')],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const timer = setTimeout(() => reject(new Error('the host did not start in 120 s')), START_TIMEOUT_MS);
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (!line.startsWith('{"url"')) return;
          clearTimeout(timer);
          url = (JSON.parse(line) as { url: string }).url;
          resolve(child);
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`the host exited with ${code} while starting`));
        });
      }),
  );
  return { ...host, url: () => url };
}
