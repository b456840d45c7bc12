// Which actuator targets the driver may set in the current driving state: the rule the write path asks before any frame goes out.
import type { DrivingState } from './restrictions';

/** Why a target was refused; each is an i18n key under `ux.refused`. */
export type CommandRefusal = 'parkedOnly' | 'lowBeamInDark';

/** How a target is treated while driving. */
export type CommandClass = 'parkedOnly' | 'whileMoving' | 'lights';

/**
 * Seat, steering column and mirrors move the driver's body or view: parked only. Climate, drive mode,
 * regen and ambient light are made to be changed on the road. Anything not listed is parked-only:
 * a new actuator must be classified before it can be used while moving.
 */
const CLASSES: ReadonlyArray<[prefix: string, cls: CommandClass]> = [
  // Seat comfort changes warmth, not the driver's position: allowed on the road.
  ['Vehicle.Cabin.Seat.Row1.DriverSide.Heating', 'whileMoving'],
  ['Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling', 'whileMoving'],
  ['Vehicle.Cabin.Seat.Row1.PassengerSide.Heating', 'whileMoving'],
  ['Vehicle.Cabin.Seat.Row1.PassengerSide.HeatingCooling', 'whileMoving'],
  ['Vehicle.Cabin.Seat.', 'parkedOnly'],
  ['Vehicle.Chassis.SteeringWheel.', 'parkedOnly'],
  ['Vehicle.Cabin.SteeringWheel.', 'parkedOnly'],
  ['Vehicle.Body.Mirrors.', 'parkedOnly'],
  ['Vehicle.Cabin.HVAC.', 'whileMoving'],
  // The display's brightness follows day and night on the road.
  ['Vehicle.Cabin.Infotainment.HMI.Brightness', 'whileMoving'],
  ['Vehicle.Cabin.Light.', 'whileMoving'],
  ['Vehicle.Powertrain.Transmission.PerformanceMode', 'whileMoving'],
  ['Vehicle.Private.CabinIVI.Drive.', 'whileMoving'],
  ['Vehicle.Body.Lights.', 'lights'],
];

export function commandClass(path: string): CommandClass {
  for (const [prefix, cls] of CLASSES) if (path.startsWith(prefix)) return cls;
  return 'parkedOnly';
}

/** Below this ambient light (VSS LightIntensity, %) it counts as dark. */
export const DARK_BELOW_PERCENT = 25;

export interface CommandContext {
  drivingState: DrivingState;
  /** Outside light in %, or undefined when unknown or stale: then it counts as dark (fail closed). */
  lightIntensity: number | undefined;
}

export function commandRefusal(path: string, value: unknown, { drivingState, lightIntensity }: CommandContext): CommandRefusal | null {
  if (drivingState === 'parked') return null;
  const cls = commandClass(path);
  if (cls === 'whileMoving') return null;
  if (cls === 'lights') {
    const switchesLowBeamOff = path === 'Vehicle.Body.Lights.Beam.Low.IsOn' && value === false;
    const dark = lightIntensity === undefined || lightIntensity < DARK_BELOW_PERCENT;
    return switchesLowBeamOff && dark && drivingState === 'moving' ? 'lowBeamInDark' : null;
  }
  return 'parkedOnly';
}
