import { describe, expect, it } from 'vitest';
import { newProfile, PROFILE_SCHEMA_VERSION } from './profileSchema';
import { parseProfilesFile, readProfilesFileText, toProfilesFile } from './profilesFile';

const li = { ...newProfile('pli0001', 'Li', 'teal', 1), keyFobs: [1] };
const wang = { ...newProfile('pwang01', 'Wang', 'rose', 2), keyFobs: [2] };

describe('the profiles file', () => {
  it('round-trips, leaving the adjustment history on the car', () => {
    const withHistory = { ...li, learning: { ...li.learning, enabled: true, history: [{ at: 1, day: 0, setting: 'climate.fan' as const, value: 40, outsideC: null }] } };
    const file = toProfilesFile([withHistory, wang], '2026-01-01T00:00:00.000Z');
    expect(file.profiles[0].learning).toEqual({ enabled: true, history: [], rules: [], refused: [] });
    const parsed = parseProfilesFile(JSON.parse(JSON.stringify(file)));
    expect(parsed).toEqual({ ok: true, fromSchema: PROFILE_SCHEMA_VERSION, profiles: [{ ...withHistory, learning: { ...withHistory.learning, history: [] } }, wang] });
  });

  it('lists every problem with its JSON path and keeps nothing', () => {
    const bad = {
      format: 'cabin-profiles',
      schemaVersion: 3,
      extra: true,
      profiles: [
        { ...li, name: '   ', seat: { ...li.seat, position: 900 } },
        { ...wang, climate: { ...wang.climate, temperature: 40 }, keyFobs: [1] },
        { ...wang, id: 'pwang02', name: 'Wang Two', keyFobs: [5] },
        'not a profile',
        { ...li, id: 'pli0002', name: 'WANG TWO', keyFobs: [5] },
      ],
    };
    const parsed = parseProfilesFile(bad);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: '$.extra', message: 'unknown field' },
      { path: '$.profiles[0].name', message: 'the name is only spaces' },
      { path: '$.profiles[0].seat.position', message: 'seat position mm above 500' },
      { path: '$.profiles[1].climate.temperature', message: 'climate temperature °C above 32' },
      { path: '$.profiles[3]', message: expect.stringMatching(/expected object/i) },
      { path: '$.profiles[4].name', message: 'the name "WANG TWO" is also profiles[2]' },
      { path: '$.profiles[4].keyFobs[0]', message: 'key fob 5 is also paired with profiles[2]' },
    ]);
  });

  it('checks fobs and names against the profiles already on the car, and the limit of eight', () => {
    const file = toProfilesFile([{ ...wang, keyFobs: [1] }], 'x');
    const parsed = parseProfilesFile(file, [li, { ...newProfile('pother1', 'Wang', 'sky', 0) }]);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: '$.profiles[0].keyFobs[0]', message: 'key fob 1 is already paired with "Li" on this car' },
      { path: '$.profiles[0].name', message: 'a profile named "Wang" is already on this car (id pother1)' },
    ]);
    const many = Array.from({ length: 8 }, (_, i) => newProfile(`pmany0${i}`, `Driver ${i}`, 'lime', 0));
    const full = parseProfilesFile(toProfilesFile([wang], 'x'), many);
    expect(full.ok ? [] : full.problems).toEqual([{ path: '$.profiles', message: '8 profiles on the car and 1 in the file make 9; a car holds at most 8' }]);
    // The same profile again replaces itself: not a clash.
    expect(parseProfilesFile(toProfilesFile([li], 'x'), [li]).ok).toBe(true);
  });

  it('refuses a file from a newer schema, naming the version, before judging anything else', () => {
    const parsed = parseProfilesFile({ format: 'cabin-profiles', schemaVersion: 7, profiles: [{ anything: 'new' }] });
    expect(parsed).toEqual({
      ok: false,
      newerSchema: 7,
      problems: [{ path: '$.schemaVersion', message: `written by a newer Cabin (profiles schema 7); this build reads up to schema ${PROFILE_SCHEMA_VERSION}` }],
    });
  });

  it('locates each problem in the text by line and column', () => {
    const text = JSON.stringify(toProfilesFile([{ ...li, seat: { ...li.seat, height: -4 } }], 'x'), null, 2);
    const parsed = readProfilesFileText(text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"height": -4')) + 1;
    const col = lines[line - 1].indexOf('"height"') + 1;
    expect(col).toBeGreaterThan(1);
    expect(parsed).toEqual({ ok: false, problems: [{ path: '$.profiles[0].seat.height', message: 'seat height mm below 0', line, col }] });
  });

  it('migrates profiles from older schemas, and says where a migration failed', () => {
    const v1 = { id: 'pold001', name: 'Old', colour: 'amber', createdAt: 5, units: 'metric', seat: {}, climate: {}, keyFob: 9 };
    const parsed = parseProfilesFile({ format: 'cabin-profiles', schemaVersion: 1, profiles: [v1, { ...v1, id: 'pold002', name: 'Older', units: 'cubits', keyFob: 8 }] });
    expect(parsed.ok ? [] : parsed.problems).toEqual([{ path: '$.profiles[1]', message: 'migration from schema 1 to 2 failed: units: expected "metric" or "imperial", found "cubits"' }]);
    const good = parseProfilesFile({ format: 'cabin-profiles', schemaVersion: 1, profiles: [v1] });
    expect(good).toMatchObject({ ok: true, fromSchema: 1, profiles: [{ id: 'pold001', keyFobs: [9], preferences: { distanceUnit: 'km' } }] });
  });

  it('names the line and column of broken JSON, and the shape of a wrong envelope', () => {
    expect(readProfilesFileText('{\n  "format": "cabin-profiles",\n  "profiles": [,]\n}')).toEqual({
      ok: false,
      problems: [{ path: '$', line: 3, col: 16, message: expect.stringMatching(/^not valid JSON at line 3 column 16: /) }],
    });
    expect(parseProfilesFile([])).toEqual({ ok: false, problems: [{ path: '$', message: expect.stringMatching(/^expected an object/) }] });
    expect(parseProfilesFile({ format: 'x', schemaVersion: 'three' })).toEqual({
      ok: false,
      problems: [
        { path: '$.format', message: 'expected "cabin-profiles", found "x"' },
        { path: '$.schemaVersion', message: 'expected an integer ≥ 1, found "three"' },
      ],
    });
  });
});
