import { z } from 'zod';

/**
 * Tags on calls and contacts, as an add-wins observed-remove set (OR-set). Two agents
 * tagging the same call offline must both keep their tags, so tags are not one
 * last-writer-wins field: every addition is its own entry with a fresh id, and a removal
 * names the additions it saw. A removal cannot remove an addition it never saw (made
 * concurrently on another desktop), so that addition survives: add wins.
 *
 * The state is two grow-only parts, `adds` (add id → tag) and `removed` (add ids), so
 * merging two copies is a union of each: commutative, associative and idempotent. That
 * is what lets the server apply mutations in any arrival order and the desktop replay
 * its waiting ones on top of any pulled copy, and still end on the same tags.
 */

export const MAX_TAG_LENGTH = 50;

/** A tag as stored: trimmed, inner runs of spaces folded, 1 to 50 characters. */
export const TagName = z
  .string()
  .transform((text) => normaliseTag(text))
  .pipe(
    z
      .string()
      .min(1, 'A tag needs at least one letter.')
      .max(MAX_TAG_LENGTH, `A tag is at most ${MAX_TAG_LENGTH} characters.`),
  );

/** The id of one addition: made by the desktop that adds (a UUID, or `seed:<tag>` for tags from before). */
export const TagAddId = z
  .string()
  .regex(/^[A-Za-z0-9:._-]{1,400}$/, 'A tag addition id is 1 to 400 letters, digits or :._-');

export const TagSet = z
  .object({
    adds: z.record(TagAddId, z.string().min(1).max(MAX_TAG_LENGTH)),
    removed: z.array(TagAddId),
  })
  .strict();
export type TagSet = z.infer<typeof TagSet>;

export const emptyTagSet = (): TagSet => ({ adds: {}, removed: [] });

export function normaliseTag(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** The tags the set shows: every tag with at least one addition no removal saw, sorted. */
export function visibleTags(set: TagSet): string[] {
  const removed = new Set(set.removed);
  const tags = new Set<string>();
  for (const [id, tag] of Object.entries(set.adds)) if (!removed.has(id)) tags.add(tag);
  return [...tags].sort((a, b) => a.localeCompare(b));
}

export function addTag(set: TagSet, addId: string, tag: string): TagSet {
  if (set.adds[addId] === tag) return set;
  return { adds: { ...set.adds, [addId]: tag }, removed: set.removed };
}

/** The additions of `tag` still live in this copy: what a removal made here must name. */
export function observedAdds(set: TagSet, tag: string): string[] {
  const removed = new Set(set.removed);
  return Object.entries(set.adds)
    .filter(([id, added]) => added === tag && !removed.has(id))
    .map(([id]) => id);
}

/**
 * Removes the additions a removal saw (and only those). Ids this copy has not seen yet
 * are kept too: when their addition arrives later, it arrives already removed.
 */
export function removeAdds(set: TagSet, addIds: readonly string[]): TagSet {
  const removed = new Set(set.removed);
  const before = removed.size;
  for (const id of addIds) removed.add(id);
  if (removed.size === before) return set;
  return { adds: set.adds, removed: [...removed].sort() };
}

export function mergeTagSets(a: TagSet, b: TagSet): TagSet {
  return { adds: { ...a.adds, ...b.adds }, removed: [...new Set([...a.removed, ...b.removed])].sort() };
}

/**
 * The set of a record tagged before tags were a set (a contact's plain list): each tag
 * gets the addition id `seed:<tag>`, the same on every desktop and the server, so a
 * removal made anywhere removes it everywhere.
 */
export function seededTagSet(tags: readonly string[]): TagSet {
  const set = emptyTagSet();
  for (const tag of tags) set.adds[`seed:${encodeSeed(tag)}`] = tag;
  return set;
}

/** Seed ids must pass TagAddId: other characters are escaped as 6 hex digits (50 of them fit in 400). */
function encodeSeed(tag: string): string {
  return [...tag]
    .map((char) => (/[A-Za-z0-9._-]/.test(char) ? char : `:${char.codePointAt(0)!.toString(16).padStart(6, '0')}`))
    .join('');
}

/**
 * A contact's set, or the one its plain list stands for when it was tagged before sets.
 * Takes a stored contact as it is (the server keeps contacts as JSON), so it checks both.
 */
export function contactTagSet(contact: { tags?: unknown; tagSet?: unknown }): TagSet {
  const set = TagSet.safeParse(contact.tagSet);
  if (set.success) return set.data;
  const tags = z.array(z.string()).safeParse(contact.tags);
  return seededTagSet(tags.success ? tags.data : []);
}

/**
 * The set after an edit that names the whole list (a contact's edit sheet): tags no
 * longer listed lose the additions this copy saw; new ones are added with their seed id.
 * Deterministic, so the desktop and the server turn the same edit into the same set.
 */
export function retagTo(set: TagSet, tags: readonly string[]): TagSet {
  const wanted = new Set(tags.map(normaliseTag));
  const shown = visibleTags(set);
  let next = set;
  for (const tag of shown) if (!wanted.has(tag)) next = removeAdds(next, observedAdds(next, tag));
  for (const tag of wanted) if (!shown.includes(tag)) next = mergeTagSets(next, seededTagSet([tag]));
  return next;
}
