// Intents of the stations service: search with the driver's filters (remembered per profile), name search (parked), detail, favourites, consent to share the position, refresh, the map's markers and the low-battery assistant.
import { z } from 'zod';
import { CAPABILITIES, CONNECTOR_FORMATS, CONNECTOR_STANDARDS, EVSE_STATUSES, POWER_TYPES } from '../stations/model';
import { RANKINGS } from '../stations/search';
import type { IntentSpec } from './contract';

/** Around the car, or only the driver's favourites. */
export const STATION_SCOPES = ['nearby', 'favourites'] as const;
export type StationScope = (typeof STATION_SCOPES)[number];

/** Most operators a driver prefers or excludes (as many as a profile keeps). */
export const MAX_FILTER_OPERATORS = 20;
const operatorName = z.string().trim().min(1).max(64);
const stationKey = z.string().min(1).max(300);

/** The filters the driver sets on the Charging screen; what the host remembers for the active profile. */
export const stationFiltersSchema = z
  .strictObject({
    /** Connector standards wanted; null: those the car's inlets take. */
    standards: z.array(z.enum(CONNECTOR_STANDARDS)).min(1).max(CONNECTOR_STANDARDS.length).nullable(),
    minPowerKw: z.number().min(0).max(500),
    /** Only EVSEs that report AVAILABLE now. */
    availableOnly: z.boolean(),
    reservableOnly: z.boolean(),
    preferOperators: z.array(operatorName).max(MAX_FILTER_OPERATORS),
    excludeOperators: z.array(operatorName).max(MAX_FILTER_OPERATORS),
    maxPricePerKwh: z.strictObject({ amount: z.number().min(0).max(10_000), currency: z.string().regex(/^[A-Z]{3}$/) }).nullable(),
    rankBy: z.enum(RANKINGS),
  })
  .superRefine((filters, ctx) => {
    const excluded = new Set(filters.excludeOperators.map((o) => o.toLowerCase()));
    filters.preferOperators.forEach((operator, i) => {
      if (excluded.has(operator.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['preferOperators', i], message: `operator "${operator}" is both preferred and excluded` });
    });
  });
export type StationFilters = z.output<typeof stationFiltersSchema>;

export const DEFAULT_STATION_FILTERS: StationFilters = {
  standards: null,
  minPowerKw: 0,
  availableOnly: false,
  reservableOnly: false,
  preferOperators: [],
  excludeOperators: [],
  maxPricePerKwh: null,
  rankBy: 'distance',
};

/** A change to some filters: the rest stay as remembered. */
const filtersPatchSchema = z.strictObject({
  standards: z.array(z.enum(CONNECTOR_STANDARDS)).min(1).max(CONNECTOR_STANDARDS.length).nullable().optional(),
  minPowerKw: z.number().min(0).max(500).optional(),
  availableOnly: z.boolean().optional(),
  reservableOnly: z.boolean().optional(),
  preferOperators: z.array(operatorName).max(MAX_FILTER_OPERATORS).optional(),
  excludeOperators: z.array(operatorName).max(MAX_FILTER_OPERATORS).optional(),
  maxPricePerKwh: z.strictObject({ amount: z.number().min(0).max(10_000), currency: z.string().regex(/^[A-Z]{3}$/) }).nullable().optional(),
  rankBy: z.enum(RANKINGS).optional(),
});
export type StationFiltersPatch = z.output<typeof filtersPatchSchema>;

const searchAnswer = z.strictObject({ results: z.number().int().min(0), considered: z.number().int().min(0) });

const connectorDetail = z.strictObject({
  id: z.string(),
  standard: z.enum(CONNECTOR_STANDARDS),
  format: z.enum(CONNECTOR_FORMATS).optional(),
  power_type: z.enum(POWER_TYPES),
  /** W. */
  max_electric_power: z.number().min(0),
  max_voltage: z.number().optional(),
  max_amperage: z.number().optional(),
  tariff_ids: z.array(z.string()),
  /** The car's inlets take it. */
  compatible: z.boolean(),
});

const evseDetail = z.strictObject({
  uid: z.string(),
  evse_id: z.string().optional(),
  status: z.enum(EVSE_STATUSES),
  /** When the source last confirmed the status, on the host's monotonic clock (an age, like a signal's seenAt). */
  statusSeenAt: z.number(),
  capabilities: z.array(z.enum(CAPABILITIES)),
  connectors: z.array(connectorDetail),
  floor_level: z.string().optional(),
  physical_reference: z.string().optional(),
});

const tariffDetail = z.strictObject({
  id: z.string(),
  currency: z.string(),
  energy_per_kwh: z.number(),
  time_per_hour: z.number(),
  flat: z.number(),
});

const periodDetail = z.strictObject({ weekday: z.number().int().min(1).max(7), period_begin: z.string(), period_end: z.string() });

/** One station as the detail sheet shows it (everything but what only the importer needs). */
export const stationDetailSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  operator: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  lat: z.number(),
  lon: z.number(),
  /** Great-circle distance from the car, m; null while the car's position is unknown. */
  distance_m: z.number().nullable(),
  arrival_soc: z.number().optional(),
  reachable: z.boolean().optional(),
  evses: z.array(evseDetail),
  tariffs: z.array(tariffDetail),
  tariff_text: z.string().optional(),
  hours: z.strictObject({ twentyfourseven: z.boolean(), regular: z.array(periodDetail) }).nullable(),
  time_zone: z.string().optional(),
  open_now: z.boolean().nullable(),
  facilities: z.array(z.string()),
  /** The dataset it came from and how old that is. */
  source: z.strictObject({
    id: z.string(),
    kind: z.enum(['offline', 'imported', 'live']),
    fetchedSeenAt: z.number().nullable(),
    error: z.string().optional(),
  }),
  favourite: z.boolean(),
});
export type StationDetail = z.output<typeof stationDetailSchema>;

/** The map asks for its markers by box; more than this and the nearest to the box centre are sent. */
export const MAX_MAP_POINTS = 25_000;
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const mapPointsSchema = z.strictObject({
  lat: z.array(z.number()),
  lon: z.array(z.number()),
  /** Bits: 1 available now, 2 fast (≥ 50 kW), 4 out of reach, 8 a favourite. */
  flags: z.array(z.number().int()),
  keys: z.array(z.string()),
  truncated: z.boolean(),
});
export type MapPoints = z.output<typeof mapPointsSchema>;
export const MAP_POINT_FLAGS = { available: 1, fast: 2, unreachable: 4, favourite: 8 } as const;

export const POSITION_CONSENT = ['unknown', 'granted', 'refused'] as const;
export type PositionConsent = (typeof POSITION_CONSENT)[number];

export const stationsIntents = {
  /** Search around the car with the remembered filters changed by `filters` (and remembered for the active profile). */
  'stations.search': {
    request: z.strictObject({
      filters: filtersPatchSchema.optional(),
      scope: z.enum(STATION_SCOPES).optional(),
      /** Back to the defaults: the car's inlets, no other filter, nearest first. */
      reset: z.literal(true).optional(),
    }),
    response: searchAnswer,
  },
  /** Stations whose name (or operator) contains the text; typing is not offered while driving. Empty text clears it. */
  'stations.findByName': {
    request: z.strictObject({ text: z.string().max(60) }),
    response: searchAnswer,
    restriction: 'noKeyboard',
    budget: { maxBytes: 512 },
  },
  'stations.detail': {
    request: z.strictObject({ key: stationKey }),
    response: stationDetailSchema,
    budget: { maxBytes: 1024 },
  },
  /** Adds a station to the active profile's favourites (the guest's last for this session), or removes it. */
  'stations.favourite': {
    request: z.strictObject({ key: stationKey, favourite: z.boolean() }),
    response: z.strictObject({ favourite: z.boolean(), count: z.number().int().min(0) }),
    budget: { maxBytes: 1024 },
  },
  /** The driver's answer to "may the car's position be sent to online station services?", kept per profile. */
  'stations.consent': {
    request: z.strictObject({ allow: z.boolean() }),
    response: z.strictObject({ consent: z.enum(POSITION_CONSENT) }),
  },
  /** Asks every live source again now; failures keep the cached data, shown with its age. */
  'stations.refresh': {
    request: z.strictObject({}),
    response: z.strictObject({ sources: z.number().int().min(0), failed: z.number().int().min(0) }),
  },
  /** The map's markers in a box, with the current filters. */
  'stations.mapPoints': {
    request: z
      .strictObject({ south: latitude, west: longitude, north: latitude, east: longitude })
      .refine((box) => box.south <= box.north && box.west <= box.east, { message: 'the box must have south ≤ north and west ≤ east' }),
    response: mapPointsSchema,
    budget: { maxBytes: 512 },
  },
  /** The driver closed the low-battery options: they come back at the next threshold crossing. */
  'stations.assistant': {
    request: z.strictObject({ action: z.literal('dismiss') }),
    response: z.strictObject({ dismissed: z.boolean() }),
  },
} as const satisfies Record<string, IntentSpec>;
