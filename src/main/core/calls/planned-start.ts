import type { PlannedStart } from '../../../shared/domain/call';
import { resolveLocalDateTime } from '../../../shared/domain/time';
import { CoreError } from '../errors';

/** The agent's local date-time and zone, plus the instant they resolve to (time.ts). */
export function resolvePlannedStart(input: { local: string; zone: string } | null): PlannedStart | null {
  if (!input) return null;
  let utc: string;
  try {
    utc = resolveLocalDateTime(input.local, input.zone);
  } catch {
    throw new CoreError('invalid_input', `${input.local} in ${input.zone} is not a date and time that can be planned.`);
  }
  return { local: input.local, zone: input.zone, utc };
}
