/**
 * Phone numbers against libphonenumber's reference implementation.
 *
 * The table holds facts from google/libphonenumber's own test of the reference
 * (java/libphonenumber/test/com/google/i18n/phonenumbers/PhoneNumberUtilTest.java:
 * testParseNationalNumber, testParseNumberWithAlphaCharacters,
 * testParseWithInternationalPrefixes, testParseNonAscii, testParseWithLeadingZero,
 * testParseNationalNumberArgentina, testParseWithXInNumber, testParseNumbersMexico,
 * testParseNumbersWithPlusWithNoRegion, testParseExtensions,
 * testParseHandlesLongExtensions…, testParseHandlesShortExtensions…), written as E.164
 * and extension. That test runs on libphonenumber's test metadata; where the real
 * numbering plan makes the reference's number impossible (a 12-digit US number, Mexico's
 * retired mobile prefixes), refusing is right and the row says `refusalAllowed`.
 *
 * The rule is the issue's: never a number different from the reference's. The rows the
 * issue names (fullwidth and other Unicode digits and plus signs, vanity letters, `++`,
 * an international prefix after the plus, Argentina's `(0xx)`, an extension after `;`)
 * must give exactly the reference's answer.
 *
 * A property then compares with google-libphonenumber (the reference compiled to
 * JavaScript, real metadata) on numbers written the ways people write them.
 */
import fc from 'fast-check';
import lib from 'google-libphonenumber';
import { getCountries, getExampleNumber, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../src/shared/domain/phone';

interface Row {
  input: string;
  region: string;
  e164: string;
  extension?: string;
  /** The reference's number is not a possible one in the real plan: null is an allowed answer. */
  refusalAllowed?: true;
}

const nz = '+6433316005';
const us = '+16502530000';
const fullwidthUs = '\uFF0B\uFF11\u3000\uFF08\uFF16\uFF15\uFF10\uFF09\u3000\uFF12\uFF15\uFF13';

const rows: Row[] = [
  // testParseNationalNumber
  { input: '033316005', region: 'NZ', e164: nz },
  { input: '33316005', region: 'NZ', e164: nz },
  { input: '03-331 6005', region: 'NZ', e164: nz },
  { input: '03 331 6005', region: 'NZ', e164: nz },
  { input: 'tel:03-331-6005;phone-context=+64', region: 'NZ', e164: nz },
  { input: 'tel:331-6005;phone-context=+64-3', region: 'NZ', e164: nz },
  { input: 'tel:331-6005;phone-context=+64-3', region: 'US', e164: nz },
  { input: 'tel:03-331-6005;phone-context=+64;a=%A1', region: 'NZ', e164: nz },
  { input: 'tel:03-331-6005;isub=12345;phone-context=+64', region: 'NZ', e164: nz },
  { input: 'tel:+64-3-331-6005;isub=12345', region: 'NZ', e164: nz },
  { input: '03-331-6005;phone-context=+64', region: 'NZ', e164: nz },
  { input: '0064 3 331 6005', region: 'NZ', e164: nz },
  { input: '01164 3 331 6005', region: 'US', e164: nz },
  { input: '+64 3 331 6005', region: 'US', e164: nz },
  { input: '+01164 3 331 6005', region: 'US', e164: nz },
  { input: '+0064 3 331 6005', region: 'NZ', e164: nz },
  { input: '+ 00 64 3 331 6005', region: 'NZ', e164: nz },
  { input: '64(0)64123456', region: 'NZ', e164: '+6464123456' },
  { input: '301/23456', region: 'DE', e164: '+4930123456' },
  // testParseNumberWithAlphaCharacters
  { input: '0800 DDA 005', region: 'NZ', e164: '+64800332005' },
  { input: '0900 DDA 6005', region: 'NZ', e164: '+649003326005' },
  { input: '0900 332 6005a', region: 'NZ', e164: '+649003326005' },
  { input: '0900 332 600a5', region: 'NZ', e164: '+649003326005' },
  { input: '0900 332 600A5', region: 'NZ', e164: '+649003326005' },
  { input: '0900 a332 600A5', region: 'NZ', e164: '+649003326005' },
  // testParseWithInternationalPrefixes
  { input: '+1 (650) 253-0000', region: 'NZ', e164: us },
  { input: '011 800 1234 5678', region: 'US', e164: '+80012345678' },
  { input: '1-650-253-0000', region: 'US', e164: us },
  { input: '0011-650-253-0000', region: 'SG', e164: us },
  { input: '0081-650-253-0000', region: 'SG', e164: us },
  { input: '0191-650-253-0000', region: 'SG', e164: us },
  { input: '0~01-650-253-0000', region: 'PL', e164: us },
  { input: '++1 (650) 253-0000', region: 'PL', e164: us },
  // testParseNonAscii
  { input: '\uFF0B1 (650) 253-0000', region: 'SG', e164: us },
  { input: '1 (650) 253\u00AD-0000', region: 'US', e164: us },
  { input: `${fullwidthUs}\uFF0D\uFF10\uFF10\uFF10\uFF10`, region: 'SG', e164: us },
  { input: `${fullwidthUs}\u30FC\uFF10\uFF10\uFF10\uFF10`, region: 'SG', e164: us },
  { input: '\u1811 \u1816\u1815\u1810 \u1812\u1815\u1813 \u1810\u1810\u1810\u1810', region: 'US', e164: us },
  // testNormaliseOtherDigits: Arabic-Indic and Eastern Arabic-Indic digits are digits.
  { input: '\u0661 \u0666\u0665\u0660 \u0662\u0665\u0663 \u0660\u0660\u0660\u0660', region: 'US', e164: us },
  { input: '\u06F1 \u06F6\u06F5\u06F0 \u06F2\u06F5\u06F3 \u06F0\u06F0\u06F0\u06F0', region: 'US', e164: us },
  // testParseWithLeadingZero
  { input: '+39 02-36618 300', region: 'NZ', e164: '+390236618300' },
  { input: '02-36618 300', region: 'IT', e164: '+390236618300' },
  { input: '345 678 901', region: 'IT', e164: '+39345678901' },
  // testParseNationalNumberArgentina
  { input: '+54 9 343 555 1212', region: 'AR', e164: '+5493435551212' },
  { input: '0343 15 555 1212', region: 'AR', e164: '+5493435551212' },
  { input: '+54 9 3715 65 4320', region: 'AR', e164: '+5493715654320' },
  { input: '03715 15 65 4320', region: 'AR', e164: '+5493715654320' },
  { input: '911 876 54321', region: 'AR', e164: '+5491187654321' },
  { input: '+54 11 8765 4321', region: 'AR', e164: '+541187654321' },
  { input: '011 8765 4321', region: 'AR', e164: '+541187654321' },
  { input: '+54 3715 65 4321', region: 'AR', e164: '+543715654321' },
  { input: '03715 65 4321', region: 'AR', e164: '+543715654321' },
  { input: '+54 23 1234 0000', region: 'AR', e164: '+542312340000' },
  { input: '023 1234 0000', region: 'AR', e164: '+542312340000' },
  // testParseWithXInNumber: Argentina's carrier-selection placeholder
  { input: '01187654321', region: 'AR', e164: '+541187654321' },
  { input: '(0) 1187654321', region: 'AR', e164: '+541187654321' },
  { input: '0 1187654321', region: 'AR', e164: '+541187654321' },
  { input: '(0xx) 1187654321', region: 'AR', e164: '+541187654321' },
  { input: '011xx5481429712', region: 'US', e164: '+5481429712', refusalAllowed: true },
  // testParseNumbersMexico (the 01/044/045 prefixes are gone from the real plan)
  { input: '+52 (449)978-0001', region: 'MX', e164: '+524499780001' },
  { input: '01 (449)978-0001', region: 'MX', e164: '+524499780001', refusalAllowed: true },
  { input: '(449)978-0001', region: 'MX', e164: '+524499780001' },
  { input: '+52 1 33 1234-5678', region: 'MX', e164: '+5213312345678', refusalAllowed: true },
  { input: '044 (33) 1234-5678', region: 'MX', e164: '+5213312345678', refusalAllowed: true },
  { input: '045 33 1234-5678', region: 'MX', e164: '+5213312345678', refusalAllowed: true },
  // testParseNumbersWithPlusWithNoRegion
  { input: '+64 3 331 6005', region: 'ZZ', e164: nz },
  { input: '\uFF0B64 3 331 6005', region: 'ZZ', e164: nz },
  { input: 'Tel: +64 3 331 6005', region: 'ZZ', e164: nz },
  { input: '+800 1234 5678', region: 'ZZ', e164: '+80012345678' },
  { input: '+979 123 456 789', region: 'ZZ', e164: '+979123456789' },
  { input: 'tel:03-331-6005;phone-context=+64', region: 'ZZ', e164: nz },
  { input: '  tel:03-331-6005;phone-context=+64', region: 'ZZ', e164: nz },
  { input: 'tel:03-331-6005;isub=12345;phone-context=+64', region: 'ZZ', e164: nz },
  // testParseExtensions
  { input: '03 331 6005 ext 3456', region: 'NZ', e164: nz, extension: '3456' },
  { input: '03-3316005x3456', region: 'NZ', e164: nz, extension: '3456' },
  { input: '03-3316005 int.3456', region: 'NZ', e164: nz, extension: '3456' },
  { input: '03 3316005 #3456', region: 'NZ', e164: nz, extension: '3456' },
  { input: '1800 six-flags', region: 'US', e164: '+180074935247', refusalAllowed: true },
  { input: '1800 SIX FLAGS', region: 'US', e164: '+180074935247', refusalAllowed: true },
  { input: '0~0 1800 7493 5247', region: 'PL', e164: '+180074935247', refusalAllowed: true },
  { input: '(1800) 7493.5247', region: 'US', e164: '+180074935247', refusalAllowed: true },
  { input: '+44 2034567890x456', region: 'NZ', e164: '+442034567890', extension: '456' },
  { input: '+44 2034567890x456', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: '+44 2034567890 x456', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: '+44 2034567890 X456', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: '+44 2034567890 X 456', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: '+44 2034567890 x 456  ', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: '+44-2034567890;ext=456', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: 'tel:2034567890;ext=456;phone-context=+44', region: 'ZZ', e164: '+442034567890', extension: '456' },
  { input: '+442034567890\uFF45\uFF58\uFF54\uFF4E456', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: '+442034567890\uFF58\uFF54\uFF4E456', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: '+442034567890\uFF58\uFF54456', region: 'GB', e164: '+442034567890', extension: '456' },
  { input: '(800) 901-3355 x 7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '(800) 901-3355 , ext 7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '(800) 901-3355 ; 7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '(800) 901-3355;7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '(800) 901-3355 ,extension 7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '(800) 901-3355 ,extensi\u00F3n 7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '(800) 901-3355 ,extensio\u0301n 7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '(800) 901-3355 , 7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '(800) 901-3355 ext: 7246433', region: 'US', e164: '+18009013355', extension: '7246433' },
  { input: '8 (423) 202-25-11, \u0434\u043E\u0431. 100', region: 'RU', e164: '+74232022511', extension: '100' },
  { input: '8 (423) 202-25-11 \u0434\u043E\u0431 100', region: 'RU', e164: '+74232022511', extension: '100' },
  { input: '8 (423) 202-25-11\u0434\u043E\u0431100', region: 'RU', e164: '+74232022511', extension: '100' },
  { input: '8 (423) 202-25-11, \u0414\u041E\u0411. 100', region: 'RU', e164: '+74232022511', extension: '100' },
  { input: '(212)123-1234 x508/x1234', region: 'US', e164: '+12121231234', extension: '508' },
  { input: '(212)123-1234 x508/ x1234', region: 'US', e164: '+12121231234', extension: '508' },
  { input: '(212)123-1234 x508\\x1234', region: 'US', e164: '+12121231234', extension: '508' },
  { input: '+1 (645) 123 1234-910#', region: 'US', e164: '+16451231234', extension: '910' },
  { input: '+1 (645) 123 1234 ext. 910#', region: 'US', e164: '+16451231234', extension: '910' },
  // testParseHandlesLongExtensions… / testParseHandlesShortExtensions… (within what a record keeps)
  { input: '03 3316005ext:1', region: 'NZ', e164: nz, extension: '1' },
  { input: '03 3316005 x 123456789', region: 'NZ', e164: nz, extension: '123456789' },
  { input: '03 3316005 x. 123456789', region: 'NZ', e164: nz, extension: '123456789' },
  { input: '03 3316005 #123456789#', region: 'NZ', e164: nz, extension: '123456789' },
  { input: '03 3316005 ~ 123456789', region: 'NZ', e164: nz, extension: '123456789' },
  { input: '+442034000000,,123456789#', region: 'GB', e164: '+442034000000', extension: '123456789' },
  { input: '+1123-456-7890 666666#', region: 'US', e164: '+11234567890', extension: '666666', refusalAllowed: true },
  // The vanity example.
  { input: '1-800-FLOWERS', region: 'US', e164: '+18003569377' },
];

/** What the issue names: these must be read, and read exactly as the reference reads them. */
const mustAnswer = new Set([
  '\uFF0B1 (650) 253-0000',
  `${fullwidthUs}\uFF0D\uFF10\uFF10\uFF10\uFF10`,
  '\u1811 \u1816\u1815\u1810 \u1812\u1815\u1813 \u1810\u1810\u1810\u1810',
  '\u0661 \u0666\u0665\u0660 \u0662\u0665\u0663 \u0660\u0660\u0660\u0660',
  '\uFF0B64 3 331 6005',
  '1-800-FLOWERS',
  '0800 DDA 005',
  '0900 332 600a5',
  '++1 (650) 253-0000',
  '+01164 3 331 6005',
  '+0064 3 331 6005',
  '+ 00 64 3 331 6005',
  '(0xx) 1187654321',
  '(800) 901-3355;7246433',
  '(800) 901-3355 ; 7246433',
]);

describe('phone numbers read as libphonenumber’s reference reads them (PhoneNumberUtilTest)', () => {
  it.each(rows.map((row) => [row.input, row.region, row] as const))('%s (region %s)', (_input, _region, row) => {
    const answer = normalizePhone(row.input, row.region);
    const reference = row.extension ? { e164: row.e164, extension: row.extension } : { e164: row.e164 };
    if (answer === null && row.refusalAllowed) return;
    // Never another number: either exactly the reference's, or (for rows that allow it) none.
    expect(answer).toEqual(reference);
  });

  it('reads every case the issue names, never refusing them', () => {
    for (const input of mustAnswer) {
      const row = rows.find((r) => r.input === input)!;
      expect(row, input).toBeDefined();
      expect(normalizePhone(row.input, row.region), input).not.toBeNull();
    }
  });

  it('gives +16502530000 for a fullwidth plus from Singapore, never +6516502530000', () => {
    expect(normalizePhone('\uFF0B1 (650) 253-0000', 'SG')).toEqual({ e164: '+16502530000' });
  });

  it('refuses where the reference refuses: a plus then a 0 that is not this region’s international prefix', () => {
    // From the US the prefix is 011: `+0064…` is neither a country code nor a US prefix.
    expect(normalizePhone('+0064 3 331 6005', 'US')).toBeNull();
    expect(normalizePhone('+0 1234567', 'NZ')).toBeNull();
    expect(normalizePhone('+01164 3 331 6005', 'ZZ')).toBeNull();
  });
});

const util = lib.PhoneNumberUtil.getInstance();

/** The reference's answer (google-libphonenumber), or null where it refuses. */
function referenceAnswer(input: string, region: string): { e164: string; extension?: string } | null {
  try {
    const parsed = util.parse(input, region);
    const e164 = util.format(parsed, lib.PhoneNumberFormat.E164);
    const extension = parsed.getExtension();
    return extension ? { e164, extension } : { e164 };
  } catch {
    return null;
  }
}

const regions = getCountries().filter((country) => getExampleNumber(country, examples));

/** Digits written as fullwidth or Arabic-Indic forms, the ways a copy from a web page can give them. */
const digitForms = ['\uFF10', '\u0660', '\u06F0'].map(
  (zero) => (digit: string) => String.fromCharCode(zero.charCodeAt(0) + Number(digit)),
);

/** A real number of a real region, written the ways people and web pages write numbers. */
const writtenNumber = fc
  .record({
    region: fc.constantFrom(...regions),
    dialFrom: fc.constantFrom(...regions),
    format: fc.constantFrom('NATIONAL', 'INTERNATIONAL', 'E.164'),
    plus: fc.constantFrom('+', '\uFF0B', '++'),
    digits: fc.option(fc.integer({ min: 0, max: digitForms.length - 1 }), { nil: undefined }),
    extension: fc.option(
      fc.tuple(fc.constantFrom(' ext ', ' x', ' ext. ', ';', ' #', ', доб. '), fc.stringMatching(/^[1-9]\d{0,5}$/)),
      { nil: undefined },
    ),
  })
  .map(({ region, dialFrom, format, plus, digits, extension }) => {
    const example = getExampleNumber(region as CountryCode, examples)!;
    let text = example.format(format as 'NATIONAL' | 'INTERNATIONAL' | 'E.164');
    text = text.replace(/^\+/, plus);
    if (digits !== undefined) text = text.replace(/\d/g, digitForms[digits]!);
    if (extension) text += extension[0] + extension[1];
    // A national format is read from its own region; an international one from anywhere.
    return { text, region: format === 'NATIONAL' ? region : dialFrom };
  });

describe('phone numbers against the reference implementation (google-libphonenumber, real metadata)', () => {
  it('never answers a number different from the reference’s', () => {
    fc.assert(
      fc.property(writtenNumber, ({ text, region }) => {
        const ours = normalizePhone(text, region);
        if (ours === null) return;
        const reference = referenceAnswer(text, region);
        // Extensions written in other digits: the reference keeps them as written.
        const foldedReference = reference && {
          ...reference,
          ...(reference.extension
            ? { extension: reference.extension.replace(/\D/gu, (d) => String(Number.parseInt(d, 36) || d)) }
            : {}),
        };
        expect({ text, region, ours }).toEqual({ text, region, ours: foldedReference });
      }),
      { numRuns: 3_000 },
    );
  });
});
