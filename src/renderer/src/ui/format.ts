/** Display helpers. Every instant is shown in the agent's zone unless a zone is given. */

let displayZone: string | undefined;

/**
 * The agent's zone from Settings. Times are typed in it (StatusChangeSheet), so they
 * must be shown in it too, not in whatever zone the computer happens to be set to.
 */
export function setDisplayZone(zone: string | undefined): void {
  displayZone = zone;
}

/** The agent's zone, or the computer's when Settings has none yet. */
export function displayTimeZone(): string {
  return displayZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  if (s === 0 && m > 0) return `${m} min`;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function formatInstant(iso: string | null, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: timeZone ?? displayZone,
  }).format(new Date(iso));
}

/** `2026-11-21T09:05` for an instant seen in a zone: what a datetime-local input shows. */
export function toLocalInput(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** "Nov 21, 2026": the day of an instant in the agent's zone. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: displayZone }).format(new Date(iso));
}

/** "Saturday, November 21, 2026" in the agent's zone: how the schedule groups its days. */
export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: displayZone }).format(new Date(iso));
}

/** "Dec 1" for a calendar date (YYYY-MM-DD), as the schedule's week range shows it. */
export function formatShortDate(date: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
