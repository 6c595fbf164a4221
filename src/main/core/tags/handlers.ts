import { newId } from '../../../shared/domain/ids';
import { normaliseTag, observedAdds } from '../../../shared/domain/tag-set';
import type { TaggedEntity } from '../../../shared/sync/mutations';
import type { Handlers } from '../api/dispatch';
import { readTags, readTagSet, suggestTags, taggedRecordExists } from '../db/repositories/tags';
import { notFound } from '../errors';
import { nowIso, type HandlerContext } from '../handler-context';
import { commit } from '../sync/mutate';

type TagHandlers = Pick<Handlers, 'tags.get' | 'tags.add' | 'tags.remove' | 'tags.suggest'>;

const what = { calls: 'Call', contacts: 'Contact' } as const;

/**
 * Tags of one call or contact, edited inline. Each addition gets its own id and a
 * removal names the additions this desktop sees (shared/domain/tag-set.ts): that is what
 * keeps a colleague's concurrent tag when both sync.
 */
export function tagHandlers(ctx: HandlerContext): TagHandlers {
  const { sqlite } = ctx.local;
  const mustExist = (entity: TaggedEntity, id: string) => {
    if (!taggedRecordExists(sqlite, entity, id)) throw notFound(what[entity], id);
  };
  return {
    'tags.get': ({ entity, id }) => {
      mustExist(entity, id);
      return { tags: readTags(sqlite, entity, id) };
    },
    'tags.add': ({ entity, id, tag }) => {
      mustExist(entity, id);
      // Already shown: adding it again would change nothing the agent can see.
      if (!readTags(sqlite, entity, id).includes(tag)) {
        commit(ctx, [{ name: 'tag.add', args: { entity, id, tag, addId: newId(), at: nowIso(ctx) } }]);
      }
      return { tags: readTags(sqlite, entity, id) };
    },
    'tags.remove': ({ entity, id, tag }) => {
      mustExist(entity, id);
      const addIds = observedAdds(readTagSet(sqlite, entity, id), normaliseTag(tag));
      if (addIds.length > 0) commit(ctx, [{ name: 'tag.remove', args: { entity, id, addIds, at: nowIso(ctx) } }]);
      return { tags: readTags(sqlite, entity, id) };
    },
    'tags.suggest': ({ prefix, limit }) => suggestTags(sqlite, normaliseTag(prefix), limit),
  };
}
