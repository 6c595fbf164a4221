import type { PlannedStart } from '../../../shared/domain/call';
import { planCallStart } from '../../../shared/domain/planned-time';
import { CoreError } from '../errors';

/**
 * The agent's local date-time and zone, plus the instant they resolve to, checked by
 * the shared planning rule (known zone, sane year); its sentence is the refusal.
 */
export function resolvePlannedStart(input: { local: string; zone: string } | null, now: Date): PlannedStart | null {
  if (!input) return null;
  const planned = planCallStart(input.local, input.zone, now.getTime());
  if (!planned.ok) throw new CoreError(planned.error.code, planned.error.message);
  return planned.value.plannedStart;
}
