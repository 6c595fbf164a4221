import { describe, expect, it } from 'vitest';
import { countSegments, segmentSummary } from '../../../src/shared/sms/segments';

/**
 * Against published examples: 3GPP TS 23.038 (the GSM-7 alphabets) and Twilio's
 * "What the heck is a segment?" (160/153 GSM-7, 70/67 UCS-2, an emoji forces UCS-2,
 * extension characters count twice).
 */
describe('countSegments', () => {
  it('GSM-7: 160 characters fit one segment, 161 need two of 153, 306 two, 307 three', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(countSegments('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('the basic table’s accented letters and symbols stay GSM-7 (é ñ Ä ß £ ¥ @ Δ)', () => {
    expect(countSegments('Café Ñoño Äpfel Straße £5 ¥3 @home Δ')).toMatchObject({ encoding: 'GSM-7', units: 36 });
    // ú is not in the table (ù is): one of them makes the text UCS-2.
    expect(countSegments('Ñandú').encoding).toBe('UCS-2');
  });

  it('extension characters (€ [ ] { } \\ ^ ~ |) take two septets each', () => {
    expect(countSegments('€')).toMatchObject({ encoding: 'GSM-7', units: 2, segments: 1 });
    expect(countSegments('[x]{y}')).toMatchObject({ units: 10 });
    expect(countSegments('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(countSegments('a' + '€'.repeat(80))).toMatchObject({ units: 161, segments: 2 });
  });

  it('an escape pair is never split across two segments', () => {
    // 152 septets, then € (2): 154 > 153, so € opens the second part.
    const count = countSegments('a'.repeat(152) + '€' + 'b'.repeat(10));
    expect(count).toMatchObject({ units: 164, segments: 2, remaining: 153 - 12 });
  });

  it('one emoji makes the whole text UCS-2: 70 units per segment, 67 once split; an emoji is two units', () => {
    expect(countSegments('Hi 😀')).toMatchObject({ encoding: 'UCS-2', units: 5, segments: 1, perSegment: 70 });
    expect(countSegments('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(countSegments('a' + '😀'.repeat(35))).toMatchObject({ units: 71, segments: 2, perSegment: 67 });
    expect(countSegments('a'.repeat(159) + '😀')).toMatchObject({ encoding: 'UCS-2', units: 161, segments: 3 });
  });

  it('a surrogate pair is not split: 66 units then an emoji starts the next part', () => {
    expect(countSegments('a'.repeat(66) + '😀' + 'b'.repeat(10))).toMatchObject({ units: 78, segments: 2 });
  });

  it('curly quotes and ç are not GSM-7 (Ç is), and the summary names the culprit', () => {
    const count = countSegments('It’s ready');
    expect(count).toMatchObject({ encoding: 'UCS-2', unicodeCharacters: ['’'] });
    expect(segmentSummary(count)).toBe('10/70 · 1 segment · UCS-2 (because of ’)');
    expect(countSegments('ç').encoding).toBe('UCS-2');
    expect(countSegments('Ç').encoding).toBe('GSM-7');
    expect(segmentSummary(countSegments('Hello'))).toBe('5/160 · 1 segment · GSM-7');
  });

  it('an empty text is no segment', () => {
    expect(countSegments('')).toMatchObject({ units: 0, segments: 0 });
  });
});
