// Tolerant readers for feed values (strings, numbers, enums, timestamps, coordinates) that record every fix and refusal.
import type { IssueSink } from './importReport';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };

/** Longest free text kept (names, addresses); longer values are cut, not refused. */
export const MAX_TEXT = 255;
/** Longest identifier accepted; OCPI allows 36 (CiString(36)), real feeds use up to ~50. */
export const MAX_ID = 64;
/** Timestamps before this are placeholders ("0001-01-01T00:00:00"), not dates. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const at = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`);

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
};
export { describe as describeValue };

const camelNames = new Map<string, string>();

/**
 * Reads a field by its OCPI snake_case name, or by a camelCase spelling some feeds use (recorded once per
 * record through `aliasUsed`).
 */
export function field(obj: JsonObject, name: string, aliasUsed?: (alias: string) => void): unknown {
  if (name in obj) return obj[name];
  let camel = camelNames.get(name);
  if (camel === undefined) {
    camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(name, camel);
  }
  if (camel !== name && camel in obj) {
    aliasUsed?.(camel);
    return obj[camel];
  }
  return undefined;
}

/** Free text: trimmed, numbers turned into text (recorded), over-long text cut (recorded), empty → undefined. */
export function readText(value: unknown, path: string, sink: IssueSink, max = MAX_TEXT): string | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) {
    text = String(value);
    sink.normalised(path, 'number-as-string', `number ${value} where text belongs, read as "${text}"`);
  } else {
    sink.rejected(path, 'field-wrong-type', `expected text, got ${describe(value)}; ignored`);
    return undefined;
  }
  if (text.length > max) {
    sink.normalised(path, 'text-too-long', `${text.length} characters, cut to ${max}`);
    text = text.slice(0, max);
  }
  text = text.trim();
  return text === '' ? undefined : text;
}

/** Identifier: a string (numbers converted, recorded) of 1…MAX_ID characters, else undefined with a reason. */
export function readId(value: unknown, path: string, sink: IssueSink): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    sink.normalised(path, 'number-as-string', `number ${value} where a string id belongs, read as "${value}"`);
    return String(value);
  }
  if (typeof value !== 'string') return undefined;
  if (value.length > MAX_ID) return undefined;
  const trimmed = value.trim();
  if (trimmed !== value && trimmed !== '') sink.normalised(path, 'id-padded', `id ${JSON.stringify(value)} trimmed`);
  return trimmed === '' ? undefined : trimmed;
}

/** Number: numbers pass, numeric strings are converted (recorded), anything else is refused (recorded). */
export function readNumber(value: unknown, path: string, sink: IssueSink): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    sink.rejected(path, 'field-invalid', `not a finite number; ignored`);
    return undefined;
  }
  if (typeof value === 'string' && value.length <= 32 && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    const n = Number(value);
    sink.normalised(path, 'string-as-number', `string ${JSON.stringify(value)} where a number belongs, read as ${n}`);
    return n;
  }
  sink.rejected(path, 'field-wrong-type', `expected a number, got ${describe(value)}; ignored`);
  return undefined;
}

/** Boolean: true/false, or the strings "true"/"false" (recorded). */
export function readBoolean(value: unknown, path: string, sink: IssueSink): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    const b = value.trim().toLowerCase() === 'true';
    sink.normalised(path, 'string-as-boolean', `string ${JSON.stringify(value)} read as ${b}`);
    return b;
  }
  sink.rejected(path, 'field-wrong-type', `expected true or false, got ${describe(value)}; ignored`);
  return undefined;
}

/**
 * Enum value: exact values pass; other letter case or surrounding spaces ("CHARGING ", "ac_3_phase") are
 * mapped (recorded as `enum-case`); unknown values return undefined for the caller to decide.
 */
export function readEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  sink: IssueSink,
): T | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const wanted = value.trim().toUpperCase().replace(/[\s-]+/g, '_');
  const match = allowed.find((a) => a.toUpperCase() === wanted);
  if (match) sink.normalised(path, 'enum-case', `${JSON.stringify(value)} read as ${match}`);
  return match;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * OCPI DateTime → epoch ms. Values without a time zone are read as UTC (as OCPI requires) and recorded;
 * placeholders before 2000 and unparsable values return undefined with a reason.
 */
export function readTimestamp(value: unknown, path: string, sink: IssueSink): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > 40) {
    sink.rejected(path, 'field-invalid', `expected a date-time, got ${describe(value)}; ignored`);
    return undefined;
  }
  const m = TIMESTAMP.exec(value.trim());
  if (!m) {
    sink.rejected(path, 'field-invalid', `${JSON.stringify(value)} is not a date-time; ignored`);
    return undefined;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(`0.${frac || '0'}`) * 1000);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  }
  if (!Number.isFinite(ms) || +mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 24 || +mi > 59 || +s > 60) {
    sink.rejected(path, 'field-invalid', `${JSON.stringify(value)} is not a valid date-time; ignored`);
    return undefined;
  }
  if (ms < EARLIEST_MS) {
    sink.rejected(path, 'timestamp-placeholder', `${JSON.stringify(value)} is a placeholder, not a date; ignored`);
    return undefined;
  }
  if (!zone) sink.normalised(path, 'timestamp-no-zone', `${JSON.stringify(value)} has no time zone; read as UTC`);
  return ms;
}

/** A coordinate pair from strings or numbers; undefined (with the reason) when missing, unparsable or out of range. */
export function readCoordinates(
  value: unknown,
  path: string,
  sink: IssueSink,
  aliasUsed?: (alias: string) => void,
): { latitude: number; longitude: number } | undefined {
  if (!isObject(value)) {
    sink.rejected(path, 'coordinates-missing', value === undefined ? 'no coordinates' : `expected an object, got ${describe(value)}`);
    return undefined;
  }
  const lat = readCoordinate(field(value, 'latitude', aliasUsed), at(path, 'latitude'), sink, 90);
  const lon = readCoordinate(field(value, 'longitude', aliasUsed), at(path, 'longitude'), sink, 180);
  if (lat === undefined || lon === undefined) return undefined;
  return { latitude: lat, longitude: lon };
}

function readCoordinate(value: unknown, path: string, sink: IssueSink, limit: number): number | undefined {
  let n: number | undefined;
  if (typeof value === 'number') {
    n = value;
    sink.normalised(path, 'number-as-string', `number ${value} where OCPI has a string`);
  } else if (typeof value === 'string' && value.length <= 32 && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(value)) n = Number(value);
  if (n === undefined || !Number.isFinite(n)) {
    sink.rejected(path, 'coordinates-invalid', `${describe(value)} is not a coordinate`);
    return undefined;
  }
  if (Math.abs(n) > limit) {
    sink.rejected(path, 'coordinates-out-of-range', `${n} is outside ±${limit}`);
    return undefined;
  }
  return n;
}
