import { z } from 'zod';
import { Id } from '../domain/primitives';
import { TagName } from '../domain/tag-set';
import { TaggedEntity } from '../sync/mutations';
import type { ApiTable } from './table';

/** What the tags of a call or a contact are asked for by. */
export const TagTarget = z.object({ entity: TaggedEntity, id: Id }).strict();

export const TagsOfRecord = z.object({ tags: z.array(z.string()) });

export const tagsApi = {
  'tags.get': {
    input: TagTarget,
    output: TagsOfRecord,
    summary: 'The tags of a call or a contact, sorted.',
  },
  'tags.add': {
    input: TagTarget.extend({ tag: TagName }).strict(),
    output: TagsOfRecord,
    summary: 'Tags a call or a contact (synced as tag.add: concurrent tags from other desktops are all kept).',
  },
  'tags.remove': {
    input: TagTarget.extend({ tag: TagName }).strict(),
    output: TagsOfRecord,
    summary: 'Removes a tag as this desktop sees it (synced as tag.remove of the additions seen here).',
  },
  'tags.suggest': {
    input: z
      .object({
        /** What the agent has typed so far; empty lists the most used tags. */
        prefix: z.string().max(50).default(''),
        limit: z.number().int().min(1).max(50).default(8),
      })
      .strict(),
    output: z.array(z.string()),
    summary: 'Tags already in use on calls and contacts starting with the prefix, most used first.',
  },
} as const satisfies ApiTable;
