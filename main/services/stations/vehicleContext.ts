// What station search needs of the car, kept by the host: the vehicle definition's charging figures, SoC, position, and consumption learned from recent driving.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chargingVehicle } from '../../../shared/stations/vehicleProfile';
import { ConsumptionLearner } from '../../../shared/stations/reachability';
import type { ChargingVehicle } from '../../../shared/stations/chargeTime';
import type { VehicleContext } from '../../../shared/stations/search';
import { parseVehicleDefinition } from '../../../shared/vehicle/vehicleDefinition';
import type { SignalSample, VehicleState } from '../../../shared/state/vehicleSlice';

export const VSS = {
  soc: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current',
  latitude: 'Vehicle.CurrentLocation.Latitude',
  longitude: 'Vehicle.CurrentLocation.Longitude',
  odometer: 'Vehicle.TraveledDistance',
} as const;

/** SoC to keep in hand on arrival, %: what "reachable" leaves in the battery. */
export const RESERVE_PERCENT = 10;

export interface CarPosition {
  lat: number;
  lon: number;
}

export interface VehicleTracker {
  /** The car's charging figures, or null (no vehicle yet, or one without a traction battery). */
  vehicle(): ChargingVehicle | null;
  /** Latest SoC, %, or null when the car has not said. */
  soc(): number | null;
  position(): CarPosition | null;
  /** The search context, or undefined while vehicle or SoC are unknown. */
  context(): VehicleContext | undefined;
  consumption(): { whPerKm: number; learned: boolean } | null;
  /** Reads the latest vehicle slice; answers what changed, so the caller can decide to search again. */
  observe(state: VehicleState): Promise<{ vehicleChanged: boolean }>;
}

/**
 * Reads `assets/vehicles/<id>/vehicle.json` when the vehicle is chosen (a car whose file is not a full EV
 * definition gets no charging figures), and feeds the odometer and SoC to a ConsumptionLearner.
 */
export function createVehicleTracker(appRoot: string, report: (line: string) => void): VehicleTracker {
  let vehicleId: string | null = null;
  let vehicle: ChargingVehicle | null = null;
  let learner: ConsumptionLearner | null = null;
  let soc: number | null = null;
  let position: CarPosition | null = null;
  let seen: { soc?: SignalSample; lat?: SignalSample; lon?: SignalSample; odometer?: SignalSample } = {};

  async function load(id: string): Promise<ChargingVehicle | null> {
    const file = join(appRoot, 'assets', 'vehicles', id, 'vehicle.json');
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      report(`stations: cannot read ${file} (${(error as Error).message}); no charging search for this car`);
      return null;
    }
    const parsed = parseVehicleDefinition(json);
    // A reference definition without a traction battery (a petrol car) is not an error: it just does not charge.
    return parsed.ok ? chargingVehicle(parsed.definition) : null;
  }

  const numberOf = (sample: SignalSample | undefined) => (sample && typeof sample.value === 'number' && Number.isFinite(sample.value) ? sample.value : null);

  return {
    vehicle: () => vehicle,
    soc: () => soc,
    position: () => position,
    consumption() {
      if (!vehicle || !learner) return null;
      const { whPerKm, learned } = learner.estimate();
      return { whPerKm, learned };
    },
    context() {
      if (!vehicle || soc === null) return undefined;
      return { vehicle, socPercent: soc, whPerKm: learner?.estimate().whPerKm, reservePercent: RESERVE_PERCENT };
    },
    async observe(state) {
      let vehicleChanged = false;
      if (state.vehicleId !== vehicleId) {
        vehicleId = state.vehicleId;
        const loaded = vehicleId ? await load(vehicleId) : null;
        // Another vehicle may have been chosen while the file was read: the latest choice wins.
        if (vehicleId === state.vehicleId) {
          vehicle = loaded;
          learner = loaded ? new ConsumptionLearner(loaded.usableKwh, loaded.ratedWhPerKm) : null;
          soc = null;
          position = null;
          seen = {};
          vehicleChanged = true;
        }
      }
      const signals = state.signals;
      const s = signals[VSS.soc];
      if (s !== seen.soc) {
        seen.soc = s;
        soc = numberOf(s);
      }
      const lat = signals[VSS.latitude];
      const lon = signals[VSS.longitude];
      if (lat !== seen.lat || lon !== seen.lon) {
        seen.lat = lat;
        seen.lon = lon;
        const la = numberOf(lat);
        const lo = numberOf(lon);
        position = la !== null && lo !== null && Math.abs(la) <= 90 && Math.abs(lo) <= 180 && !(la === 0 && lo === 0) ? { lat: la, lon: lo } : null;
      }
      const odometer = signals[VSS.odometer];
      if (odometer !== seen.odometer) {
        seen.odometer = odometer;
        const km = numberOf(odometer);
        if (learner && km !== null && soc !== null) learner.observe(km, soc);
      }
      return { vehicleChanged };
    },
  };
}
