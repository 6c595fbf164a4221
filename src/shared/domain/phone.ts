import { isSupportedCountry, Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { cutSecondNumber, foldPhoneCharacters, readLetters } from './phone-text';

/**
 * Phone numbers: what an agent types, what a CRM field holds, and what the operating
 * system hands our registered tel:/callto: handler all end up here as E.164.
 *
 * libphonenumber-js knows the numbering plans, so it decides whether a number is
 * possible. It is NOT trusted with URIs: it does not percent-decode (`%2B`, `%20`),
 * it gives up on `;ext=` after a parameter it does not know, and its phone-context
 * handling keeps state between calls (observed with 1.13.16: parsing
 * `tel:033316005;phone-context=+64` succeeds, the identical second call returns
 * undefined, the third succeeds again). So we parse RFC 3966 ourselves and hand it
 * only a clean `+digits` or national-digits string.
 */

export interface DialableNumber {
  e164: string;
  extension?: string;
}

/** E.164: `+`, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/** Whether the text is already a number in E.164 form (nothing is normalised here). */
export function isE164(text: string): boolean {
  return E164_PATTERN.test(text);
}

/** Longer input is refused before any parsing: no legitimate number or URI is this long. */
export const MAX_DIAL_INPUT_LENGTH = 2048;

/** Same limit as the PhoneNumber record's `extension` (directory.ts), so a result always saves. */
const MAX_EXTENSION_DIGITS = 10;

/**
 * Normalises what an agent typed or a CRM field holds to E.164, using the numbering
 * plan of `defaultRegion` (ISO 3166 alpha-2) when the number has no country code.
 * An unknown or empty region still accepts numbers written with `+`.
 * Input that is a dial URI (tel:, callto:, sip:) goes through `parseDialUri`, so the
 * two entry points can never disagree. Returns null when nothing dialable is there.
 */
export function normalizePhone(input: string, defaultRegion: string): DialableNumber | null {
  if (typeof input !== 'string' || input.length > MAX_DIAL_INPUT_LENGTH) return null;
  const text = input.trim();
  if (text === '') return null;
  if (DIAL_SCHEME.test(text)) return parseDialUri(text, defaultRegion);
  return fromBareNumber(text, defaultRegion);
}

/**
 * Parses what an OS hands a registered handler: `tel:` (RFC 3966), `callto:` (with or
 * without `//`, with Windows' trailing slash), `sip:`/`sips:` whose user part is a
 * number, or a bare number. Schemes are case-insensitive. Anything else, or a URI
 * without a possible number in it, gives null.
 */
export function parseDialUri(uri: string, defaultRegion: string): DialableNumber | null {
  if (typeof uri !== 'string' || uri.length > MAX_DIAL_INPUT_LENGTH) return null;
  const text = uri.trim();
  const scheme = SCHEME.exec(text);
  if (!scheme) return text === '' ? null : fromBareNumber(text, defaultRegion);
  const body = stripSlashes(text.slice(scheme[0].length));
  switch (scheme[1]!.toLowerCase()) {
    case 'tel':
    case 'callto':
      return fromSubscriber(parseTelephoneSubscriber(body), defaultRegion);
    case 'sip':
    case 'sips': {
      const user = sipUserPart(body);
      return user === null ? null : fromSubscriber(parseTelephoneSubscriber(user), defaultRegion);
    }
    default:
      return null;
  }
}

/**
 * What a search box holds when the agent searches by phone number: the number as
 * E.164, by the same rules the screen pop and click-to-dial use, so `646 555 0107`,
 * `(646) 555-0107`, `+1 646-555-0107` and `tel:+16465550107` all find `+16465550107`.
 * Only text made of digits and the punctuation numbers are written with counts (at
 * least 6 digits), so a name or a subject containing a number is not taken for one.
 * Returns null when the text is not a phone number.
 */
export function phoneSearchKey(input: string, defaultRegion: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const text = input.trim().replace(/^(tel|callto):\/{0,2}/i, '');
  if (!/^\+?[\d\s().\-/]+$/.test(text)) return null;
  if ((text.match(/\d/g) ?? []).length < 6) return null;
  return normalizePhone(text, defaultRegion)?.e164 ?? null;
}

/**
 * International format for the UI ("+1 415 555 0123"). Display must never fail, so
 * anything libphonenumber cannot read is shown as it came.
 */
export function formatPhoneForDisplay(e164: string): string {
  if (typeof e164 !== 'string' || e164.length > MAX_DIAL_INPUT_LENGTH) return '';
  const parsed = parsePhoneNumberFromString(e164.trim());
  return parsed ? parsed.formatInternational() : e164;
}

// ---------------------------------------------------------------------------------
// RFC 3966 parsing. Every pattern below is linear: single character classes, no
// nested quantifiers, so hostile input cannot make them backtrack.

const SCHEME = /^([a-z][a-z0-9+.-]{0,15}):/i;
const DIAL_SCHEME = /^(tel|callto|sips?):/i;
/** RFC 3966 visual separators, plus the whitespace that `%20` decodes to. */
const VISUAL_SEPARATORS = /[-.()\s]/g;
const GLOBAL_DIGITS = /^\+\d+$/;
const GLOBAL_CONTEXT = /^\+[\d\-.()]+$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const LOCAL_DIGITS = /^\d+$/;

/** The parts of an RFC 3966 telephone-subscriber that matter for dialing. */
interface TelephoneSubscriber {
  /** Digits only, with a leading `+` for a global number. Empty when unusable. */
  number: string;
  extension: string | null;
  /** `+digits` when phone-context is a global-number prefix; null for a domain or none. */
  contextPrefix: string | null;
}

/**
 * Splits `number;param=value;...` into number and parameters. Decoding happens after
 * the split, so an encoded `%3B` inside a value cannot invent a parameter. Unknown
 * parameters (and `isub`, which a softphone cannot dial) are ignored, as RFC 3966
 * asks; when a parameter repeats, the first one counts.
 */
function parseTelephoneSubscriber(body: string): TelephoneSubscriber {
  const [rawNumber = '', ...rawParams] = body.split(';');
  const params = new Map<string, string>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    const name = percentDecode(eq < 0 ? raw : raw.slice(0, eq))
      .trim()
      .toLowerCase();
    if (name !== '' && !params.has(name)) params.set(name, eq < 0 ? '' : percentDecode(raw.slice(eq + 1)).trim());
  }
  const number = percentDecode(rawNumber).replace(VISUAL_SEPARATORS, '');
  const ext = (params.get('ext') ?? '').replace(VISUAL_SEPARATORS, '');
  const context = params.has('phone-context') ? phoneContext(params.get('phone-context')!) : null;
  const usable = (GLOBAL_DIGITS.test(number) || LOCAL_DIGITS.test(number)) && context !== 'invalid';
  return {
    number: usable ? number : '',
    extension: LOCAL_DIGITS.test(ext) && ext.length <= MAX_EXTENSION_DIGITS ? ext : null,
    contextPrefix: context === null || context === 'invalid' || context === 'domain' ? null : context,
  };
}

/**
 * RFC 3966: `descriptor = domainname / global-number-digits`. Returns the `+digits`
 * prefix, `domain`, or `invalid` for anything else (empty, `64` without the plus,
 * `++64`, `a-.nz`…): libphonenumber's own tests refuse those, and so do we, because a
 * number whose context we cannot read could be dialed in the wrong country.
 */
function phoneContext(descriptor: string): string | 'domain' | 'invalid' {
  if (descriptor.startsWith('+')) {
    if (!GLOBAL_CONTEXT.test(descriptor)) return 'invalid';
    const prefix = descriptor.replace(VISUAL_SEPARATORS, '');
    return GLOBAL_DIGITS.test(prefix) ? prefix : 'invalid';
  }
  return isDomainName(descriptor) ? 'domain' : 'invalid';
}

/** RFC 3966 domainname: dot-separated labels of letters, digits and inner hyphens; the last starts with a letter. */
function isDomainName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = text.endsWith('.') ? text.slice(0, -1).split('.') : text.split('.');
  return (
    labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label)) &&
    /^[a-z]/i.test(labels[labels.length - 1]!)
  );
}

/**
 * Turns a parsed subscriber into E.164. A global number ignores phone-context (RFC
 * 3966 only defines it for local numbers). A local number under a global prefix is
 * prefix + digits, read as international. A local number under a domain context (or
 * none, which RFC 3966 forbids but links do) is read in the agent's default region.
 */
function fromSubscriber(sub: TelephoneSubscriber, defaultRegion: string): DialableNumber | null {
  if (sub.number === '') return null;
  const isGlobal = sub.number.startsWith('+');
  const clean = !isGlobal && sub.contextPrefix ? sub.contextPrefix + sub.number : sub.number;
  const parsed = fromLibphonenumber(clean, defaultRegion);
  if (!parsed) return null;
  return sub.extension ? { e164: parsed.e164, extension: sub.extension } : { e164: parsed.e164 };
}

/**
 * The number in `sip:+14155550123:password@host;user=phone`: the user part, without a
 * password, as a telephone-subscriber. A SIP address whose user is a name (alice@…) is
 * not a number, so null. Without `@` the whole thing is a host and not dialable, but a
 * number written there is accepted because some click-to-call links do that.
 */
function sipUserPart(body: string): string | null {
  const at = body.indexOf('@');
  const user = at < 0 ? body.split(';')[0]! : body.slice(0, at);
  const colon = user.indexOf(':');
  const withoutPassword = colon < 0 ? user : user.slice(0, colon);
  return withoutPassword === '' ? null : withoutPassword;
}

/** `callto://+1…/` and `tel://…`: drop the authority slashes and Windows' trailing slash. */
function stripSlashes(body: string): string {
  let start = 0;
  let end = body.length;
  while (start < end && body[start] === '/') start++;
  while (end > start && body[end - 1] === '/') end--;
  // A query string is not part of any number (callto:+1…?call from old Skype links).
  const query = body.indexOf('?', start);
  return body.slice(start, query >= 0 && query < end ? query : end);
}

/**
 * Decodes `%XX` escapes byte-wise; a malformed escape stays as typed instead of
 * throwing like decodeURIComponent would. Multi-byte UTF-8 is irrelevant here: every
 * character a phone number may contain is ASCII, and anything else is refused later.
 */
function percentDecode(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * A number without a scheme. Typed text ("+1 (415) 555-0123 ext. 45") goes to
 * libphonenumber, which reads extensions in many spellings (`;45` and `,,45` too); text
 * carrying URI syntax (`;name=value` parameters or `%` escapes) goes through our RFC 3966
 * parser, because libphonenumber would otherwise apply its own phone-context handling to it.
 */
function fromBareNumber(text: string, defaultRegion: string): DialableNumber | null {
  if (/;[^;]*=/.test(text) || text.includes('%')) return fromSubscriber(parseTelephoneSubscriber(text), defaultRegion);
  return readWrittenNumber(text, defaultRegion);
}

/**
 * A number as people write it, read as libphonenumber's reference implementation reads
 * it (phone-text.ts): Unicode digits and plus signs folded first; then libphonenumber-js;
 * and where libphonenumber-js gives up but the reference reads a number, the reference's
 * two other readings: an international prefix after the plus, and letters.
 */
function readWrittenNumber(text: string, defaultRegion: string): DialableNumber | null {
  const folded = cutSecondNumber(foldPhoneCharacters(text));
  const direct = fromLibphonenumber(folded, defaultRegion);
  if (direct) return direct;
  const lettered = readLetters(folded);
  if (lettered) {
    const number =
      fromLibphonenumber(lettered.number, defaultRegion) ?? viaPrefixAfterPlus(lettered.number, defaultRegion);
    if (!number) return null;
    if (!lettered.extension) return number;
    return lettered.extension.length <= MAX_EXTENSION_DIGITS ? { ...number, extension: lettered.extension } : null;
  }
  return viaPrefixAfterPlus(folded, defaultRegion);
}

/**
 * `+01164 3 331 6005` from the US, `+0064 3 331 6005` from New Zealand: a plus followed
 * by the region's own international prefix (a country code never starts with 0). The
 * reference drops the plus and reads the prefix; it answers only when the digits after
 * the plus start with that region's prefix, and so do we.
 */
function viaPrefixAfterPlus(text: string, defaultRegion: string): DialableNumber | null {
  const plus = /^[^+\d]*\+(?=[\s\-.()/~]*0)/.exec(text);
  if (!plus) return null;
  const region = defaultRegion.trim().toUpperCase();
  if (!isSupportedCountry(region)) return null;
  const plans = new Metadata();
  plans.selectNumberingPlan(region as CountryCode);
  const prefix = plans.numberingPlan?.IDDPrefix();
  if (!prefix) return null;
  const withoutPlus = text.slice(plus[0].length);
  const digits = withoutPlus.replace(/\D/g, '');
  const idd = new RegExp(`^(?:${prefix})`).exec(digits);
  if (!idd) return null;
  const number = fromLibphonenumber(withoutPlus, region);
  // Only the reading through the prefix counts, not the digits taken as a national number.
  return number && `+${digits.slice(idd[0].length)}`.startsWith(number.e164) ? number : null;
}

/** The one place libphonenumber is asked: a plain string, a checked region, possible or null. */
function fromLibphonenumber(text: string, defaultRegion: string): DialableNumber | null {
  const region = typeof defaultRegion === 'string' ? defaultRegion.trim().toUpperCase() : '';
  const parsed = parsePhoneNumberFromString(text, isSupportedCountry(region) ? (region as CountryCode) : undefined);
  if (!parsed || !parsed.isPossible()) return null;
  const ext =
    parsed.ext && LOCAL_DIGITS.test(parsed.ext) && parsed.ext.length <= MAX_EXTENSION_DIGITS ? parsed.ext : null;
  return ext ? { e164: parsed.number, extension: ext } : { e164: parsed.number };
}
