// The station search contract: the query (zod-checked, as it arrives in a `stations.search` intent), the vehicle context the host adds, and the results.
import { z } from 'zod';
import { CONNECTOR_STANDARDS, EVSE_STATUSES, POWER_TYPES, type ConnectorStandard, type EvseStatus, type PowerType } from './model';
import type { ChargingVehicle } from './chargeTime';

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const RANKINGS = ['distance', 'time', 'price'] as const;
export type Ranking = (typeof RANKINGS)[number];

export const stationQuerySchema = z.strictObject({
  /** Where the car is (WGS-84). */
  near: z.strictObject({ lat: latitude, lon: longitude }),
  /** Search along this route ahead of the car instead of around it: [lat, lon] points. */
  along: z
    .strictObject({
      points: z.array(z.tuple([latitude, longitude])).min(2).max(10_000),
      /** Widest detour off the route, metres. */
      corridorM: z.number().positive().max(50_000).default(2_000),
    })
    .optional(),
  limit: z.number().int().min(1).max(200).default(20),
  /** Farthest station considered, metres (straight line; along a route, off-route plus ahead-on-route). */
  maxDistanceM: z.number().positive().max(20_000_000).optional(),
  /** Connector standards wanted; absent means those the vehicle's inlets take (any, without a vehicle). */
  standards: z.array(z.enum(CONNECTOR_STANDARDS)).max(CONNECTOR_STANDARDS.length).optional(),
  minPowerW: z.number().min(0).max(4_000_000).default(0),
  /** Only connectors whose EVSE reports AVAILABLE… */
  availableOnly: z.boolean().default(false),
  /** …and said so at most this long ago (absent: any age; the age is in each result either way). */
  maxStatusAgeMs: z.number().int().positive().optional(),
  /** Only locations open now (or charging when closed). */
  openOnly: z.boolean().default(false),
  reservableOnly: z.boolean().default(false),
  /** Operators by name, case-insensitive: preferred ones rank as if 20 % nearer/faster/cheaper; excluded ones never appear. */
  preferOperators: z.array(z.string().min(1).max(255)).max(50).default([]),
  excludeOperators: z.array(z.string().min(1).max(255)).max(50).default([]),
  /** Price ceiling per kWh (see tariffs.pricePerKwh); stations without a known price in this currency are left out. */
  maxPricePerKwh: z.strictObject({ amount: z.number().min(0), currency: z.string().regex(/^[A-Z]{3}$/) }).optional(),
  rankBy: z.enum(RANKINGS).default('distance'),
  /** SoC to charge to, for the time and price rankings, %. */
  targetSoc: z.number().min(1).max(100).default(80),
  /** How many of the nearest matching stations the time and price rankings choose from (default 10 × limit, at least 100). */
  pool: z.number().int().min(1).max(5_000).optional(),
  /** Only locations whose name or operator contains this text (case- and width-insensitive). */
  nameContains: z.string().trim().min(1).max(60).optional(),
  /** Only these locations (by key): the driver's favourites. */
  keys: z.array(z.string().min(1).max(300)).max(200).optional(),
});

export type StationQueryInput = z.input<typeof stationQuerySchema>;
export type StationQuery = z.output<typeof stationQuerySchema>;

/** What the host knows about the car at the moment of the search; not sent by the renderer. */
export interface VehicleContext {
  vehicle: ChargingVehicle;
  socPercent: number;
  /** Learned consumption (ConsumptionLearner); the vehicle's rated figure when absent. */
  whPerKm?: number;
  /** SoC to keep in hand on arrival, %; default 10. */
  reservePercent?: number;
  /** Straight-line distance × this = road distance around the car; default 1.25. */
  roadFactor?: number;
  /** For the drive part of the time ranking, km/h; default 50 around the car, 70 along a route. */
  averageSpeedKmh?: number;
}

export interface ResultConnector {
  evse_uid: string;
  connector_id: string;
  standard: ConnectorStandard;
  power_type: PowerType;
  /** W. */
  max_electric_power: number;
  status: EvseStatus;
  /** When the status was last confirmed, epoch ms. */
  status_updated: number;
  reservable: boolean;
}

export interface StationResult {
  /** Identity: party or source, plus id (see locationKey). */
  key: string;
  source: string;
  location_id: string;
  name: string;
  operator?: string;
  lat: number;
  lon: number;
  /** Great-circle distance from the car, m. */
  distance_m: number;
  /** Along a route: metres ahead on the route plus the detour off it. */
  route_distance_m?: number;
  /** Connectors that meet the query (all of the location's when it asks for nothing in particular). */
  connectors: ResultConnector[];
  /** The connector the ranking chose (fastest for time and distance, cheapest for price). */
  best: ResultConnector;
  /** null when the location gives no opening hours. */
  open_now: boolean | null;
  /** With a vehicle context: the SoC on arrival, reachability, and the charge to the target SoC. */
  arrival_soc?: number;
  reachable?: boolean;
  drive_minutes?: number;
  charge_minutes?: number;
  /** Price per kWh and the estimated cost of the charge, when a tariff is known. */
  price?: { currency: string; per_kwh: number; cost?: number };
  /** Free-text price when the source has no structured tariff. */
  price_text?: string;
}

/** How fresh each data set behind the results is; this, with the results, is what goes into the `stations` slice. */
export interface DatasetFreshness {
  source: string;
  kind: 'offline' | 'imported' | 'live';
  /** When the data was read from its origin, epoch ms. */
  fetchedAt: number;
  locations: number;
  /** Set when the last refresh failed: the data is the cached copy. */
  error?: string;
}

export interface SearchResponse {
  results: StationResult[];
  /** Matching stations found within reach of the query before the limit (what the ranking chose from). */
  considered: number;
  unreachable: number;
  datasets: DatasetFreshness[];
  at: number;
}

export { EVSE_STATUSES, POWER_TYPES };
