// Where the car is relative to its swap station: the route estimate (distance, minutes, SoC on arrival), the arrival geofence, and the swap confirmed from the car's own CAN readings.
import { haversineM } from '../../../shared/stations/geo';
import { arrivalSoc } from '../../../shared/stations/reachability';
import type { SwapBookingView, SwapConfirmation } from '../../../shared/state/swapSlice';

/** Road distance over straight-line distance, and the town speed: the same figures charging search uses, so the two compare fairly. */
export const ROAD_FACTOR = 1.25;
export const TOWN_SPEED_KMH = 50;

/** Inside this radius and (nearly) stopped, the car has arrived. The operator refuses a check-in farther than 300 m. */
export const ARRIVAL_RADIUS_M = 150;
export const ARRIVAL_MAX_KMH = 8;

export interface CarPoint {
  lat: number;
  lon: number;
}

export interface RouteEstimate {
  distanceM: number;
  etaMinutes: number;
}

/** Distance and whole minutes to a station (at least one: a booking announces an arrival ahead). */
export function routeEstimate(car: CarPoint, station: CarPoint): RouteEstimate {
  const distanceM = haversineM(car.lat, car.lon, station.lat, station.lon);
  const driveKm = (distanceM * ROAD_FACTOR) / 1000;
  return { distanceM, etaMinutes: Math.max(1, Math.round((driveKm / TOWN_SPEED_KMH) * 60)) };
}

/** Drive minutes without rounding up to one (for the charge-or-swap sums). */
export function driveMinutes(distanceM: number): number {
  return ((distanceM * ROAD_FACTOR) / 1000 / TOWN_SPEED_KMH) * 60;
}

export interface EnergyNow {
  socPercent: number;
  usableKwh: number;
  whPerKm: number;
}

export function arrivalSocAt(energy: EnergyNow, distanceM: number): number {
  return arrivalSoc({ ...energy, reservePercent: 0 }, (distanceM * ROAD_FACTOR) / 1000);
}

/** The geofence: close enough and slow enough (an unknown speed does not hold a check-in back: the operator checks the distance). */
export function hasArrived(car: CarPoint & { speedKmh: number | null }, station: CarPoint, radiusM = ARRIVAL_RADIUS_M): boolean {
  if (car.speedKmh !== null && car.speedKmh > ARRIVAL_MAX_KMH) return false;
  return haversineM(car.lat, car.lon, station.lat, station.lon) <= radiusM;
}

/** After completion the CAN bus may lag the operator by a few frames; past this the car says what it sees. */
export const CONFIRM_GRACE_MS = 20_000;

export interface CanPack {
  packId: string | null;
  socPercent: number | null;
}

/**
 * What the car's own readings say about the swap. Confirmed when the installed pack changed from the one it
 * checked in with to the one the station named (any new one when the station named none), with its SoC; a
 * different pack, or none changed once the grace has passed, is a mismatch the driver is told about.
 */
export function confirmSwap(
  before: { packIdBefore: string | null; socBefore: number | null },
  now: CanPack,
  booking: Pick<SwapBookingView, 'status' | 'newPackId'>,
  completedForMs: number,
): SwapConfirmation {
  const changed = now.packId !== null && now.packId !== before.packIdBefore;
  if (booking.status !== 'SWAPPING' && booking.status !== 'COMPLETED') return { state: 'waiting', ...before };
  if (changed && now.socPercent !== null && (booking.newPackId === null || booking.newPackId === now.packId)) {
    return { state: 'confirmed', ...before, packId: now.packId!, socPercent: now.socPercent };
  }
  if (changed && booking.newPackId !== null && booking.newPackId !== now.packId) {
    return { state: 'mismatch', ...before, packId: now.packId, socPercent: now.socPercent, expectedPackId: booking.newPackId };
  }
  if (booking.status === 'COMPLETED' && completedForMs >= CONFIRM_GRACE_MS) {
    return { state: 'mismatch', ...before, packId: now.packId, socPercent: now.socPercent, expectedPackId: booking.newPackId };
  }
  return { state: 'waiting', ...before };
}
