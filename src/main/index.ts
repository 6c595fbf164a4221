import path from 'node:path';
import { fileURLToPath } from 'node:url';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { createCore } from './core/create-core';
import { configureLogging } from './shell/logging';
import { startShell } from './shell/start';

// The Electron main entry (built to out/main/index.js). Everything lives in the shell;
// the core is passed in so the shell never reaches for it on its own. The log comes
// first, so even a failing start leaves its (redacted) trace in the log file.
const shellLog = configureLogging(log);
// electron-updater is CommonJS: its named export is read from the default one.
const { autoUpdater } = electronUpdater;
autoUpdater.logger = log;
startShell({
  createCore,
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  log: shellLog,
  updater: autoUpdater,
}).catch((error: unknown) => {
  console.error('Switchboard failed to start', error);
  process.exit(1);
});
