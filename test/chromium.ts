import { existsSync } from 'node:fs';

/** Debian's chromium-headless-shell package: Chromium's headless-only build. */
const headlessShell = '/usr/lib/chromium/chromium-headless-shell';
/** Debian's chromium package: the full browser. */
const fullBrowser = '/usr/bin/chromium';

/**
 * The Chromium the end-to-end tests and benches drive (browsers cannot be downloaded
 * here, so Playwright never installs its own): CHROMIUM_PATH if set, else the headless
 * shell, else the full browser.
 *
 * Why the shell first: the full browser's headless mode is the whole browser without a
 * window, with its own UI renderers and compositing beside the page's. On forms.spec.ts
 * (10 tests, one worker) the shell took 57 s of Chromium CPU instead of 91 s and the file
 * 71 s instead of 86 s. The full browser is still what `--headed` needs
 * (CHROMIUM_PATH=/usr/bin/chromium).
 */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? (existsSync(headlessShell) ? headlessShell : fullBrowser);
}

/**
 * The full browser (or CHROMIUM_PATH), for the specs that drive the Twilio Voice SDK's
 * media: its media stack is the one Electron has. In the headless shell, the same fake
 * devices are listed, but twilio-audio.spec.ts's microphone unplugged mid-call never
 * brought its alert (twice; it passes in the full browser). Not chased further.
 */
export function fullChromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? fullBrowser;
}
