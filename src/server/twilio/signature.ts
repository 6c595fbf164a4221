import twilio from 'twilio';

/**
 * Is this request signed by Twilio with this account's auth token?
 *
 * `url` is the full URL Twilio requested (PUBLIC_URL + path + query, never the Host a
 * proxy passed on); `params` the form fields, repeated keys as arrays. A JSON body is
 * signed through its hash: the URL carries `bodySHA256`, the signature covers the URL
 * alone, and `rawBody` must hash to it. Wraps the `twilio` package's validator, which
 * tries the URL with and without its default port (Twilio signs whichever form it was
 * configured with) and compares in constant time; anything malformed is simply not valid.
 */
export function isValidTwilioSignature(
  authToken: string,
  signature: string,
  url: string,
  params: Record<string, string | string[]>,
  rawBody?: string,
): boolean {
  if (!authToken || !signature) return false;
  try {
    const bodyHash = bodyHashOf(url);
    if (bodyHash !== null) {
      if (rawBody === undefined || !twilio.validateBody(rawBody, bodyHash)) return false;
      return twilio.validateRequest(authToken, signature, url, {});
    }
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    // An unparseable URL (the validator's `new URL` throws) cannot have been signed.
    return false;
  }
}

function bodyHashOf(url: string): string | null {
  const query = url.indexOf('?');
  if (query === -1) return null;
  return new URLSearchParams(url.slice(query + 1)).get('bodySHA256');
}
