import { describe, expect, it } from 'vitest';
import { localTimeIn } from '../../../../src/shared/domain/time';
import { createLocalTimeCache } from '../../../../src/main/core/lookup/local-time-cache';

describe('the screen pop’s local-time cache', () => {
  it('gives what localTimeIn gives, across zones and DST changes', () => {
    const cache = createLocalTimeCache();
    const zones = [
      'Europe/London',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'UTC',
    ];
    const instants = [
      '2026-03-08T06:59:00.000Z', // New York, a minute before spring-forward
      '2026-03-08T07:00:00.000Z',
      '2026-03-29T00:59:00.000Z', // Europe, around spring-forward
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z', // Europe, after fall-back
      '2026-07-01T12:34:56.789Z',
    ];
    for (const zone of zones) {
      for (const instant of instants) {
        const expected = localTimeIn(zone, instant);
        expect(cache.localTime(zone, Date.parse(instant)), `${zone} at ${instant}`).toEqual(expected);
      }
    }
  });

  it('refuses an unknown zone like localTimeIn', () => {
    expect(() => createLocalTimeCache().localTime('Mars/Olympus', Date.now())).toThrow();
  });
});
