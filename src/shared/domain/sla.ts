import { z } from 'zod';

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
