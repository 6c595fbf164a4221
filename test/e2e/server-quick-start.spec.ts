import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';

/**
 * The README's "Server quick start", run as written: its shell lines, in its order, with
 * only the port and the data folder moved out of the way through the variables the
 * README documents. If the README's order stops working, this fails.
 */
function quickStartLines(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split('### Server quick start')[1];
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('README.md has no sh block under "### Server quick start"');
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** The value of `--name value` or `--name 'a value'` on a shell line. */
function flag(line: string, name: string): string {
  const match = line.match(new RegExp(`--${name} (?:'([^']*)'|"([^"]*)"|(\\S+))`));
  if (!match) throw new Error(`--${name} is not on: ${line}`);
  return match[1] ?? match[2] ?? match[3]!;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm run server` runs under npm and sh: stop the whole process group, then wait. */
function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

test('the README server quick start works as written: CLI, then server, then sign-in from the console', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const lines = quickStartLines();
  const createLine = lines.find((line) => line.includes('create-company'));
  const serverIndex = lines.findIndex((line) => /^npm run server$/.test(line));
  expect(createLine, 'the quick start creates a company').toBeDefined();
  expect(lines.indexOf(createLine!), 'the company is created before the server starts').toBeLessThan(serverIndex);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-quick-start-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SERVER_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env['DATABASE_URL'];
  let server: ChildProcess | null = null;
  try {
    for (const [index, line] of lines.entries()) {
      if (index === serverIndex) {
        server = spawn('sh', ['-c', line], { env, stdio: 'ignore', detached: true });
        continue;
      }
      const result = spawnSync('sh', ['-c', line], { env, encoding: 'utf8' });
      expect(result.status, `${line}\n${result.stderr}`).toBe(0);
    }
    expect(server, 'the quick start starts the server').not.toBeNull();
    const url = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        () =>
          fetch(`${url}/health`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);

    // The CLI against the running server refuses at once, in words, and changes nothing.
    const again = spawnSync('sh', ['-c', createLine!.replace(/--slug \S+/, '--slug globex')], {
      env,
      encoding: 'utf8',
    });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('The server is running on this data folder');
    expect(again.stderr).toContain('stop it first');

    await page.goto(host.url);
    await page.getByRole('button', { name: /^Sync:/ }).click();
    await page.getByRole('dialog', { name: 'Sync details' }).getByRole('button', { name: 'Sign in' }).click();
    const login = page.getByRole('dialog', { name: 'Sign in to the CRM server' });
    await login.getByLabel('Server').fill(url);
    await login.getByLabel('Company').fill(flag(createLine!, 'slug'));
    await login.getByLabel('Email').fill(flag(createLine!, 'admin-email'));
    await login.getByLabel('Password').fill(flag(createLine!, 'admin-password'));
    await login.getByRole('button', { name: 'Sign in' }).click();
    await expect(login).toBeHidden();
    await expect(page.getByTestId('sync-state')).toHaveText('Synced', { timeout: 30_000 });
  } finally {
    if (server) await stopGroup(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
