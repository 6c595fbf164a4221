import { isSupportedCountry } from 'libphonenumber-js';

/**
 * The default region of the Settings form: the numbering plan used for a number typed
 * without its country code. Two capital letters are not enough: "UK" or "ZZ" name no
 * plan, and with them every national number an agent types or a pop matches is
 * unreadable. The region must be one libphonenumber has a plan for (ISO 3166 alpha-2,
 * "GB" for the United Kingdom).
 */
export function isKnownRegion(region: string): boolean {
  return /^[A-Z]{2}$/.test(region) && isSupportedCountry(region);
}

/** Why the region cannot be used, in the agent's words; null when it can. */
export function regionProblem(region: string): string | null {
  if (isKnownRegion(region)) return null;
  const shown = region.trim() === '' ? 'An empty region' : `“${region.slice(0, 8)}”`;
  const hint = region.toUpperCase() === 'UK' ? ' For the United Kingdom it is GB.' : '';
  return `${shown} is not a country code Switchboard knows. Use the two-letter code, such as US, GB or DE.${hint}`;
}
