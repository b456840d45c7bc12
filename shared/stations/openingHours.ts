// OCPI opening_times: read tolerantly from feeds, and asked "open at this moment?" in the location's local time.
import type { IssueSink } from './importReport';
import type { ExceptionalPeriod, Hours, RegularHours } from './model';
import { at, describeValue, isObject, readBoolean, readTimestamp } from './feedValues';
import { zoneOffsetMinutes } from './timeZones';

const HHMM = /^([01]?\d|2[0-4]):([0-5]\d)$/;

export function readHours(raw: unknown, path: string, sink: IssueSink): Hours | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    sink.rejected(path, 'field-wrong-type', `expected opening_times, got ${describeValue(raw)}; ignored`);
    return undefined;
  }
  const regular: RegularHours[] = [];
  if (Array.isArray(raw.regular_hours)) {
    raw.regular_hours.forEach((entry, i) => {
      const p = at(at(path, 'regular_hours'), i);
      const hours = readRegular(entry, p, sink);
      if (hours) regular.push(hours);
    });
  }
  const twentyfourseven = readBoolean(raw.twentyfourseven, at(path, 'twentyfourseven'), sink) ?? regular.length === 0;
  const hours: Hours = { twentyfourseven };
  if (!twentyfourseven) hours.regular_hours = regular;
  const openings = readPeriods(raw.exceptional_openings, at(path, 'exceptional_openings'), sink);
  const closings = readPeriods(raw.exceptional_closings, at(path, 'exceptional_closings'), sink);
  if (openings.length) hours.exceptional_openings = openings;
  if (closings.length) hours.exceptional_closings = closings;
  return hours;
}

function readRegular(entry: unknown, path: string, sink: IssueSink): RegularHours | null {
  if (!isObject(entry)) {
    sink.rejected(path, 'field-wrong-type', `expected regular hours, got ${describeValue(entry)}; ignored`);
    return null;
  }
  let weekday = entry.weekday;
  if (weekday === 0) {
    // Some feeds count Sunday as 0 (JavaScript's way); OCPI counts 1 = Monday … 7 = Sunday.
    sink.normalised(at(path, 'weekday'), 'weekday-zero', 'weekday 0 read as 7 (Sunday)');
    weekday = 7;
  }
  if (typeof weekday !== 'number' || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    sink.rejected(at(path, 'weekday'), 'field-invalid', `${describeValue(entry.weekday)} is no weekday (1–7); period ignored`);
    return null;
  }
  for (const key of ['period_begin', 'period_end'] as const) {
    const value = entry[key];
    if (typeof value !== 'string' || !HHMM.test(value)) {
      sink.rejected(at(path, key), 'field-invalid', `${describeValue(value)} is no "HH:MM" time; period ignored`);
      return null;
    }
  }
  return { weekday, period_begin: entry.period_begin as string, period_end: entry.period_end as string };
}

function readPeriods(raw: unknown, path: string, sink: IssueSink): ExceptionalPeriod[] {
  if (!Array.isArray(raw)) return [];
  const periods: ExceptionalPeriod[] = [];
  raw.forEach((p, i) => {
    if (!isObject(p)) return;
    const begin = readTimestamp(p.period_begin, at(at(path, i), 'period_begin'), sink);
    const end = readTimestamp(p.period_end, at(at(path, i), 'period_end'), sink);
    if (begin !== undefined && end !== undefined && end > begin) periods.push({ period_begin: begin, period_end: end });
  });
  return periods;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * Whether the location is open at `t`, in its time zone (or, when the feed gave none, at the solar offset
 * of its longitude, which is within an hour or two of the legal one). null when the feed gave no hours.
 */
export function isOpenAt(hours: Hours | undefined, timeZone: string | undefined, longitude: number, t: number): boolean | null {
  if (!hours) return null;
  const inside = (periods: ExceptionalPeriod[] | undefined) => periods?.some((p) => t >= p.period_begin && t < p.period_end) ?? false;
  if (inside(hours.exceptional_closings)) return false;
  if (inside(hours.exceptional_openings)) return true;
  if (hours.twentyfourseven) return true;
  const offset = timeZone ? zoneOffsetMinutes(timeZone, t) : Math.round(longitude / 15) * 60;
  const local = new Date(t + offset * 60_000);
  const weekday = ((local.getUTCDay() + 6) % 7) + 1;
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  for (const period of hours.regular_hours ?? []) {
    const begin = minutesOf(period.period_begin);
    let end = minutesOf(period.period_end);
    // "23:59" in feeds means the end of the day.
    if (end === 23 * 60 + 59) end = 24 * 60;
    const wraps = end <= begin;
    if (period.weekday === weekday && minute >= begin && (wraps || minute < end)) return true;
    if (wraps && period.weekday === yesterday && minute < end) return true;
  }
  return false;
}
