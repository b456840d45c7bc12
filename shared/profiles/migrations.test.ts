import { describe, expect, it } from 'vitest';
import { migrateProfile, PROFILE_MIGRATIONS } from './migrations';
import { PROFILE_SCHEMA_VERSION, profileSchema } from './profileSchema';

/** Profiles as each schema wrote them. */
const v1 = {
  id: 'pli0001',
  name: 'Li',
  colour: 'teal',
  createdAt: 1_600_000_000_000,
  language: 'zh-CN',
  units: 'imperial',
  clockFormat: '12h',
  themeMode: null,
  seat: { position: 180, height: 40, recline: 24 },
  mirrors: { driver: { tilt: -10, pan: 5 }, passenger: { tilt: 0, pan: null } },
  climate: { temperature: 22, fan: 40 },
  keyFob: 1,
};

const v2 = {
  id: 'pwang01',
  name: 'Wang',
  colour: 'rose',
  createdAt: 1_650_000_000_000,
  updatedAt: 1_650_000_100_000,
  preferences: { language: 'en', distanceUnit: 'km' },
  seat: { position: 60, height: 45, recline: 20, lumbar: 30 },
  mirrors: { driver: { tilt: -20, pan: 15 }, passenger: { tilt: null, pan: null } },
  steering: { tilt: 40, extension: null },
  climate: { temperature: 24, fan: null, seatHeating: 2 },
  drive: { mode: 'ECONOMY', regen: 3 },
  ambientColour: '#3366ff',
  favouriteStations: ['CN*TEL*123'],
  charging: { targetSoc: 80, connectors: ['GBT_DC'], preferredOperators: ['TELD'], excludedOperators: [], minPowerKw: 60 },
  places: { home: { label: 'Home', lat: 23.12, lon: 113.32 }, work: null },
  keyFobs: [2, 22],
};

describe('profile migrations', () => {
  it('there is one for every version below the current one', () => {
    for (let v = 1; v < PROFILE_SCHEMA_VERSION; v += 1) expect(typeof PROFILE_MIGRATIONS[v]).toBe('function');
  });

  it('1 → 2: units split into distance and temperature, unset stays unset, the one fob becomes a list', () => {
    const out = PROFILE_MIGRATIONS[1](v1) as Record<string, unknown>;
    expect(out.preferences).toEqual({ language: 'zh-CN', distanceUnit: 'mi', temperatureUnit: 'fahrenheit', clockFormat: '12h' });
    expect(out.keyFobs).toEqual([1]);
    expect(out.seat).toEqual({ position: 180, height: 40, recline: 24, lumbar: null });
    expect(out.climate).toEqual({ temperature: 22, fan: 40, seatHeating: null });
    expect(out.updatedAt).toBe(v1.createdAt);
    expect(PROFILE_MIGRATIONS[1]({ ...v1, units: null, keyFob: null }) as Record<string, unknown>).toMatchObject({ preferences: { language: 'zh-CN' }, keyFobs: [] });
  });

  it('2 → 3: learning starts off and empty, charging gains charge-or-swap, an avatar is chosen', () => {
    const out = PROFILE_MIGRATIONS[2](v2) as Record<string, unknown>;
    expect(out.learning).toEqual({ enabled: false, history: [], rules: [], refused: [] });
    expect(out.avatar).toBe('initial');
    expect(out.charging).toMatchObject({ targetSoc: 80, chargeOrSwap: 'either', swapNetworks: [] });
  });

  it('3 → 4: low-battery warnings start unset (the defaults: 20 % amber, 10 % red)', () => {
    const v4 = PROFILE_MIGRATIONS[3]({ id: 'x', charging: {} }) as { batteryWarnings: unknown };
    expect(v4.batteryWarnings).toEqual({ lowPercent: null, criticalPercent: null });
  });

  it('each old shape ends as a valid current profile with nothing it said lost', () => {
    const fromV1 = profileSchema.parse(migrateProfile(v1, 1, PROFILE_SCHEMA_VERSION));
    expect(fromV1).toMatchObject({ name: 'Li', seat: { position: 180 }, mirrors: { driver: { tilt: -10 } }, keyFobs: [1] });
    const fromV2 = profileSchema.parse(migrateProfile(v2, 2, PROFILE_SCHEMA_VERSION));
    expect(fromV2).toMatchObject({ steering: { tilt: 40 }, drive: { mode: 'ECONOMY', regen: 3 }, keyFobs: [2, 22], places: { home: { label: 'Home' } } });
  });

  it('a migration that cannot make sense of the data says which step and why', () => {
    expect(() => migrateProfile({ ...v1, units: 'furlongs' }, 1, 3)).toThrow('migration from schema 1 to 2 failed: units: expected "metric" or "imperial", found "furlongs"');
    expect(() => migrateProfile([], 2, 3)).toThrow('migration from schema 2 to 3 failed: profile: expected an object');
  });
});
