import type { BulkAction, BulkSelection } from '../../../shared/api/bulk';
import { checkDisposition, dispositionLabel } from '../../../shared/domain/disposition';
import { newId } from '../../../shared/domain/ids';
import { observedAdds } from '../../../shared/domain/tag-set';
import type { Handlers } from '../api/dispatch';
import type { Db } from '../db/client';
import { whereOfTable, type TableContext } from '../db/repositories/call-table';
import { prepared, sqliteOf } from '../db/repositories/call-reads';
import { getSettings } from '../db/repositories/settings';
import { readTags, readTagSet } from '../db/repositories/tags';
import { CoreError } from '../errors';
import { nowIso, type HandlerContext } from '../handler-context';
import { commit, type Mutation } from '../sync/mutate';
import type { SessionManager } from '../sync/session';
import { planOwner } from './bulk-owner';
import { dispositionList } from './dispositions';
import { supervisesCalls } from './supervision';

/**
 * Bulk actions on calls. The selection is resolved here, on the core side, so "all
 * matching the filter" includes calls the table never loaded (the same WHERE as the
 * table, repositories/call-table.ts). Each call gets its own mutation through the one
 * write path, committed in slices so the agent sees progress and the UI stays alive;
 * the mutations that undo it are worked out at the same time, from the same state, so
 * Undo restores exactly what this action changed (a tag it added, not one a colleague
 * added meanwhile: tags are a set, shared/domain/tag-set.ts).
 */

export type BulkHandlers = Pick<Handlers, 'calls.bulk' | 'calls.bulkUndo'>;

/** Calls per transaction: big enough to be fast, small enough to report progress often. */
export const BULK_SLICE = 2000;

interface Plan {
  mutations: Mutation[];
  undo: Mutation[];
  changed: number;
  skipped: number;
  summary: string;
}

export function resolveSelection(db: Db, selection: BulkSelection, context: TableContext): string[] {
  if ('ids' in selection) return [...new Set(selection.ids)];
  const where = whereOfTable(selection.filter, context);
  const clause = where.text.length > 0 ? ` where ${where.text.join(' and ')}` : '';
  const rows = prepared(sqliteOf(db), `select id from calls${clause} order by sort_at desc, seq desc`).all(
    ...where.params,
  ) as { id: string }[];
  const except = new Set(selection.except);
  return rows.map((row) => row.id).filter((id) => !except.has(id));
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

interface CallFacts {
  id: string;
  direction: 'Inbound' | 'Outbound';
  status: 'Planned' | 'Held' | 'NotHeld' | 'Cancelled';
  dispositionCode: string | null;
}

function factsOf(db: Db, ids: readonly string[]): CallFacts[] {
  const statement = prepared(
    sqliteOf(db),
    `select id, direction, status, disposition_code as dispositionCode from calls where id in (select value from json_each(?))`,
  );
  const facts: CallFacts[] = [];
  // json_each over a slice at a time: one statement per ten thousand ids, not one per id.
  for (let start = 0; start < ids.length; start += 10_000) {
    facts.push(...(statement.all(JSON.stringify(ids.slice(start, start + 10_000))) as CallFacts[]));
  }
  return facts;
}

export function planBulk(db: Db, ids: readonly string[], action: BulkAction, at: string): Plan {
  const sqlite = sqliteOf(db);
  const plan: Plan = { mutations: [], undo: [], changed: 0, skipped: 0, summary: '' };
  const tagCalls = (tag: string) => {
    for (const id of ids) {
      if (readTags(sqlite, 'calls', id).includes(tag)) continue;
      const addId = newId();
      plan.mutations.push({ name: 'tag.add', args: { entity: 'calls', id, tag, addId, at } });
      plan.undo.push({ name: 'tag.remove', args: { entity: 'calls', id, addIds: [addId], at } });
    }
  };
  switch (action.kind) {
    case 'tag':
      tagCalls(action.tag);
      plan.changed = plan.mutations.length;
      plan.summary = `Tagged ${plural(plan.changed, 'call')} “${action.tag}”.`;
      break;
    case 'untag':
      for (const id of ids) {
        const addIds = observedAdds(readTagSet(sqlite, 'calls', id), action.tag).slice(0, 200);
        if (addIds.length === 0) continue;
        plan.mutations.push({ name: 'tag.remove', args: { entity: 'calls', id, addIds, at } });
        plan.undo.push({ name: 'tag.add', args: { entity: 'calls', id, tag: action.tag, addId: newId(), at } });
      }
      plan.changed = plan.mutations.length;
      plan.summary = `Removed “${action.tag}” from ${plural(plan.changed, 'call')}.`;
      break;
    case 'disposition': {
      const list = dispositionList(db);
      for (const call of factsOf(db, ids)) {
        if (call.dispositionCode === action.code) continue;
        if (checkDisposition(list, action.code, call)) continue;
        plan.mutations.push({ name: 'call.update', args: { id: call.id, set: { dispositionCode: action.code }, at } });
        plan.undo.push({
          name: 'call.update',
          args: { id: call.id, set: { dispositionCode: call.dispositionCode }, at },
        });
      }
      plan.changed = plan.mutations.length;
      plan.summary = `Set “${dispositionLabel(list, action.code)}” on ${plural(plan.changed, 'call')}.`;
      break;
    }
    case 'spam':
      tagCalls('spam');
      plan.changed = plan.mutations.length;
      // The reason goes with each call as a note (notes are append-only: Undo removes the
      // tag, and the note stays as the record that it was marked).
      for (const mutation of [...plan.mutations]) {
        const callId = (mutation.args as { id: string }).id;
        plan.mutations.push({
          name: 'note.add',
          args: { id: newId(), body: `Marked as spam: ${action.reason}`, callId, at },
        });
      }
      plan.summary = `Marked ${plural(plan.changed, 'call')} as spam.`;
      break;
    case 'owner': {
      const owner = planOwner(db, ids, action.ownerId, at);
      plan.mutations = owner.mutations;
      plan.undo = owner.undo;
      plan.changed = plan.mutations.length;
      plan.summary = `Gave ${plural(plan.changed, 'call')} to ${owner.ownerName}.`;
      break;
    }
  }
  plan.skipped = ids.length - plan.changed;
  return plan;
}

/** Commits the mutations slice by slice, telling the UI how far it got after each. */
async function applyInSlices(ctx: HandlerContext, mutations: readonly Mutation[], total: number): Promise<void> {
  const perCall = total > 0 ? mutations.length / total : 1;
  const slice = Math.max(1, Math.round(BULK_SLICE * perCall));
  for (let start = 0; start < mutations.length; start += slice) {
    commit(ctx, mutations.slice(start, start + slice));
    const done = Math.min(total, Math.round((start + slice) / perCall));
    ctx.events.emit('bulk.progress', { done, total });
    // Let the event reach the window before the next slice.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export function bulkHandlers(ctx: HandlerContext, session: Pick<SessionManager, 'info'>): BulkHandlers {
  const { db } = ctx.local;
  let lastUndo: { mutations: Mutation[]; calls: number; summary: string } | null = null;
  const context = (): TableContext => {
    const settings = getSettings(db);
    return { region: settings.defaultRegion, zone: settings.timeZone };
  };
  return {
    'calls.bulk': async ({ selection, action }) => {
      if (action.kind === 'owner' && !supervisesCalls(session)) {
        throw new CoreError(
          'forbidden',
          'Only a supervisor or an admin, signed in to the CRM server, can change who owns calls.',
        );
      }
      const ids = resolveSelection(db, selection, context());
      if (ids.length === 0) throw new CoreError('empty_selection', 'No calls match this selection.');
      const plan = planBulk(db, ids, action, nowIso(ctx));
      await applyInSlices(ctx, plan.mutations, plan.changed);
      lastUndo = plan.changed > 0 ? { mutations: plan.undo, calls: plan.changed, summary: plan.summary } : null;
      return { changed: plan.changed, skipped: plan.skipped, summary: plan.summary, undoable: lastUndo !== null };
    },
    'calls.bulkUndo': async () => {
      const undo = lastUndo;
      if (!undo) throw new CoreError('nothing_to_undo', 'There is no bulk action to undo.');
      lastUndo = null;
      const at = nowIso(ctx);
      await applyInSlices(
        ctx,
        undo.mutations.map((m) => ({ ...m, args: { ...m.args, at } }) as Mutation),
        undo.calls,
      );
      return { changed: undo.calls, skipped: 0, summary: `Undone: ${undo.summary}`, undoable: false };
    },
  };
}
