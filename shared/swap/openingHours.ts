// OCPI-shaped opening times (24/7, or weekly periods in the station's own time zone): is a station open at a given instant?
import type { OpeningTimes } from './protocol';

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Weekday (1 = Monday, as OCPI) and minute of the day at `at` in `timeZone`. */
export function localWeekdayMinute(at: number, timeZone: string): { weekday: number; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAYS[parts.weekday], minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinute = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether the station is open at `at`. A period whose end is before its begin runs past midnight
 * into the next weekday (OCPI's convention); a station with no periods and not 24/7 is closed.
 */
export function isOpenAt(times: OpeningTimes, timeZone: string | null | undefined, at: number): boolean {
  if (times.twentyfourseven) return true;
  const { weekday, minute } = localWeekdayMinute(at, timeZone ?? 'UTC');
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (times.regular_hours ?? []).some((p) => {
    const begin = toMinute(p.period_begin);
    const end = toMinute(p.period_end);
    if (end > begin) return p.weekday === weekday && minute >= begin && minute < end;
    return (p.weekday === weekday && minute >= begin) || (p.weekday === yesterday && minute < end);
  });
}
