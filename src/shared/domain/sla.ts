import { z } from 'zod';
import type { CallDirection, CallStatus } from './call';
import type { Task } from './work';

/**
 * Service levels for follow-ups: how soon a follow-up must be done, by the disposition
 * of the call it follows (a requested callback within 2 hours, a missed call within 1,
 * an emergency within 15 minutes), and how close it is to breaking that promise.
 * Shared, so the Tasks view, the top bar's count and the core count the same way.
 */

export const SlaRules = z.record(
  z.string().min(1).max(64),
  z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
);
export type SlaRules = z.infer<typeof SlaRules>;

/**
 * What an admin may set (PUT /admin/sla-rules, the server CLI): minutes by disposition
 * code (or `missed`), codes as the disposition lists spell them, at most 100 rules.
 */
export const SlaRulesInput = z
  .object({
    rules: z
      .record(
        z.string(),
        z
          .number({ message: 'Give each rule a whole number of minutes.' })
          .int('Give each rule a whole number of minutes.')
          .min(1, 'A rule needs at least 1 minute.')
          .max(60 * 24 * 30, 'A rule can be at most 30 days (43,200 minutes).'),
      )
      // Checked here rather than as the record's key schema, whose own message would
      // only say "Invalid key in record".
      .refine((rules) => Object.keys(rules).every((code) => /^[a-z][a-z0-9_]{0,63}$/.test(code)), {
        message: 'A rule is named by a disposition code such as callback_requested.',
      })
      .refine((rules) => Object.keys(rules).length <= 100, 'At most 100 rules.'),
  })
  .strict();

/** The rules as the server hands them out: the company's own, or the defaults. */
export const SlaRulesView = z.object({ rules: SlaRules, custom: z.boolean() });
export type SlaRulesView = z.infer<typeof SlaRulesView>;

/** Minutes to complete a follow-up, by disposition code. */
export const DEFAULT_SLA_RULES: SlaRules = Object.freeze({ callback_requested: 120, missed: 60, emergency: 15 });

export type SlaState = 'ok' | 'warning' | 'critical' | 'overdue';

export const slaStateLabel: Record<SlaState, string> = {
  ok: 'On track',
  warning: 'Due soon',
  critical: 'Almost due',
  overdue: 'Overdue',
};

/**
 * When the follow-up must be done: its SLA from when it was made (by the call's
 * disposition), or its own due time when it is earlier or no rule applies; null when
 * neither exists.
 */
export function slaDeadline(
  task: { createdAt: string; dueAt: string | null },
  ruleMinutes: number | null,
): string | null {
  const bySla = ruleMinutes === null ? null : Date.parse(task.createdAt) + ruleMinutes * 60_000;
  const byDue = task.dueAt === null ? null : Date.parse(task.dueAt);
  const deadline = bySla === null ? byDue : byDue === null ? bySla : Math.min(bySla, byDue);
  return deadline === null ? null : new Date(deadline).toISOString();
}

/** What of the call a follow-up follows picks its rule. */
export interface SlaCall {
  dispositionCode: string | null;
  direction: CallDirection;
  status: CallStatus;
  actualStart: string | null;
}

/** Which rule applies to a follow-up: its call's disposition; a missed inbound call's (never connected) is `missed`. */
export function slaRuleOf(call: SlaCall | null): string | null {
  if (!call) return null;
  if (call.dispositionCode) return call.dispositionCode;
  const missed = call.direction === 'Inbound' && call.status === 'NotHeld' && call.actualStart === null;
  return missed ? 'missed' : null;
}

/**
 * Overdue, the one rule (the Tasks view and top bar, the desktop's dashboard and the
 * server's count by it): a follow-up still open (neither done nor cancelled) whose
 * deadline, the earlier of its own due time and its SLA (slaDeadline), has passed. A
 * supervisor reads "overdue" as a promise broken, and the SLA is the promise even when
 * the agent set a later due time; one with neither is never overdue.
 */
export function followUpOverdue(
  task: Pick<Task, 'status' | 'createdAt' | 'dueAt'>,
  ruleMinutes: number | null,
  nowMs: number,
): boolean {
  if (task.status !== 'Open') return false;
  const deadline = slaDeadline(task, ruleMinutes);
  return deadline !== null && Date.parse(deadline) < nowMs;
}

/** The rule's minutes for a follow-up of this call; null when no rule applies. */
export function slaMinutesOf(rules: SlaRules, call: SlaCall | null): number | null {
  const rule = slaRuleOf(call);
  return rule === null ? null : (rules[rule] ?? null);
}

/**
 * ok until half the time is used, warning until three quarters, critical until the
 * deadline (the deadline itself included), overdue after it.
 */
export function slaState(startIso: string, deadlineIso: string, nowMs: number): SlaState {
  const start = Date.parse(startIso);
  const deadline = Date.parse(deadlineIso);
  if (nowMs > deadline) return 'overdue';
  const window = Math.max(1, deadline - start);
  const used = (nowMs - start) / window;
  if (used >= 0.75) return 'critical';
  if (used >= 0.5) return 'warning';
  return 'ok';
}

/** "1 h 05 min left", "12 min left", "20 min overdue". */
export function slaCountdown(deadlineIso: string, nowMs: number): string {
  const ms = Date.parse(deadlineIso) - nowMs;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const text =
    minutes >= 60 ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
  return ms >= 0 ? `${text} left` : `${text} overdue`;
}
