// Station filters compiled once per query into predicates over the columns: standard, power, availability with freshness, reservable, operator, price, opening hours.
import { AVAILABLE_CODE, DC_CODE, FLAG_CHARGING_WHEN_CLOSED, NONE, RESERVABLE_BIT, type StationColumns } from './columns';
import { CONNECTOR_STANDARDS, STANDARD_INDEX } from './standards';
import { isOpenAt } from './openingHours';
import { pricePerKwh } from './tariffs';
import type { ConnectorStandard } from './model';
import type { StationQuery } from './search';

export interface CompiledFilter {
  /** Whether location i has at least one connector meeting the query (and passes the location-level filters). */
  location(i: number): boolean;
  /** The connectors of location i that meet the connector-level filters, as [evse, connector] index pairs laid flat, in order. */
  connectors(i: number): number[];
  /** Whether location i is open at the query time (null: it gives no hours). */
  openNow(i: number): boolean | null;
  /** Rank factor for location i: 0.8 for a preferred operator, else 1. */
  preference(i: number): number;
  /** The standards wanted (STANDARD_INDEX bits), or null when any standard will do. */
  standards: number[] | null;
}

/**
 * `vehicleStandards` is used when the query names no standards (a car with GB/T inlets then sees GB/T
 * stations only); with neither, every standard matches.
 */
export function compileFilter(
  query: StationQuery,
  columns: StationColumns,
  vehicleStandards: readonly ConnectorStandard[] | undefined,
  now: number,
): CompiledFilter {
  const wanted = query.standards ?? vehicleStandards;
  const standards = wanted ? [...new Set(wanted.map((standard) => STANDARD_INDEX.get(standard)!))] : null;
  const allowed = new Uint8Array(64);
  let maskLo = 0;
  let maskHi = 0;
  for (const standard of wanted ?? CONNECTOR_STANDARDS) {
    const bit = STANDARD_INDEX.get(standard)!;
    allowed[bit] = 1;
    if (bit < 32) maskLo |= 1 << bit;
    else maskHi |= 1 << (bit - 32);
  }
  maskLo >>>= 0;
  maskHi >>>= 0;

  const lowered = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));
  const exclude = lowered(query.excludeOperators);
  const prefer = lowered(query.preferOperators);
  const operatorRule = new Int8Array(columns.operators.length); // 1 preferred, -1 excluded
  if (exclude.size || prefer.size) {
    columns.operators.forEach((name, code) => {
      const key = name.toLowerCase();
      operatorRule[code] = exclude.has(key) ? -1 : prefer.has(key) ? 1 : 0;
    });
  }

  // Per tariff: its price in the wanted currency, or NaN when it cannot be compared.
  const maxPrice = query.maxPricePerKwh;
  const tariffComparable = maxPrice ? columns.tariffs.map((t) => t.currency === maxPrice.currency) : [];

  const minPower = query.minPowerW;
  const maxAge = query.maxStatusAgeMs;
  const { evseStart, connStart, connStandard, connPowerW, evseStatus, evseStatusSec, evseCaps, connTariff } = columns;

  const connectorOk = (e: number, c: number): boolean => {
    if (!allowed[connStandard[c]]) return false;
    if (connPowerW[c] < minPower || (minPower > 0 && connPowerW[c] === 0)) return false;
    if (maxPrice) {
      const tariff = connTariff[c];
      if (tariff === NONE || !tariffComparable[tariff]) return false;
      if (pricePerKwh(columns.tariffs[tariff], connPowerW[c] / 1000) > maxPrice.amount) return false;
    }
    return true;
  };
  const evseOk = (e: number): boolean => {
    if (query.availableOnly) {
      if (evseStatus[e] !== AVAILABLE_CODE) return false;
      if (maxAge !== undefined && now - evseStatusSec[e] * 1000 > maxAge) return false;
    }
    return !query.reservableOnly || (evseCaps[e] & RESERVABLE_BIT) !== 0;
  };
  const openNow = (i: number): boolean | null => {
    const hours = columns.hours[i];
    if (hours === NONE) return null;
    const zone = columns.timeZone[i];
    return isOpenAt(columns.hoursTable[hours], zone === NONE ? undefined : columns.timeZones[zone], columns.lon[i], now);
  };

  return {
    standards,
    location(i) {
      // Cheap whole-location checks first: the standards it has and its best power.
      if ((columns.standardsMask[2 * i] & maskLo) === 0 && (columns.standardsMask[2 * i + 1] & maskHi) === 0) return false;
      if (columns.maxPowerW[i] < minPower) return false;
      const operator = columns.operator[i];
      if (exclude.size && operator !== NONE && operatorRule[operator] === -1) return false;
      let found = false;
      for (let e = evseStart[i], end = evseStart[i + 1]; e < end && !found; e++) {
        if (!evseOk(e)) continue;
        for (let c = connStart[e], cEnd = connStart[e + 1]; c < cEnd; c++) {
          if (connectorOk(e, c)) {
            found = true;
            break;
          }
        }
      }
      if (!found) return false;
      if (query.openOnly && (columns.flags[i] & FLAG_CHARGING_WHEN_CLOSED) === 0 && openNow(i) === false) return false;
      return true;
    },
    connectors(i) {
      const out: number[] = [];
      for (let e = evseStart[i], end = evseStart[i + 1]; e < end; e++) {
        if (!evseOk(e)) continue;
        for (let c = connStart[e], cEnd = connStart[e + 1]; c < cEnd; c++) if (connectorOk(e, c)) out.push(e, c);
      }
      return out;
    },
    openNow,
    preference(i) {
      const operator = columns.operator[i];
      return prefer.size && operator !== NONE && operatorRule[operator] === 1 ? 0.8 : 1;
    },
  };
}

/** Whether connector c delivers DC. */
export const isDcConnector = (columns: StationColumns, c: number) => columns.connPowerType[c] === DC_CODE;
