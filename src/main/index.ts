import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from './core/create-core';
import { startShell } from './shell/start';

// The Electron main entry (built to out/main/index.js). Everything lives in the shell;
// the core is passed in so the shell never reaches for it on its own.
startShell({ createCore, mainDir: path.dirname(fileURLToPath(import.meta.url)) }).catch((error: unknown) => {
  console.error('Switchboard failed to start', error);
  process.exit(1);
});
