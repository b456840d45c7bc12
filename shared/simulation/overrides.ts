// Control-panel overrides of the simulated vehicle as structured data ({ soc: 20 }, { gear: 'D' }, …), in the scenario actions' vocabulary.
import { z } from 'zod';

export const GEARS = ['P', 'R', 'N', 'D'] as const;
export type GearLetter = (typeof GEARS)[number];

/** Headlight switch positions, as scenarios write them. */
export const LIGHT_SWITCH = ['on', 'off', 'auto'] as const;
export type LightSwitch = (typeof LIGHT_SWITCH)[number];

export const OVERRIDE_LIMITS = {
  speedKmh: { min: 0, max: 250 },
  socPercent: { min: 0, max: 100 },
  latitude: { min: -90, max: 90 },
  longitude: { min: -180, max: 180 },
  driverIdLength: { min: 1, max: 32 },
  keyFob: { min: 0, max: 4_294_967_295 },
} as const;

const L = OVERRIDE_LIMITS;

/** One schema per override key; an override has exactly one key. */
export const overrideFields = {
  /** Target speed the simulated driver eases toward, km/h (needs gear D or R). */
  speed: z.number().min(L.speedKmh.min).max(L.speedKmh.max),
  gear: z.enum(GEARS),
  soc: z.number().min(L.socPercent.min).max(L.socPercent.max),
  /** Teleports a car that has no route; its heading is kept. */
  location: z.strictObject({
    lat: z.number().min(L.latitude.min).max(L.latitude.max),
    lon: z.number().min(L.longitude.min).max(L.longitude.max),
  }),
  lights: z.enum(LIGHT_SWITCH),
  /** A driver's key fob in the car; without `keyFob` the simulator derives the fob id from the driver id. */
  driver: z.strictObject({
    id: z.string().trim().min(L.driverIdLength.min).max(L.driverIdLength.max),
    keyFob: z.number().int().min(L.keyFob.min).max(L.keyFob.max).optional(),
  }),
} as const;

export type OverrideKey = keyof typeof overrideFields;
export const OVERRIDE_KEYS = Object.keys(overrideFields) as OverrideKey[];

/** The value one override key carries, e.g. `OverrideValue<'gear'>` is 'P' | 'R' | 'N' | 'D'. */
export type OverrideValue<K extends OverrideKey> = z.output<(typeof overrideFields)[K]>;

/** One override: an object with exactly one key, `{ soc: 20 }`, `{ gear: 'D' }`, `{ location: { lat, lon } }`, … */
export type SimOverride = { [K in OverrideKey]: { [P in K]: OverrideValue<P> } }[OverrideKey];

/**
 * The override schema: every key optional, exactly one present. Written as one object (not a union
 * of six) so a refusal names its field: `soc: Too big…`, `location.lat: …`.
 */
export const simOverrideSchema = z
  .strictObject({
    speed: overrideFields.speed.optional(),
    gear: overrideFields.gear.optional(),
    soc: overrideFields.soc.optional(),
    location: overrideFields.location.optional(),
    lights: overrideFields.lights.optional(),
    driver: overrideFields.driver.optional(),
  })
  .superRefine((o, ctx) => {
    const present = OVERRIDE_KEYS.filter((key) => o[key] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `an override has exactly one of ${OVERRIDE_KEYS.join(', ')}; got ${present.length === 0 ? 'none' : present.join(', ')}` });
    }
  })
  // Only the one key present, never a stray `undefined` one.
  .transform((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as SimOverride);

/** An override the simulation accepted, and the scenario time it was applied. */
export interface AppliedOverride {
  override: SimOverride;
  atS: number;
}

/** Why an override was refused: the key it was about (null when the shape itself is wrong), the path, the value there and the message. */
export type OverrideIssue = { key: OverrideKey | null; path: (string | number)[]; value: unknown; message: string };
export type OverrideParse = { ok: true; override: SimOverride } | { ok: false; issue: OverrideIssue };

/** Validates an override; a refusal names the field and the value there (`location.lat`, 95). */
export function parseOverride(input: unknown): OverrideParse {
  const parsed = simOverrideSchema.safeParse(input);
  if (parsed.success) return { ok: true, override: parsed.data };
  const first = parsed.error.issues[0];
  const path = first.path.filter((p): p is string | number => typeof p !== 'symbol');
  const head = path[0];
  const key = typeof head === 'string' && (OVERRIDE_KEYS as string[]).includes(head) ? (head as OverrideKey) : null;
  const value = path.reduce<unknown>((v, p) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined), input);
  return { ok: false, issue: { key, path, value, message: first.message } };
}

/** The key of an override (each has exactly one). */
export function overrideKey(override: SimOverride): OverrideKey {
  return Object.keys(override)[0] as OverrideKey;
}

/** The newest override of `key` still in force, or undefined. */
export function latestOverride<K extends OverrideKey>(applied: readonly AppliedOverride[], key: K): OverrideValue<K> | undefined {
  for (let i = applied.length - 1; i >= 0; i--) {
    const override = applied[i].override as Partial<Record<OverrideKey, unknown>>;
    if (key in override) return override[key] as OverrideValue<K>;
  }
  return undefined;
}
