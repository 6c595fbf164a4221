import type { App } from 'electron';

/**
 * tel:/callto:/sip: links handed to Switchboard by the operating system. Three doors,
 * one destination:
 *   - the first start's argv (Windows, Linux: the OS starts `switchboard tel:+1…`),
 *   - `second-instance` argv (Windows, Linux: the OS starts a second copy, which hands
 *     its argv to us through the single-instance lock and quits),
 *   - `open-url` (macOS; it can fire before `ready`, even before the window exists).
 * All three go through one router that brings the console forward and hands the link
 * to the core. Parsing the number is the core's job (parseDialUri); this file only finds
 * the link.
 */

const dialLinkPattern = /^(?:tel|callto|sip|sips|sms|smsto):/i;

/** Matches what the core's `links.open` accepts, so a link found here is never refused for length. */
const maxLinkLength = 2048;

export function isDialLink(arg: string): boolean {
  return dialLinkPattern.test(arg) && arg.length <= maxLinkLength;
}

/**
 * The dial link in a process's argv, or null. argv holds the executable, Chromium and
 * app flags (which may come before or after the link), in development the app path, and
 * on Windows sometimes extra arguments: only an argument that starts with a dial scheme
 * counts. The last one wins when several are there.
 */
export function findDialLink(argv: readonly string[]): string | null {
  for (let index = argv.length - 1; index >= 0; index -= 1) {
    const arg = argv[index]?.trim();
    if (arg && !arg.startsWith('-') && isDialLink(arg)) return arg;
  }
  return null;
}

export interface LinkRouter {
  /** A link (or null for "the user started the app again": just show it). */
  receive(uri: string | null): void;
  /** The console is loaded and listening: deliver what was queued, then deliver directly. */
  ready(): void;
}

/**
 * Until the console has loaded, links are queued: the core's `dial.requested` event would
 * otherwise reach a page that is not listening yet and the link would be lost.
 */
export function createLinkRouter(deps: { focus: () => void; handleDialLink: (uri: string) => void }): LinkRouter {
  let isReady = false;
  let wantsFocus = false;
  const queue: string[] = [];
  const deliver = (uri: string | null): void => {
    deps.focus();
    if (uri) deps.handleDialLink(uri);
  };
  return {
    receive(uri) {
      if (isReady) return deliver(uri);
      wantsFocus = true;
      if (uri) queue.push(uri);
    },
    ready() {
      if (isReady) return;
      isReady = true;
      const pending = queue.splice(0);
      if (pending.length === 0 && wantsFocus) deliver(null);
      for (const uri of pending) deliver(uri);
    },
  };
}

export interface WireLinksDeps {
  app: Pick<App, 'on'>;
  /** This process's own argv (the first start). */
  argv: readonly string[];
  focus: () => void;
  handleDialLink: (uri: string) => void;
}

/**
 * Attaches the three doors to one router. Call it synchronously at start, before `ready`:
 * macOS delivers `open-url` for the link that launched the app very early.
 */
export function wireLinks(deps: WireLinksDeps): LinkRouter {
  const router = createLinkRouter(deps);
  const first = findDialLink(deps.argv);
  if (first) router.receive(first);
  deps.app.on('open-url', (event, url) => {
    // Tells macOS the URL was handled.
    event.preventDefault();
    if (isDialLink(url)) router.receive(url);
  });
  deps.app.on('second-instance', (_event, argv) => {
    router.receive(findDialLink(argv));
  });
  return router;
}
