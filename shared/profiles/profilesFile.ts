// The `cabin profiles export` file and its full validation for import: every problem with its JSON path, nothing half-read.
import type { z } from 'zod';
import { parseLocatedJson } from '../brand/locatedJson';
import { migrateProfile } from './migrations';
import { MAX_PROFILES, PROFILE_SCHEMA_VERSION, profileSchema, type Profile } from './profileSchema';

export const PROFILES_FILE_FORMAT = 'cabin-profiles';
/** Larger than eight profiles with full histories could ever be; refused before it is parsed. */
export const MAX_PROFILES_FILE_BYTES = 4 * 1024 * 1024;

export interface ProfilesFile {
  format: typeof PROFILES_FILE_FORMAT;
  schemaVersion: number;
  /** ISO 8601, for the reader; never used by the importer. */
  exportedAt: string;
  profiles: Profile[];
}

/** Export leaves the adjustment history behind: it is the driver's, kept on the car; rules and refusals travel. */
export function toProfilesFile(profiles: readonly Profile[], exportedAt: string): ProfilesFile {
  return {
    format: PROFILES_FILE_FORMAT,
    schemaVersion: PROFILE_SCHEMA_VERSION,
    exportedAt,
    profiles: profiles.map((p) => ({ ...p, learning: { ...p.learning, history: [] } })),
  };
}

export interface FileProblem {
  /** `$.profiles[1].seat.position` */
  path: string;
  message: string;
  /** Where in the file (1-based), when the problem was found in text: the member's key, or the nearest that exists. */
  line?: number;
  col?: number;
}

/** A problem with its path as parts, so it can be located in the text. */
type Located = FileProblem & { parts: PropertyKey[] };

export type ParsedProfilesFile =
  | { ok: true; profiles: Profile[]; fromSchema: number }
  | { ok: false; newerSchema?: number; problems: FileProblem[] };

const jsonPath = (parts: ReadonlyArray<PropertyKey>): string =>
  `$${parts.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`)).join('')}`;

function zodProblems(error: z.ZodError, prefix: ReadonlyArray<PropertyKey>): Located[] {
  return error.issues.map((issue) => at([...prefix, ...issue.path], issue.message));
}

/**
 * Reads an export file's text: broken JSON is refused with its line and column; every other problem gets its JSON
 * path and, where the member exists in the text, its line and column.
 */
export function readProfilesFileText(text: string, existing: readonly Profile[] = []): ParsedProfilesFile {
  const parsed = parseLocatedJson(text);
  if (!parsed.ok) {
    const { line, col, message } = parsed.error;
    return { ok: false, problems: [{ path: '$', message: `not valid JSON at line ${line} column ${col}: ${message}`, line, col }] };
  }
  const result = validate(parsed.value, existing);
  if (result.ok) return result;
  return {
    ...result,
    problems: result.problems.map(({ parts, ...problem }) => {
      const at = parsed.locate(parts) ?? nearest(parts, parsed.locate);
      return at ? { ...problem, line: at.line, col: at.col } : problem;
    }),
  };
}

function nearest(parts: PropertyKey[], locate: (path: PropertyKey[]) => { line: number; col: number } | undefined) {
  for (let n = parts.length - 1; n > 0; n -= 1) {
    const at = locate(parts.slice(0, n));
    if (at) return at;
  }
  return undefined;
}

/**
 * Validates a whole file: the envelope, every profile (migrated from the file's schema), and what must hold
 * across them and with the profiles already on the car (`existing`): unique ids and names, one profile per key
 * fob, at most MAX_PROFILES in all. A newer schema is refused before anything else is judged.
 */
export function parseProfilesFile(value: unknown, existing: readonly Profile[] = []): ParsedProfilesFile {
  const result = validate(value, existing);
  return result.ok ? result : { ...result, problems: result.problems.map(({ parts: _parts, ...problem }) => problem) };
}

type Validated = { ok: true; profiles: Profile[]; fromSchema: number } | { ok: false; newerSchema?: number; problems: Located[] };

const at = (parts: PropertyKey[], message: string): Located => ({ path: jsonPath(parts), parts, message });

function validate(value: unknown, existing: readonly Profile[]): Validated {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [at([], `expected an object {"format": "${PROFILES_FILE_FORMAT}", "schemaVersion", "profiles": [...]}`)] };
  }
  const file = value as Record<string, unknown>;
  const problems: Located[] = [];
  if (file.format !== PROFILES_FILE_FORMAT) problems.push(at(['format'], `expected "${PROFILES_FILE_FORMAT}", found ${JSON.stringify(file.format) ?? 'nothing'}`));
  const version = file.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    problems.push(at(['schemaVersion'], `expected an integer ≥ 1, found ${JSON.stringify(version) ?? 'nothing'}`));
    return { ok: false, problems };
  }
  if (version > PROFILE_SCHEMA_VERSION) {
    return {
      ok: false,
      newerSchema: version,
      problems: [at(['schemaVersion'], `written by a newer Cabin (profiles schema ${version}); this build reads up to schema ${PROFILE_SCHEMA_VERSION}`)],
    };
  }
  for (const key of Object.keys(file)) {
    if (!['format', 'schemaVersion', 'exportedAt', 'profiles'].includes(key)) problems.push(at([key], 'unknown field'));
  }
  if (!Array.isArray(file.profiles)) {
    problems.push(at(['profiles'], 'expected an array of profiles'));
    return { ok: false, problems };
  }
  const profiles: Array<{ index: number; profile: Profile }> = [];
  file.profiles.forEach((raw, index) => {
    let migrated: unknown;
    try {
      migrated = migrateProfile(raw, version, PROFILE_SCHEMA_VERSION);
    } catch (error) {
      problems.push(at(['profiles', index], (error as Error).message));
      return;
    }
    const checked = profileSchema.safeParse(migrated);
    if (!checked.success) problems.push(...zodProblems(checked.error, ['profiles', index]));
    else profiles.push({ index, profile: checked.data });
  });
  problems.push(...crossChecks(profiles, existing));
  if (file.profiles.length === 0) problems.push(at(['profiles'], 'the file holds no profiles'));
  return problems.length ? { ok: false, problems } : { ok: true, profiles: profiles.map((p) => p.profile), fromSchema: version };
}

function crossChecks(profiles: ReadonlyArray<{ index: number; profile: Profile }>, existing: readonly Profile[]): Located[] {
  const problems: Located[] = [];
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  const fobs = new Map<number, number>();
  const replaced = new Set(profiles.map((p) => p.profile.id));
  for (const { index, profile } of profiles) {
    const of = (...rest: PropertyKey[]) => ['profiles', index, ...rest];
    const sameId = ids.get(profile.id);
    if (sameId !== undefined) problems.push(at(of('id'), `id "${profile.id}" is also profiles[${sameId}]`));
    ids.set(profile.id, index);
    const name = profile.name.toLocaleLowerCase();
    const sameName = names.get(name);
    if (sameName !== undefined) problems.push(at(of('name'), `the name "${profile.name}" is also profiles[${sameName}]`));
    names.set(name, index);
    profile.keyFobs.forEach((fob, k) => {
      const other = fobs.get(fob);
      if (other !== undefined && other !== index) problems.push(at(of('keyFobs', k), `key fob ${fob} is also paired with profiles[${other}]`));
      fobs.set(fob, index);
    });
  }
  // Profiles already on the car that the file does not replace keep their names and fobs.
  const kept = existing.filter((p) => !replaced.has(p.id));
  for (const { index, profile } of profiles) {
    for (const other of kept) {
      if (other.name.toLocaleLowerCase() === profile.name.toLocaleLowerCase()) {
        problems.push(at(['profiles', index, 'name'], `a profile named "${other.name}" is already on this car (id ${other.id})`));
      }
      profile.keyFobs.forEach((fob, k) => {
        if (other.keyFobs.includes(fob)) problems.push(at(['profiles', index, 'keyFobs', k], `key fob ${fob} is already paired with "${other.name}" on this car`));
      });
    }
  }
  if (kept.length + profiles.length > MAX_PROFILES) {
    problems.push(at(['profiles'], `${kept.length} profiles on the car and ${profiles.length} in the file make ${kept.length + profiles.length}; a car holds at most ${MAX_PROFILES}`));
  }
  return problems;
}
