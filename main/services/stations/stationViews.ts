// Search answers and Locations turned into what the store and the detail sheet carry: compact, plain JSON, times as ages on the host's clock.
import type { StationDetail } from '../../../shared/ipc/stations';
import { haversineM } from '../../../shared/stations/geo';
import type { ConnectorStandard, Location } from '../../../shared/stations/model';
import { isOpenAt } from '../../../shared/stations/openingHours';
import { arrivalSoc } from '../../../shared/stations/reachability';
import type { DatasetFreshness, StationResult, VehicleContext } from '../../../shared/stations/search';
import type { StationListItem, StationSourceView } from '../../../shared/state/stationsSlice';

/**
 * Epoch ms (a feed's status time, a fetch time) as a time on the host's monotonic clock, so screens show ages
 * with the clock they use for every other age. 0 (never) stays null.
 */
export type ToSeenAt = (epochMs: number) => number;

export function seenAtConverter(clock: () => number, wallClock: () => number): ToSeenAt {
  return (epochMs) => clock() - (wallClock() - epochMs);
}

export function toListItem(result: StationResult, favourites: ReadonlySet<string>, toSeenAt: ToSeenAt): StationListItem {
  const evses = new Map<string, boolean>();
  for (const c of result.connectors) evses.set(c.evse_uid, (evses.get(c.evse_uid) ?? false) || c.status === 'AVAILABLE');
  const item: StationListItem = {
    key: result.key,
    name: result.name || result.location_id,
    lat: result.lat,
    lon: result.lon,
    distance_m: result.distance_m,
    best: {
      standard: result.best.standard,
      power_type: result.best.power_type,
      max_electric_power: result.best.max_electric_power,
      status: result.best.status,
      statusSeenAt: toSeenAt(result.best.status_updated),
    },
    available: [...evses.values()].filter(Boolean).length,
    evses: evses.size,
    reservable: result.connectors.some((c) => c.reservable),
    open_now: result.open_now,
    favourite: favourites.has(result.key),
    source: result.source,
  };
  if (result.operator) item.operator = result.operator;
  if (result.arrival_soc !== undefined) item.arrival_soc = result.arrival_soc;
  if (result.reachable !== undefined) item.reachable = result.reachable;
  if (result.drive_minutes !== undefined) item.drive_minutes = result.drive_minutes;
  if (result.charge_minutes !== undefined) item.charge_minutes = result.charge_minutes;
  if (result.price) item.price = result.price;
  if (result.price_text) item.price_text = result.price_text;
  return item;
}

export function toSourceView(freshness: DatasetFreshness, toSeenAt: ToSeenAt): StationSourceView {
  const view: StationSourceView = {
    source: freshness.source,
    kind: freshness.kind,
    fetchedSeenAt: freshness.fetchedAt > 0 ? toSeenAt(freshness.fetchedAt) : null,
    locations: freshness.locations,
  };
  if (freshness.error) view.error = freshness.error;
  return view;
}

export interface DetailContext {
  key: string;
  freshness: DatasetFreshness | undefined;
  favourite: boolean;
  /** The car's inlets. */
  standards: readonly ConnectorStandard[] | null;
  position: { lat: number; lon: number } | null;
  vehicle: VehicleContext | undefined;
  now: number;
  toSeenAt: ToSeenAt;
}

export function toDetail(location: Location, ctx: DetailContext): StationDetail {
  const { latitude: lat, longitude: lon } = location.coordinates;
  const distance = ctx.position ? haversineM(ctx.position.lat, ctx.position.lon, lat, lon) : null;
  const compatible = new Set(ctx.standards ?? []);
  const detail: StationDetail = {
    key: ctx.key,
    name: location.name || location.id,
    lat,
    lon,
    distance_m: distance,
    evses: location.evses
      .filter((e) => e.status !== 'REMOVED')
      .map((e) => {
        const evse: StationDetail['evses'][number] = {
          uid: e.uid,
          status: e.status,
          statusSeenAt: ctx.toSeenAt(e.status_updated),
          capabilities: e.capabilities,
          connectors: e.connectors.map((c) => {
            const connector: StationDetail['evses'][number]['connectors'][number] = {
              id: c.id,
              standard: c.standard,
              power_type: c.power_type,
              max_electric_power: c.max_electric_power,
              tariff_ids: c.tariff_ids,
              compatible: ctx.standards === null || compatible.has(c.standard),
            };
            if (c.format) connector.format = c.format;
            if (c.max_voltage !== undefined) connector.max_voltage = c.max_voltage;
            if (c.max_amperage !== undefined) connector.max_amperage = c.max_amperage;
            return connector;
          }),
        };
        if (e.evse_id) evse.evse_id = e.evse_id;
        if (e.floor_level) evse.floor_level = e.floor_level;
        if (e.physical_reference) evse.physical_reference = e.physical_reference;
        return evse;
      }),
    tariffs: (location.tariffs ?? []).map((t) => ({ id: t.id, currency: t.currency, energy_per_kwh: t.energy_per_kwh, time_per_hour: t.time_per_hour, flat: t.flat })),
    hours: location.opening_times
      ? { twentyfourseven: location.opening_times.twentyfourseven, regular: (location.opening_times.regular_hours ?? []).map((h) => ({ ...h })) }
      : null,
    open_now: isOpenAt(location.opening_times, location.time_zone, lon, ctx.now),
    facilities: location.facilities ?? [],
    source: {
      id: ctx.freshness?.source ?? location.source,
      kind: ctx.freshness?.kind ?? 'offline',
      fetchedSeenAt: ctx.freshness && ctx.freshness.fetchedAt > 0 ? ctx.toSeenAt(ctx.freshness.fetchedAt) : null,
    },
    favourite: ctx.favourite,
  };
  if (ctx.freshness?.error) detail.source.error = ctx.freshness.error;
  if (location.operator?.name) detail.operator = location.operator.name;
  if (location.address) detail.address = location.address;
  if (location.city) detail.city = location.city;
  if (location.tariff_text) detail.tariff_text = location.tariff_text;
  if (location.time_zone) detail.time_zone = location.time_zone;
  if (distance !== null && ctx.vehicle) {
    const energy = {
      socPercent: ctx.vehicle.socPercent,
      usableKwh: ctx.vehicle.vehicle.usableKwh,
      whPerKm: ctx.vehicle.whPerKm ?? ctx.vehicle.vehicle.ratedWhPerKm,
      reservePercent: ctx.vehicle.reservePercent ?? 10,
    };
    // The same road factor as the ranking, so the sheet and the list agree.
    const soc = arrivalSoc(energy, (distance * (ctx.vehicle.roadFactor ?? 1.25)) / 1000);
    detail.arrival_soc = soc;
    detail.reachable = soc >= energy.reservePercent;
  }
  return detail;
}
