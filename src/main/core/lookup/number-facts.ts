import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { zoneOfCountry } from './country-zones';

/** What the pop shows about the number itself, whoever owns it. */
export interface NumberFacts {
  /** "+44 20 7946 0000"; the number as given when libphonenumber cannot read it. */
  display: string;
  /** The zone of the number's country when it has exactly one (see country-zones.ts). */
  zone: string | null;
}

/** One parse for both facts: libphonenumber's parse is the costly step of formatting. */
export function describeNumber(e164: string): NumberFacts {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { display: e164, zone: null };
  return { display: parsed.formatInternational(), zone: zoneOfCountry(parsed.country) };
}
