// The canonical charging-station model: OCPI 2.2.1 Location → EVSE → Connector with OCPI field names, power in W, times in epoch ms.
import { CONNECTOR_STANDARDS } from './standards';

export { CONNECTOR_STANDARDS };
export type ConnectorStandard = (typeof CONNECTOR_STANDARDS)[number];

/** OCPI 2.2.1 EVSE Status. */
export const EVSE_STATUSES = [
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN',
] as const;
export type EvseStatus = (typeof EVSE_STATUSES)[number];

/** OCPI 2.2.1 Capability; RESERVABLE means the EVSE accepts RESERVE_NOW. Order fixes the bit in the columnar store. */
export const CAPABILITIES = [
  'CHARGING_PROFILE_CAPABLE',
  'CHARGING_PREFERENCES_CAPABLE',
  'CHIP_CARD_SUPPORT',
  'CONTACTLESS_CARD_SUPPORT',
  'CREDIT_CARD_PAYABLE',
  'DEBIT_CARD_PAYABLE',
  'PED_TERMINAL',
  'REMOTE_START_STOP_CAPABLE',
  'RESERVABLE',
  'RFID_READER',
  'START_SESSION_CONNECTOR_REQUIRED',
  'TOKEN_GROUP_CAPABLE',
  'UNLOCK_CAPABLE',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const POWER_TYPES = ['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC'] as const;
export type PowerType = (typeof POWER_TYPES)[number];

export const CONNECTOR_FORMATS = ['SOCKET', 'CABLE'] as const;
export type ConnectorFormat = (typeof CONNECTOR_FORMATS)[number];

export const PARKING_TYPES = [
  'ALONG_MOTORWAY',
  'PARKING_GARAGE',
  'PARKING_LOT',
  'ON_DRIVEWAY',
  'ON_STREET',
  'UNDERGROUND_GARAGE',
] as const;
export type ParkingType = (typeof PARKING_TYPES)[number];

export interface GeoLocation {
  /** WGS-84 degrees (OCPI sends strings; the model keeps numbers). */
  latitude: number;
  longitude: number;
}

export interface BusinessDetails {
  name: string;
  website?: string;
}

export interface RegularHours {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM" local time; period_end "00:00" or before period_begin means past midnight. */
  period_begin: string;
  period_end: string;
}

export interface ExceptionalPeriod {
  period_begin: number;
  period_end: number;
}

export interface Hours {
  twentyfourseven: boolean;
  regular_hours?: RegularHours[];
  exceptional_openings?: ExceptionalPeriod[];
  exceptional_closings?: ExceptionalPeriod[];
}

/** What the app needs of an OCPI Tariff to filter and rank by price: prices include VAT. */
export interface TariffSummary {
  id: string;
  currency: string;
  /** Price per kWh (ENERGY component), 0 when the tariff has none. */
  energy_per_kwh: number;
  /** Price per hour of charging (TIME component). */
  time_per_hour: number;
  /** Fee per session (FLAT component). */
  flat: number;
}

export interface Connector {
  id: string;
  standard: ConnectorStandard;
  format?: ConnectorFormat;
  power_type: PowerType;
  max_voltage?: number;
  max_amperage?: number;
  /** W. 0 when the source gives no usable figure. */
  max_electric_power: number;
  tariff_ids: string[];
  last_updated: number;
}

export interface Evse {
  uid: string;
  evse_id?: string;
  status: EvseStatus;
  /** Freshness of `status`: when the source last confirmed it (epoch ms). */
  status_updated: number;
  capabilities: Capability[];
  connectors: Connector[];
  floor_level?: string;
  physical_reference?: string;
  coordinates?: GeoLocation;
  parking_restrictions?: string[];
  last_updated: number;
}

export interface Location {
  /**
   * Where the record came from: a feed name ("ocpi-real-feeds/fastned"), "ocm", "generated"…
   * Part of the identity only when the record carries no country_code + party_id.
   */
  source: string;
  country_code?: string;
  party_id?: string;
  id: string;
  /** Always true in a store: unpublished locations are never kept. */
  publish: boolean;
  name?: string;
  address?: string;
  city?: string;
  postal_code?: string;
  state?: string;
  /** ISO 3166-1 alpha-3. */
  country?: string;
  coordinates: GeoLocation;
  parking_type?: ParkingType;
  evses: Evse[];
  operator?: BusinessDetails;
  suboperator?: BusinessDetails;
  owner?: BusinessDetails;
  facilities?: string[];
  /** IANA zone. */
  time_zone?: string;
  opening_times?: Hours;
  charging_when_closed?: boolean;
  /** Tariffs referenced by the connectors' tariff_ids, when the source supplied them. */
  tariffs?: TariffSummary[];
  /** Free-text price when the source has no structured tariff (Open Charge Map's UsageCost). */
  tariff_text?: string;
  last_updated: number;
}

/**
 * Identity of a location: its party (country_code*party_id) when the record names one, else its source,
 * plus its id. The same id in two feeds without a party is two locations.
 */
export function locationKey(location: Pick<Location, 'source' | 'country_code' | 'party_id' | 'id'>): string {
  const owner =
    location.country_code && location.party_id ? `${location.country_code}*${location.party_id}` : `feed:${location.source}`;
  return `${owner}/${location.id}`;
}

/** A location is offered to the driver only when published and left with at least one connector. */
export function isOfferable(location: Location): boolean {
  return location.publish && location.evses.some((e) => e.status !== 'REMOVED' && e.connectors.length > 0);
}
