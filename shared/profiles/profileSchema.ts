// The driver profile as stored (schema 4): zod schema, limits, name rules and a fresh profile's values.
import { z } from 'zod';
import { CLOCK_FORMATS, DISTANCE_UNITS, LANGUAGES, TEMPERATURE_UNITS, THEME_MODES } from '../state/settingsSlice';
import { CONNECTOR_STANDARDS } from '../stations/standards';
import { adjustmentSchema, learnedRuleSchema, MAX_HISTORY, MAX_REFUSED, MAX_RULES } from './learningModel';
import { PROFILE_LIMITS } from './limits';

export { PROFILE_LIMITS };

/** The version this build writes; older files are migrated forward on load (migrations.ts). */
export const PROFILE_SCHEMA_VERSION = 4;
/** A car is shared by a family, not a fleet: more would not fit the picker without paging. */
export const MAX_PROFILES = 8;

const L = PROFILE_LIMITS;

export const PROFILE_COLOURS = ['teal', 'amber', 'violet', 'rose', 'sky', 'lime', 'slate', 'coral'] as const;
export const PROFILE_AVATARS = ['initial', 'car', 'star', 'leaf', 'music', 'heart'] as const;
export const DRIVE_MODES = ['NORMAL', 'SPORT', 'ECONOMY', 'SNOW', 'RAIN'] as const;
export const CHARGE_OR_SWAP = ['charge', 'swap', 'either'] as const;

export type ProfileColour = (typeof PROFILE_COLOURS)[number];
export type DriveMode = (typeof DRIVE_MODES)[number];

/** Why a name is refused; each is an i18n key under `profiles.nameProblems`. */
export type NameProblem = 'empty' | 'onlySpaces' | 'tooLong' | 'controlCharacters';

/** C0/C1 controls, line/paragraph separators, zero-width and bidi controls: invisible or layout-breaking in a picker. */
function isControl(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/** What is wrong with a name as typed, or null; the host and the screen ask the same question. */
export function nameProblem(name: string): NameProblem | null {
  if (name.length === 0) return 'empty';
  for (const char of name) if (isControl(char.codePointAt(0)!)) return 'controlCharacters';
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'onlySpaces';
  if ([...trimmed].length > L.nameLength) return 'tooLong';
  return null;
}

export const NAME_PROBLEM_MESSAGES: Record<NameProblem, string> = {
  empty: 'the name is empty',
  onlySpaces: 'the name is only spaces',
  tooLong: `the name is longer than ${L.nameLength} characters`,
  controlCharacters: 'the name contains control characters',
};

/** A name as stored: trimmed, with a refusal naming the problem otherwise. */
export const profileNameSchema = z
  .string()
  .superRefine((name, ctx) => {
    const problem = nameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: NAME_PROBLEM_MESSAGES[problem] });
  })
  .transform((name) => name.trim());

const range = (limits: { min: number; max: number }, what: string) =>
  z
    .number()
    .finite()
    .min(limits.min, { message: `${what} below ${limits.min}` })
    .max(limits.max, { message: `${what} above ${limits.max}` });
const optionalRange = (limits: { min: number; max: number }, what: string) => range(limits, what).nullable();
const level = (limits: { min: number; max: number }, what: string) => range(limits, what).int().nullable();
const shortId = z.string().min(1).max(L.idLength);

export const profileIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{2,31}$/, { message: 'a profile id is 3–32 lower-case letters, digits, - and _' });

export const profilePreferencesSchema = z
  .strictObject({
    language: z.enum(LANGUAGES).optional(),
    distanceUnit: z.enum(DISTANCE_UNITS).optional(),
    temperatureUnit: z.enum(TEMPERATURE_UNITS).optional(),
    clockFormat: z.enum(CLOCK_FORMATS).optional(),
    themeMode: z.enum(THEME_MODES).optional(),
  });

const mirror = z.strictObject({ tilt: optionalRange(L.mirrorPercent, 'mirror tilt %'), pan: optionalRange(L.mirrorPercent, 'mirror pan %') });
const place = z
  .strictObject({
    label: z.string().max(L.placeLabel),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .nullable();

export const seatSchema = z.strictObject({
  position: optionalRange(L.seatPositionMm, 'seat position mm'),
  height: optionalRange(L.seatHeightMm, 'seat height mm'),
  recline: optionalRange(L.reclineDeg, 'backrest recline °'),
  lumbar: optionalRange(L.lumbarPercent, 'lumbar support %'),
});

export const chargingSchema = z.strictObject({
  targetSoc: level(L.targetSocPercent, 'charge target %'),
  connectors: z.array(z.enum(CONNECTOR_STANDARDS)).max(CONNECTOR_STANDARDS.length),
  preferredOperators: z.array(shortId).max(L.operators),
  excludedOperators: z.array(shortId).max(L.operators),
  minPowerKw: optionalRange(L.minPowerKw, 'minimum power kW'),
  chargeOrSwap: z.enum(CHARGE_OR_SWAP),
  swapNetworks: z.array(shortId).max(L.swapNetworks),
});

/** When Home, the status bar and the low-battery assistant warn: unset follows the defaults (20 % amber, 10 % red). */
export const batteryWarningsSchema = z.strictObject({
  lowPercent: level(L.lowBatteryPercent, 'low-battery warning %'),
  criticalPercent: level(L.criticalBatteryPercent, 'critical-battery warning %'),
});

export const learningSchema = z.strictObject({
  /** The driver's consent: nothing is recorded without it, and withdrawing it erases the history. */
  enabled: z.boolean(),
  history: z.array(adjustmentSchema).max(MAX_HISTORY),
  rules: z.array(learnedRuleSchema).max(MAX_RULES),
  /** Keys of suggestions the driver refused: never offered again. */
  refused: z.array(z.string().max(200)).max(MAX_REFUSED),
});

const profileObject = z.strictObject({
  id: profileIdSchema,
  name: profileNameSchema,
  colour: z.enum(PROFILE_COLOURS),
  avatar: z.enum(PROFILE_AVATARS),
  /** Epoch ms: shown as dates only. */
  createdAt: z.number().int().min(0),
  updatedAt: z.number().int().min(0),
  /** Unset fields follow the device defaults from Settings. */
  preferences: profilePreferencesSchema,
  seat: seatSchema,
  mirrors: z.strictObject({ driver: mirror, passenger: mirror }),
  steering: z.strictObject({ tilt: optionalRange(L.steeringPercent, 'steering tilt %'), extension: optionalRange(L.steeringPercent, 'steering reach %') }),
  climate: z.strictObject({
    temperature: optionalRange(L.temperatureC, 'climate temperature °C'),
    fan: level(L.fanPercent, 'fan %'),
    seatHeating: level(L.seatHeatingLevel, 'seat heating level'),
  }),
  drive: z.strictObject({ mode: z.enum(DRIVE_MODES).nullable(), regen: level(L.regenLevel, 'regen level') }),
  ambientColour: z.string().regex(/^#[0-9a-f]{6}$/i, { message: 'a colour as #rrggbb' }).nullable(),
  favouriteStations: z.array(shortId).max(L.favouriteStations),
  charging: chargingSchema,
  batteryWarnings: batteryWarningsSchema,
  places: z.strictObject({ home: place, work: place }),
  keyFobs: z.array(z.number().int().min(L.keyFob.min).max(L.keyFob.max)).max(L.keyFobs),
  learning: learningSchema,
});

/** A whole profile, with the cross-field checks a file cannot be trusted to have kept. */
export const profileSchema = profileObject.superRefine((profile, ctx) => {
  const seen = new Set<number>();
  profile.keyFobs.forEach((fob, i) => {
    if (seen.has(fob)) ctx.addIssue({ code: 'custom', path: ['keyFobs', i], message: `key fob ${fob} is listed twice` });
    seen.add(fob);
  });
  const excluded = new Set(profile.charging.excludedOperators);
  profile.charging.preferredOperators.forEach((op, i) => {
    if (excluded.has(op)) ctx.addIssue({ code: 'custom', path: ['charging', 'preferredOperators', i], message: `operator ${op} is both preferred and excluded` });
  });
  const { lowPercent, criticalPercent } = profile.batteryWarnings;
  if (lowPercent !== null && criticalPercent !== null && criticalPercent > lowPercent) {
    ctx.addIssue({ code: 'custom', path: ['batteryWarnings', 'criticalPercent'], message: `the red warning (${criticalPercent} %) must not be above the amber one (${lowPercent} %)` });
  }
});

export type Profile = z.output<typeof profileSchema>;
export type ProfilePreferences = z.output<typeof profilePreferencesSchema>;
export type Seat = Profile['seat'];

/** The editable part of a profile: everything but identity, dates and the learning history. */
export const profilePatchSchema = profileObject
  .omit({ id: true, createdAt: true, updatedAt: true, learning: true })
  .extend({ learning: z.strictObject({ enabled: z.boolean() }) })
  .partial()
  .strict();
export type ProfilePatch = z.output<typeof profilePatchSchema>;

/** A new profile: nothing set but who it is, so it follows the device until the driver says otherwise. */
export function newProfile(id: string, name: string, colour: ProfileColour, now: number): Profile {
  return {
    id,
    name: name.trim(),
    colour,
    avatar: 'initial',
    createdAt: now,
    updatedAt: now,
    preferences: {},
    seat: { position: null, height: null, recline: null, lumbar: null },
    mirrors: { driver: { tilt: null, pan: null }, passenger: { tilt: null, pan: null } },
    steering: { tilt: null, extension: null },
    climate: { temperature: null, fan: null, seatHeating: null },
    drive: { mode: null, regen: null },
    ambientColour: null,
    favouriteStations: [],
    charging: { targetSoc: null, connectors: [], preferredOperators: [], excludedOperators: [], minPowerKw: null, chargeOrSwap: 'either', swapNetworks: [] },
    batteryWarnings: { lowPercent: null, criticalPercent: null },
    places: { home: null, work: null },
    keyFobs: [],
    learning: { enabled: false, history: [], rules: [], refused: [] },
  };
}
