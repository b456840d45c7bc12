// The columnar station store: every column and dictionary of a station set, readable as filter columns, result text, or whole Locations.
import {
  CAPABILITIES,
  CONNECTOR_FORMATS,
  CONNECTOR_STANDARDS,
  EVSE_STATUSES,
  POWER_TYPES,
  type BusinessDetails,
  type Connector,
  type Evse,
  type Hours,
  type Location,
  type TariffSummary,
} from '../../../shared/stations/model';
import { FLAG_CHARGING_WHEN_CLOSED, FLAG_CHARGING_WHEN_CLOSED_GIVEN, NONE, type StationColumns, type StationText } from '../../../shared/stations/columns';
import type { ColumnType, StringColumn, TypedColumn } from './columnBuffers';

export type Level = 'location' | 'evse' | 'connector';

/** Every numeric column: its type, the level it belongs to, and how many entries per item (+1 for offset columns). */
export const COLUMN_SPECS: Record<string, { type: ColumnType; level: Level; per?: 2; offsets?: true }> = {
  lat: { type: 'f64', level: 'location' },
  lon: { type: 'f64', level: 'location' },
  evseStart: { type: 'u32', level: 'location', offsets: true },
  standardsMask: { type: 'u32', level: 'location', per: 2 },
  maxPowerW: { type: 'u32', level: 'location' },
  operator: { type: 'u32', level: 'location' },
  /** Display-only fields (address parts, website, owner…) as one JSON dictionary entry: many sites share them. */
  detail: { type: 'u32', level: 'location' },
  hours: { type: 'u32', level: 'location' },
  timeZone: { type: 'u32', level: 'location' },
  flags: { type: 'u8', level: 'location' },
  source: { type: 'u16', level: 'location' },
  party: { type: 'u32', level: 'location' },
  postalCode: { type: 'u32', level: 'location' },
  // Times are whole epoch seconds (u32, good until 2106): half the bytes of ms doubles, and plenty for freshness.
  lastUpdatedSec: { type: 'u32', level: 'location' },
  evseStatus: { type: 'u8', level: 'evse' },
  evseStatusSec: { type: 'u32', level: 'evse' },
  evseCaps: { type: 'u16', level: 'evse' },
  evseUpdatedSec: { type: 'u32', level: 'evse' },
  connStart: { type: 'u32', level: 'evse', offsets: true },
  connStandard: { type: 'u8', level: 'connector' },
  connPowerW: { type: 'u32', level: 'connector' },
  connPowerType: { type: 'u8', level: 'connector' },
  connFormat: { type: 'u8', level: 'connector' },
  connVoltage: { type: 'u16', level: 'connector' },
  /** Amperes × 10 (u16: up to 6,553.5 A). */
  connDeciAmps: { type: 'u16', level: 'connector' },
  connTariff: { type: 'u32', level: 'connector' },
  connTariffIds: { type: 'u32', level: 'connector' },
  connId: { type: 'u32', level: 'connector' },
  connUpdatedSec: { type: 'u32', level: 'connector' },
};

/** UTF-8 string columns: unique per item, so not worth a dictionary. evseExtra holds the other EVSE fields as JSON. */
export const STRING_SPECS: Record<string, Level> = {
  id: 'location',
  name: 'location',
  address: 'location',
  evseUid: 'evse',
  evseId: 'evse',
  evseExtra: 'evse',
};

/** Dictionaries of repeated text; details, hoursTable and tariffIdLists hold JSON. */
export const DICTIONARIES = [
  'operators',
  'details',
  'hoursTable',
  'timeZones',
  'sources',
  'parties',
  'connectorIds',
  'tariffIdLists',
  'postalCodes',
] as const;
export type DictionaryName = (typeof DICTIONARIES)[number];

export interface StoreData {
  counts: { locations: number; evses: number; connectors: number };
  columns: Record<string, TypedColumn>;
  strings: Record<string, StringColumn>;
  dicts: Record<DictionaryName, string[]>;
  tariffs: TariffSummary[];
}

/** Fields of a location only the detail view needs, stored together as one dictionary entry. */
export type LocationDetail = Partial<Pick<Location, 'city' | 'state' | 'country' | 'parking_type' | 'suboperator' | 'owner' | 'facilities' | 'tariff_text'>> & {
  website?: string;
};

/** 255 in a u8 enum column means "not given". */
export const NO_ENUM = 255;

export class StationStore implements StationColumns, StationText {
  readonly count: number;
  readonly evseCount: number;
  readonly connectorCount: number;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly evseStart: Uint32Array;
  readonly standardsMask: Uint32Array;
  readonly maxPowerW: Uint32Array;
  readonly operator: Uint32Array;
  readonly hours: Uint32Array;
  readonly timeZone: Uint32Array;
  readonly flags: Uint8Array;
  readonly evseStatus: Uint8Array;
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

  constructor(readonly data: StoreData) {
    const c = data.columns;
    this.count = data.counts.locations;
    this.evseCount = data.counts.evses;
    this.connectorCount = data.counts.connectors;
    this.lat = c.lat as Float64Array;
    this.lon = c.lon as Float64Array;
    this.evseStart = c.evseStart as Uint32Array;
    this.standardsMask = c.standardsMask as Uint32Array;
    this.maxPowerW = c.maxPowerW as Uint32Array;
    this.operator = c.operator as Uint32Array;
    this.hours = c.hours as Uint32Array;
    this.timeZone = c.timeZone as Uint32Array;
    this.flags = c.flags as Uint8Array;
    this.evseStatus = c.evseStatus as Uint8Array;
    this.evseStatusSec = c.evseStatusSec as Uint32Array;
    this.evseCaps = c.evseCaps as Uint16Array;
    this.connStart = c.connStart as Uint32Array;
    this.connStandard = c.connStandard as Uint8Array;
    this.connPowerW = c.connPowerW as Uint32Array;
    this.connPowerType = c.connPowerType as Uint8Array;
    this.connTariff = c.connTariff as Uint32Array;
    this.operators = data.dicts.operators;
    this.tariffs = data.tariffs;
    this.hoursTable = data.dicts.hoursTable.map((json) => JSON.parse(json) as Hours);
    this.timeZones = data.dicts.timeZones;
  }

  private dict(name: DictionaryName, column: string, i: number): string | undefined {
    const code = this.data.columns[column][i];
    return code === NONE ? undefined : this.data.dicts[name][code];
  }

  key(i: number): string {
    const party = this.dict('parties', 'party', i);
    return `${party ?? `feed:${this.source(i)}`}/${this.locationId(i)}`;
  }

  source(i: number): string {
    return this.data.dicts.sources[this.data.columns.source[i]];
  }

  locationId(i: number): string {
    return this.data.strings.id.get(i);
  }

  name(i: number): string {
    return this.data.strings.name.get(i);
  }

  priceText(i: number): string | undefined {
    return this.detail(i).tariff_text;
  }

  /** The display-only fields of location i (a copy: callers may keep or change it). */
  detail(i: number): LocationDetail {
    const code = this.data.columns.detail[i];
    if (code === NONE) return {};
    // Parsed once per dictionary entry: results ask for the same few entries over and over.
    this.parsedDetails[code] ??= JSON.parse(this.data.dicts.details[code]) as LocationDetail;
    return { ...this.parsedDetails[code] };
  }

  private readonly parsedDetails: LocationDetail[] = [];

  evseUid(e: number): string {
    return this.data.strings.evseUid.get(e);
  }

  connectorId(c: number): string {
    return this.data.dicts.connectorIds[this.data.columns.connId[c]];
  }

  /** The whole canonical Location at index i (for the detail view and for re-export). */
  location(i: number): Location {
    const col = this.data.columns;
    const party = this.dict('parties', 'party', i);
    const location: Location = {
      source: this.source(i),
      id: this.locationId(i),
      publish: true,
      coordinates: { latitude: this.lat[i], longitude: this.lon[i] },
      evses: [],
      last_updated: col.lastUpdatedSec[i] * 1000,
    };
    if (party) [location.country_code, location.party_id] = party.split('*');
    const name = this.name(i);
    if (name) location.name = name;
    const address = this.data.strings.address.get(i);
    if (address) location.address = address;
    const zone = this.dict('timeZones', 'timeZone', i);
    if (zone !== undefined) location.time_zone = zone;
    const { website, ...detail } = this.detail(i);
    const postalCode = this.dict('postalCodes', 'postalCode', i);
    if (postalCode !== undefined) location.postal_code = postalCode;
    Object.assign(location, detail);
    const operatorName = this.dict('operators', 'operator', i);
    if (operatorName !== undefined) {
      const operator: BusinessDetails = { name: operatorName };
      if (website) operator.website = website;
      location.operator = operator;
    }
    if (this.hours[i] !== NONE) location.opening_times = this.hoursTable[this.hours[i]];
    if (this.flags[i] & FLAG_CHARGING_WHEN_CLOSED_GIVEN) location.charging_when_closed = (this.flags[i] & FLAG_CHARGING_WHEN_CLOSED) !== 0;

    const tariffs = new Map<number, TariffSummary>();
    for (let e = this.evseStart[i]; e < this.evseStart[i + 1]; e++) {
      location.evses.push(this.evse(e, tariffs));
    }
    if (tariffs.size) location.tariffs = [...tariffs.values()];
    return location;
  }

  private evse(e: number, tariffs: Map<number, TariffSummary>): Evse {
    const col = this.data.columns;
    const evse: Evse = {
      uid: this.evseUid(e),
      status: EVSE_STATUSES[this.evseStatus[e]],
      status_updated: this.evseStatusSec[e] * 1000,
      capabilities: CAPABILITIES.filter((_, bit) => (this.evseCaps[e] & (1 << bit)) !== 0),
      connectors: [],
      last_updated: col.evseUpdatedSec[e] * 1000,
    };
    const evseId = this.data.strings.evseId.get(e);
    if (evseId) evse.evse_id = evseId;
    const extra = this.data.strings.evseExtra.get(e);
    if (extra) Object.assign(evse, JSON.parse(extra));
    for (let c = this.connStart[e]; c < this.connStart[e + 1]; c++) {
      const connector: Connector = {
        id: this.connectorId(c),
        standard: CONNECTOR_STANDARDS[this.connStandard[c]],
        power_type: POWER_TYPES[this.connPowerType[c]],
        max_electric_power: this.connPowerW[c],
        tariff_ids: JSON.parse(this.data.dicts.tariffIdLists[col.connTariffIds[c]]) as string[],
        last_updated: col.connUpdatedSec[c] * 1000,
      };
      if (col.connFormat[c] !== NO_ENUM) connector.format = CONNECTOR_FORMATS[col.connFormat[c]];
      if (col.connVoltage[c] > 0) connector.max_voltage = col.connVoltage[c];
      if (col.connDeciAmps[c] > 0) connector.max_amperage = col.connDeciAmps[c] / 10;
      if (this.connTariff[c] !== NONE) tariffs.set(this.connTariff[c], this.tariffs[this.connTariff[c]]);
      evse.connectors.push(connector);
    }
    return evse;
  }

  /** Bytes held by the store's arrays and strings (dictionaries excluded: they are small). */
  byteSize(): number {
    let bytes = 0;
    for (const column of Object.values(this.data.columns)) bytes += column.byteLength;
    for (const s of Object.values(this.data.strings)) bytes += s.offsets.byteLength + s.bytes.byteLength;
    return bytes;
  }
}
