/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field containing a
 * comma, double quote, CR or LF wrapped in double quotes with inner quotes doubled.
 *
 * Spreadsheets also execute a text cell that starts with =, +, -, @, tab or CR as a
 * formula ("CSV injection"). Free-text fields are exported with `guard`, which prefixes
 * such a cell with an apostrophe; numbers and phone numbers (E.164 starts with +) are not.
 */
export function csvField(
  value: string | number | boolean | null | undefined,
  options: { guard?: boolean } = {},
): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (options.guard && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}
