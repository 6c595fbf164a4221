/**
 * Pull cursors. A position in the company's change stream ordered by
 * (version, entity index, row id). `c1:<v>` means "everything up to version v";
 * `c1:<v>:<entity>:<id>` is a position inside version v, used when a page ends in the
 * middle of a version (one bulk import stamps a million rows with a single version).
 * Clients treat cursors as opaque strings.
 */
export interface Cursor {
  version: number;
  /** Entity index in the pull order, or null for "all of this version delivered". */
  entity: number | null;
  id: string;
}

export const START: Cursor = { version: 0, entity: null, id: '' };

export function encodeCursor(cursor: Cursor): string {
  return cursor.entity === null ? `c1:${cursor.version}` : `c1:${cursor.version}:${cursor.entity}:${cursor.id}`;
}

/** null when the string is not a cursor this server made. */
export function decodeCursor(text: string): Cursor | null {
  const match = /^c1:(\d{1,15})(?::(\d{1,2}):(.+))?$/.exec(text);
  if (!match) return null;
  const version = Number(match[1]);
  if (match[2] === undefined) return { version, entity: null, id: '' };
  return { version, entity: Number(match[2]), id: match[3]! };
}
