import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer, type ServerBundle } from './helpers/bundle-server';

/** The server CLI and server as an admin runs them: separate processes on one PGlite folder. */
let dataDir: string;
let env: NodeJS.ProcessEnv;
let bundle: ServerBundle;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-'));
  env = { ...process.env, SERVER_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env['DATABASE_URL'];
  bundle = await bundleServer();
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  bundle?.remove();
});

function cli(...args: string[]) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [bundle.cli, ...args], {
    env,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim(), ms: Date.now() - started };
}

const company = (slug: string, email: string, password = 'a long password') =>
  cli('create-company', '--name', 'Acme', '--slug', slug, '--admin-email', email, '--admin-password', password);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('server CLI', () => {
  it('creates a company, then refuses the same slug in plain words, not a raw SQL error', () => {
    expect(company('acme', 'admin@acme.test').status).toBe(0);
    const again = company('acme', 'other@acme.test');
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('A company with the slug acme already exists.');
  }, 60_000);

  it('sets the follow-up SLA rules of a company, refuses malformed ones in words, and goes back to the defaults', () => {
    const rules = { callback_requested: 90, missed: 20, emergency: 10 };
    const set = cli('set-sla-rules', '--company', 'acme', '--rules', JSON.stringify(rules));
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toEqual({ rules, custom: true });
    const bad = cli('set-sla-rules', '--company', 'acme', '--rules', '{"missed":0}');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('A rule needs at least 1 minute.');
    const reset = cli('set-sla-rules', '--company', 'acme', '--rules', 'default');
    expect(JSON.parse(reset.stdout)).toEqual({
      rules: { callback_requested: 120, missed: 60, emergency: 15 },
      custom: false,
    });
  }, 90_000);

  it('manages texting templates and settings, refusing bad input in words', () => {
    const body = 'Hi {{firstName}}, we arrive {{appointmentWindow}}.';
    const saved = cli('sms-template', '--company', 'acme', '--id', 'eta', '--name', 'ETA', '--body', body);
    expect(saved.stderr).toBe('');
    expect(JSON.parse(saved.stdout)).toEqual({ id: 'eta', name: 'ETA', body });
    expect(JSON.parse(cli('sms-templates', '--company', 'acme').stdout).items).toEqual([
      { id: 'eta', name: 'ETA', body },
    ]);
    const empty = cli('sms-template', '--company', 'acme', '--id', 'x', '--name', 'X', '--body', ' ');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('A template needs its text.');
    const quiet = cli('sms-settings', '--company', 'acme', '--quiet-start', '20:00', '--quiet-end', '09:00');
    expect(JSON.parse(quiet.stdout)).toMatchObject({ quietHours: { start: '20:00', end: '09:00' }, custom: true });
    const bad = cli('sms-settings', '--company', 'acme', '--quiet-start', '8pm', '--quiet-end', '09:00');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Use a time like 21:00.');
    expect(cli('sms-template', '--company', 'acme', '--id', 'eta', '--delete').status).toBe(0);
    expect(JSON.parse(cli('sms-templates', '--company', 'acme').stdout).items).toEqual([]);
  }, 120_000);

  it('refuses a short password and says the minimum', () => {
    const result = cli(
      'create-user',
      '--company',
      'acme',
      '--email',
      'bob@acme.test',
      '--password',
      'x',
      '--role',
      'agent',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('The password: Use at least 12 characters for a password.');
    expect(company('shorty', 'admin@shorty.test', 'elevenchars').stderr).toBe(
      'The admin password: Use at least 12 characters for a password.',
    );
  }, 60_000);

  it('refuses a taken email and a malformed one in plain words', () => {
    const taken = cli(
      'create-user',
      '--company',
      'acme',
      '--email',
      'ADMIN@acme.test',
      '--password',
      'a long password',
      '--role',
      'agent',
    );
    expect(taken.stderr).toBe('A user with the email admin@acme.test already exists.');
    const malformed = cli(
      'create-user',
      '--company',
      'acme',
      '--email',
      'bob',
      '--password',
      'a long password',
      '--role',
      'agent',
    );
    expect(malformed.stderr).toBe('The email: That is not an email address (like ada@acme.test).');
  }, 60_000);

  it('refuses at once while the server runs on the same folder, and works once it is stopped', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, [bundle.main], {
      env: { ...env, PORT: String(port) },
      stdio: 'ignore',
    });
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
          (response) => response.ok,
          () => false,
        );
        if (healthy) break;
        if (Date.now() > deadline) throw new Error('the server did not start in 30 s');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const refused = company('globex', 'admin@globex.test');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /^The server is running on this data folder \(.*\); stop it first .* set DATABASE_URL to a Postgres server/,
      );
      expect(refused.stderr).not.toMatch(/Failed query|at .*\.ts/);
    } finally {
      await new Promise<void>((resolve) => {
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
    }
    expect(company('globex', 'admin@globex.test').status).toBe(0);
  }, 90_000);
});
