/**
 * How many SMS segments a text costs, as carriers (and Twilio's bill) count them
 * (3GPP TS 23.038). A text that fits the GSM-7 alphabet is packed 7 bits a character:
 * 160 in one segment, 153 per segment once it is split (each part carries a 7-byte
 * header). A single character outside it (an emoji, a curly quote, "ç") makes the whole
 * text UCS-2, 2 bytes per UTF-16 unit: 70 in one segment, 67 per part. Characters of
 * the GSM-7 extension table (€ [ ] { } \ ^ ~ | and form feed) take two septets, an
 * escape and the character, and a pair is never split across two parts; nor is an
 * emoji's surrogate pair in UCS-2.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units per segment at this length: 160/153 or 70/67. */
  perSegment: number;
  /** Units left in the last segment before one more is needed. */
  remaining: number;
  /** The characters that forced UCS-2 (empty for GSM-7), each once, for the counter to name. */
  unicodeCharacters: string[];
}

export const SEGMENT_LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

/** Each character's cost in units: septets for GSM-7, UTF-16 units for UCS-2. */
function unitCosts(text: string): { encoding: SmsEncoding; costs: number[]; unicode: string[] } {
  const characters = [...text];
  const unicode = [...new Set(characters.filter((c) => !basic.has(c) && !extension.has(c)))];
  if (unicode.length > 0) return { encoding: 'UCS-2', costs: characters.map((c) => c.length), unicode };
  return { encoding: 'GSM-7', costs: characters.map((c) => (extension.has(c) ? 2 : 1)), unicode };
}

export function countSegments(text: string): SegmentCount {
  const { encoding, costs, unicode } = unitCosts(text);
  const limits = SEGMENT_LIMITS[encoding];
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  if (units <= limits.single) {
    return {
      encoding,
      units,
      segments: units === 0 ? 0 : 1,
      perSegment: limits.single,
      remaining: limits.single - units,
      unicodeCharacters: unicode,
    };
  }
  // Split greedily: a character that does not fit whole starts the next part.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return {
    encoding,
    units,
    segments,
    perSegment: limits.multi,
    remaining: limits.multi - used,
    unicodeCharacters: unicode,
  };
}

/** "42/160 · 1 segment · GSM-7": what the compose sheet shows under the text. */
export function segmentSummary(count: SegmentCount): string {
  const parts = count.segments === 1 ? '1 segment' : `${count.segments} segments`;
  const used = count.perSegment - count.remaining;
  const unicode = count.encoding === 'UCS-2' ? ` (because of ${count.unicodeCharacters.slice(0, 3).join(' ')})` : '';
  return `${used}/${count.perSegment} · ${parts} · ${count.encoding}${unicode}`;
}
