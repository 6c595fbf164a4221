import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, TimeZone } from '../../../src/shared/domain/primitives';

describe('the time zone check', () => {
  it('gives the same answer when asked again, for known and unknown zones alike', () => {
    for (let round = 0; round < 3; round++) {
      expect(isKnownTimeZone('America/New_York')).toBe(true);
      expect(isKnownTimeZone('UTC')).toBe(true);
      expect(isKnownTimeZone('America/New_Yorkk')).toBe(false);
      expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
      expect(isKnownTimeZone('')).toBe(false);
    }
  });

  it('still refuses an unknown zone in the schema after a known one was accepted', () => {
    expect(TimeZone.safeParse('Europe/Paris').success).toBe(true);
    expect(TimeZone.safeParse('Europe/Pariss').success).toBe(false);
    expect(TimeZone.safeParse('Europe/Paris').success).toBe(true);
  });
});
