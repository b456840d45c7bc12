// The columnar view of a station set that filters and ranking read: typed arrays per level plus small dictionaries, no object per station.
import { CAPABILITIES, EVSE_STATUSES, POWER_TYPES, type Hours, type TariffSummary } from './model';

/** Marks "none" in Uint32 dictionary-code columns. */
export const NONE = 0xffffffff;
export const RESERVABLE_BIT = 1 << CAPABILITIES.indexOf('RESERVABLE');
export const AVAILABLE_CODE = EVSE_STATUSES.indexOf('AVAILABLE');
export const DC_CODE = POWER_TYPES.indexOf('DC');
/** Location flag bits: charging_when_closed is true; charging_when_closed was given at all. */
export const FLAG_CHARGING_WHEN_CLOSED = 1;
export const FLAG_CHARGING_WHEN_CLOSED_GIVEN = 2;

/**
 * Locations 0…count-1 own EVSEs evseStart[i]…evseStart[i+1]-1, which own connectors
 * connStart[e]…connStart[e+1]-1. Codes index the dictionaries; enums are their index in the model's lists.
 */
export interface StationColumns {
  readonly count: number;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly evseStart: Uint32Array;
  /** Two words per location: bits of the standards (CONNECTOR_STANDARDS index) it has. */
  readonly standardsMask: Uint32Array;
  /** Highest connector power per location, W. */
  readonly maxPowerW: Uint32Array;
  readonly operator: Uint32Array;
  readonly hours: Uint32Array;
  readonly timeZone: Uint32Array;
  readonly flags: Uint8Array;
  readonly evseStatus: Uint8Array;
  /** Freshness of each EVSE status, whole epoch seconds. */
  readonly evseStatusSec: Uint32Array;
  readonly evseCaps: Uint16Array;
  readonly connStart: Uint32Array;
  readonly connStandard: Uint8Array;
  readonly connPowerW: Uint32Array;
  readonly connPowerType: Uint8Array;
  readonly connTariff: Uint32Array;
  readonly operators: readonly string[];
  readonly tariffs: readonly TariffSummary[];
  readonly hoursTable: readonly Hours[];
  readonly timeZones: readonly string[];
}

/** The text of a location, EVSE or connector, decoded on demand (only results need it). */
export interface StationText {
  key(location: number): string;
  source(location: number): string;
  locationId(location: number): string;
  name(location: number): string;
  priceText(location: number): string | undefined;
  evseUid(evse: number): string;
  connectorId(connector: number): string;
}
