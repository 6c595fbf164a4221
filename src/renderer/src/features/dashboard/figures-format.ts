import { formatDuration } from '../../ui/format';

/** "62%" or "—" when nothing happened. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** Seconds (possibly fractional averages) as the call log shows durations. */
export const duration = (seconds: number | null) => formatDuration(seconds === null ? null : Math.round(seconds));
