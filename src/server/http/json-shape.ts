/**
 * A shape check for JSON text, run before JSON.parse. JSON.parse itself is fast, but
 * what follows it is not: a 14 MB body nested ten thousand levels deep, or one array of
 * four million items, kept the event loop busy for seconds in zod and drizzle while
 * every other request (health checks included) waited. Refusing such a body costs one
 * linear scan that jumps over string contents with indexOf, so a push of long notes
 * scans in a few milliseconds.
 *
 * No request this server accepts comes near the limits: the deepest sync body is about
 * eight levels, the longest array is a push batch of 1000 mutations.
 */
export interface JsonShapeLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Most entries in any one array or object. */
  maxItems: number;
}

export const DEFAULT_JSON_LIMITS: JsonShapeLimits = { maxDepth: 32, maxItems: 10_000 };

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** null when the text stays within the limits, else the plain-words reason it does not. */
export function jsonShapeViolation(text: string, limits: JsonShapeLimits = DEFAULT_JSON_LIMITS): string | null {
  // items[d] counts the commas seen in the container open at depth d.
  const items: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      if (i < 0) return null; // Unterminated: JSON.parse reports it.
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++;
      if (depth > limits.maxDepth) return `The request is nested deeper than ${limits.maxDepth} levels.`;
      items[depth] = 1;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth = Math.max(0, depth - 1);
    } else if (c === COMMA && depth > 0) {
      const count = (items[depth] ?? 0) + 1;
      if (count > limits.maxItems) return `The request has a list or object of more than ${limits.maxItems} entries.`;
      items[depth] = count;
    }
  }
  return null;
}

/** Index of the closing quote of the string opening at `start`, or -1. */
function endOfString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    // The quote is escaped when an odd number of backslashes precede it.
    let slashes = 0;
    for (let j = quote - 1; j > start && text.charCodeAt(j) === BACKSLASH; j--) slashes++;
    if (slashes % 2 === 0) return quote;
    from = quote + 1;
  }
}
