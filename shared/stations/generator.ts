// Generates a believable charging network for the simulated regions, deterministically from a seed, one Location at a time.
import { CAPABILITIES, type Capability, type Connector, type Evse, type EvseStatus, type Hours, type Location, type ParkingType, type TariffSummary } from './model';
import { REGIONS, type OperatorProfile, type Region, type RegionId, type SiteKind } from './generatorRegions';
import { Random } from './seededRandom';

export { REGIONS, type RegionId };

export interface GenerateOptions {
  seed: number;
  /** Snapshot time (epoch ms): every status was last confirmed in the hours before it. */
  at: number;
  /** Total sites, shared among the regions in proportion to their defaults (which add up to 20,400). */
  sites?: number;
  regions?: RegionId[];
  /** 'bench': lean sites of 1–2 EVSEs, about 2.5 connectors each (the benchmark's shape). */
  profile?: 'realistic' | 'bench';
  /** Route polylines ([lat, lon]) per region: a share of the region's sites lines them. */
  routes?: Partial<Record<RegionId, ReadonlyArray<readonly [number, number]>>>;
  /** Source name written on every location. */
  source?: string;
}

const STATUS_WEIGHTS: Array<[EvseStatus, number]> = [
  ['AVAILABLE', 62],
  ['CHARGING', 22],
  ['UNKNOWN', 7],
  ['OUTOFORDER', 3],
  ['INOPERATIVE', 2],
  ['BLOCKED', 2],
  ['RESERVED', 2],
];
const FACILITIES = ['RESTAURANT', 'CAFE', 'MALL', 'SUPERMARKET', 'HOTEL', 'WIFI', 'TAXI_STAND', 'PARKING_LOT'];
const KM_PER_DEGREE = 111.2;
const ROUTE_SHARE = 0.15;
const SCATTER_SHARE = 0.1;

export function defaultSiteCount(regions: RegionId[] = ['guangzhou', 'shanghai', 'oslo']): number {
  return regions.reduce((sum, id) => sum + REGIONS[id].sites, 0);
}

export function* generateStations(options: GenerateOptions): Generator<Location> {
  const regionIds = options.regions ?? (['guangzhou', 'shanghai', 'oslo'] as RegionId[]);
  const total = options.sites ?? defaultSiteCount(regionIds);
  const defaults = defaultSiteCount(regionIds);
  const random = new Random(options.seed);
  let serial = 0;
  let made = 0;
  for (const [k, id] of regionIds.entries()) {
    const region = REGIONS[id];
    const count = k === regionIds.length - 1 ? total - made : Math.round((total * region.sites) / defaults);
    const tariffs = regionTariffs(region);
    for (let n = 0; n < count; n++) {
      serial += 1;
      yield site(region, tariffs, serial, random, options);
    }
    made += count;
  }
}

function regionTariffs(region: Region): Map<string, TariffSummary> {
  const tariffs = new Map<string, TariffSummary>();
  for (const operator of region.operators) {
    tariffs.set(`${operator.partyId}-DC`, { id: `${operator.partyId}-DC`, currency: region.currency, energy_per_kwh: operator.dcPerKwh, time_per_hour: 0, flat: 0 });
    tariffs.set(`${operator.partyId}-AC`, {
      id: `${operator.partyId}-AC`,
      currency: region.currency,
      energy_per_kwh: operator.acPerKwh,
      time_per_hour: operator.acPerHour,
      flat: 0,
    });
  }
  return tariffs;
}

function site(region: Region, tariffs: Map<string, TariffSummary>, serial: number, random: Random, options: GenerateOptions): Location {
  const operator = random.weighted(region.operators, (o) => o.weight);
  const kind = random.weighted(operator.kinds, (k) => k.weight);
  const { latitude, longitude } = position(region, random.weighted(region.districts, (d) => d.weight), random, options.routes?.[region.id]);
  // Names and postcodes follow where the site ended up, not where its draw started.
  const district = nearestDistrict(region, latitude, longitude);
  const id = `${region.id.slice(0, 2).toUpperCase()}${String(serial).padStart(7, '0')}`;
  const place = random.pick(region.places);
  const street = random.pick(region.streets);
  const number = random.int(1, 399);
  const evses = makeEvses(region, operator, kind, id, random, options);
  const usedTariffs = new Set(evses.flatMap((e) => e.connectors.flatMap((c) => c.tariff_ids)));
  const dayOnly = random.next() < kind.dayHoursShare;
  const hours: Hours = dayOnly
    ? {
        twentyfourseven: false,
        regular_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          period_begin: region.chinese ? '08:00' : '06:00',
          period_end: region.chinese ? '22:00' : '23:00',
        })),
      }
    : { twentyfourseven: true };
  const location: Location = {
    source: options.source ?? 'generated',
    country_code: region.countryCode,
    party_id: operator.partyId,
    id,
    publish: true,
    name: region.chinese
      ? `${operator.name.split(' ')[0]}${district.name}${place}充电站`
      : `${operator.name} ${district.name} ${place}`,
    address: region.chinese ? `${street}${number}号` : `${street} ${number}`,
    city: region.chinese ? (region.id === 'guangzhou' ? '广州市' : '上海市') : district.postal.startsWith('0') ? 'Oslo' : district.name,
    postal_code: `${district.postal}${String(random.int(0, 99)).padStart(2, '0')}`,
    country: region.country,
    coordinates: { latitude, longitude },
    parking_type: parkingType(region, kind, random),
    evses,
    operator: { name: operator.name, website: operator.website },
    time_zone: region.timeZone,
    opening_times: hours,
    charging_when_closed: !dayOnly,
    tariffs: [...usedTariffs].map((t) => tariffs.get(t)!),
    last_updated: Math.max(...evses.map((e) => e.last_updated)),
  };
  const facilityCount = random.int(0, 3);
  if (facilityCount) location.facilities = [...new Set(Array.from({ length: facilityCount }, () => random.pick(FACILITIES)))];
  return location;
}

function nearestDistrict(region: Region, lat: number, lon: number): Region['districts'][number] {
  const k = Math.cos((lat * Math.PI) / 180);
  let best = region.districts[0];
  let bestD = Infinity;
  for (const d of region.districts) {
    const dd = (d.lat - lat) ** 2 + ((d.lon - lon) * k) ** 2;
    if (dd < bestD) {
      bestD = dd;
      best = d;
    }
  }
  return best;
}

function position(
  region: Region,
  district: Region['districts'][number],
  random: Random,
  route: ReadonlyArray<readonly [number, number]> | undefined,
): { latitude: number; longitude: number } {
  const r = random.next();
  let lat: number;
  let lon: number;
  let sigmaKm: number;
  if (route && route.length > 1 && r < ROUTE_SHARE) {
    const k = random.int(0, route.length - 2);
    const t = random.next();
    lat = route[k][0] + (route[k + 1][0] - route[k][0]) * t;
    lon = route[k][1] + (route[k + 1][1] - route[k][1]) * t;
    sigmaKm = 0.4;
  } else if (r < ROUTE_SHARE + SCATTER_SHARE) {
    const anchor = random.pick(region.districts);
    lat = anchor.lat;
    lon = anchor.lon;
    sigmaKm = anchor.sigmaKm * 3;
  } else {
    lat = district.lat;
    lon = district.lon;
    sigmaKm = district.sigmaKm;
  }
  const latitude = lat + (random.gaussian() * sigmaKm) / KM_PER_DEGREE;
  const longitude = lon + (random.gaussian() * sigmaKm) / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
  // Six decimals, as operators publish them (≈ 0.1 m).
  return { latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 };
}

function makeEvses(region: Region, operator: OperatorProfile, kind: SiteKind, id: string, random: Random, options: GenerateOptions): Evse[] {
  const bench = options.profile === 'bench';
  const [min, max] = bench ? [1, 2] : kind.evses;
  const count = random.int(min, max);
  const reservable = random.next() < operator.reservableShare;
  const evses: Evse[] = [];
  for (let k = 1; k <= count; k++) {
    const post = random.weighted(kind.posts, (p) => p.weight);
    const status = random.weighted(STATUS_WEIGHTS, ([, w]) => w)[0];
    // Status ages are exponential with a mean of 30 minutes: most posts report often, a few are quiet.
    const ageMs = -Math.log(Math.max(random.next(), 1e-9)) * 30 * 60_000;
    // Whole seconds, as operators publish them.
    const statusTime = Math.round((options.at - ageMs) / 1000) * 1000;
    // Bench sites are lean (no evse_id): a post with one plug often has a second of the same kind on one EVSE.
    const specs = bench && post.connectors.length === 1 && random.next() < 0.7 ? [post.connectors[0], post.connectors[0]] : post.connectors;
    const connectors: Connector[] = specs.map((spec, c) => {
      const kw = random.pick(spec.kw);
      const dc = spec.powerType === 'DC';
      return {
        id: String(c + 1),
        standard: spec.standard,
        format: spec.format,
        power_type: spec.powerType,
        max_voltage: dc ? (kw > 200 ? 1000 : 750) : spec.powerType === 'AC_1_PHASE' ? 220 : 230,
        max_amperage: dc ? Math.round((kw * 1000) / (kw > 200 ? 1000 : 750)) : Math.round((kw * 1000) / (spec.powerType === 'AC_1_PHASE' ? 220 : 690)),
        max_electric_power: kw * 1000,
        tariff_ids: [`${operator.partyId}-${dc ? 'DC' : 'AC'}`],
        last_updated: statusTime,
      };
    });
    const wanted = new Set<Capability>(['REMOTE_START_STOP_CAPABLE', 'RFID_READER']);
    if (!region.chinese && post.connectors[0].powerType === 'DC') wanted.add('CREDIT_CARD_PAYABLE');
    if (reservable) wanted.add('RESERVABLE');
    // In OCPI's order, as the importer and the store give them back.
    const capabilities = CAPABILITIES.filter((c) => wanted.has(c));
    const evse: Evse = { uid: `${id}-${k}`, status, status_updated: statusTime, capabilities, connectors, last_updated: statusTime };
    if (!bench) {
      evse.evse_id = `${region.countryCode}*${operator.partyId}*E${id}${k}`;
      evse.physical_reference = String(k);
    }
    evses.push(evse);
  }
  return evses;
}

function parkingType(region: Region, kind: SiteKind, random: Random): ParkingType {
  const choices: Array<[ParkingType, number]> = region.chinese
    ? [
        ['PARKING_LOT', 60],
        ['UNDERGROUND_GARAGE', 20],
        ['ON_STREET', 10],
        ['PARKING_GARAGE', 10],
      ]
    : [
        ['PARKING_LOT', 50],
        ['ON_STREET', kind.id === 'ac' ? 30 : 5],
        ['PARKING_GARAGE', 20],
        ['ALONG_MOTORWAY', kind.id === 'ac' ? 0 : 15],
      ];
  return random.weighted(choices, ([, w]) => w)[0];
}
