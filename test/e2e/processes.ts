import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Set by Playwright's globalSetup (build-processes.ts) to the folder of the bundles. */
export const E2E_BUILD_ENV = 'SWITCHBOARD_E2E_BUILD';

/**
 * The node arguments that run an entry point: its bundle when globalSetup built one,
 * else (benches, the chaos harness) the TypeScript source under tsx.
 */
export function nodeArgsFor(entry: 'desktop/serve' | 'server/main' | 'server/cli', source: string): string[] {
  const dir = process.env[E2E_BUILD_ENV];
  const built = dir ? path.join(dir, `${entry}.mjs`) : null;
  return built && existsSync(built) ? [built] : ['--import', 'tsx', source];
}

/** Asks a child process to stop (SIGTERM, so it closes its database) and waits until it has. */
export function stopProcess(child: ChildProcess, graceMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    // A process that ignores SIGTERM is a defect of its shutdown: say so in seconds and
    // kill it, rather than let the test's teardown run out its whole timeout (5 min once).
    const hung = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${child.spawnargs.slice(1).join(' ')} (pid ${child.pid}) did not exit within ${graceMs / 1000} s of SIGTERM`,
        ),
      );
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(hung);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
