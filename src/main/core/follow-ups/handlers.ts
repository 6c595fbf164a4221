import { and, eq } from 'drizzle-orm';
import type { FollowUpItem } from '../../../shared/api/follow-ups';
import { newId } from '../../../shared/domain/ids';
import {
  DEFAULT_SLA_RULES,
  followUpOverdue,
  SlaRules,
  SlaRulesView,
  slaDeadline,
  slaMinutesOf,
  slaRuleOf,
} from '../../../shared/domain/sla';
import type { Task } from '../../../shared/domain/work';
import type { Handlers } from '../api/dispatch';
import { customerZone } from '../calls/customer-zone';
import { followUpDueAt } from '../calls/wrap-up';
import type { Db } from '../db/client';
import { getCall } from '../db/repositories/calls';
import { getTask, listTasks } from '../db/repositories/tasks';
import { calls, settings, tasks } from '../db/schema';
import { nowIso, orNotFound, type HandlerContext } from '../handler-context';
import { commit } from '../sync/mutate';
import { storeAsSetting, type ServerCopy } from '../sync/server-copies';

/**
 * The company's SLA rules as the server last handed them out (settings key `slaRules`),
 * else the defaults: signed out, or before the first read.
 */
export function slaRules(db: Db): SlaRules {
  const row = db.select().from(settings).where(eq(settings.key, SLA_RULES_KEY)).get();
  const parsed = SlaRules.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SLA_RULES;
}

const SLA_RULES_KEY = 'slaRules';

/** The company's rules, set by an admin on the server (GET /sla-rules), kept locally. */
export const slaRulesCopy: ServerCopy<SlaRules> = {
  path: '/sla-rules',
  parse: (body) => {
    const parsed = SlaRulesView.safeParse(body);
    return parsed.success ? parsed.data.rules : null;
  },
  store: storeAsSetting(SLA_RULES_KEY),
  // Every open follow-up's deadline may move: the Tasks view and the top bar count again.
  changed: { entity: 'task', ids: () => [] },
};

export function followUpItem(db: Db, rules: SlaRules, task: Task): FollowUpItem {
  const call = task.callId ? getCall(db, task.callId) : null;
  const rule = slaRuleOf(call && { ...call, dispositionCode: call.outcome.dispositionCode });
  const minutes = rule !== null ? (rules[rule] ?? null) : null;
  return {
    task,
    slaRule: minutes === null ? null : rule,
    slaMinutes: minutes,
    deadline: slaDeadline(task, minutes),
    callSubject: call?.subject ?? null,
  };
}

/** The open follow-ups, soonest SLA deadline first. */
function openFollowUps(db: Db): FollowUpItem[] {
  const rules = slaRules(db);
  return listTasks(db, { status: ['Open'], limit: 500, offset: 0 })
    .items.map((t) => followUpItem(db, rules, t))
    .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
}

const overdueOf = (items: readonly FollowUpItem[], now: Date) =>
  items.filter((i) => followUpOverdue(i.task, i.slaMinutes, now.getTime())).length;

/**
 * The dashboard's count: the agent's own open follow-ups past their deadline, by the
 * shared rule (followUpOverdue), so it matches the server's count of the same tasks.
 * All of them, not the Tasks view's first 500.
 */
export function overdueFollowUpCount(db: Db, ownerId: string, now: Date): number {
  const rules = slaRules(db);
  const rows = db
    .select({
      status: tasks.status,
      createdAt: tasks.createdAt,
      dueAt: tasks.dueAt,
      callId: calls.id,
      dispositionCode: calls.dispositionCode,
      direction: calls.direction,
      callStatus: calls.status,
      actualStart: calls.actualStart,
    })
    .from(tasks)
    .leftJoin(calls, eq(calls.id, tasks.callId))
    .where(and(eq(tasks.ownerId, ownerId), eq(tasks.status, 'Open')))
    .all();
  return rows.filter((row) => {
    const call = row.callId === null ? null : { ...row, direction: row.direction!, status: row.callStatus! };
    return followUpOverdue(row, slaMinutesOf(rules, call), now.getTime());
  }).length;
}

export function followUpHandlers(ctx: HandlerContext): Pick<Handlers, 'followUps.list' | 'followUps.create'> {
  const { db } = ctx.local;
  return {
    'followUps.list': () => {
      const items = openFollowUps(db);
      return { items, overdue: overdueOf(items, ctx.now()) };
    },
    'followUps.create': (input) => {
      const call = input.callId ? orNotFound(getCall(db, input.callId), 'Call', input.callId) : null;
      const related = input.related !== undefined ? input.related : (call?.related ?? null);
      const dueAt = followUpDueAt(
        { subject: input.subject, preset: input.preset, dueAt: input.dueAt },
        ctx.now(),
        customerZone(db, related),
      );
      const id = newId();
      const { subject, priority, callId } = input;
      commit(ctx, [{ name: 'task.create', args: { id, subject, dueAt, priority, callId, related, at: nowIso(ctx) } }]);
      return orNotFound(getTask(db, id), 'Task', id);
    },
  };
}
