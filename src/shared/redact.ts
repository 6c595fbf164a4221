/**
 * What may be written to a log file or copied for support: secrets (tokens, passwords,
 * authorization headers, API keys, JWTs) are replaced whole, and phone numbers keep only
 * their last two digits, enough for support to match a call the agent names without the
 * log becoming a list of customers' numbers. Pure and synchronous: it runs on every log
 * line, and is tested in plain Node.
 */

const hidden = '[redacted]';

/** key=value, key: value and "key": "value" for keys that name a secret. */
const secretKey =
  /(["']?)\b(pass(?:word|wd)?|secret|token|access[_-]?token|refresh[_-]?token|id[_-]?token|api[_-]?key|auth[_-]?token|client[_-]?secret|session|cookie|set-cookie|authorization|x-api-key|signature)\1(\s*[:=]\s*)((?:Bearer|Basic|Digest)\s+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&"'}]+)/gi;
/** "Authorization: Bearer abc", "Basic abc", also without the header name. */
const authScheme = /\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]{6,}/g;
/** JSON Web Tokens (Twilio access tokens, the CRM's session): three base64url parts. */
const jwt = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g;
/** Credentials in a URL: scheme://user:password@host. */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi;
/**
 * Phone numbers: E.164 or international with separators (+1 415 555 0123), tel:/callto:
 * links, and national numbers of 7+ digits with the usual separators. Ids and times are
 * not numbers in this sense: a run must start with + or a digit after a boundary and
 * contain 7 to 15 digits.
 */
const phone = /(?<![\w.:/-])(?:(?:tel|callto|sip):)?\+?\(?\d(?:[\s().-]{0,2}\d){6,14}(?![\w-])/gi;

function maskPhone(match: string): string {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7) return match;
  // A version (140.0.7339.41) is dotted too, but has a group of one digit; numbers do not.
  if (match.includes('.') && match.split('.').some((group) => group.replace(/\D/g, '').length < 2)) return match;
  const scheme = /^(tel|callto|sip):/i.exec(match)?.[0] ?? '';
  const plus = match.slice(scheme.length).startsWith('+') ? '+' : '';
  return `${scheme}${plus}${'•'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** The text with secrets and phone numbers hidden. */
export function redactText(text: string): string {
  return text
    .replace(urlCredentials, `$1${hidden}@`)
    .replace(jwt, hidden)
    .replace(authScheme, `$1 ${hidden}`)
    .replace(secretKey, (_all, quote: string, key: string, sep: string, _scheme: string, value: string) => {
      const q = /^["']/.test(value) ? value[0] : '';
      return `${quote}${key}${quote}${sep}${q}${hidden}${q}`;
    })
    .replace(phone, maskPhone);
}

const secretName = /pass(word|wd)?|secret|token|api[_-]?key|authorization|cookie|session|signature/i;

/**
 * A value of any shape, redacted: strings as above, an object's secret-named keys
 * replaced whole, errors as their redacted message and stack. Cycles are cut.
 */
export function redactValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (value instanceof Error) {
    const error = new Error(redactText(value.message));
    error.name = value.name;
    error.stack = value.stack === undefined ? undefined : redactText(value.stack);
    return error;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, secretName.test(key) ? hidden : redactValue(item, seen)]),
  );
}
