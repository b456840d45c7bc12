// Turns a matching location into a result: the connector to use, arrival SoC, charge time and cost, and its rank key for the chosen ranking.
import { chargeEnergyKwh, chargeMinutes } from './chargeTime';
import { EVSE_STATUSES, POWER_TYPES, CONNECTOR_STANDARDS } from './model';
import { NONE, RESERVABLE_BIT, type StationColumns, type StationText } from './columns';
import { isDcConnector, type CompiledFilter } from './filters';
import { arrivalSoc, type EnergyState } from './reachability';
import { chargeCost, pricePerKwh } from './tariffs';
import type { ResultConnector, StationQuery, StationResult, VehicleContext } from './search';

/** Unreachable stations rank after every reachable one; unknown prices after every known one. */
const UNREACHABLE_PENALTY = 1e12;
const UNKNOWN_PRICE = 1e15;

export interface Ranked {
  result: StationResult;
  /** Lower ranks first; ties are broken by distance, then by dataset order. */
  key: number;
}

export type Ranker = (i: number, distanceM: number, routeDistanceM?: number) => Ranked | null;

export function createRanker(
  query: StationQuery,
  columns: StationColumns,
  text: StationText,
  filter: CompiledFilter,
  context: VehicleContext | undefined,
): Ranker {
  const energy: EnergyState | undefined = context && {
    socPercent: context.socPercent,
    usableKwh: context.vehicle.usableKwh,
    whPerKm: context.whPerKm ?? context.vehicle.ratedWhPerKm,
    reservePercent: context.reservePercent ?? 10,
  };
  const roadFactor = context?.roadFactor ?? 1.25;
  const speedKmh = context?.averageSpeedKmh ?? (query.along ? 70 : 50);

  const describeConnector = (c: number, e: number): ResultConnector => ({
    evse_uid: text.evseUid(e),
    connector_id: text.connectorId(c),
    standard: CONNECTOR_STANDARDS[columns.connStandard[c]],
    power_type: POWER_TYPES[columns.connPowerType[c]],
    max_electric_power: columns.connPowerW[c],
    status: EVSE_STATUSES[columns.evseStatus[e]],
    status_updated: columns.evseStatusSec[e] * 1000,
    reservable: (columns.evseCaps[e] & RESERVABLE_BIT) !== 0,
  });

  return (i, distanceM, routeDistanceM) => {
    const pairs = filter.connectors(i);
    if (pairs.length === 0) return null;
    const driveKm = (routeDistanceM ?? distanceM * roadFactor) / 1000;
    const arrival = energy ? arrivalSoc(energy, driveKm) : undefined;
    const reachable = energy ? arrival! >= energy.reservePercent : undefined;
    const fromSoc = Math.max(0, arrival ?? 0);

    let best = -1;
    let bestPair = 0;
    let bestMinutes = Infinity;
    let bestCost = Infinity;
    let bestPerKwh = Infinity;
    for (let k = 0; k < pairs.length; k += 2) {
      const c = pairs[k + 1];
      const watts = columns.connPowerW[c];
      const minutes = context ? chargeMinutes(context.vehicle, watts, isDcConnector(columns, c), fromSoc, query.targetSoc) : Infinity;
      const tariffCode = columns.connTariff[c];
      const tariff = tariffCode === NONE ? undefined : columns.tariffs[tariffCode];
      const perKwh = tariff && (!query.maxPricePerKwh || tariff.currency === query.maxPricePerKwh.currency) ? pricePerKwh(tariff, watts / 1000) : Infinity;
      const cost =
        tariff && context && Number.isFinite(minutes) && Number.isFinite(perKwh)
          ? chargeCost(tariff, chargeEnergyKwh(context.vehicle, fromSoc, query.targetSoc), minutes)
          : perKwh;
      const better =
        best < 0 ||
        (query.rankBy === 'price'
          ? cost < bestCost || (cost === bestCost && minutes < bestMinutes)
          : context
            ? minutes < bestMinutes || (minutes === bestMinutes && watts > columns.connPowerW[best])
            : watts > columns.connPowerW[best]);
      if (better) {
        best = c;
        bestPair = k;
        bestMinutes = minutes;
        bestCost = cost;
        bestPerKwh = perKwh;
      }
    }

    const connectors: ResultConnector[] = [];
    for (let k = 0; k < pairs.length; k += 2) connectors.push(describeConnector(pairs[k + 1], pairs[k]));
    const operatorCode = columns.operator[i];
    const result: StationResult = {
      key: text.key(i),
      source: text.source(i),
      location_id: text.locationId(i),
      name: text.name(i),
      lat: columns.lat[i],
      lon: columns.lon[i],
      distance_m: distanceM,
      connectors,
      best: connectors[bestPair / 2],
      open_now: filter.openNow(i),
    };
    if (operatorCode !== NONE) result.operator = columns.operators[operatorCode];
    if (routeDistanceM !== undefined) result.route_distance_m = routeDistanceM;
    const driveMinutes = (driveKm / speedKmh) * 60;
    if (energy) {
      result.arrival_soc = arrival;
      result.reachable = reachable;
      result.drive_minutes = driveMinutes;
      if (Number.isFinite(bestMinutes)) result.charge_minutes = bestMinutes;
    }
    const bestTariff = columns.connTariff[best];
    if (bestTariff !== NONE && Number.isFinite(bestPerKwh)) {
      const tariff = columns.tariffs[bestTariff];
      result.price = { currency: tariff.currency, per_kwh: bestPerKwh };
      if (context && Number.isFinite(bestCost)) result.price.cost = bestCost;
    }
    const priceText = text.priceText(i);
    if (priceText) result.price_text = priceText;

    const preference = filter.preference(i);
    let key: number;
    if (query.rankBy === 'time') key = (driveMinutes + bestMinutes) * preference;
    else if (query.rankBy === 'price') key = Number.isFinite(bestCost) ? bestCost * preference : UNKNOWN_PRICE + distanceM;
    else key = (routeDistanceM ?? distanceM) * preference;
    // No power at any matching connector (unknown power): after every station with a figure, nearest first.
    if (!Number.isFinite(key)) key = UNKNOWN_PRICE / 10 + distanceM;
    if (reachable === false && query.rankBy !== 'distance') key += UNREACHABLE_PENALTY;
    return { result, key };
  };
}

/** Sort order of ranked results: key, then distance, then position (dataset order), so equal inputs give equal lists. */
export function compareRanked(a: Ranked & { order: number }, b: Ranked & { order: number }): number {
  return a.key - b.key || a.result.distance_m - b.result.distance_m || a.order - b.order;
}
