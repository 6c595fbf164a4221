import { eq } from 'drizzle-orm';
import type { FollowUpItem } from '../../../shared/api/follow-ups';
import type { CallRecord } from '../../../shared/domain/call';
import { newId } from '../../../shared/domain/ids';
import { DEFAULT_SLA_RULES, SlaRules, SlaRulesView, slaDeadline } from '../../../shared/domain/sla';
import type { Task } from '../../../shared/domain/work';
import type { Handlers } from '../api/dispatch';
import { customerZone } from '../calls/customer-zone';
import { followUpDueAt } from '../calls/wrap-up';
import type { Db } from '../db/client';
import { getCall } from '../db/repositories/calls';
import { getTask, listTasks } from '../db/repositories/tasks';
import { settings } from '../db/schema';
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

/** Which rule applies to a follow-up: its call's disposition; a missed inbound call's is `missed`. */
export function slaRuleOf(call: CallRecord | null): string | null {
  if (!call) return null;
  if (call.outcome.dispositionCode) return call.outcome.dispositionCode;
  const missed = call.direction === 'Inbound' && call.status === 'NotHeld' && call.actualStart === null;
  return missed ? 'missed' : null;
}

export function followUpItem(db: Db, rules: SlaRules, task: Task): FollowUpItem {
  const call = task.callId ? getCall(db, task.callId) : null;
  const rule = slaRuleOf(call);
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
  items.filter((i) => i.deadline !== null && Date.parse(i.deadline) < now.getTime()).length;

/** Open follow-ups past their SLA deadline: the top bar's count, and the dashboard's. */
export function overdueFollowUpCount(db: Db, now: Date): number {
  return overdueOf(openFollowUps(db), now);
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
