// From the driver's filters to the search query, why a search came back empty, and the charging options the low-battery assistant offers.
import { CONNECTOR_STANDARDS } from '../../../shared/stations/model';
import type { StationQueryInput, StationResult, VehicleContext } from '../../../shared/stations/search';
import type { StationFilters, StationScope } from '../../../shared/ipc/stations';
import type { AssistantOption, LimitingFilter } from '../../../shared/state/stationsSlice';
import type { OptionProvider } from './lowBatteryAssistant';
import type { ToSeenAt } from './stationViews';

/** A status confirmed this recently counts as "free now" for the assistant. */
export const FRESH_STATUS_MS = 15 * 60_000;

export interface DriverQuery {
  filters: StationFilters;
  scope: StationScope;
  text: string;
  favourites: readonly string[];
  targetSoc: number;
}

export function toStationQuery(query: DriverQuery, near: { lat: number; lon: number }, limit: number): StationQueryInput {
  const { filters } = query;
  const input: StationQueryInput = {
    near,
    limit,
    minPowerW: filters.minPowerKw * 1000,
    availableOnly: filters.availableOnly,
    reservableOnly: filters.reservableOnly,
    preferOperators: filters.preferOperators,
    excludeOperators: filters.excludeOperators,
    rankBy: filters.rankBy,
    targetSoc: query.targetSoc,
  };
  if (filters.standards) input.standards = filters.standards;
  if (filters.maxPricePerKwh) input.maxPricePerKwh = filters.maxPricePerKwh;
  if (query.text.trim()) input.nameContains = query.text.trim();
  if (query.scope === 'favourites') input.keys = [...query.favourites];
  return input;
}

/** Each filter in force, with the query it would give if loosened on its own. */
function loosenings(query: StationQueryInput): Array<[LimitingFilter, StationQueryInput]> {
  const out: Array<[LimitingFilter, StationQueryInput]> = [];
  const plain = { ...query, limit: 1, rankBy: 'distance' as const, preferOperators: [], pool: undefined };
  if (query.nameContains) out.push(['name', { ...plain, nameContains: undefined }]);
  if (query.keys) out.push(['favourites', { ...plain, keys: undefined }]);
  if (query.availableOnly) out.push(['availableOnly', { ...plain, availableOnly: false }]);
  if (query.reservableOnly) out.push(['reservableOnly', { ...plain, reservableOnly: false }]);
  if (query.minPowerW) out.push(['minPowerKw', { ...plain, minPowerW: 0 }]);
  if (query.maxPricePerKwh) out.push(['maxPricePerKwh', { ...plain, maxPricePerKwh: undefined }]);
  if (query.excludeOperators?.length) out.push(['excludeOperators', { ...plain, excludeOperators: [] }]);
  // Chosen standards back to the car's; the car's own to any at all (nothing compatible nearby).
  out.push(['standards', { ...plain, standards: query.standards ? undefined : [...CONNECTOR_STANDARDS] }]);
  return out;
}

/**
 * Why a search found nothing: the filters that, loosened one at a time, would find something. Empty when no
 * single filter is to blame (nothing in the data at all, or only a combination).
 */
export function diagnoseEmpty(query: StationQueryInput, count: (query: StationQueryInput) => number): LimitingFilter[] {
  return loosenings(query)
    .filter(([, loosened]) => count(loosened) > 0)
    .map(([name]) => name);
}

/** The charging stations the assistant offers: compatible, reachable, free now where possible, soonest on the way again. */
export function chargingOptions(
  search: (query: StationQueryInput, context: VehicleContext) => StationResult[],
  driver: () => { excludeOperators: string[]; targetSoc: number },
  toSeenAt: ToSeenAt,
): OptionProvider {
  return {
    id: 'charging',
    options({ position, context, limit }) {
      const { excludeOperators, targetSoc } = driver();
      const base: StationQueryInput = { near: position, limit: limit * 4, rankBy: 'time', excludeOperators, targetSoc };
      const reachable = (results: StationResult[]) => results.filter((r) => r.reachable === true);
      // Free now by a live status first; then free by an older one; then any reachable one (it may be free by arrival).
      const tiers: StationQueryInput[] = [{ ...base, availableOnly: true, maxStatusAgeMs: FRESH_STATUS_MS }, { ...base, availableOnly: true }, base];
      const picked: Array<{ r: StationResult; tier: number }> = [];
      tiers.forEach((query, tier) => {
        for (const r of reachable(search(query, context))) {
          if (picked.length >= limit) break;
          if (!picked.some((p) => p.r.key === r.key)) picked.push({ r, tier });
        }
      });
      return picked.map(({ r, tier }): AssistantOption => {
        const option: AssistantOption = {
          provider: 'charging',
          key: r.key,
          name: r.name || r.location_id,
          lat: r.lat,
          lon: r.lon,
          distance_m: r.distance_m,
          arrival_soc: r.arrival_soc ?? context.socPercent,
          power_w: r.best.max_electric_power,
          standard: r.best.standard,
          status: r.best.status,
          statusSeenAt: toSeenAt(r.best.status_updated),
          tier,
        };
        if (r.operator) option.operator = r.operator;
        if (r.drive_minutes !== undefined) option.drive_minutes = r.drive_minutes;
        if (r.charge_minutes !== undefined) option.stop_minutes = r.charge_minutes;
        return option;
      });
    },
  };
}
