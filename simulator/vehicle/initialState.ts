// Where a simulated run starts: the vehicle's state at time zero, and the parked default the app shows until a scenario is picked.
import type { GearLetter } from '../../shared/simulation/overrides';
import type { LightsMode } from './lights';
import type { PerformanceMode } from './motion';

export interface InitialState {
  socPercent: number;
  /** Minutes since local midnight. */
  timeOfDayMin: number;
  ambientC: number;
  batteryTempC: number;
  cabinTempC: number;
  driver: string;
  keyFob: number;
  gear: GearLetter;
  odometerKm: number;
  /** Where a car without a route stands. */
  location: { lat: number; lon: number; heading: number };
  /** Metres along the route where the car starts. */
  routeStartM: number;
  lightsMode: LightsMode;
  climateSetpointC: number;
  climateOn: boolean;
  performanceMode: PerformanceMode;
  regenLevel: number;
}

/**
 * Parked, gear P, speed 0, at a demo location (Tianhe Sports Center, Guangzhou) in the morning:
 * what the app shows until a developer picks a scenario.
 */
export const DEFAULT_INITIAL_STATE: Readonly<InitialState> = Object.freeze({
  socPercent: 78,
  timeOfDayMin: 10 * 60,
  ambientC: 24,
  batteryTempC: 25,
  cabinTempC: 26,
  driver: 'guest',
  keyFob: 0,
  gear: 'P',
  odometerKm: 12_408,
  location: Object.freeze({ lat: 23.13537, lon: 113.32434, heading: 180 }),
  routeStartM: 0,
  lightsMode: 'AUTO',
  climateSetpointC: 22,
  climateOn: true,
  performanceMode: 'NORMAL',
  regenLevel: 2,
});
