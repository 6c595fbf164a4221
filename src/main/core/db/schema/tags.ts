import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { TagSet } from '../../../../shared/domain/tag-set';

/**
 * Tags of calls and contacts. `tag_sets` holds each record's set of additions and
 * removals (shared/domain/tag-set.ts), which is what syncs and merges; `record_tags`
 * holds the tags the set shows, one row each, rewritten with the set, so "calls tagged
 * storm" and the autocompletion are index seeks instead of reading every set.
 * Rows go with their call or contact (triggers in migration 0015).
 */
export const tagSets = sqliteTable(
  'tag_sets',
  {
    entity: text('entity', { enum: ['calls', 'contacts'] }).notNull(),
    entityId: text('entity_id').notNull(),
    tagSet: text('tag_set', { mode: 'json' }).$type<TagSet>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId] })],
);

export const recordTags = sqliteTable(
  'record_tags',
  {
    entity: text('entity', { enum: ['calls', 'contacts'] }).notNull(),
    entityId: text('entity_id').notNull(),
    tag: text('tag').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.entityId, t.tag] }),
    index('record_tags_tag_idx').on(t.entity, t.tag, t.entityId),
  ],
);
