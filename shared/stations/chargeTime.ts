// Charge-time math: minutes from one SoC to another along the vehicle's DC curve capped by the connector, or at the AC limit.
import type { ConnectorStandard } from './model';

export interface CurvePoint {
  soc: number;
  powerKw: number;
}

/** What charge-time, reachability and compatibility need to know about a car. */
export interface ChargingVehicle {
  usableKwh: number;
  /** Battery-side DC power the pack accepts at each SoC (0…100 %), linear between points. */
  dcCurve: CurvePoint[];
  maxAcKw: number;
  maxDcKw: number;
  /** Connector standards its inlets take. */
  standards: ConnectorStandard[];
  /** Rated consumption, used until the car has driven enough to learn its own. */
  ratedWhPerKm: number;
}

/**
 * Minutes to charge from `fromSoc` to `toSoc` (%) on a connector of `connectorW` watts.
 * DC: the power at each SoC is the curve capped by the connector and the car's DC limit, integrated
 * exactly (1/P over linear pieces). AC: the onboard charger's limit or the connector's, whichever is
 * lower, flat. Connector power is taken as battery power (charging losses are not modelled).
 * Infinity when no power flows; 0 when already at the target.
 */
export function chargeMinutes(vehicle: ChargingVehicle, connectorW: number, dc: boolean, fromSoc: number, toSoc: number): number {
  const from = clamp(fromSoc);
  const to = clamp(toSoc);
  if (to <= from) return 0;
  const kwhPerPercent = vehicle.usableKwh / 100;
  if (!dc) {
    const kw = Math.min(connectorW / 1000, vehicle.maxAcKw);
    return kw > 0 ? ((to - from) * kwhPerPercent * 60) / kw : Infinity;
  }
  const cap = Math.min(connectorW / 1000, vehicle.maxDcKw);
  if (!(cap > 0)) return Infinity;
  return hoursOnCurve(vehicle.dcCurve, cap, from, to) * kwhPerPercent * 60;
}

/** ∫ ds / min(curve(s), cap) over [from, to], in %·h/kW. */
function hoursOnCurve(curve: CurvePoint[], cap: number, from: number, to: number): number {
  let total = 0;
  // Flat extensions below the first point and above the last keep the curve defined on 0…100.
  const points = [{ soc: 0, powerKw: curve[0].powerKw }, ...curve, { soc: 100, powerKw: curve[curve.length - 1].powerKw }];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const lo = Math.max(from, a.soc);
    const hi = Math.min(to, b.soc);
    if (hi <= lo || b.soc <= a.soc) continue;
    const at = (s: number) => a.powerKw + ((b.powerKw - a.powerKw) * (s - a.soc)) / (b.soc - a.soc);
    let pieces: Array<[number, number]> = [[lo, hi]];
    const pLo = at(lo);
    const pHi = at(hi);
    // Split where the curve crosses the cap, so each piece is either all-capped or all-linear.
    if ((pLo - cap) * (pHi - cap) < 0) {
      const cross = lo + ((cap - pLo) * (hi - lo)) / (pHi - pLo);
      pieces = [
        [lo, cross],
        [cross, hi],
      ];
    }
    for (const [s0, s1] of pieces) {
      const p0 = at(s0);
      const p1 = at(s1);
      if ((p0 + p1) / 2 >= cap) total += (s1 - s0) / cap;
      else if (p0 <= 0 || p1 <= 0) return Infinity;
      else if (Math.abs(p1 - p0) < 1e-12) total += (s1 - s0) / p0;
      else total += ((s1 - s0) / (p1 - p0)) * Math.log(p1 / p0);
    }
  }
  return total;
}

/** Energy put into the battery going from one SoC to another, kWh. */
export function chargeEnergyKwh(vehicle: ChargingVehicle, fromSoc: number, toSoc: number): number {
  return (Math.max(0, clamp(toSoc) - clamp(fromSoc)) * vehicle.usableKwh) / 100;
}

const clamp = (soc: number) => Math.min(100, Math.max(0, soc));
