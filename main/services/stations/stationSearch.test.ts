// Property tests: the indexed search returns exactly what a brute-force filter-and-sort over plain Location objects returns.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildStore } from './storeBuilder';
import { indexStore, searchStores, SearchError } from './stationSearch';
import { EVSE_STATUSES, type Capability, type ConnectorStandard, type Location } from '../../../shared/stations/model';
import { stationQuerySchema, type StationQuery, type VehicleContext } from '../../../shared/stations/search';
import { haversineM, haversineTerm, projectOnRoute, routeLine } from '../../../shared/stations/geo';
import { isOpenAt } from '../../../shared/stations/openingHours';
import { chargeEnergyKwh, chargeMinutes, type ChargingVehicle } from '../../../shared/stations/chargeTime';
import { chargeCost, pricePerKwh } from '../../../shared/stations/tariffs';
import { arrivalSoc } from '../../../shared/stations/reachability';
import { STANDARD_INDEX } from '../../../shared/stations/standards';

const NOW = Date.UTC(2026, 2, 3, 4, 30);
const STANDARDS: ConnectorStandard[] = ['GBT_DC', 'GBT_AC', 'CHAOJI', 'IEC_62196_T2_COMBO', 'CHADEMO'];
const OPERATORS = ['Alpha', 'Beta', 'Gamma'];
/** A few fixed spots so equal distances (ties) happen often. */
const SPOTS: Array<[number, number]> = [
  [31.2, 121.5],
  [31.21, 121.52],
  [31.25, 121.45],
];

const car: ChargingVehicle = {
  usableKwh: 75,
  dcCurve: [
    { soc: 0, powerKw: 80 },
    { soc: 20, powerKw: 140 },
    { soc: 60, powerKw: 110 },
    { soc: 80, powerKw: 60 },
    { soc: 100, powerKw: 6 },
  ],
  maxAcKw: 7,
  maxDcKw: 140,
  standards: ['GBT_AC', 'GBT_DC'],
  ratedWhPerKm: 165,
};

const position = fc.oneof(
  fc.constantFrom(...SPOTS),
  fc.tuple(fc.double({ min: 31.0, max: 31.4, noNaN: true }), fc.double({ min: 121.2, max: 121.8, noNaN: true })),
);

function siteArb(standard: fc.Arbitrary<ConnectorStandard>) {
  const connector = fc.record({
    standard,
    power: fc.constantFrom(0, 7_000, 22_000, 50_000, 120_000, 350_000),
    priced: fc.boolean(),
  });
  const evse = fc.record({
    status: fc.constantFrom(...EVSE_STATUSES.filter((s) => s !== 'REMOVED')),
    ageMin: fc.integer({ min: 0, max: 120 }),
    reservable: fc.boolean(),
    connectors: fc.array(connector, { minLength: 1, maxLength: 3 }),
  });
  return fc.record({
    at: position,
    operator: fc.option(fc.constantFrom(...OPERATORS), { nil: undefined }),
    dayHours: fc.boolean(),
    whenClosed: fc.boolean(),
    price: fc.record({ currency: fc.constantFrom('CNY', 'NOK'), energy: fc.constantFrom(0.8, 1.2, 1.9, 5.5), perHour: fc.constantFrom(0, 6) }),
    evses: fc.array(evse, { minLength: 1, maxLength: 3 }),
  });
}
const site = siteArb(fc.constantFrom(...STANDARDS));
/** A network like most: GB/T nearly everywhere, CHAdeMO and ChaoJi at a few sites (each gets an index of its own). */
const RARE: ConnectorStandard[] = ['CHADEMO', 'CHAOJI'];
const mostlyGbtSite = siteArb(
  fc.oneof({ arbitrary: fc.constant<ConnectorStandard>('GBT_DC'), weight: 40 }, { arbitrary: fc.constant<ConnectorStandard>('GBT_AC'), weight: 20 }, { arbitrary: fc.constantFrom(...RARE), weight: 2 }),
);

type ArbValue<A> = A extends fc.Arbitrary<infer T> ? T : never;

function toLocation(s: ArbValue<typeof site>, k: number): Location {
  const tariff = { id: 'T', currency: s.price.currency, energy_per_kwh: s.price.energy, time_per_hour: s.price.perHour, flat: 0.5 };
  return {
    source: 'prop',
    id: `L${k}`,
    publish: true,
    name: `Site ${k}`,
    coordinates: { latitude: s.at[0], longitude: s.at[1] },
    operator: s.operator ? { name: s.operator } : undefined,
    time_zone: 'Asia/Shanghai',
    opening_times: s.dayHours
      ? { twentyfourseven: false, regular_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, period_begin: '08:00', period_end: '22:00' })) }
      : { twentyfourseven: true },
    charging_when_closed: s.whenClosed,
    tariffs: [tariff],
    evses: s.evses.map((e, j) => ({
      uid: `E${j}`,
      status: e.status,
      status_updated: NOW - e.ageMin * 60_000,
      capabilities: (e.reservable ? ['RESERVABLE'] : []) as Capability[],
      connectors: e.connectors.map((c, n) => ({
        id: String(n + 1),
        standard: c.standard,
        power_type: c.standard === 'GBT_AC' ? 'AC_1_PHASE' : 'DC',
        max_electric_power: c.power,
        tariff_ids: c.priced ? ['T'] : [],
        last_updated: NOW,
      })),
      last_updated: NOW,
    })),
    last_updated: NOW,
  } as Location;
}

const queryArb = fc.record({
  near: position,
  limit: fc.integer({ min: 1, max: 20 }),
  standards: fc.option(fc.subarray(STANDARDS, { minLength: 1 }), { nil: undefined }),
  minPowerW: fc.constantFrom(0, 0, 22_000, 50_000, 100_000),
  availableOnly: fc.boolean(),
  maxStatusAgeMs: fc.option(fc.constantFrom(10 * 60_000, 60 * 60_000), { nil: undefined }),
  reservableOnly: fc.boolean(),
  openOnly: fc.boolean(),
  excludeOperators: fc.subarray(OPERATORS.map((o) => o.toLowerCase())),
  preferOperators: fc.subarray(OPERATORS),
  maxPrice: fc.option(fc.record({ amount: fc.constantFrom(1, 2, 6), currency: fc.constantFrom('CNY', 'NOK') }), { nil: undefined }),
  rankBy: fc.constantFrom('distance', 'time', 'price'),
  pool: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  withCar: fc.boolean(),
  soc: fc.integer({ min: 3, max: 90 }),
  along: fc.option(
    fc.record({ points: fc.array(position, { minLength: 2, maxLength: 5 }), corridorM: fc.constantFrom(300, 2_000, 8_000) }),
    { nil: undefined },
  ),
});

/** Straightforward reference: every location, every filter spelled out on the objects, one full sort. */
function bruteForce(locations: Location[], q: StationQuery, context: VehicleContext | undefined): Array<{ id: string; distance: number; best: string }> {
  const wanted = new Set<string>(q.standards ?? context?.vehicle.standards ?? STANDARDS);
  const excluded = new Set(q.excludeOperators.map((o) => o.toLowerCase()));
  const preferred = new Set(q.preferOperators.map((o) => o.toLowerCase()));
  const rows: Array<{ k: number; loc: Location; sortKey: number; distance: number; route?: number; conns: Array<[number, number]> }> = [];
  const line = q.along && routeLine(q.along.points);
  const carOnRoute = line && projectOnRoute(line, q.near.lat, q.near.lon);
  locations.forEach((loc, k) => {
    if (loc.operator && excluded.has(loc.operator.name.toLowerCase())) return;
    const conns: Array<[number, number]> = [];
    loc.evses.forEach((e, ei) => {
      if (q.availableOnly && (e.status !== 'AVAILABLE' || (q.maxStatusAgeMs !== undefined && NOW - e.status_updated > q.maxStatusAgeMs))) return;
      if (q.reservableOnly && !e.capabilities.includes('RESERVABLE')) return;
      e.connectors.forEach((c, ci) => {
        if (!wanted.has(c.standard) || c.max_electric_power < q.minPowerW || (q.minPowerW > 0 && c.max_electric_power === 0)) return;
        if (q.maxPricePerKwh) {
          const t = loc.tariffs!.find((x) => c.tariff_ids.includes(x.id));
          if (!t || t.currency !== q.maxPricePerKwh.currency || pricePerKwh(t, c.max_electric_power / 1000) > q.maxPricePerKwh.amount) return;
        }
        conns.push([ei, ci]);
      });
    });
    if (conns.length === 0) return;
    if (q.openOnly && !loc.charging_when_closed && isOpenAt(loc.opening_times, loc.time_zone, loc.coordinates.longitude, NOW) === false) return;
    const term = haversineTerm(q.near.lat, q.near.lon, loc.coordinates.latitude, loc.coordinates.longitude);
    const distance = haversineM(q.near.lat, q.near.lon, loc.coordinates.latitude, loc.coordinates.longitude);
    if (line && carOnRoute) {
      const p = projectOnRoute(line, loc.coordinates.latitude, loc.coordinates.longitude);
      if (p.offM > q.along!.corridorM || p.alongM < carOnRoute.alongM) return;
      const route = p.alongM - carOnRoute.alongM + p.offM;
      if (q.maxDistanceM !== undefined && route > q.maxDistanceM) return;
      rows.push({ k, loc, sortKey: route, distance, route, conns });
    } else {
      if (q.maxDistanceM !== undefined && distance > q.maxDistanceM) return;
      rows.push({ k, loc, sortKey: term, distance, conns });
    }
  });
  rows.sort((a, b) => a.sortKey - b.sortKey || a.k - b.k);
  const plain = q.rankBy === 'distance' && q.preferOperators.length === 0;
  const pool = rows.slice(0, plain ? q.limit : (q.pool ?? Math.max(100, q.limit * 10)));
  const ranked = pool.map((r) => {
    const driveKm = (r.route ?? r.distance * 1.25) / 1000;
    const energy = context && { socPercent: context.socPercent, usableKwh: car.usableKwh, whPerKm: car.ratedWhPerKm, reservePercent: 10 };
    const arrival = energy ? arrivalSoc(energy, driveKm) : 0;
    const from = Math.max(0, arrival);
    let best: [number, number] | null = null;
    let bestMin = Infinity;
    let bestCost = Infinity;
    for (const [ei, ci] of r.conns) {
      const c = r.loc.evses[ei].connectors[ci];
      const minutes = context ? chargeMinutes(car, c.max_electric_power, c.power_type === 'DC', from, q.targetSoc) : Infinity;
      const t = r.loc.tariffs!.find((x) => c.tariff_ids.includes(x.id));
      const perKwh = t && (!q.maxPricePerKwh || t.currency === q.maxPricePerKwh.currency) ? pricePerKwh(t, c.max_electric_power / 1000) : Infinity;
      const cost = t && context && Number.isFinite(minutes) && Number.isFinite(perKwh) ? chargeCost(t, chargeEnergyKwh(car, from, q.targetSoc), minutes) : perKwh;
      const bestPower = best ? r.loc.evses[best[0]].connectors[best[1]].max_electric_power : -1;
      const better =
        !best ||
        (q.rankBy === 'price'
          ? cost < bestCost || (cost === bestCost && minutes < bestMin)
          : context
            ? minutes < bestMin || (minutes === bestMin && c.max_electric_power > bestPower)
            : c.max_electric_power > bestPower);
      if (better) {
        best = [ei, ci];
        bestMin = minutes;
        bestCost = cost;
      }
    }
    const pref = r.loc.operator && preferred.has(r.loc.operator.name.toLowerCase()) ? 0.8 : 1;
    const driveMin = (driveKm / (q.along ? 70 : 50)) * 60;
    let key = q.rankBy === 'time' ? (driveMin + bestMin) * pref : q.rankBy === 'price' ? (Number.isFinite(bestCost) ? bestCost * pref : 1e15 + r.distance) : (r.route ?? r.distance) * pref;
    if (!Number.isFinite(key)) key = 1e14 + r.distance;
    if (energy && arrival < 10 && q.rankBy !== 'distance') key += 1e12;
    return { r, key, best: `${r.loc.evses[best![0]].uid}/${r.loc.evses[best![0]].connectors[best![1]].id}` };
  });
  ranked.sort((a, b) => a.key - b.key || a.r.distance - b.r.distance || a.r.k - b.r.k);
  return ranked.slice(0, q.limit).map((x) => ({ id: x.r.loc.id, distance: x.r.distance, best: x.best }));
}

describe('station search', () => {
  it('equals a brute-force filter-and-sort on random datasets and queries', () => {
    fc.assert(
      fc.property(fc.array(site, { minLength: 3, maxLength: 60 }), queryArb, (sites, raw) => {
        const locations = sites.map(toLocation);
        const entry = indexStore(buildStore(locations), { source: 'prop', kind: 'offline', fetchedAt: NOW, locations: locations.length });
        const rankBy = raw.rankBy === 'time' && !raw.withCar ? 'distance' : raw.rankBy;
        const query = stationQuerySchema.parse({
          near: { lat: raw.near[0], lon: raw.near[1] },
          limit: raw.limit,
          standards: raw.standards,
          minPowerW: raw.minPowerW,
          availableOnly: raw.availableOnly,
          maxStatusAgeMs: raw.maxStatusAgeMs,
          reservableOnly: raw.reservableOnly,
          openOnly: raw.openOnly,
          excludeOperators: raw.excludeOperators,
          preferOperators: raw.preferOperators,
          maxPricePerKwh: raw.maxPrice,
          rankBy,
          pool: raw.pool,
          along: raw.along && { points: raw.along.points, corridorM: raw.along.corridorM },
        });
        const context = raw.withCar ? { vehicle: car, socPercent: raw.soc } : undefined;
        const got = searchStores([entry], query, context, NOW).results.map((r) => ({
          id: r.location_id,
          distance: r.distance_m,
          best: `${r.best.evse_uid}/${r.best.connector_id}`,
        }));
        expect(got).toEqual(bruteForce(locations, query, context));
      }),
      { numRuns: 600 },
    );
  });

  it('searching for rare standards through their own indexes equals a brute-force filter-and-sort', () => {
    let throughOwnIndexes = 0;
    const runs = 150;
    fc.assert(
      fc.property(
        fc.array(mostlyGbtSite, { minLength: 60, maxLength: 200 }),
        position,
        fc.integer({ min: 1, max: 6 }),
        // Mostly rare standards alone (their own indexes answer), sometimes with a common one (the whole index does).
        fc.oneof({ arbitrary: fc.subarray(RARE, { minLength: 1 }), weight: 4 }, { arbitrary: fc.subarray([...RARE, 'GBT_AC' as ConnectorStandard], { minLength: 1 }), weight: 1 }),
        fc.constantFrom(0, 50_000),
        fc.boolean(),
        (sites, near, limit, standards, minPowerW, availableOnly) => {
          const locations = sites.map(toLocation);
          const entry = indexStore(buildStore(locations), { source: 'rare', kind: 'offline', fetchedAt: NOW, locations: locations.length });
          if (standards.every((standard) => entry.byStandard?.has(STANDARD_INDEX.get(standard)!))) throughOwnIndexes += 1;
          const query = stationQuerySchema.parse({ near: { lat: near[0], lon: near[1] }, limit, standards, minPowerW, availableOnly });
          const got = searchStores([entry], query, undefined, NOW).results.map((r) => ({ id: r.location_id, distance: r.distance_m, best: `${r.best.evse_uid}/${r.best.connector_id}` }));
          expect(got).toEqual(bruteForce(locations, query, undefined));
        },
      ),
      { numRuns: runs },
    );
    // The own indexes were really what answered most of these queries.
    expect(throughOwnIndexes).toBeGreaterThan(runs / 2);
  });

  it('resolves equal distances at the cut by dataset order, not by the tree\'s order', () => {
    // 30 stations on one spot: the nearest 5 must be the first 5 of the dataset, every time.
    const locations = Array.from({ length: 30 }, (_, k) =>
      toLocation({ at: SPOTS[0], operator: undefined, dayHours: false, whenClosed: true, price: { currency: 'CNY', energy: 1.2, perHour: 0 }, evses: [{ status: 'AVAILABLE', ageMin: 1, reservable: false, connectors: [{ standard: 'GBT_DC', power: 120_000, priced: false }] }] }, k),
    );
    const entry = indexStore(buildStore(locations), { source: 'ties', kind: 'offline', fetchedAt: NOW, locations: 30 });
    const query = stationQuerySchema.parse({ near: { lat: 31.3, lon: 121.6 }, limit: 5 });
    expect(searchStores([entry], query, undefined, NOW).results.map((r) => r.location_id)).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
  });

  it('marks unreachable stations instead of hiding them, each with its arrival SoC', () => {
    const near = toLocation({ at: SPOTS[0], operator: 'Alpha', dayHours: false, whenClosed: true, price: { currency: 'CNY', energy: 1.2, perHour: 0 }, evses: [{ status: 'AVAILABLE', ageMin: 1, reservable: false, connectors: [{ standard: 'GBT_DC', power: 120_000, priced: true }] }] }, 0);
    const far = { ...near, id: 'far', coordinates: { latitude: 31.9, longitude: 121.5 } };
    const entry = indexStore(buildStore([near, far]), { source: 't', kind: 'offline', fetchedAt: NOW, locations: 2 });
    const query = stationQuerySchema.parse({ near: { lat: 31.2, lon: 121.5 }, limit: 5, rankBy: 'time' });
    const results = searchStores([entry], query, { vehicle: car, socPercent: 20 }, NOW).results;
    expect(results.map((r) => [r.location_id, r.reachable])).toEqual([
      ['L0', true],
      ['far', false],
    ]);
    // 77.8 km × 1.25 road factor at 165 Wh/km out of 75 kWh: about 21 % of the battery; from 20 % that is below zero.
    expect(results[1].arrival_soc!).toBeLessThan(0);
    expect(results[0].arrival_soc!).toBeCloseTo(20, 0);
  });

  it('ranks a preferred operator as if 20 % nearer, and never shows an excluded one', () => {
    const at = (id: string, operator: string, km: number) => ({
      ...toLocation({ at: SPOTS[0], operator, dayHours: false, whenClosed: true, price: { currency: 'CNY', energy: 1.2, perHour: 0 }, evses: [{ status: 'AVAILABLE', ageMin: 1, reservable: false, connectors: [{ standard: 'GBT_DC', power: 120_000, priced: false }] }] }, 0),
      id,
      coordinates: { latitude: 31.2 + km / 111.195, longitude: 121.5 },
    });
    const search = (locations: Location[], extra: object) =>
      searchStores([indexStore(buildStore(locations), { source: 'p', kind: 'offline', fetchedAt: NOW, locations: locations.length })], stationQuerySchema.parse({ near: { lat: 31.2, lon: 121.5 }, limit: 5, ...extra }), undefined, NOW).results.map((r) => r.location_id);
    expect(search([at('beta', 'Beta', 1.0), at('alpha', 'Alpha', 1.1)], { preferOperators: ['alpha'] })).toEqual(['alpha', 'beta']);
    expect(search([at('beta', 'Beta', 1.0), at('alpha', 'Alpha', 1.3)], { preferOperators: ['alpha'] })).toEqual(['beta', 'alpha']);
    expect(search([at('beta', 'Beta', 1.0), at('alpha', 'Alpha', 1.1)], { excludeOperators: ['BETA'] })).toEqual(['alpha']);
  });

  it('refuses to rank by time without a vehicle', () => {
    const entry = indexStore(buildStore([]), { source: 'none', kind: 'offline', fetchedAt: NOW, locations: 0 });
    const query = stationQuerySchema.parse({ near: { lat: 0, lon: 0 }, rankBy: 'time' });
    expect(() => searchStores([entry], query, undefined, NOW)).toThrow(SearchError);
  });
});
