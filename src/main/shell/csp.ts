/**
 * The Content-Security-Policy of the app's own pages. One builder, used by the shell
 * (response header) and by the renderer build (meta tag), so the two cannot drift.
 *
 * This module imports nothing from Electron on purpose: electron.vite.config.ts loads it
 * in plain Node while building.
 */
import { twilioConnectSources } from '../../shared/voice/host-protocol';

/**
 * What the Twilio Voice SDK reaches from the voice host page, and only from there: the
 * signaling socket of each edge and Insights' event gateway (the exact list lives with
 * the voice host protocol). The console page talks to nothing but itself. The SDK's
 * sounds are the app's own files (media-src 'self'), never sdk.twilio.com.
 */
export const TWILIO_CONNECT_SOURCES: readonly string[] = twilioConnectSources();

export interface CspOptions {
  /**
   * Development (`electron-vite dev`): Vite injects CSS as <style> elements and
   * @vitejs/plugin-react adds an inline module preamble for fast refresh. Neither exists
   * in a production build, so production gets none of these relaxations.
   */
  dev?: boolean;
  /** The Vite dev server's origin, for its HMR WebSocket (development only). */
  devServerOrigin?: string;
  /** The voice host page: connect-src also lists Twilio's hosts. */
  voiceHost?: boolean;
  /** frame-ancestors is ignored (and warned about) in a <meta> policy, so it is left out there. */
  forMetaTag?: boolean;
}

export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.dev === true || options.devServerOrigin !== undefined;
  const devSocket = options.devServerOrigin?.replace(/^http/, 'ws');
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    // React sets style props through the CSSOM, which CSP does not govern, so the built
    // app needs no 'unsafe-inline' for styles; only Vite's dev-time <style> injection does.
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    // data: because Vite inlines small images and fonts as data URLs (assetsInlineLimit).
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'", 'data:'],
    ['media-src', "'self'"],
    ['connect-src', "'self'", ...(options.voiceHost ? TWILIO_CONNECT_SOURCES : []), ...(devSocket ? [devSocket] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    // Nothing may frame the console (honoured in the header only).
    ...(options.forMetaTag ? [] : [['frame-ancestors', "'none'"] as [string, string]]),
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}
