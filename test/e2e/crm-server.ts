import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pack } from '../../src/shared/sync/hlc';
import { nodeArgsFor, stopProcess } from './processes';

/**
 * The real CRM server (`npm run server`) on embedded PGlite, for end-to-end tests that
 * need one: stopping and starting it again on the same port and data folder is how a
 * test takes the network away from the desktop and gives it back.
 */
export interface CrmServer {
  url: string;
  company: string;
  agent: { email: string; password: string };
  admin: { email: string; password: string };
  /** An access token for the agent (or `who`), as a supervisor's tools would get one. */
  signIn(who?: { email: string; password: string }): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Signs in as the agent over HTTP and GETs a path (what a supervisor's tools would see). */
  get<T>(pathname: string): Promise<T>;
  /**
   * The agent's other desktop: pushes mutations as a fresh sync client (numbered 1, 2…),
   * so the server's copy changes behind the console's back. Returns the outcomes.
   */
  push(mutations: { name: string; args: unknown }[]): Promise<{ id: number; status: string }[]>;
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface CrmServerOptions {
  /** More environment for the CLI and the server (TWILIO_CONFIG_KEY, TWILIO_API_BASE…). */
  env?: Record<string, string>;
  /** Sets PUBLIC_URL to the server's own address, so Twilio's (fake) webhooks are verified against it. */
  publicUrl?: boolean;
  /** More CLI commands after the company and its users exist, before the server starts (it shares the folder). */
  setup?: (cli: (...args: string[]) => void, dataDir: string) => void;
}

const company = 'acme';
const admin = { email: 'admin@acme.test', password: 'correct horse battery staple' };
const agent = { email: 'agent@acme.test', password: 'another long passphrase' };

/** Set by Playwright's globalSetup: a data folder where the company and its agent already exist. */
export const CRM_TEMPLATE_ENV = 'SWITCHBOARD_E2E_CRM_TEMPLATE';

function cliIn(env: NodeJS.ProcessEnv) {
  return (...args: string[]) => {
    const result = spawnSync(process.execPath, [...nodeArgsFor('server/cli', 'src/server/cli.ts'), ...args], {
      env,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`server CLI ${args[0]} failed: ${result.stderr}`);
  };
}

function crmEnv(dataDir: string, more: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    SERVER_DATA_DIR: dataDir,
    AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    LOG_LEVEL: 'warn',
    ...more,
  };
  delete env['DATABASE_URL'];
  return env;
}

/** The company (its admin) and the agent every test's server starts with, made by the CLI. */
function createAccounts(cli: (...args: string[]) => void): void {
  cli(
    'create-company',
    '--name',
    'Acme',
    '--slug',
    company,
    '--admin-email',
    admin.email,
    '--admin-password',
    admin.password,
  );
  cli(
    'create-user',
    '--company',
    company,
    '--email',
    agent.email,
    '--password',
    agent.password,
    '--role',
    'agent',
    '--name',
    'Alex Agent',
  );
}

/**
 * Once per run (globalSetup): a PGlite folder with the accounts made. A test's server
 * starts on a copy of it instead of running the CLI twice, each time creating and
 * migrating the database (two PGlite starts, 10-40 s of a test on the 2-core machine).
 */
export function prepareCrmTemplate(dataDir: string): void {
  createAccounts(cliIn(crmEnv(dataDir)));
  process.env[CRM_TEMPLATE_ENV] = dataDir;
}

export async function startCrmServer(options: CrmServerOptions = {}): Promise<CrmServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-crm-'));
  const port = await freePort();
  const env = crmEnv(dataDir, {
    PORT: String(port),
    ...(options.publicUrl ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    ...options.env,
  });
  // The CLI and the server share the PGlite folder, one process at a time: set up first.
  const cli = cliIn(env);
  const template = process.env[CRM_TEMPLATE_ENV];
  if (template) cpSync(template, dataDir, { recursive: true });
  else createAccounts(cli);

  options.setup?.(cli, dataDir);

  const url = `http://127.0.0.1:${port}`;
  const signIn = async (who = agent) => {
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company, ...who }),
    });
    return ((await login.json()) as { accessToken: string }).accessToken;
  };
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(process.execPath, nodeArgsFor('server/main', 'src/server/main.ts'), {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // PGlite's start and migrations take long on a loaded machine; this only bounds a failure.
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('the CRM server did not become healthy in 120 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (running) await stopProcess(running);
  };
  await start();

  return {
    url,
    company,
    agent,
    admin,
    signIn,
    start,
    stop,
    async get<T>(pathname: string): Promise<T> {
      const accessToken = await signIn();
      const response = await fetch(`${url}${pathname}`, { headers: { authorization: `Bearer ${accessToken}` } });
      if (!response.ok) throw new Error(`GET ${pathname}: ${response.status}`);
      return (await response.json()) as T;
    },
    async push(mutations) {
      const accessToken = await signIn();
      const node = `e2e-${randomBytes(6).toString('hex')}`;
      const response = await fetch(`${url}/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          clientId: node,
          mutations: mutations.map((mutation, index) => ({
            id: index + 1,
            ...mutation,
            hlc: pack({ wallMs: Date.now(), counter: index, node }),
          })),
        }),
      });
      if (!response.ok) throw new Error(`POST /sync/push: ${response.status}`);
      return ((await response.json()) as { outcomes: { id: number; status: string }[] }).outcomes;
    },
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
