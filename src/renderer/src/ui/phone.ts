import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** "+1 415 555 0123" for display; the stored value stays E.164. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
