/**
 * Turns what an agent typed into an FTS5 query: every word must appear, each as a
 * prefix ("acm" finds "Acme"). Words are quoted so FTS5 syntax in the input (AND, NEAR,
 * quotes, column filters, a stray `*`) is searched for as text instead of breaking the
 * query. Returns null when nothing searchable is left.
 */
export function ftsMatchQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

/** Escapes a LIKE pattern's wildcards; use with `ESCAPE '\'`. */
export function likePrefix(input: string): string {
  return `${input.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
