// IANA time-zone names from feeds: valid names pass, near misses ("Asia/Kuala Lumpur", "Amsterdam") are mapped, the rest refused.

let zonesByCity: Map<string, string> | null = null;

function canonicalZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function cityTable(): Map<string, string> {
  if (zonesByCity) return zonesByCity;
  zonesByCity = new Map();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const city = zone.split('/').pop()!.toLowerCase();
    if (!zonesByCity.has(city)) zonesByCity.set(city, zone);
  }
  return zonesByCity;
}

export type ZoneMatch = { zone: string; exact: boolean };

const seen = new Map<string, ZoneMatch | null>();

/** Canonical IANA zone for a feed value, or null when it names no zone ("Germany"). */
export function normaliseTimeZone(raw: unknown): ZoneMatch | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 64) return null;
  // Feeds repeat a handful of values thousands of times; Intl lookups are slow, so remember answers.
  const known = seen.get(raw);
  if (known !== undefined) return known;
  const match = lookUp(raw);
  if (seen.size < 2000) seen.set(raw, match);
  return match;
}

function lookUp(raw: string): ZoneMatch | null {
  const direct = canonicalZone(raw);
  if (direct) return { zone: direct, exact: direct === raw };
  const underscored = raw.trim().replace(/\s+/g, '_');
  const fixed = canonicalZone(underscored);
  if (fixed) return { zone: fixed, exact: false };
  const city = underscored.split('/').pop()!.toLowerCase();
  const byCity = cityTable().get(city);
  return byCity ? { zone: byCity, exact: false } : null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC in `zone` at `t` (epoch ms). */
export function zoneOffsetMinutes(zone: string, t: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    if (formatters.size < 500) formatters.set(zone, format);
  }
  const parts = format.formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(t / 60_000) * 60_000) / 60_000);
}
