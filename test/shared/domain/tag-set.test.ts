import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addTag,
  emptyTagSet,
  mergeTagSets,
  observedAdds,
  removeAdds,
  retagTo,
  seededTagSet,
  TagAddId,
  TagName,
  visibleTags,
  type TagSet,
} from '../../../src/shared/domain/tag-set';

/**
 * Several desktops edit one call's tags offline and sync in any order: each applies its
 * own edit at once and queues it; a push hands queued edits to the server (applied in
 * arrival order); a pull replaces the desktop's copy with the server's and replays what
 * is still queued (as rebase does). Whatever the interleaving, once everything is pushed
 * and pulled every copy shows the union of additions minus the removals that saw them.
 */
type Edit = { kind: 'add'; addId: string; tag: string } | { kind: 'remove'; addIds: string[] };

const apply = (set: TagSet, edit: Edit): TagSet =>
  edit.kind === 'add' ? addTag(set, edit.addId, edit.tag) : removeAdds(set, edit.addIds);

interface Desktop {
  copy: TagSet;
  outbox: Edit[];
}

const tagArb = fc.constantFrom('vip', 'storm', 'callback', 'billing', 'spam');
const step = fc.oneof(
  fc.record({ op: fc.constant('add' as const), desktop: fc.nat(3), tag: tagArb }),
  fc.record({ op: fc.constant('remove' as const), desktop: fc.nat(3), tag: tagArb }),
  fc.record({ op: fc.constant('push' as const), desktop: fc.nat(3), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('pull' as const), desktop: fc.nat(3) }),
);

describe('tag set (add-wins observed-remove)', () => {
  it('converges on every desktop to the additions minus the removals that saw them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(step, { maxLength: 60 }), (count, steps) => {
        const desktops: Desktop[] = Array.from({ length: count }, () => ({ copy: emptyTagSet(), outbox: [] }));
        let server = emptyTagSet();
        const additions = new Map<string, string>();
        const removedBySomeone = new Set<string>();
        let nextId = 0;
        for (const s of steps) {
          const desktop = desktops[s.desktop % count]!;
          if (s.op === 'add') {
            const edit: Edit = { kind: 'add', addId: `a${nextId++}`, tag: s.tag };
            additions.set(edit.addId, s.tag);
            desktop.copy = apply(desktop.copy, edit);
            desktop.outbox.push(edit);
          } else if (s.op === 'remove') {
            const seen = observedAdds(desktop.copy, s.tag);
            if (seen.length === 0) continue;
            for (const id of seen) removedBySomeone.add(id);
            const edit: Edit = { kind: 'remove', addIds: seen };
            desktop.copy = apply(desktop.copy, edit);
            desktop.outbox.push(edit);
          } else if (s.op === 'push') {
            for (const edit of desktop.outbox.splice(0, s.count)) server = apply(server, edit);
          } else {
            desktop.copy = desktop.outbox.reduce(apply, server);
          }
        }
        for (const desktop of desktops) for (const edit of desktop.outbox.splice(0)) server = apply(server, edit);
        for (const desktop of desktops) desktop.copy = server;

        const expected = [
          ...new Set([...additions].filter(([id]) => !removedBySomeone.has(id)).map(([, tag]) => tag)),
        ].sort((a, b) => a.localeCompare(b));
        expect(visibleTags(server)).toEqual(expected);
        for (const desktop of desktops) expect(visibleTags(desktop.copy)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a tag added concurrently with a removal of the same tag (add wins)', () => {
    const seen = addTag(emptyTagSet(), 'a1', 'vip');
    const agentA = removeAdds(seen, observedAdds(seen, 'vip'));
    const agentB = addTag(seen, 'b1', 'vip');
    expect(visibleTags(agentA)).toEqual([]);
    expect(visibleTags(mergeTagSets(agentA, agentB))).toEqual(['vip']);
    expect(visibleTags(mergeTagSets(agentB, agentA))).toEqual(['vip']);
  });

  it('merges in any order and grouping to the same set', () => {
    const setArb = fc
      .array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), tagArb, fc.boolean()), { maxLength: 8 })
      .map((entries) =>
        entries.reduce((set, [id, tag, drop]) => {
          // An addition id names one addition of one tag, as a fresh UUID does.
          const added = addTag(set, `${id}-${tag}`, tag);
          return drop ? removeAdds(added, [`${id}-${tag}`]) : added;
        }, emptyTagSet()),
      );
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        expect(visibleTags(mergeTagSets(a, b))).toEqual(visibleTags(mergeTagSets(b, a)));
        expect(mergeTagSets(mergeTagSets(a, b), c).removed).toEqual(mergeTagSets(a, mergeTagSets(b, c)).removed);
        expect(mergeTagSets(a, a)).toEqual({ ...a, removed: [...a.removed].sort() });
      }),
    );
  });

  it('seeds a plain tag list with the same addition ids everywhere, valid whatever the tag', () => {
    const tags = ['VIP', 'a b', 'é:x', 'x'.repeat(50)];
    const set = seededTagSet(tags);
    expect(seededTagSet(tags)).toEqual(set);
    expect(visibleTags(set)).toEqual([...tags].sort((a, b) => a.localeCompare(b)));
    for (const id of Object.keys(set.adds)) expect(TagAddId.safeParse(id).success).toBe(true);
    expect(Object.keys(seededTagSet(['a b']).adds)).not.toEqual(Object.keys(seededTagSet(['a:20b']).adds));
  });

  it('trims tags and refuses empty or overlong ones in words', () => {
    expect(TagName.parse('  storm   day ')).toBe('storm day');
    expect(TagName.safeParse('   ').error?.issues[0]?.message).toBe('A tag needs at least one letter.');
    expect(TagName.safeParse('x'.repeat(51)).success).toBe(false);
  });
});

describe('retagTo (an edit that names the whole list)', () => {
  it('removes the tags left out and adds the new ones, the same way everywhere', () => {
    const before = addTag(seededTagSet(['vip', 'storm']), 'u1', 'storm');
    const after = retagTo(before, ['vip', 'billing']);
    expect(visibleTags(after)).toEqual(['billing', 'vip']);
    expect(retagTo(before, ['vip', 'billing'])).toEqual(after);
    // A concurrent addition of `storm` this edit did not see survives it.
    expect(visibleTags(mergeTagSets(after, addTag(before, 'u2', 'storm')))).toEqual(['billing', 'storm', 'vip']);
  });
});
