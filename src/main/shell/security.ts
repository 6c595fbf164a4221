import type { Session, WebContents } from 'electron';
import type { AppPages } from './app-pages';

/**
 * Session- and page-level defences. The window options (contextIsolation, sandbox,
 * nodeIntegration) live in windows.ts; this file covers what a page may load, where it
 * may go, and what it may ask for. Everything not explicitly allowed here is denied.
 */

type PermissionName = Parameters<Parameters<Session['setPermissionCheckHandler']>[0] & {}>[1];

interface MediaRequestDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  mediaTypes?: readonly ('video' | 'audio')[];
}

/**
 * A permission request (getUserMedia) is granted only for the microphone, only to the
 * top frame of one of the app's own pages. A camera or screen request, or any other
 * permission, is refused: an agent console needs a microphone and nothing else.
 */
export function allowPermissionRequest(
  permission: PermissionName,
  details: MediaRequestDetails,
  pages: AppPages,
): boolean {
  if (permission !== 'media') return false;
  if (details.isMainFrame === false || !pages.isAppUrl(details.requestingUrl)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'audio');
}

/**
 * Permission checks (navigator.permissions.query, device enumeration) follow the same
 * rule. A check with mediaType 'unknown' is refused; if the Twilio SDK's device listing
 * turns out to need it, widen this here, deliberately, for the app's origin only.
 */
export function allowPermissionCheck(
  permission: PermissionName,
  requestingOrigin: string,
  details: { mediaType?: 'video' | 'audio' | 'unknown'; securityOrigin?: string },
  pages: AppPages,
): boolean {
  if (permission !== 'media') return false;
  if (!pages.isAppUrl(requestingOrigin)) return false;
  if (details.securityOrigin !== undefined && !pages.isAppUrl(details.securityOrigin)) return false;
  return details.mediaType === 'audio';
}

/** Returns the response headers with any existing CSP replaced by ours (header names are case-insensitive). */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}

/**
 * Installs the CSP header and the permission handlers on a session.
 *
 * The header is added here only for http(s) pages, i.e. the Vite dev server: Chromium's
 * webRequest never sees file:// or custom-scheme responses, so production pages served on
 * app:// get the same header from the protocol handler (app-protocol.ts) instead.
 */
export function installSessionSecurity(
  session: Session,
  pages: AppPages,
  csp: string | ((url: string) => string),
): void {
  session.webRequest.onHeadersReceived({ urls: ['http://*/*', 'https://*/*'] }, (details, callback) => {
    if (!pages.isAppUrl(details.url)) return callback({});
    const policy = typeof csp === 'string' ? csp : csp(details.url);
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(allowPermissionRequest(permission, details as MediaRequestDetails, pages));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, details, pages),
  );
}

/** Only https links leave the app, and only to the OS browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Called for every WebContents the app creates (app 'web-contents-created'), so a window
 * added later, such as the voice host, is covered without remembering to.
 */
export function hardenWebContents(contents: WebContents, pages: AppPages, openExternal: (url: string) => void): void {
  // A navigation inside the app (same origin) is fine; anything else is cancelled. Frames
  // are covered too, though the CSP already keeps foreign frames out.
  const stayInApp = (event: { url: string; preventDefault(): void }): void => {
    if (!pages.isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  // <webview> would be a second, unguarded browser inside ours.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) openExternal(url);
    return { action: 'deny' };
  });
}
