// What the swap service needs of the car: its pack (vehicle.json: swap standard and capacity) and, from the vehicle slice, position, speed, SoC and the installed pack's serial read from CAN.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packStandardForCar } from '../../../shared/swap/packStandards';
import { signalFreshness, type VehicleState } from '../../../shared/state/vehicleSlice';
import { parseVehicleDefinition } from '../../../shared/vehicle/vehicleDefinition';

export const SWAP_VSS = {
  latitude: 'Vehicle.CurrentLocation.Latitude',
  longitude: 'Vehicle.CurrentLocation.Longitude',
  speed: 'Vehicle.Speed',
  soc: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current',
  packId: 'Vehicle.Private.CabinIVI.Battery.InstalledPackId',
  swapStandard: 'Vehicle.Private.CabinIVI.Battery.SwapStandard',
} as const;

export interface CarPackInfo {
  vehicleId: string;
  swapStandard: string;
  usableKwh: number;
  ratedWhPerKm: number;
  /** The protocol standard it books, or null (a fixed pack). */
  packStandard: string | null;
}

/** Reads the vehicle definition; null for a car without one (a replayed petrol car) or a file that does not parse. */
export async function loadCarPack(appRoot: string, vehicleId: string, report: (line: string) => void): Promise<CarPackInfo | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(appRoot, 'assets', 'vehicles', vehicleId, 'vehicle.json'), 'utf8'));
  } catch (error) {
    report(`swap: no vehicle definition for ${vehicleId} (${(error as Error).message}); no swap for this car`);
    return null;
  }
  const parsed = parseVehicleDefinition(json);
  if (!parsed.ok) return null;
  const { battery, consumption } = parsed.definition;
  const car = { swapStandard: battery.swapStandard, usableKwh: battery.usableKwh };
  return { vehicleId, ...car, ratedWhPerKm: consumption.ratedWhPerKm, packStandard: packStandardForCar(car) };
}

export interface CarNow {
  position: { lat: number; lon: number } | null;
  speedKmh: number | null;
  soc: number | null;
  /** Serial of the installed pack as the CAN bus reports it (decimal text, as the protocol carries it). */
  packId: string | null;
}

/** The latest fresh values (a stale one counts as unknown: the car does not act on it). */
export function carNow(vehicle: VehicleState, now: number): CarNow {
  const value = (path: string): number | null => {
    const s = vehicle.signals[path];
    if (!s || typeof s.value !== 'number' || !Number.isFinite(s.value)) return null;
    return signalFreshness(s, now) === 'stale' ? null : s.value;
  };
  const lat = value(SWAP_VSS.latitude);
  const lon = value(SWAP_VSS.longitude);
  const position = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0) ? { lat, lon } : null;
  const pack = value(SWAP_VSS.packId);
  return { position, speedKmh: value(SWAP_VSS.speed), soc: value(SWAP_VSS.soc), packId: pack === null ? null : String(Math.round(pack)) };
}
