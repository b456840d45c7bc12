// The operator's stations file (a JSON array of swap stations): its schema, and every problem located as file:line:column and JSON path.
import { z } from 'zod';
import { parseLocatedJson } from '../brand/locatedJson';
import { isValidTimeZone } from './openingHours';
import { jsonPath, openingTimesSchema, packStandardToken } from './protocol';

const count = z.number().int('a whole number').min(0).max(100_000);
const minutes = z.number().min(0).max(7 * 24 * 60);
const minor = z.number().int('a whole number of minor units').min(0).max(100_000_000);

const termsOverride = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY').optional(),
  swap_fee_minor: minor.optional(),
  energy_price_minor_per_kwh: minor.optional(),
  cancel_until_minutes: minutes.optional(),
  late_cancel_fee_minor: minor.optional(),
  noshow_timeout_minutes: minutes.optional(),
  noshow_fee_minor: minor.optional(),
  max_arrival_minutes: minutes.optional(),
  default_arrival_minutes: minutes.optional(),
});

export const stationEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'letters, digits and . _ : - (1 to 64 characters)'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  pack_standards: z.array(packStandardToken).min(1, 'at least one pack standard'),
  bays: z.number().int('a whole number').min(1).max(100),
  /** Charged packs on the shelf at first start, per standard. */
  ready_packs: z.record(z.string(), count),
  // Extensions: all optional, defaults in the operator.
  charging_packs: z.record(z.string(), count).optional(),
  address: z.string().max(300).optional(),
  city: z.string().max(100).optional(),
  country: z.string().regex(/^[A-Z]{2,3}$/, 'an ISO 3166 code').optional(),
  time_zone: z.string().refine(isValidTimeZone, 'an IANA time zone such as Asia/Shanghai').optional(),
  operator: z.string().max(100).optional(),
  opening_times: openingTimesSchema.optional(),
  typical_swap_minutes: z.number().gt(0).max(120).optional(),
  /** Time a pack takes to charge from empty to full on the station's shelf. */
  recharge_minutes: z.number().gt(0).max(24 * 60).optional(),
  /** Usable kWh per standard, for standards Cabin's catalog does not know (or to override it). */
  pack_kwh: z.record(z.string(), z.number().gt(0).max(1000)).optional(),
  terms: termsOverride.optional(),
});

export type StationEntry = z.infer<typeof stationEntrySchema>;

export const stationsFileSchema = z.array(stationEntrySchema);

type Issue = { path: PropertyKey[]; message: string };
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks across fields and across stations. Run on the raw value beside the schema (zod skips
 * refinements once a field fails), so one pass reports every mistake in the file.
 */
function crossCheck(value: unknown): Issue[] {
  if (!Array.isArray(value)) return [];
  const issues: Issue[] = [];
  const firstIndex = new Map<string, number>();
  value.forEach((s, i) => {
    if (!isRecord(s)) return;
    if (typeof s.id === 'string') {
      const earlier = firstIndex.get(s.id);
      if (earlier !== undefined) issues.push({ path: [i, 'id'], message: `id "${s.id}" is already used by $[${earlier}]` });
      else firstIndex.set(s.id, i);
    }
    if (!Array.isArray(s.pack_standards)) return;
    const offered = new Set<string>();
    s.pack_standards.forEach((std, j) => {
      if (typeof std !== 'string') return;
      if (offered.has(std)) issues.push({ path: [i, 'pack_standards', j], message: `${std} is listed twice` });
      offered.add(std);
    });
    for (const field of ['ready_packs', 'charging_packs', 'pack_kwh']) {
      const counts = s[field];
      if (!isRecord(counts)) continue;
      for (const std of Object.keys(counts)) {
        if (!offered.has(std)) issues.push({ path: [i, field, std], message: `${std} is not in this station's pack_standards` });
      }
    }
    const times = s.opening_times;
    if (isRecord(times) && times.twentyfourseven === false && !(Array.isArray(times.regular_hours) && times.regular_hours.length > 0)) {
      issues.push({ path: [i, 'opening_times'], message: 'not 24/7, so regular_hours must list the opening periods' });
    }
  });
  return issues;
}

export interface StationsFileError {
  file: string;
  line: number;
  column: number;
  /** JSON path, e.g. `$[2].ready_packs.NIO_75`. */
  path: string;
  message: string;
}

/** `file:line:column: $.path: message`, the one way these errors are printed. */
export function formatStationsFileError(e: StationsFileError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.path}: ${e.message}`;
}

export type StationsFileResult = { ok: true; stations: StationEntry[] } | { ok: false; errors: StationsFileError[] };

/** Parses and validates a stations file's text; never throws for bad input. */
export function parseStationsFile(text: string, file: string): StationsFileResult {
  const parsed = parseLocatedJson(text);
  if (!parsed.ok) {
    return { ok: false, errors: [{ file, line: parsed.error.line, column: parsed.error.col, path: '$', message: `invalid JSON: ${parsed.error.message}` }] };
  }
  const value = parsed.value;
  const at = (path: PropertyKey[]) => {
    const l = parsed.locate(path);
    return { line: l?.line ?? 1, column: l?.col ?? 1 };
  };
  if (Array.isArray(value) && value.length === 0) {
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '$', message: 'no stations: the file must list at least one' }] };
  }
  const result = stationsFileSchema.safeParse(value);
  const cross = crossCheck(value);
  if (result.success && cross.length === 0) return { ok: true, stations: result.data };
  const schemaIssues: Issue[] = (result.error?.issues ?? []).flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((k) => ({ path: [...issue.path, k], message: 'unknown field' })) : [{ path: issue.path, message: issue.message }],
  );
  const errors = [...schemaIssues, ...cross].map((issue) => ({ file, ...at(issue.path), path: jsonPath(issue.path), message: issue.message }));
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors };
}
