/**
 * Phone numbers and dial URIs.
 *
 * Where the cases come from:
 * - RFC 3966 §6 ("Examples"): the three tel: URIs, verbatim.
 * - RFC 3966 §3 grammar: visual separators, `;ext=`, `;isub=`, phone-context descriptors
 *   (`domainname / global-number-digits`), unknown parameters ignored (§5).
 * - libphonenumber's tests: Google's PhoneNumberUtilTest#testParseWithPhoneContext and
 *   libphonenumber-js's extractPhoneContext.test.js (the NZ `033316005` cases, valid and
 *   invalid descriptors).
 * - libphonenumber-js README: `8 (800) 555-35-35` in RU, `+12133734253`,
 *   `(213) 373-42-53 ext. 1234`, `Call: (213) 373-4253`, `(111) 222-3333` with region XX,
 *   `+9991112223333`, the TR `444 1 44` length examples.
 * - National formats per country: the numbering plans' published example/fictional
 *   ranges (Ofcom drama numbers 020 7946 0xxx, NANP 555-01xx, ACMA 02 9374 4000…).
 * - callto: variants as Windows and Skype-era links emit them; sip: per RFC 3261 §19.1
 *   (`sip:+1-212-555-1212:1234@gateway.com;user=phone`).
 *
 * libphonenumber-js keeps state between calls when it parses phone-context itself
 * (observed with 1.13.16: the same URI alternates between a number and undefined), so
 * every URI here is parsed twice and both answers must be equal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPhoneForDisplay,
  MAX_DIAL_INPUT_LENGTH,
  normalizePhone,
  parseDialUri,
  type DialableNumber,
} from '../../../src/shared/domain/phone';

/** Parses twice and insists on the same answer, then returns it. */
function dial(uri: string, region = 'US'): DialableNumber | null {
  const first = parseDialUri(uri, region);
  const second = parseDialUri(uri, region);
  expect(second).toEqual(first);
  return first;
}

function normalize(input: string, region = 'US'): DialableNumber | null {
  const first = normalizePhone(input, region);
  expect(normalizePhone(input, region)).toEqual(first);
  return first;
}

describe('parseDialUri: RFC 3966 §6 examples', () => {
  it('reads the global number tel:+1-201-555-0123', () => {
    expect(dial('tel:+1-201-555-0123')).toEqual({ e164: '+12015550123' });
  });

  it('refuses tel:7042;phone-context=example.com: a 4-digit local number in a private domain is not dialable', () => {
    // Domain context means "local number": read in the default region, where 7042 is too short.
    expect(dial('tel:7042;phone-context=example.com', 'US')).toBeNull();
    expect(dial('tel:7042;phone-context=example.com', 'GB')).toBeNull();
    // German numbers vary in length and libphonenumber's plan calls 4 digits possible
    // there, so in DE the same URI dials +497042: we defer to the numbering plan.
    expect(dial('tel:7042;phone-context=example.com', 'DE')).toEqual({ e164: '+497042' });
  });

  it('joins tel:863-1234;phone-context=+1-914-555 to its prefix and refuses it as too long for NANP', () => {
    // Prefix + local digits = +1 914555 8631234, 14 digits: RFC 3966's illustration is not a
    // real NANP number. libphonenumber itself returns a number on the first call and
    // undefined on the second for this exact string.
    expect(dial('tel:863-1234;phone-context=+1-914-555')).toBeNull();
  });
});

describe('parseDialUri: phone-context (libphonenumber testParseWithPhoneContext)', () => {
  const NZ = { e164: '+6433316005' };

  it.each([
    ['tel:033316005;phone-context=+64', NZ],
    ["tel:033316005;phone-context=+64;{this isn't part of phone-context anymore!}", NZ],
    ['tel:033316005;phone-context=+64-3', { e164: '+643033316005' }],
    ['tel:033316005;isub=/@;phone-context=+64', NZ],
  ])('global prefix: %s', (uri, expected) => {
    expect(dial(uri, 'US')).toEqual(expected);
  });

  it.each([
    'tel:033316005;phone-context=abc.nz',
    'tel:033316005;phone-context=www.PHONE-numb3r.com',
    'tel:033316005;phone-context=a',
    'tel:033316005;phone-context=3phone.J.',
    'tel:033316005;phone-context=a--z',
  ])('domain context reads the local number in the default region: %s', (uri) => {
    expect(dial(uri, 'NZ')).toEqual(NZ);
  });

  it.each([
    'tel:033316005;phone-context=',
    'tel:033316005;phone-context=+',
    'tel:033316005;phone-context=64',
    'tel:033316005;phone-context=++64',
    'tel:033316005;phone-context=+abc',
    'tel:033316005;phone-context=.',
    'tel:033316005;phone-context=3phone',
    'tel:033316005;phone-context=a-.nz',
    'tel:033316005;phone-context=a{b}c',
  ])('an invalid descriptor makes the URI unusable: %s', (uri) => {
    expect(dial(uri, 'NZ')).toBeNull();
  });

  it('uses the +1 prefix for a 10-digit local number', () => {
    expect(dial('tel:415-555-0123;phone-context=+1', 'GB')).toEqual({ e164: '+14155550123' });
  });

  it('ignores phone-context on a global number, as RFC 3966 only defines it for local ones', () => {
    expect(dial('tel:+14155550123;phone-context=+44')).toEqual({ e164: '+14155550123' });
  });

  it('reads a local number without any context in the default region (links in the wild omit it)', () => {
    expect(dial('tel:020-7946-0018', 'GB')).toEqual({ e164: '+442079460018' });
  });

  it('gives the same answer after libphonenumber has been fed phone-context URIs directly', async () => {
    const { parsePhoneNumberFromString } = await import('libphonenumber-js');
    for (let i = 0; i < 3; i++) {
      parsePhoneNumberFromString('tel:033316005;phone-context=+64', 'NZ');
      expect(parseDialUri('tel:033316005;phone-context=+64', 'NZ')).toEqual(NZ);
    }
  });
});

describe('parseDialUri: tel: parameters, separators and encoding', () => {
  it.each([
    ['tel:+1-201-555-0123;ext=1234', { e164: '+12015550123', extension: '1234' }],
    ['tel:+1.201.555.0123;EXT=12-34', { e164: '+12015550123', extension: '1234' }],
    ['tel:+1(201)555-0123;isub=1411', { e164: '+12015550123' }],
    ['tel:+64-3-331-6005;isub=12345', { e164: '+6433316005' }],
    ['tel:+1-201-555-0123;foo=bar', { e164: '+12015550123' }],
    ['tel:+1-201-555-0123;a=b;ext=5', { e164: '+12015550123', extension: '5' }],
    ['tel:+1-201-555-0123;flag;ext=5;ext=6', { e164: '+12015550123', extension: '5' }],
    ['tel:%2B14155550123', { e164: '+14155550123' }],
    ['tel:+1%20415%20555%200123', { e164: '+14155550123' }],
    ['tel:%2b1%20(415)%20555-0123;ext=%39%39', { e164: '+14155550123', extension: '99' }],
    ['tel:+1 415 555 0123', { e164: '+14155550123' }],
    ['TEL:+14155550123', { e164: '+14155550123' }],
    ['  tel:+14155550123  \n', { e164: '+14155550123' }],
    ['tel://+14155550123/', { e164: '+14155550123' }],
  ])('%s', (uri, expected) => {
    expect(dial(uri)).toEqual(expected);
  });

  it('drops an extension that is not digits or longer than a PhoneNumber record holds', () => {
    expect(dial('tel:+14155550123;ext=abc')).toEqual({ e164: '+14155550123' });
    expect(dial('tel:+14155550123;ext=12345678901')).toEqual({ e164: '+14155550123' });
  });

  it('leaves a malformed escape as typed instead of throwing', () => {
    expect(dial('tel:+1415555%ZZ0123')).toBeNull();
    expect(dial('tel:+14155550123;ext=%E0%A4%A')).toEqual({ e164: '+14155550123' });
  });

  it.each(['tel:', 'tel:;ext=12', 'tel:abc', 'tel:+', 'tel:*67', 'tel:#31#', 'tel:+1-800-FLOWERS', 'tel:0'])(
    'finds nothing dialable in %s',
    (uri) => {
      expect(dial(uri)).toBeNull();
    },
  );
});

describe('parseDialUri: callto:', () => {
  it.each([
    'callto:+14155550123',
    'callto://+14155550123',
    'callto://+14155550123/',
    'CALLTO://+14155550123/',
    'callto:+1%20415%20555%200123',
    'callto://+1 (415) 555-0123/',
    'callto:+14155550123?call',
  ])('%s', (uri) => {
    expect(dial(uri)).toEqual({ e164: '+14155550123' });
  });

  it('reads a national number in the default region', () => {
    expect(dial('callto://030 1234567/', 'DE')).toEqual({ e164: '+49301234567' });
  });

  it('refuses a Skype-style user name', () => {
    expect(dial('callto:echo123')).toBeNull();
    expect(dial('callto://')).toBeNull();
  });
});

describe('parseDialUri: sip: and sips:', () => {
  it.each([
    ['sip:+14155550123@example.com;user=phone', { e164: '+14155550123' }],
    ['SIPS:+14155550123@example.com', { e164: '+14155550123' }],
    ['sip:+1-212-555-1212:1234@gateway.com;user=phone', { e164: '+12125551212' }],
    ['sip:+14155550123;ext=22@example.com;user=phone', { e164: '+14155550123', extension: '22' }],
    ['sip:020-7946-0018@pbx.example.co.uk', { e164: '+442079460018' }],
    ['sip:%2B14155550123@example.com', { e164: '+14155550123' }],
    ['sip:+14155550123', { e164: '+14155550123' }],
  ])('%s', (uri, expected) => {
    expect(dial(uri, 'GB')).toEqual(expected);
  });

  it.each(['sip:alice@example.com', 'sips:bob@biloxi.example.com;transport=tls', 'sip:@example.com', 'sip:'])(
    'refuses a SIP address whose user is not a number: %s',
    (uri) => {
      expect(dial(uri)).toBeNull();
    },
  );
});

describe('parseDialUri: other input', () => {
  it('accepts a bare number', () => {
    expect(dial('+1 (415) 555-0123')).toEqual({ e164: '+14155550123' });
    expect(dial('(415) 555-0123', 'US')).toEqual({ e164: '+14155550123' });
  });

  it('reads a bare number with URI parameters with our parser, not libphonenumber', () => {
    expect(dial('033316005;phone-context=+64', 'US')).toEqual({ e164: '+6433316005' });
    expect(dial('%2B14155550123')).toEqual({ e164: '+14155550123' });
  });

  it.each(['', '   ', 'mailto:someone@example.com', 'http://+14155550123', 'hello', 'javascript:alert(1)'])(
    'refuses %j',
    (uri) => {
      expect(dial(uri)).toBeNull();
    },
  );

  it('refuses absurdly long input quickly, without a regex blow-up', () => {
    const started = Date.now();
    expect(dial('tel:+1' + '-'.repeat(MAX_DIAL_INPUT_LENGTH))).toBeNull();
    expect(dial('tel:' + '1'.repeat(MAX_DIAL_INPUT_LENGTH - 10) + 'a')).toBeNull();
    expect(dial('tel:1;phone-context=' + 'a-'.repeat(1000) + '.')).toBeNull();
    expect(dial('tel:1;phone-context=+' + '('.repeat(2000) + 'x')).toBeNull();
    expect(normalize('1'.repeat(MAX_DIAL_INPUT_LENGTH + 1))).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('never throws and always answers the same, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('US', 'GB', 'DE', 'XX', ''), (text, region) => {
        for (const input of [text, `tel:${text}`, `callto://${text}/`, `sip:${text}@x.example`]) {
          const first = parseDialUri(input, region);
          expect(parseDialUri(input, region)).toEqual(first);
          if (first) expect(first.e164).toMatch(/^\+[1-9]\d{1,14}$/);
        }
      }),
    );
  });
});

describe('normalizePhone: numbers in several countries (national formats)', () => {
  it.each([
    ['(415) 555-0123', 'US', '+14155550123'],
    ['415.555.0123', 'US', '+14155550123'],
    ['1-415-555-0123', 'US', '+14155550123'],
    ['020 7946 0018', 'GB', '+442079460018'],
    ['07700 900123', 'GB', '+447700900123'],
    ['030 1234567', 'DE', '+49301234567'],
    ['+49 (0)30 1234567', 'DE', '+49301234567'],
    ['01 23 45 67 89', 'FR', '+33123456789'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['98765 43210', 'IN', '+919876543210'],
    ['(11) 91234-5678', 'BR', '+5511912345678'],
    ['090-1234-5678', 'JP', '+819012345678'],
    ['03-1234-5678', 'JP', '+81312345678'],
    ['02 9374 4000', 'AU', '+61293744000'],
    ['0412 345 678', 'AU', '+61412345678'],
  ])('%s in %s → %s', (input, region, e164) => {
    expect(normalize(input, region)).toEqual({ e164 });
  });

  it('reads a number with a country code whatever the default region', () => {
    expect(normalize('+44 20 7946 0018', 'US')).toEqual({ e164: '+442079460018' });
    expect(normalize('+81 3-1234-5678', 'BR')).toEqual({ e164: '+81312345678' });
  });

  it('accepts a lower-case region', () => {
    expect(normalize('020 7946 0018', 'gb')).toEqual({ e164: '+442079460018' });
  });
});

describe('normalizePhone: libphonenumber-js README cases', () => {
  it('reads " 8 (800) 555-35-35 " in RU', () => {
    expect(normalize(' 8 (800) 555-35-35 ', 'RU')).toEqual({ e164: '+78005553535' });
  });

  it('reads +12133734253 without a region', () => {
    expect(normalize('+12133734253', '')).toEqual({ e164: '+12133734253' });
  });

  it('keeps the extension of "(213) 373-42-53 ext. 1234"', () => {
    expect(normalize('(213) 373-42-53 ext. 1234', 'US')).toEqual({ e164: '+12133734253', extension: '1234' });
  });

  it('extracts the number from "Call: (213) 373-4253"', () => {
    expect(normalize('Call: (213) 373-4253', 'US')).toEqual({ e164: '+12133734253' });
  });

  it('refuses a national number when the region does not exist', () => {
    expect(normalize('(111) 222-3333', 'XX')).toBeNull();
    expect(normalize('(111) 222-3333', '')).toBeNull();
  });

  it('refuses a country calling code that does not exist', () => {
    expect(normalize('+9991112223333', 'US')).toBeNull();
  });

  it('checks length: "444 1 44" is too short in TR, "444 1 444" is possible', () => {
    expect(normalize('444 1 44', 'TR')).toBeNull();
    expect(normalize('444 1 444', 'TR')).toEqual({ e164: '+904441444' });
  });
});

describe('normalizePhone: what is not dialable', () => {
  // Vanity numbers (1-800-FLOWERS) are dialable, as the reference reads them: phone-reference.test.ts.
  it.each(['', '   ', 'abc', 'n/a', '+', '12', 'FLOWERS', '18-FLOWERS'])('%j → null', (input) => {
    expect(normalize(input)).toBeNull();
  });

  it('routes dial URIs through parseDialUri so both agree', () => {
    expect(normalize('tel:%2B14155550123;ext=7')).toEqual({ e164: '+14155550123', extension: '7' });
    expect(normalize('tel:033316005;phone-context=+64')).toEqual({ e164: '+6433316005' });
  });
});

describe('normalizePhone: properties', () => {
  // Any national number in these plans: area/mobile prefix digits plus subscriber digits.
  // US numbers are written without a trunk prefix, the others with their leading 0.
  const national = (region: string, prefix: number, rest: number): string =>
    region === 'US' ? `${prefix}${rest}` : `0${prefix}${rest}`;
  const samples = fc.oneof(
    fc.tuple(fc.constant('US'), fc.integer({ min: 200, max: 989 }), fc.integer({ min: 2000000, max: 9999999 })),
    fc.tuple(fc.constant('GB'), fc.constant(20), fc.integer({ min: 70000000, max: 89999999 })),
    fc.tuple(fc.constant('DE'), fc.constant(30), fc.integer({ min: 1000000, max: 9999999 })),
    fc.tuple(fc.constant('FR'), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 10000000, max: 99999999 })),
  );

  it('is idempotent: normalising an E.164 result gives the same result, in any region', () => {
    fc.assert(
      fc.property(samples, fc.constantFrom('US', 'GB', 'DE', 'FR', 'JP'), ([region, prefix, rest], other) => {
        const first = normalizePhone(national(region, prefix, rest), region);
        if (first === null) return;
        expect(normalizePhone(first.e164, region)).toEqual(first);
        expect(normalizePhone(first.e164, other)).toEqual(first);
        expect(parseDialUri(`tel:${first.e164}`, other)).toEqual(first);
      }),
    );
  });

  it('round-trips through the display format', () => {
    fc.assert(
      fc.property(samples, ([region, prefix, rest]) => {
        const first = normalizePhone(national(region, prefix, rest), region);
        if (first === null) return;
        expect(normalizePhone(formatPhoneForDisplay(first.e164), 'JP')).toEqual(first);
      }),
    );
  });
});

describe('formatPhoneForDisplay', () => {
  it.each([
    ['+14155550123', '+1 415 555 0123'],
    ['+442079460018', '+44 20 7946 0018'],
    ['+49301234567', '+49 30 1234567'],
    ['+33123456789', '+33 1 23 45 67 89'],
    ['+919876543210', '+91 98765 43210'],
    ['+5511912345678', '+55 11 91234 5678'],
    ['+819012345678', '+81 90 1234 5678'],
    ['+61293744000', '+61 2 9374 4000'],
  ])('%s → %s', (e164, shown) => {
    expect(formatPhoneForDisplay(e164)).toBe(shown);
  });

  it('shows what it cannot read as it came, instead of failing', () => {
    expect(formatPhoneForDisplay('not a number')).toBe('not a number');
    expect(formatPhoneForDisplay('')).toBe('');
  });
});
