// Builds a columnar StationStore one Location at a time, so a million stations never exist as a million objects at once.
import {
  CAPABILITIES,
  CONNECTOR_FORMATS,
  EVSE_STATUSES,
  POWER_TYPES,
  isOfferable,
  type Location,
  type TariffSummary,
} from '../../../shared/stations/model';
import { STANDARD_INDEX } from '../../../shared/stations/standards';
import { FLAG_CHARGING_WHEN_CLOSED, FLAG_CHARGING_WHEN_CLOSED_GIVEN, NONE } from '../../../shared/stations/columns';
import { columnConstructor, DictionaryBuilder, StringColumnBuilder, type StringColumn, type TypedColumn } from './columnBuffers';
import { COLUMN_SPECS, DICTIONARIES, NO_ENUM, STRING_SPECS, StationStore, type DictionaryName, type Level, type LocationDetail } from './stationStore';

/** JSON of opening hours, without serialising the common "always open" case every time. */
const ALWAYS_OPEN = JSON.stringify({ twentyfourseven: true });
function hoursKey(hours: Location['opening_times']): string | undefined {
  if (!hours) return undefined;
  if (hours.twentyfourseven && !hours.regular_hours && !hours.exceptional_openings && !hours.exceptional_closings) return ALWAYS_OPEN;
  return JSON.stringify(hours);
}

/** Epoch ms → whole epoch seconds, clamped to what a u32 holds. */
const seconds = (ms: number) => Math.min(0xfffffffe, Math.max(0, Math.round(ms / 1000)));

/** The display-only fields as one JSON string (keys in a fixed order, so equal details share an entry). */
function detailKey(location: Location): string | undefined {
  const detail: LocationDetail = {};
  if (location.operator?.website) detail.website = location.operator.website;
  if (location.city !== undefined) detail.city = location.city;
  if (location.state !== undefined) detail.state = location.state;
  if (location.country !== undefined) detail.country = location.country;
  if (location.parking_type !== undefined) detail.parking_type = location.parking_type;
  if (location.suboperator) detail.suboperator = location.suboperator;
  if (location.owner) detail.owner = location.owner;
  if (location.facilities) detail.facilities = location.facilities;
  if (location.tariff_text !== undefined) detail.tariff_text = location.tariff_text;
  return Object.keys(detail).length ? JSON.stringify(detail) : undefined;
}

const CAPABILITY_BIT = new Map(CAPABILITIES.map((c, i) => [c, 1 << i]));
const enumCode = <T extends string>(list: readonly T[], value: T | undefined) => (value === undefined ? NO_ENUM : list.indexOf(value));

export class StoreBuilder {
  /** Typed arrays written in place (one store site per column keeps V8's element stores monomorphic). */
  private readonly columns: Record<string, TypedColumn> = {};
  private readonly capacity = { location: 0, evse: 0, connector: 0 };
  private readonly strings: Record<string, StringColumnBuilder> = {};
  private readonly dicts = {} as Record<DictionaryName, DictionaryBuilder>;
  private readonly tariffCodes = new Map<string, number>();
  private readonly tariffListCodes = new Map<string, number>();
  private readonly tariffs: TariffSummary[] = [];
  private locations = 0;
  private evses = 0;
  private connectors = 0;

  constructor(expectedLocations = 1024) {
    const n = Math.max(16, expectedLocations);
    this.capacity.location = n;
    this.capacity.evse = n * 2;
    this.capacity.connector = n * 3;
    for (const [name, spec] of Object.entries(COLUMN_SPECS)) {
      this.columns[name] = new (columnConstructor(spec.type))(this.capacity[spec.level] * (spec.per ?? 1) + 1);
    }
    for (const name of Object.keys(STRING_SPECS)) this.strings[name] = new StringColumnBuilder();
    for (const name of DICTIONARIES) this.dicts[name] = new DictionaryBuilder();
  }

  /** Makes room for item `index` of a level, doubling every column of that level. */
  private ensure(level: Level, index: number): void {
    if (index + 1 < this.capacity[level]) return;
    const next = Math.max(this.capacity[level] * 2, index + 2);
    for (const [name, spec] of Object.entries(COLUMN_SPECS)) {
      if (spec.level !== level) continue;
      const grown = new (columnConstructor(spec.type))(next * (spec.per ?? 1) + 1);
      grown.set(this.columns[name]);
      this.columns[name] = grown;
    }
    this.capacity[level] = next;
  }

  get size(): number {
    return this.locations;
  }

  /**
   * Adds an offerable location (published, with connectors); returns false and adds nothing otherwise.
   * `confirmedAt`: when a live source last vouched for every status it sent (a full or delta sync), which
   * is how fresh those statuses are even if they have not changed for hours.
   */
  add(location: Location, confirmedAt = 0): boolean {
    if (!isOfferable(location)) return false;
    const col = this.columns;
    const code = (dict: DictionaryName, value: string | undefined) => (value === undefined ? NONE : this.dicts[dict].code(value));
    const i = this.locations++;
    this.ensure('location', i);
    col.lat[i] = location.coordinates.latitude;
    col.lon[i] = location.coordinates.longitude;
    col.operator[i] = code('operators', location.operator?.name);
    col.detail[i] = code('details', detailKey(location));
    col.postalCode[i] = code('postalCodes', location.postal_code);
    col.hours[i] = code('hoursTable', hoursKey(location.opening_times));
    col.timeZone[i] = code('timeZones', location.time_zone);
    col.flags[i] =
      (location.charging_when_closed ? FLAG_CHARGING_WHEN_CLOSED : 0) | (location.charging_when_closed === undefined ? 0 : FLAG_CHARGING_WHEN_CLOSED_GIVEN);
    col.source[i] = this.dicts.sources.code(location.source);
    col.party[i] = code('parties', location.country_code && location.party_id ? `${location.country_code}*${location.party_id}` : undefined);
    col.lastUpdatedSec[i] = seconds(location.last_updated);
    this.strings.id.push(location.id);
    this.strings.name.push(location.name ?? '');
    this.strings.address.push(location.address ?? '');

    const tariffsById = new Map((location.tariffs ?? []).map((t) => [t.id, t]));
    let maskLo = 0;
    let maskHi = 0;
    let maxPower = 0;
    for (const evse of location.evses) {
      if (evse.status === 'REMOVED' || evse.connectors.length === 0) continue;
      const e = this.evses++;
      this.ensure('evse', e);
      col.evseStatus[e] = EVSE_STATUSES.indexOf(evse.status);
      col.evseStatusSec[e] = seconds(Math.max(evse.status_updated, confirmedAt));
      col.evseUpdatedSec[e] = seconds(evse.last_updated);
      let caps = 0;
      for (const capability of evse.capabilities) caps |= CAPABILITY_BIT.get(capability) ?? 0;
      col.evseCaps[e] = caps;
      this.strings.evseUid.push(evse.uid);
      this.strings.evseId.push(evse.evse_id ?? '');
      // The other fields travel as JSON; many EVSEs have none.
      const extra: Record<string, unknown> = {};
      if (evse.physical_reference !== undefined) extra.physical_reference = evse.physical_reference;
      if (evse.floor_level !== undefined) extra.floor_level = evse.floor_level;
      if (evse.coordinates) extra.coordinates = evse.coordinates;
      if (evse.parking_restrictions) extra.parking_restrictions = evse.parking_restrictions;
      this.strings.evseExtra.push(Object.keys(extra).length ? JSON.stringify(extra) : '');
      const connectors = evse.connectors;
      for (const connector of connectors) {
        const c = this.connectors++;
        this.ensure('connector', c);
        const bit = STANDARD_INDEX.get(connector.standard)!;
        if (bit < 32) maskLo |= 1 << bit;
        else maskHi |= 1 << (bit - 32);
        maxPower = Math.max(maxPower, connector.max_electric_power);
        col.connStandard[c] = bit;
        col.connPowerW[c] = connector.max_electric_power;
        col.connPowerType[c] = POWER_TYPES.indexOf(connector.power_type);
        col.connFormat[c] = enumCode(CONNECTOR_FORMATS, connector.format);
        col.connVoltage[c] = Math.min(65535, Math.round(connector.max_voltage ?? 0));
        col.connDeciAmps[c] = Math.min(65535, Math.round((connector.max_amperage ?? 0) * 10));
        col.connTariff[c] = this.tariffCode(connector.tariff_ids, tariffsById);
        col.connTariffIds[c] = this.tariffIdList(connector.tariff_ids);
        col.connId[c] = this.dicts.connectorIds.code(connector.id);
        col.connUpdatedSec[c] = seconds(connector.last_updated);
      }
      col.connStart[e + 1] = this.connectors;
    }
    col.evseStart[i + 1] = this.evses;
    col.standardsMask[2 * i] = maskLo >>> 0;
    col.standardsMask[2 * i + 1] = maskHi >>> 0;
    col.maxPowerW[i] = maxPower;
    return true;
  }

  /** Code of a tariff_ids list in its dictionary (stored as JSON); looked up by a cheap join first. */
  private tariffIdList(ids: string[]): number {
    const joined = ids.join('\u0000');
    let code = this.tariffListCodes.get(joined);
    if (code === undefined) {
      code = this.dicts.tariffIdLists.code(JSON.stringify(ids));
      this.tariffListCodes.set(joined, code);
    }
    return code;
  }

  /** The first of a connector's tariffs the location supplied, as a code in the store's tariff table. */
  private tariffCode(ids: string[], known: Map<string, TariffSummary>): number {
    for (const id of ids) {
      const tariff = known.get(id);
      if (!tariff) continue;
      const key = `${tariff.id}\u0000${tariff.currency}\u0000${tariff.energy_per_kwh}\u0000${tariff.time_per_hour}\u0000${tariff.flat}`;
      let code = this.tariffCodes.get(key);
      if (code === undefined) {
        code = this.tariffs.length;
        this.tariffs.push(tariff);
        this.tariffCodes.set(key, code);
      }
      return code;
    }
    return NONE;
  }

  finish(): StationStore {
    const columns: Record<string, TypedColumn> = {};
    const counts = { location: this.locations, evse: this.evses, connector: this.connectors };
    for (const [name, spec] of Object.entries(COLUMN_SPECS)) {
      columns[name] = this.columns[name].slice(0, counts[spec.level] * (spec.per ?? 1) + (spec.offsets ? 1 : 0));
    }
    const strings: Record<string, StringColumn> = {};
    for (const [name, builder] of Object.entries(this.strings)) strings[name] = builder.finish();
    const dicts = {} as Record<DictionaryName, string[]>;
    for (const name of DICTIONARIES) dicts[name] = this.dicts[name].values;
    return new StationStore({
      counts: { locations: this.locations, evses: this.evses, connectors: this.connectors },
      columns,
      strings,
      dicts,
      tariffs: this.tariffs,
    });
  }
}

/** A store from a list of locations (imports, live feeds); unofferable ones are skipped. */
export function buildStore(locations: Iterable<Location>, confirmedAt = 0): StationStore {
  const builder = new StoreBuilder();
  for (const location of locations) builder.add(location, confirmedAt);
  return builder.finish();
}

/** Locations added between two turns of the event loop by buildStoreGivingWay. */
const LOCATIONS_PER_TURN = 400;

/**
 * buildStore for the host's live sources: the same store, built a few hundred locations at a time so a feed of
 * thousands never holds up the host's other work (the screens' updates) for long.
 */
export async function buildStoreGivingWay(locations: readonly Location[], confirmedAt = 0): Promise<StationStore> {
  const builder = new StoreBuilder(locations.length);
  for (let i = 0; i < locations.length; i++) {
    builder.add(locations[i], confirmedAt);
    if (i % LOCATIONS_PER_TURN === LOCATIONS_PER_TURN - 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return builder.finish();
}
