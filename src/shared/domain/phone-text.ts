/**
 * How libphonenumber's reference implementation (Google's Java PhoneNumberUtil) reads
 * the characters of a written number, for the cases libphonenumber-js reads differently.
 * phone.ts applies these before and around libphonenumber-js, so a number copied from a
 * web page, a PDF or a vanity ad gives the reference's answer or none, never another
 * number. Each rule names the reference behaviour it follows; the cases come from the
 * reference's own tests (test/shared/domain/phone-reference.test.ts).
 */

const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Any Unicode decimal digit (fullwidth ０-９, Arabic-Indic, Devanagari, Mongolian…) as
 * its ASCII digit, like the reference's Character.digit(c, 10). Unicode lays every
 * decimal digit set out as whole runs of ten consecutive code points starting at zero,
 * so a digit's value is its distance from the start of its run, modulo 10.
 */
function asciiDigit(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return char;
  let distance = 0;
  while (distance < 100 && DECIMAL_DIGIT.test(String.fromCodePoint(code - distance - 1))) distance++;
  return String(distance % 10);
}

/**
 * The reference's character equivalences: every decimal digit is its ASCII digit, the
 * fullwidth plus (U+FF0B) is a plus, and a run of plus signs (`++1 650…`, typed twice or
 * doubled by a paste) is one plus. Without the first two, libphonenumber-js read
 * `＋1 (650) 253-0000` from Singapore as the national number 1 650 253 0000 and
 * answered +65 16502530000: a wrong number dialed.
 */
export function foldPhoneCharacters(text: string): string {
  return text
    .replace(/\p{Nd}/gu, asciiDigit)
    .replace(/\uFF0B/g, '+')
    .replace(/\+{2,}/g, '+');
}

/**
 * The reference stops reading at a second number written after a slash and an x
 * (`(212) 123-1234 x508/x1234`: the second extension is ignored).
 */
export function cutSecondNumber(text: string): string {
  const second = /[\\/] *x/.exec(text);
  return second ? text.slice(0, second.index) : text;
}

/** Letters on a phone keypad (ITU E.161), as the reference's ALPHA_MAPPINGS. */
const KEYPAD: Record<string, string> = Object.fromEntries(
  [
    ['ABC', '2'],
    ['DEF', '3'],
    ['GHI', '4'],
    ['JKL', '5'],
    ['MNO', '6'],
    ['PQRS', '7'],
    ['TUV', '8'],
    ['WXYZ', '9'],
  ].flatMap(([letters, digit]) => [...letters!].map((letter) => [letter, digit!])),
);

/**
 * An extension at the end of a number, with the reference's length limits: after an
 * explicit label (`ext`, `extn`, `extension`, `xtn`, `доб`, `anexo`) up to 20 digits; after
 * an ambiguous one (`x`, `#`, `~`, `int`) up to 9; after `;` or `,,` (auto-dialling) up to 15.
 */
const TRAILING_EXTENSIONS = [
  /[\s,]*(?:e?xt(?:ensi(?:o\u0301?|ó))?n?|доб|anexo)[.:\s]*(\d{1,20})#?\s*$/iu,
  /[\s,]*(?:x|#|~|int)[.:\s]*(\d{1,9})#?\s*$/iu,
  /\s*(?:;|,,)\s*(\d{1,15})#?\s*$/u,
];

/** Anything the reference could read as an extension label, left in a number we would otherwise read letter by letter. */
const EXTENSION_LABEL = /e?xt|доб|anexo|int|x\s*\d|[#~;]|,,/iu;

export interface LetteredNumber {
  /** The number with its letters read as the reference reads them: digits, punctuation, a plus. */
  number: string;
  extension: string | null;
}

/**
 * Letters in a number, read like the reference: the number starts at its first digit or
 * plus (`Tel: `, `Call ` before it are not part of it); an extension at its end is set
 * apart first; then three or more letters are a vanity number (`1-800-FLOWERS`,
 * `0800 DDA 005`) and become keypad digits, and fewer are stray characters and are
 * dropped (`0900 332 600a5`, Argentina's carrier-code placeholder `(0xx)`).
 * Null when there are no letters to read, or when the reference could read some of them
 * as an extension label we do not parse here (then guessing could give another number).
 */
export function readLetters(text: string): LetteredNumber | null {
  const start = text.search(/[+\d]/);
  if (start < 0) return null;
  let body = text.slice(start);
  let extension: string | null = null;
  for (const pattern of TRAILING_EXTENSIONS) {
    const ext = pattern.exec(body);
    if (ext && ext.index > 0) {
      extension = ext[1]!;
      body = body.slice(0, ext.index);
      break;
    }
  }
  const letters = body.match(/[a-z]/gi) ?? [];
  if (letters.length === 0 || EXTENSION_LABEL.test(body)) return null;
  // The reference reads letters only after at least three digits (its VALID_PHONE_NUMBER,
  // where `x` counts as punctuation, as in Argentina's `(0xx)`).
  const firstLetter = body.search(/[a-wyz]/i);
  const digitsBefore = firstLetter < 0 ? body : body.slice(0, firstLetter);
  if ((digitsBefore.match(/\d/g) ?? []).length < 3) return null;
  const number =
    letters.length >= 3
      ? body.replace(/[a-z]/gi, (letter) => KEYPAD[letter.toUpperCase()]!)
      : body.replace(/[a-z]/gi, '');
  return { number, extension };
}
