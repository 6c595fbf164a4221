/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field containing a
 * comma, double quote, CR or LF wrapped in double quotes with inner quotes doubled.
 *
 * Spreadsheets also execute a text cell that starts with =, +, -, @, tab or CR as a
 * formula ("CSV injection"). EVERY text cell is guarded, whatever its column: ids and
 * related ids were once free-form strings and slipped through a per-column list, and
 * rows stored before ids were restricted may still hold one. A guarded cell gets a
 * leading apostrophe. The one kind of text left as it is: a plain number (a duration, an
 * E.164 phone number such as +14155550123), which a spreadsheet reads as a number and
 * cannot execute.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}
