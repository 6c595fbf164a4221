import { z } from 'zod';

/**
 * The CRM server's address. Sign-in sends the agent's password and every sync round a
 * bearer token to it, so anything but this computer must be reached over https:// —
 * over plain http:// anyone on the network path (café Wi-Fi, a hotel proxy) reads them.
 * Plain http:// stays allowed for a server on this computer (development, tests), whose
 * traffic never leaves the machine.
 */

/** localhost (and its subdomains), 127.0.0.0/8 and ::1: names that never leave this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '[::1]' || name === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export const insecureServerUrlMessage =
  'Use an https:// address for this server: over http:// your password would travel unencrypted. ' +
  'Plain http:// works only for a server on this computer (localhost or 127.0.0.1).';

/** True when talking to `url` keeps credentials off the wire in clear text. */
export function isSafeServerUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && isLoopbackHostname(parsed.hostname);
}

export const ServerUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: 'Type the server address, like https://crm.example.com' }))
  .refine(isSafeServerUrl, { error: insecureServerUrlMessage });
