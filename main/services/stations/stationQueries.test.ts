// The driver's query over a real generated store: name and favourite filters, the map's box of points, why a search is empty, and the assistant's charging options.
import { describe, expect, it } from 'vitest';
import { generateStations } from '../../../shared/stations/generator';
import { stationQuerySchema, type StationQueryInput, type VehicleContext } from '../../../shared/stations/search';
import { DEFAULT_STATION_FILTERS } from '../../../shared/ipc/stations';
import type { AssistantOption } from '../../../shared/state/stationsSlice';
import { buildStore } from './storeBuilder';
import { indexStore, pointsInBox, POINT_AVAILABLE, POINT_UNREACHABLE, searchStores } from './stationSearch';
import { chargingOptions, diagnoseEmpty, toStationQuery, type DriverQuery } from './stationQueries';

const AT = Date.UTC(2026, 0, 1);
const locations = [...generateStations({ seed: 5, at: AT, sites: 1500 })];
const entry = indexStore(buildStore(locations, AT), { source: 'generated', kind: 'offline', fetchedAt: AT, locations: locations.length });
const shanghai = locations.find((l) => l.coordinates.longitude > 121 && l.coordinates.latitude > 30.5)!;
const near = { lat: shanghai.coordinates.latitude, lon: shanghai.coordinates.longitude };
const car: VehicleContext = {
  vehicle: { usableKwh: 75, dcCurve: [{ soc: 0, powerKw: 80 }, { soc: 100, powerKw: 60 }], maxAcKw: 7, maxDcKw: 140, standards: ['GBT_AC', 'GBT_DC'], ratedWhPerKm: 165 },
  socPercent: 15,
};
const search = (input: StationQueryInput, context: VehicleContext | undefined = car) => searchStores([entry], stationQuerySchema.parse(input), context, AT + 60_000);
const driver = (patch: Partial<DriverQuery> = {}): DriverQuery => ({ filters: DEFAULT_STATION_FILTERS, scope: 'nearby', text: '', favourites: [], targetSoc: 80, ...patch });

describe('the driver query', () => {
  it('maps the filters onto the search query (kW to W, the car\'s inlets when none are chosen)', () => {
    const q = toStationQuery(driver({ filters: { ...DEFAULT_STATION_FILTERS, minPowerKw: 60, availableOnly: true, rankBy: 'time' } }), near, 20);
    expect(q).toMatchObject({ near, limit: 20, minPowerW: 60_000, availableOnly: true, rankBy: 'time', targetSoc: 80 });
    expect(q.standards).toBeUndefined();
    expect(toStationQuery(driver({ scope: 'favourites', favourites: ['a'] }), near, 5).keys).toEqual(['a']);
  });

  it('finds stations by part of their name or operator, in any case and width', () => {
    const name = shanghai.name!;
    const part = name.slice(-6, -2);
    const byName = search({ near, limit: 50, nameContains: part }).results;
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((r) => r.name.includes(part) || (r.operator ?? '').includes(part))).toBe(true);
    const operator = shanghai.operator!.name;
    const ascii = operator.match(/[A-Za-z]{3,}/)![0];
    const byOperator = search({ near, limit: 50, nameContains: ascii.toUpperCase() }).results;
    expect(byOperator.length).toBeGreaterThan(0);
    expect(byOperator.every((r) => r.operator === operator)).toBe(true);
  });

  it('restricts to the favourites, whatever their distance', () => {
    const far = locations.filter((l) => l.coordinates.longitude < 20).slice(0, 2);
    const keys = far.map((l) => `${l.country_code}*${l.party_id}/${l.id}`);
    const found = search({ near, limit: 20, keys, standards: ['IEC_62196_T2', 'IEC_62196_T2_COMBO', 'CHADEMO', 'SAE_J3400'] }).results;
    expect(found.map((r) => r.key).sort()).toEqual([...keys].sort());
  });

  it('says which filter to loosen when nothing matches, and nothing when no filter is to blame', () => {
    const q = toStationQuery(driver({ filters: { ...DEFAULT_STATION_FILTERS, minPowerKw: 500 } }), near, 20);
    expect(search(q).results).toEqual([]);
    const count = (query: StationQueryInput) => search(query).results.length;
    expect(diagnoseEmpty(q, count)).toEqual(['minPowerKw']);
    const nowhere = toStationQuery(driver({ text: 'no such station anywhere' }), near, 20);
    expect(diagnoseEmpty(nowhere, count)).toEqual(['name']);
  });
});

describe('map points', () => {
  const box = { south: near.lat - 0.3, north: near.lat + 0.3, west: near.lon - 0.4, east: near.lon + 0.4 };

  it('are exactly the matching stations in the box, with availability and reach', () => {
    const query = stationQuerySchema.parse({ near, limit: 1 });
    const points = pointsInBox([entry], query, car, AT, box, 25_000);
    const inBox = locations.filter((l) => {
      const { latitude: lat, longitude: lon } = l.coordinates;
      return lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east && l.evses.some((e) => e.connectors.some((c) => car.vehicle.standards.includes(c.standard)));
    });
    expect(points.keys.length).toBe(inBox.length);
    expect(points.truncated).toBe(false);
    expect(points.flags.some((f) => f & POINT_AVAILABLE)).toBe(true);
    // At 15 % a 75 kWh car keeps 10 %: about 18 km in a straight line.
    points.keys.forEach((_, i) => {
      const km = Math.hypot((points.lat[i] - near.lat) * 111, (points.lon[i] - near.lon) * 111 * Math.cos((near.lat * Math.PI) / 180));
      if (km < 15) expect(points.flags[i] & POINT_UNREACHABLE).toBe(0);
      if (km > 22) expect(points.flags[i] & POINT_UNREACHABLE).toBe(POINT_UNREACHABLE);
    });
  });

  it('keep the nearest to the box centre when there are more than asked for', () => {
    const query = stationQuerySchema.parse({ near, limit: 1 });
    const points = pointsInBox([entry], query, undefined, AT, box, 10);
    expect(points.keys).toHaveLength(10);
    expect(points.truncated).toBe(true);
  });
});

describe('charging options for the assistant', () => {
  it('are reachable, compatible, and free by a recent status before free by an old one', () => {
    const provider = chargingOptions((q, c) => search(q, c).results, () => ({ excludeOperators: [], targetSoc: 80 }), (ms) => ms);
    const options = provider.options({ position: near, context: car, limit: 3 }) as AssistantOption[];
    expect(options).toHaveLength(3);
    for (const o of options) {
      expect(o.arrival_soc).toBeGreaterThanOrEqual(10);
      expect(['GBT_AC', 'GBT_DC']).toContain(o.standard);
    }
    expect(options.map((o) => o.tier)).toEqual([...options.map((o) => o.tier)].sort());
  });
});
