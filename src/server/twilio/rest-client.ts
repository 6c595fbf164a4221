import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { DEFAULT_REST_BASE, type TwilioOptions } from './options';
import type { TwilioAccount } from './settings';

/**
 * Twilio's REST API through the `twilio` package, authenticated with the company's API
 * key (never the auth token, which only checks webhook signatures). The package builds
 * every URL on https://*.twilio.com; `restBaseUrl` (env TWILIO_API_BASE, or the option)
 * moves all of them to another origin, which is how the tests reach their recording
 * fake of api.twilio.com. The path, method and form stay exactly what the package sends.
 */

export type TwilioRest = ReturnType<typeof twilio>;

/** The package's HTTP client with every request's origin replaced by `base`. */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: URL) {
    super({ timeout: 15_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    const rebased = new URL(uri.pathname + uri.search, this.base);
    return super.request<TData>({ ...opts, uri: rebased.toString() });
  }
}

export function twilioRestFor(account: TwilioAccount, options: Pick<TwilioOptions, 'restBaseUrl'>): TwilioRest {
  const base = options.restBaseUrl ?? DEFAULT_REST_BASE;
  return twilio(account.apiKeySid, account.apiSecret, {
    accountSid: account.accountSid,
    ...(base === DEFAULT_REST_BASE ? {} : { httpClient: new RebasedRequestClient(new URL(base)) }),
  });
}
