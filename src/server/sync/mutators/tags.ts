import { and, eq } from 'drizzle-orm';
import { Contact } from '../../../shared/domain/directory';
import {
  addTag,
  contactTagSet,
  emptyTagSet,
  removeAdds,
  visibleTags,
  type TagSet,
} from '../../../shared/domain/tag-set';
import { ok } from '../../../shared/result';
import type { MutationArgs } from '../../../shared/sync/mutations';
import { calls, contacts } from '../../db/schema';
import { laterOf } from '../records';
import { isRow, loadCall } from './calls';
import { lockContact } from './directory';
import { notFound, reject, type MutationContext, type Mutator, type MutatorResult } from './types';

/**
 * Tags on calls and contacts: an add-wins observed-remove set (shared/domain/tag-set.ts).
 * Each mutation is merged into the stored set, whatever order mutations arrive in, so
 * two agents tagging one call offline both keep their tags. The call or contact is read
 * in the caller's company only (FOR UPDATE: two taggings of one record serialise), and a
 * call only when the caller may change it.
 */

type TagTarget = Pick<MutationArgs<'tag.add'>, 'entity' | 'id' | 'at'>;

async function changeTags(
  mc: MutationContext,
  args: TagTarget,
  change: (set: TagSet) => TagSet,
): Promise<MutatorResult> {
  const { companyId } = mc.principal;
  if (args.entity === 'calls') {
    const row = await loadCall(mc, args.id);
    if (!isRow(row)) return row;
    const before = row.tagSet ?? emptyTagSet();
    const after = change(before);
    if (after === before) return ok(undefined);
    await mc.tx
      .update(calls)
      .set({ tagSet: after, updatedAt: laterOf(row.updatedAt, args.at), version: await mc.version() })
      .where(and(eq(calls.companyId, companyId), eq(calls.id, row.id)));
    return ok(undefined);
  }
  const row = await lockContact(mc, args.id);
  if (!row) return notFound('Contact', args.id);
  const before = contactTagSet(row.data);
  const after = change(before);
  if (after === before && row.data.tagSet) return ok(undefined);
  const updatedAt = laterOf(row.updatedAt, args.at);
  const parsed = Contact.safeParse({
    ...row.data,
    tags: visibleTags(after),
    tagSet: after,
    updatedAt: updatedAt.toISOString(),
  });
  if (!parsed.success) return reject('invalid_args', 'The contact would not be valid with these tags.');
  await mc.tx
    .update(contacts)
    .set({ data: parsed.data, updatedAt, version: await mc.version() })
    .where(and(eq(contacts.companyId, companyId), eq(contacts.id, args.id)));
  return ok(undefined);
}

export const addTagMutation: Mutator<MutationArgs<'tag.add'>> = (mc, args) =>
  changeTags(mc, args, (set) => addTag(set, args.addId, args.tag));

export const removeTagMutation: Mutator<MutationArgs<'tag.remove'>> = (mc, args) =>
  changeTags(mc, args, (set) => removeAdds(set, args.addIds));
