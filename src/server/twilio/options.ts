import type { SecretBox } from './secrets';

/** How the server reaches Twilio and how Twilio reaches it; all of it injectable for tests. */
export interface TwilioOptions {
  /**
   * The https base Twilio calls (PUBLIC_URL), e.g. `https://crm.example.com`. Webhook
   * signatures are checked against it, never against the Host header a proxy passes on.
   * Null: webhooks are refused (nothing can be verified).
   */
  publicUrl: string | null;
  /** Seals and opens the stored secrets; null when none may be stored (production without a key). */
  secrets: SecretBox | null;
  /** Twilio's REST base URL; tests point it at a fake server. Default `https://api.twilio.com`. */
  restBaseUrl?: string;
  /** Fetches recording media; tests hand in one that reaches the fake server. Default: global fetch. */
  fetch?: typeof fetch;
  /** An agent whose desktop has not been heard from for this long is not rung. Default 120 s. */
  presenceTimeoutSeconds?: number;
}

export const DEFAULT_REST_BASE = 'https://api.twilio.com';

/** The absolute URL Twilio calls for a path of ours, from PUBLIC_URL (no trailing slash). */
export function publicUrlFor(options: TwilioOptions, pathAndQuery: string): string | null {
  if (!options.publicUrl) return null;
  return options.publicUrl.replace(/\/+$/, '') + pathAndQuery;
}
