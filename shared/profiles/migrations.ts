// Forward migrations of a stored profile: `PROFILE_MIGRATIONS[n]` turns schema n into schema n + 1 (the document store runs them on load).
//
// The shapes the profile had as it grew:
//   1  identity, `language`, one `units` switch (metric | imperial), clock and theme at the top level; seat
//      (position, height, recline), both mirrors, climate (temperature, fan); one optional `keyFob`.
//   2  the device-settings keys in `preferences` (units split into distance and temperature, unset = the
//      device default); several `keyFobs`; lumbar, seat heating, steering column, drive mode and regen,
//      ambient colour, favourite stations, charging preferences, saved places.
//   3  an avatar; charge-or-swap and swap networks in the charging preferences; `learning` (consent, the
//      adjustment history, accepted rules, refused suggestions), off until the driver turns it on.
//   4  `batteryWarnings` (amber and red thresholds of the low-battery warning), unset = the defaults.
// A migration never guesses: what the older shape did not say stays unset (null, empty, off).

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  return value as Json;
}

/** A field copied as it is (the final schema check judges it), or null when absent. */
const orNull = (value: unknown) => (value === undefined ? null : value);

function v1ToV2(input: unknown): unknown {
  const v1 = object(input, 'profile');
  const units = v1.units;
  if (units !== undefined && units !== null && units !== 'metric' && units !== 'imperial') {
    throw new Error(`units: expected "metric" or "imperial", found ${JSON.stringify(units)}`);
  }
  const preferences: Json = {};
  if (v1.language !== undefined && v1.language !== null) preferences.language = v1.language;
  if (units === 'metric') Object.assign(preferences, { distanceUnit: 'km', temperatureUnit: 'celsius' });
  if (units === 'imperial') Object.assign(preferences, { distanceUnit: 'mi', temperatureUnit: 'fahrenheit' });
  if (v1.clockFormat !== undefined && v1.clockFormat !== null) preferences.clockFormat = v1.clockFormat;
  if (v1.themeMode !== undefined && v1.themeMode !== null) preferences.themeMode = v1.themeMode;
  const seat = object(v1.seat ?? {}, 'seat');
  const climate = object(v1.climate ?? {}, 'climate');
  const keyFob = v1.keyFob;
  return {
    id: v1.id,
    name: v1.name,
    colour: v1.colour,
    createdAt: v1.createdAt,
    updatedAt: v1.updatedAt ?? v1.createdAt,
    preferences,
    seat: { position: orNull(seat.position), height: orNull(seat.height), recline: orNull(seat.recline), lumbar: null },
    mirrors: v1.mirrors ?? { driver: { tilt: null, pan: null }, passenger: { tilt: null, pan: null } },
    steering: { tilt: null, extension: null },
    climate: { temperature: orNull(climate.temperature), fan: orNull(climate.fan), seatHeating: null },
    drive: { mode: null, regen: null },
    ambientColour: null,
    favouriteStations: [],
    charging: { targetSoc: null, connectors: [], preferredOperators: [], excludedOperators: [], minPowerKw: null },
    places: { home: null, work: null },
    keyFobs: keyFob === undefined || keyFob === null || keyFob === 0 ? [] : [keyFob],
  };
}

function v2ToV3(input: unknown): unknown {
  const v2 = object(input, 'profile');
  const charging = object(v2.charging ?? {}, 'charging');
  return {
    ...v2,
    avatar: 'initial',
    charging: { ...charging, chargeOrSwap: 'either', swapNetworks: [] },
    learning: { enabled: false, history: [], rules: [], refused: [] },
  };
}

function v3ToV4(input: unknown): unknown {
  // Not an object: nothing to add to; the schema check names what it is.
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  return { ...(input as Json), batteryWarnings: { lowPercent: null, criticalPercent: null } };
}

export const PROFILE_MIGRATIONS: Readonly<Record<number, (data: unknown) => unknown>> = { 1: v1ToV2, 2: v2ToV3, 3: v3ToV4 };

/** Runs the migrations from `from` up to `to`; throws `migration from schema n to n + 1 failed: …`. */
export function migrateProfile(data: unknown, from: number, to: number): unknown {
  let value = data;
  for (let v = from; v < to; v += 1) {
    const step = PROFILE_MIGRATIONS[v];
    if (!step) throw new Error(`no migration from schema ${v} to ${v + 1}`);
    try {
      value = step(value);
    } catch (error) {
      throw new Error(`migration from schema ${v} to ${v + 1} failed: ${(error as Error).message}`);
    }
  }
  return value;
}
