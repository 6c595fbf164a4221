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
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
