import { describe, expect, it } from 'vitest';
import {
  BusinessHours,
  compareTriage,
  defaultBusinessHours,
  isAfterHours,
  isEmergency,
  triageReason,
} from '../../../src/shared/domain/triage';

const newYork = defaultBusinessHours('America/New_York');

describe('after hours, on the company’s clock', () => {
  it('reads the call’s time in the company zone, Monday to Friday 08:00–18:00 by default', () => {
    // Tuesday 2026-03-10, 12:00 UTC = 08:00 in New York (EDT since 8 March): open.
    expect(isAfterHours('2026-03-10T12:00:00.000Z', newYork)).toBe(false);
    // 11:59 UTC = 07:59 New York: not open yet.
    expect(isAfterHours('2026-03-10T11:59:00.000Z', newYork)).toBe(true);
    // 22:00 UTC = 18:00 New York: closed (closing time not included).
    expect(isAfterHours('2026-03-10T22:00:00.000Z', newYork)).toBe(true);
    // Saturday noon in New York.
    expect(isAfterHours('2026-03-14T16:00:00.000Z', newYork)).toBe(true);
    // The same instant is in hours in Berlin's clock only when Berlin is open.
    expect(isAfterHours('2026-03-10T12:00:00.000Z', defaultBusinessHours('Europe/Berlin'))).toBe(false);
    expect(isAfterHours('2026-03-10T18:00:00.000Z', defaultBusinessHours('Europe/Berlin'))).toBe(true);
  });

  it('follows a company’s own hours and refuses ones that close before they open', () => {
    const weekend = { zone: 'Europe/London', days: [6, 7], opens: '09:00', closes: '13:00' };
    expect(isAfterHours('2026-03-14T10:00:00.000Z', weekend)).toBe(false);
    expect(isAfterHours('2026-03-10T10:00:00.000Z', weekend)).toBe(true);
    const wrong = BusinessHours.safeParse({ ...weekend, opens: '14:00' });
    expect(wrong.error?.issues[0]?.message).toBe('Business hours must close after they open.');
  });
});

describe('emergencies and the queue', () => {
  it('an emergency is the emergency disposition or the emergency tag', () => {
    expect(isEmergency({ dispositionCode: 'emergency', tags: [] })).toBe(true);
    expect(isEmergency({ dispositionCode: null, tags: ['Emergency'] })).toBe(true);
    expect(isEmergency({ dispositionCode: 'missed', tags: ['storm'] })).toBe(false);
  });

  it('says why a call wants triage', () => {
    const base = {
      direction: 'Inbound',
      status: 'NotHeld',
      dispositionCode: null,
      recordingUrl: null,
      refused: false,
    } as const;
    expect(triageReason(base)).toBe('missed');
    expect(triageReason({ ...base, dispositionCode: 'missed' })).toBeNull();
    expect(triageReason({ ...base, dispositionCode: 'declined' })).toBeNull();
    expect(triageReason({ ...base, recordingUrl: 'https://x.test/r.mp3' })).toBe('voicemail');
    expect(triageReason({ ...base, status: 'Held' })).toBe('needs_disposition');
    expect(triageReason({ ...base, status: 'Planned' })).toBeNull();
    expect(triageReason({ ...base, status: 'Held', dispositionCode: 'resolved', refused: true })).toBe('refused');
  });

  it('puts emergencies first, then after-hours calls, then the oldest', () => {
    const items = [
      { id: 'late', emergency: false, afterHours: false, at: '2026-03-10T15:00:00.000Z' },
      { id: 'early', emergency: false, afterHours: false, at: '2026-03-10T09:00:00.000Z' },
      { id: 'night', emergency: false, afterHours: true, at: '2026-03-10T23:00:00.000Z' },
      { id: 'fire', emergency: true, afterHours: false, at: '2026-03-10T16:00:00.000Z' },
    ];
    expect([...items].sort(compareTriage).map((item) => item.id)).toEqual(['fire', 'night', 'early', 'late']);
  });
});
