import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface DialableNumber {
  e164: string;
  extension?: string;
}

/**
 * Normalises what an agent typed or a CRM field holds to E.164, using the numbering
 * plan of `defaultRegion` (ISO 3166 alpha-2) when the number has no country code.
 * Returns null when nothing dialable is there.
 */
export function normalizePhone(input: string, defaultRegion: string): DialableNumber | null {
  const parsed = parsePhoneNumberFromString(input, defaultRegion.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.ext ? { e164: parsed.number, extension: parsed.ext } : { e164: parsed.number };
}
