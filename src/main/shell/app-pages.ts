/**
 * Where the app's own pages live, and the one test of "is this URL ours?" that the
 * navigation guard, the permission handlers, the CSP and the IPC sender check share.
 *
 * Production pages are served from a privileged custom scheme (app://switchboard/…)
 * rather than file://: a file:// origin would make every local file "ours", file://
 * responses carry no headers (so no CSP header), and Chromium's webRequest never sees
 * them. The custom scheme gives the console a real, unique, secure origin.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The pages the shell opens: the console, and the hidden voice host (the Twilio Device). */
export type AppPage = 'index.html' | 'voice-host.html';

export interface AppPages {
  /** `app://switchboard` in production, the Vite dev server's origin in development. */
  readonly origin: string;
  readonly dev: boolean;
  url(page: AppPage): string;
  /** True when `url` (or a bare origin) belongs to the app's own origin. */
  isAppUrl(url: string | undefined | null): boolean;
}

/**
 * `protocol//host` of a URL, lower-cased, or null when it cannot be parsed. Node's
 * `URL.origin` is "null" for non-special schemes such as app:, so it is built by hand.
 */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The dev server URL is honoured only when the app is not packaged: a packaged app
 * must never load its UI from wherever an environment variable points.
 */
export function resolveAppPages(input: { isPackaged: boolean; devServerUrl?: string | undefined }): AppPages {
  const devOrigin = !input.isPackaged ? originOf(input.devServerUrl) : null;
  const origin = devOrigin ?? APP_ORIGIN;
  return {
    origin,
    dev: devOrigin !== null,
    url: (page) => `${origin}/${page}`,
    isAppUrl: (url) => originOf(url) === origin,
  };
}
