// Builds a columnar StationStore one Location at a time, so a million stations never exist as a million objects at once.
import {
  CAPABILITIES,
  CONNECTOR_FORMATS,
  EVSE_STATUSES,
  PARKING_TYPES,
  POWER_TYPES,
  isOfferable,
  type Location,
  type TariffSummary,
} from '../../../shared/stations/model';
import { STANDARD_INDEX } from '../../../shared/stations/standards';
import { FLAG_CHARGING_WHEN_CLOSED, FLAG_CHARGING_WHEN_CLOSED_GIVEN, NONE } from '../../../shared/stations/columns';
import { DictionaryBuilder, GrowableColumn, StringColumnBuilder, type StringColumn, type TypedColumn } from './columnBuffers';
import { COLUMN_SPECS, DICTIONARIES, NO_ENUM, STRING_SPECS, StationStore, type DictionaryName } from './stationStore';

const CAPABILITY_BIT = new Map(CAPABILITIES.map((c, i) => [c, 1 << i]));
const enumCode = <T extends string>(list: readonly T[], value: T | undefined) => (value === undefined ? NO_ENUM : list.indexOf(value));

export class StoreBuilder {
  private readonly columns: Record<string, GrowableColumn> = {};
  private readonly strings: Record<string, StringColumnBuilder> = {};
  private readonly dicts = {} as Record<DictionaryName, DictionaryBuilder>;
  private readonly tariffCodes = new Map<string, number>();
  private readonly tariffListCodes = new Map<string, number>();
  private readonly tariffs: TariffSummary[] = [];
  private locations = 0;
  private evses = 0;
  private connectors = 0;

  constructor(expectedLocations = 1024) {
    const capacity = { location: expectedLocations, evse: expectedLocations * 2, connector: expectedLocations * 3 };
    for (const [name, spec] of Object.entries(COLUMN_SPECS)) {
      this.columns[name] = new GrowableColumn(spec.type, capacity[spec.level] * (spec.per ?? 1) + 1);
    }
    for (const name of Object.keys(STRING_SPECS)) this.strings[name] = new StringColumnBuilder();
    for (const name of DICTIONARIES) this.dicts[name] = new DictionaryBuilder();
    this.columns.evseStart.push(0);
    this.columns.connStart.push(0);
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
    this.locations++;
    col.lat.push(location.coordinates.latitude);
    col.lon.push(location.coordinates.longitude);
    col.operator.push(code('operators', location.operator?.name));
    col.operatorWebsite.push(code('websites', location.operator?.website));
    col.suboperator.push(code('businesses', location.suboperator && JSON.stringify(location.suboperator)));
    col.owner.push(code('businesses', location.owner && JSON.stringify(location.owner)));
    col.hours.push(code('hoursTable', location.opening_times && JSON.stringify(location.opening_times)));
    col.timeZone.push(code('timeZones', location.time_zone));
    col.flags.push(
      (location.charging_when_closed ? FLAG_CHARGING_WHEN_CLOSED : 0) | (location.charging_when_closed === undefined ? 0 : FLAG_CHARGING_WHEN_CLOSED_GIVEN),
    );
    col.source.push(this.dicts.sources.code(location.source));
    col.party.push(code('parties', location.country_code && location.party_id ? `${location.country_code}*${location.party_id}` : undefined));
    col.city.push(code('cities', location.city));
    col.postalCode.push(code('postalCodes', location.postal_code));
    col.state.push(code('states', location.state));
    col.country.push(code('countries', location.country));
    col.parkingType.push(enumCode(PARKING_TYPES, location.parking_type));
    col.facilities.push(code('facilities', location.facilities && JSON.stringify(location.facilities)));
    col.tariffText.push(code('tariffTexts', location.tariff_text));
    col.lastUpdated.push(location.last_updated);
    this.strings.id.push(location.id);
    this.strings.name.push(location.name ?? '');
    this.strings.address.push(location.address ?? '');

    const tariffsById = new Map((location.tariffs ?? []).map((t) => [t.id, t]));
    let maskLo = 0;
    let maskHi = 0;
    let maxPower = 0;
    for (const evse of location.evses) {
      if (evse.status === 'REMOVED' || evse.connectors.length === 0) continue;
      this.evses++;
      col.evseStatus.push(EVSE_STATUSES.indexOf(evse.status));
      col.evseStatusTime.push(Math.max(evse.status_updated, confirmedAt));
      col.evseLastUpdated.push(evse.last_updated);
      let caps = 0;
      for (const capability of evse.capabilities) caps |= CAPABILITY_BIT.get(capability) ?? 0;
      col.evseCaps.push(caps);
      this.strings.evseUid.push(evse.uid);
      this.strings.evseId.push(evse.evse_id ?? '');
      col.evsePhysical.push(code('physicalRefs', evse.physical_reference));
      // Rare fields travel as JSON; most EVSEs have none.
      const extra: Record<string, unknown> = {};
      if (evse.floor_level !== undefined) extra.floor_level = evse.floor_level;
      if (evse.coordinates) extra.coordinates = evse.coordinates;
      if (evse.parking_restrictions) extra.parking_restrictions = evse.parking_restrictions;
      this.strings.evseExtra.push(extra.floor_level !== undefined || extra.coordinates || extra.parking_restrictions ? JSON.stringify(extra) : '');
      const connectors = evse.connectors;
      for (const connector of connectors) {
        this.connectors++;
        const bit = STANDARD_INDEX.get(connector.standard)!;
        if (bit < 32) maskLo |= 1 << bit;
        else maskHi |= 1 << (bit - 32);
        maxPower = Math.max(maxPower, connector.max_electric_power);
        col.connStandard.push(bit);
        col.connPowerW.push(connector.max_electric_power);
        col.connPowerType.push(POWER_TYPES.indexOf(connector.power_type));
        col.connFormat.push(enumCode(CONNECTOR_FORMATS, connector.format));
        col.connVoltage.push(Math.min(65535, Math.round(connector.max_voltage ?? 0)));
        col.connAmperage.push(connector.max_amperage ?? 0);
        col.connTariff.push(this.tariffCode(connector.tariff_ids, tariffsById));
        col.connTariffIds.push(this.tariffIdList(connector.tariff_ids));
        col.connId.push(this.dicts.connectorIds.code(connector.id));
        col.connLastUpdated.push(connector.last_updated);
      }
      col.connStart.push(this.connectors);
    }
    col.evseStart.push(this.evses);
    col.standardsMask.push(maskLo >>> 0);
    col.standardsMask.push(maskHi >>> 0);
    col.maxPowerW.push(maxPower);
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
    for (const [name, column] of Object.entries(this.columns)) columns[name] = column.finish();
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
