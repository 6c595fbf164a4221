import type Database from 'better-sqlite3';
import { contactTagSet, emptyTagSet, visibleTags, type TagSet } from '../../../../shared/domain/tag-set';
import type { TaggedEntity } from '../../../../shared/sync/mutations';
import type { WriteTx } from '../write-tx';

/**
 * Tags of calls and contacts (schema/tags.ts). Writers give the whole set; the tags it
 * shows are rewritten with it in `record_tags` (and in a contact's own `tags`, which the
 * pop, the directory search and the edit sheet read). Plain prepared SQL: a bulk tag of
 * ten thousand calls runs these once per call.
 */

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(sqlite: Database.Database, text: string): Database.Statement {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let found = statements.get(text);
  if (!found) statements.set(text, (found = sqlite.prepare(text)));
  return found;
}

/** Whether the record exists here (a tag on a call or contact this desktop lacks is refused). */
export function taggedRecordExists(sqlite: Database.Database, entity: TaggedEntity, id: string): boolean {
  const table = entity === 'calls' ? 'calls' : 'contacts';
  return statement(sqlite, `select 1 from ${table} where id = ?`).get(id) !== undefined;
}

/** The record's set: stored, or for a contact tagged before sets, seeded from its list. */
export function readTagSet(sqlite: Database.Database, entity: TaggedEntity, id: string): TagSet {
  const row = statement(sqlite, `select tag_set as tagSet from tag_sets where entity = ? and entity_id = ?`).get(
    entity,
    id,
  ) as { tagSet: string } | undefined;
  // Written only by writeTagSet from a parsed set: read back as it is (a bulk action reads ten thousand).
  if (row) return JSON.parse(row.tagSet) as TagSet;
  if (entity === 'calls') return emptyTagSet();
  const contact = statement(sqlite, `select tags from contacts where id = ?`).get(id) as { tags: string } | undefined;
  return contact ? contactTagSet({ tags: JSON.parse(contact.tags) as string[] }) : emptyTagSet();
}

export function readTags(sqlite: Database.Database, entity: TaggedEntity, id: string): string[] {
  const rows = statement(sqlite, `select tag from record_tags where entity = ? and entity_id = ?`).all(entity, id) as {
    tag: string;
  }[];
  return rows.map((row) => row.tag).sort((a, b) => a.localeCompare(b));
}

/**
 * Stores a record's set (null: the record has none, e.g. a pulled call never tagged) and
 * the tags it shows. Returns those tags.
 */
export function writeTagSet(tx: WriteTx, entity: TaggedEntity, id: string, set: TagSet | null): string[] {
  const { sqlite } = tx;
  if (set) {
    statement(
      sqlite,
      `insert into tag_sets (entity, entity_id, tag_set) values (?, ?, ?)
       on conflict (entity, entity_id) do update set tag_set = excluded.tag_set`,
    ).run(entity, id, JSON.stringify(set));
  } else {
    statement(sqlite, `delete from tag_sets where entity = ? and entity_id = ?`).run(entity, id);
  }
  const tags = set ? visibleTags(set) : [];
  writeShownTags(tx, entity, id, tags);
  if (entity === 'contacts') {
    statement(sqlite, `update contacts set tags = ? where id = ? and tags <> ?`).run(
      JSON.stringify(tags),
      id,
      JSON.stringify(tags),
    );
  }
  return tags;
}

/** The tags a record shows, for filters and autocompletion (a contact's plain list, or a set's). */
export function writeShownTags(
  tx: WriteTx,
  entity: TaggedEntity,
  id: string,
  tags: readonly string[],
  options: { dropSet?: boolean } = {},
): void {
  if (options.dropSet) statement(tx.sqlite, `delete from tag_sets where entity = ? and entity_id = ?`).run(entity, id);
  statement(tx.sqlite, `delete from record_tags where entity = ? and entity_id = ?`).run(entity, id);
  const insert = statement(tx.sqlite, `insert or ignore into record_tags (entity, entity_id, tag) values (?, ?, ?)`);
  for (const tag of tags) insert.run(entity, id, tag);
}

/**
 * Tags in use that start with `prefix` (any case), the most used first: what the inline
 * editor offers as the agent types.
 */
export function suggestTags(sqlite: Database.Database, prefix: string, limit: number): string[] {
  const escaped = prefix.replace(/[\\%_]/g, (char) => `\\${char}`);
  const rows = statement(
    sqlite,
    `select tag from record_tags where tag like ? escape '\\' group by tag order by count(*) desc, tag limit ?`,
  ).all(`${escaped}%`, limit) as { tag: string }[];
  return rows.map((row) => row.tag);
}
