import type { ChildProcess } from 'node:child_process';

/** Asks a child process to stop (SIGTERM, so it closes its database) and waits until it has. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
