// A whole OCPI Locations input (response envelope, bare array or one object) → canonical Locations and a report; one bad record never loses the rest.
import { ReportBuilder, type ImportResult } from './importReport';
import { locationKey, type Location } from './model';
import { describeValue, isObject } from './feedValues';
import { importOcpiLocation } from './ocpiLocation';

export interface OcpiImportOptions {
  /** Feed name; the identity of records that name no party (country_code + party_id). */
  source: string;
  /** Import time (epoch ms), for records without a usable last_updated. */
  now: number;
  /** Called every `progressEvery` records with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/** Finds the records of an OCPI input: `{data: [...]}`, `{data: {...}}`, `[...]`, or one Location object. */
export function ocpiRecords(input: unknown): { records: unknown[]; path: string; problem?: string } {
  if (Array.isArray(input)) return { records: input, path: '$' };
  if (isObject(input)) {
    if ('data' in input) {
      const data = input.data;
      if (Array.isArray(data)) return { records: data, path: '$.data' };
      if (isObject(data)) return { records: [data], path: '$.data' };
      return { records: [], path: '$.data', problem: `"data" is ${describeValue(data)}, not Locations` };
    }
    if ('id' in input || 'evses' in input || 'coordinates' in input) return { records: [input], path: '$' };
    return { records: [], path: '$', problem: 'an object with neither "data" nor a Location\'s fields' };
  }
  return { records: [], path: '$', problem: `${describeValue(input)} is not an OCPI response` };
}

export function importOcpiLocations(input: unknown, options: OcpiImportOptions): ImportResult {
  const report = new ReportBuilder(options.source, 'ocpi');
  const { records, path, problem } = ocpiRecords(input);
  if (problem) report.inputIssue({ path, kind: 'rejected', code: 'input-not-locations', message: problem });
  if (isObject(input) && 'status_code' in input && input.status_code !== 1000 && input.status_code !== '1000') {
    report.inputIssue({
      path: '$.status_code',
      kind: 'normalised',
      code: 'status-code',
      message: `status_code ${describeValue(input.status_code)} (not 1000 "success"); records read anyway`,
    });
  }
  const locations: Location[] = [];
  const seen = new Map<string, number>();
  const every = options.progressEvery ?? 1000;
  records.forEach((raw, index) => {
    const recordPath = `${path}[${index}]`;
    const result = importOcpiLocation(raw, recordPath, options);
    let outcome = result.outcome;
    if (result.location) {
      const key = locationKey(result.location);
      const first = seen.get(key);
      if (first !== undefined) {
        result.issues.push({
          path: `${recordPath}.id`,
          kind: 'rejected',
          code: 'location-duplicate-id',
          message: `id "${result.location.id}" already read at ${path}[${first}]; the first one kept`,
        });
        outcome = 'duplicate';
      } else {
        seen.set(key, index);
        locations.push(result.location);
        report.kept(result.location);
      }
    }
    report.record(index, recordPath, result.id, outcome, result.issues);
    if (options.onProgress && (index + 1) % every === 0) options.onProgress(index + 1, records.length);
  });
  options.onProgress?.(records.length, records.length);
  return { locations, report: report.finish() };
}
