import path from 'node:path';
import type { App } from 'electron';

/** The link schemes Switchboard offers to handle (sip: is accepted when handed to us, not claimed). */
export const DIAL_SCHEMES = ['tel', 'callto', 'sms'] as const;

export interface ProtocolClientDeps {
  app: Pick<App, 'setAsDefaultProtocolClient'>;
  /** `process.defaultApp`: true when started as `electron .` (development), not as the packaged app. */
  defaultApp: boolean;
  execPath: string;
  argv: readonly string[];
}

/**
 * Registers Switchboard as the handler for tel:, callto: and sms: links (sms: opens the
 * compose sheet). In development the
 * executable is Electron itself, so (as Electron's deep-link guide says) the OS must be
 * told to run `electron <app path>`; otherwise it would start a bare Electron.
 * Returns the schemes the OS accepted (Windows 10+ may still ask the user to choose).
 */
export function registerProtocolClients(deps: ProtocolClientDeps): string[] {
  const accepted: string[] = [];
  for (const scheme of DIAL_SCHEMES) {
    let ok: boolean;
    if (deps.defaultApp) {
      const appPath = deps.argv[1];
      if (!appPath) continue;
      ok = deps.app.setAsDefaultProtocolClient(scheme, deps.execPath, [path.resolve(appPath)]);
    } else {
      ok = deps.app.setAsDefaultProtocolClient(scheme);
    }
    if (ok) accepted.push(scheme);
  }
  return accepted;
}
