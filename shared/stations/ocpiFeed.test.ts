import { describe, expect, it } from 'vitest';
import { importOcpiLocations } from './ocpiFeed';
import { locationKey } from './model';
import { normaliseStandard } from './standards';
import { normaliseCountry } from './countries';
import { normaliseTimeZone } from './timeZones';

const NOW = Date.UTC(2026, 0, 1);

const good = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  publish: true,
  name: `Site ${id}`,
  country: 'NLD',
  coordinates: { latitude: '52.1', longitude: '5.1' },
  time_zone: 'Europe/Amsterdam',
  evses: [
    {
      uid: `${id}-1`,
      status: 'AVAILABLE',
      connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, max_electric_power: 22000, last_updated: '2025-01-01T00:00:00Z' }],
      last_updated: '2025-01-01T00:00:00Z',
    },
  ],
  last_updated: '2025-01-01T00:00:00Z',
  ...extra,
});

describe('OCPI import: identity', () => {
  it('counts the same id in two feeds without a party as two locations, and keys a party\'s location by the party', () => {
    const a = importOcpiLocations([good('1')], { source: 'feed-a', now: NOW }).locations[0];
    const b = importOcpiLocations([good('1')], { source: 'feed-b', now: NOW }).locations[0];
    expect(locationKey(a)).toBe('feed:feed-a/1');
    expect(locationKey(b)).toBe('feed:feed-b/1');
    const party = importOcpiLocations([good('1', { country_code: 'nl', party_id: 'abc' })], { source: 'feed-a', now: NOW }).locations[0];
    expect(locationKey(party)).toBe('NL*ABC/1');
  });

  it('keeps the first of two records with the same id in one feed and says where the first one was', () => {
    const { locations, report } = importOcpiLocations({ data: [good('7'), good('8'), good('7', { name: 'again' })] }, { source: 'f', now: NOW });
    expect(locations.map((l) => [l.id, l.name])).toEqual([
      ['7', 'Site 7'],
      ['8', 'Site 8'],
    ]);
    expect(report.counts.duplicates).toBe(1);
    expect(report.records[0].issues[0]).toMatchObject({ path: '$.data[2].id', code: 'location-duplicate-id', message: 'id "7" already read at $.data[0]; the first one kept' });
  });
});

describe('OCPI import: hostile and broken records', () => {
  const hostile = [
    good('ok-1'),
    'not an object',
    null,
    42,
    good('x'.repeat(5_000_000)),
    good('long-name', { name: 'n'.repeat(2_000_000), address: 12345 }),
    good('bad-position', { coordinates: { latitude: '95.5', longitude: '5' } }),
    good('junk-position', { coordinates: { latitude: true, longitude: [] } }),
    good('wrong-types', { evses: 'many', publish: 'yes please' }),
    good('bad-evses', {
      evses: [
        7,
        { uid: { nested: true }, connectors: [] },
        { uid: 'e', status: 'ON_FIRE', capabilities: 'RESERVABLE', connectors: [{ id: '1', standard: 'WARP_PLUG', power_type: 'DC' }, { id: '2', standard: 'gbt_dc ', power_type: 'dc', max_electric_power: '120000' }] },
      ],
    }),
    good('ok-2'),
  ];

  it('keeps every good record and counts each bad one with the JSON path of what was wrong', () => {
    const { locations, report } = importOcpiLocations(hostile, { source: 'hostile', now: NOW });
    expect(locations.map((l) => l.id.slice(0, 20))).toEqual(['ok-1', 'long-name', 'bad-evses', 'ok-2']);
    expect(report.counts).toMatchObject({ records: 11, locations: 4, rejected: 6, noConnectors: 1 });
    const issue = (id: string | undefined, code: string) => report.records.find((r) => r.id === id && r.issues.some((i) => i.code === code))?.issues.find((i) => i.code === code);
    expect(report.records.find((r) => r.path === '$[1]')!.issues[0]).toMatchObject({ code: 'location-not-object', message: 'expected a Location object, got "not an object"' });
    expect(report.records.find((r) => r.path === '$[4]')!.issues[0]).toMatchObject({ path: '$[4].id', code: 'location-no-id', message: 'no usable id (a 5000000-character string); record left out' });
    expect(issue('bad-position', 'coordinates-out-of-range')).toMatchObject({ path: '$[6].coordinates.latitude', message: '95.5 is outside ±90' });
    expect(issue('junk-position', 'coordinates-invalid')?.path).toBe('$[7].coordinates.latitude');
    expect(issue('wrong-types', 'field-wrong-type')).toMatchObject({ path: '$[8].publish' });
  });

  it('cuts huge text instead of storing it, and turns a number into text', () => {
    const { locations, report } = importOcpiLocations(hostile, { source: 'hostile', now: NOW });
    const site = locations.find((l) => l.id === 'long-name')!;
    expect(site.name).toHaveLength(255);
    expect(site.address).toBe('12345');
    const codes = report.records.find((r) => r.id === 'long-name')!.issues.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['text-too-long', 'number-as-string']));
  });

  it('keeps the usable connector of a broken EVSE, normalising "gbt_dc " and a power sent as a string', () => {
    const { locations, report } = importOcpiLocations(hostile, { source: 'hostile', now: NOW });
    const site = locations.find((l) => l.id === 'bad-evses')!;
    expect(site.evses).toHaveLength(1);
    expect(site.evses[0]).toMatchObject({ uid: 'e', status: 'UNKNOWN', capabilities: [] });
    expect(site.evses[0].connectors).toEqual([
      expect.objectContaining({ id: '2', standard: 'GBT_DC', power_type: 'DC', max_electric_power: 120_000 }),
    ]);
    const issues = report.records.find((r) => r.id === 'bad-evses')!.issues;
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual(
      expect.arrayContaining([
        '$[9].evses[0] evse-not-object',
        '$[9].evses[1].uid evse-no-uid',
        '$[9].evses[2].status status-unknown-value',
        '$[9].evses[2].connectors[0].standard connector-unknown-standard',
        '$[9].evses[2].connectors[1].standard enum-case',
        '$[9].evses[2].connectors[1].power_type enum-case',
        '$[9].evses[2].connectors[1].max_electric_power string-as-number',
      ]),
    );
    expect(report.counts.rejectedEvses).toBe(2);
    expect(report.counts.rejectedConnectors).toBe(1);
  });

  it('reports an envelope that holds no Locations without throwing', () => {
    for (const input of [null, 'text', { data: 5 }, { something: 'else' }]) {
      const { locations, report } = importOcpiLocations(input, { source: 'x', now: NOW });
      expect(locations).toEqual([]);
      expect(report.inputIssues[0].code).toBe('input-not-locations');
    }
  });
});

describe('normalising feed values', () => {
  it('maps connector spellings to OCPI names; NACS is SAE_J3400 and ChaoJi is CHAOJI', () => {
    expect(normaliseStandard('GBT_DC')).toEqual({ standard: 'GBT_DC', exact: true });
    expect(normaliseStandard('gbt_dc ')).toEqual({ standard: 'GBT_DC', exact: false });
    expect(normaliseStandard('GB/T (DC)')?.standard).toBe('GBT_DC');
    expect(normaliseStandard('Type 2 outlet')?.standard).toBe('IEC_62196_T2');
    expect(normaliseStandard('NACS')?.standard).toBe('SAE_J3400');
    expect(normaliseStandard('ChaoJi')?.standard).toBe('CHAOJI');
    expect(normaliseStandard('IEC_60309_2_THREE_32')).toEqual({ standard: 'IEC_60309_2_three_32', exact: false });
    expect(normaliseStandard('IEC_60309_2_three_32')).toEqual({ standard: 'IEC_60309_2_three_32', exact: true });
    expect(normaliseStandard('WARP')).toBeNull();
    expect(normaliseStandard(42)).toBeNull();
  });

  it('reads countries as alpha-3 codes, alpha-2 codes or names in several languages', () => {
    expect(normaliseCountry('NLD')).toEqual({ alpha3: 'NLD', how: 'exact' });
    expect(normaliseCountry('RU')).toEqual({ alpha3: 'RUS', how: 'alpha2' });
    expect(normaliseCountry('Polska')).toEqual({ alpha3: 'POL', how: 'name' });
    expect(normaliseCountry('Türkiye')?.alpha3).toBe('TUR');
    expect(normaliseCountry('中国')?.alpha3).toBe('CHN');
    expect(normaliseCountry('TRY')).toBeNull();
  });

  it('repairs near-miss time zones and refuses countries given as zones', () => {
    expect(normaliseTimeZone('Asia/Kuala Lumpur')).toEqual({ zone: 'Asia/Kuala_Lumpur', exact: false });
    expect(normaliseTimeZone('The Netherlands/Amsterdam')).toEqual({ zone: 'Europe/Amsterdam', exact: false });
    expect(normaliseTimeZone('Europe/Oslo')).toEqual({ zone: 'Europe/Oslo', exact: true });
    expect(normaliseTimeZone('Germany')).toBeNull();
  });

  it('reads times without a zone as UTC, with microseconds, and refuses placeholders', () => {
    const { locations, report } = importOcpiLocations(
      [good('t', { last_updated: '2025-06-21T11:20:36.504571', evses: [{ ...good('t').evses[0], last_updated: '0001-01-01T00:00:00' }] })],
      { source: 'f', now: NOW },
    );
    expect(locations[0].last_updated).toBe(Date.UTC(2025, 5, 21, 11, 20, 36, 504.571));
    expect(report.byCode['timestamp-no-zone']).toBe(1);
    expect(report.byCode['timestamp-placeholder']).toBe(1);
  });
});
