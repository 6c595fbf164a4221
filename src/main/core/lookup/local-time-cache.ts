import { localTimeIn, type LocalTime } from '../../../shared/domain/time';

/**
 * The caller's local time, fast. `localTimeIn` (time.ts) is the rule: it builds several
 * Intl formatters per call to find a zone abbreviation a person recognises, which costs
 * 0.1–0.2 ms and, with the garbage it leaves, several ms at the 99th percentile — more
 * than every index seek of the screen pop together. A zone's abbreviation depends only
 * on the zone and its current offset (CET/CEST), so it is asked once per (zone, offset)
 * and the wall clock is read with one formatter kept per zone. Even that one formatter
 * costs several µs, as much as the pop's own index seeks, and its answer only changes
 * once a minute: the last minute's answer is kept per zone.
 *
 * Results equal `localTimeIn`'s (see the lookup tests); a zone the runtime does not know
 * throws like it does.
 */
export interface LocalTimeCache {
  localTime(zone: string, epochMs: number): LocalTime;
}

export function createLocalTimeCache(): LocalTimeCache {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const abbreviations = new Map<string, string>();
  const lastMinute = new Map<string, { minute: number; time: LocalTime }>();

  function formatterFor(zone: string): Intl.DateTimeFormat {
    let formatter = formatters.get(zone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      formatters.set(zone, formatter);
    }
    return formatter;
  }

  function compute(zone: string, minute: number): LocalTime {
    const parts: Record<string, string> = {};
    for (const part of formatterFor(zone).formatToParts(minute)) parts[part.type] = part.value;
    const {
      year,
      month,
      day,
      hour,
      minute: mm,
    } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
    const local = `${year}-${month}-${day}T${hour}:${mm}`;
    const offsetMinutes = Math.round((Date.UTC(+year, +month - 1, +day, +hour, +mm) - minute) / 60_000);
    const key = `${zone}|${offsetMinutes}`;
    let abbreviation = abbreviations.get(key);
    if (abbreviation === undefined) {
      const label = localTimeIn(zone, new Date(minute).toISOString()).label;
      abbreviation = label.slice(label.indexOf(' ') + 1);
      abbreviations.set(key, abbreviation);
    }
    return { local, offsetMinutes, label: `${hour}:${mm} ${abbreviation}` };
  }

  return {
    localTime(zone, epochMs) {
      const minute = Math.floor(epochMs / 60_000) * 60_000;
      const last = lastMinute.get(zone);
      if (last && last.minute === minute) return { ...last.time };
      const time = compute(zone, minute);
      lastMinute.set(zone, { minute, time });
      return { ...time };
    },
  };
}
