// A profile's settings that live in the car: each one's VSS actuator path, how it is read back, and "save the current positions".
import type { SignalSample } from '../state/vehicleSlice';
import { PROFILE_LIMITS as L } from './limits';
import { DRIVE_MODES, type DriveMode, type Profile } from './profileSchema';

const SEAT = 'Vehicle.Cabin.Seat.Row1.DriverSide.';
const MIRRORS = 'Vehicle.Body.Mirrors.';
const HVAC = 'Vehicle.Cabin.HVAC.Station.Row1.Driver.';

/** How settings are grouped on screen and sent: one group is one request on the write path. */
export const SETTING_GROUPS = ['seat', 'mirrors', 'steering', 'climate', 'drive', 'ambient', 'charging'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

type Value = number | string;

interface VehicleSettingSpec {
  path: string;
  group: SettingGroup;
  /** How far the read-back may be from the target and still count as reached (the car rounds). */
  tolerance: number;
  read(profile: Profile): Value | null;
  /** The profile's value as the car's signal spells it (seat heating level → %). */
  toVehicle?(value: Value): Value;
}

const heatingPercent = (level: Value) => Math.round((Number(level) * 100) / L.seatHeatingLevel.max);

export const VEHICLE_SETTINGS = {
  'seat.position': { path: `${SEAT}Position`, group: 'seat', tolerance: 2, read: (p) => p.seat.position },
  'seat.height': { path: `${SEAT}Height`, group: 'seat', tolerance: 2, read: (p) => p.seat.height },
  'seat.recline': { path: `${SEAT}Backrest.Recline`, group: 'seat', tolerance: 0.5, read: (p) => p.seat.recline },
  'seat.lumbar': { path: `${SEAT}Backrest.Lumbar.Support`, group: 'seat', tolerance: 2, read: (p) => p.seat.lumbar },
  'mirrors.driver.tilt': { path: `${MIRRORS}DriverSide.Tilt`, group: 'mirrors', tolerance: 1, read: (p) => p.mirrors.driver.tilt },
  'mirrors.driver.pan': { path: `${MIRRORS}DriverSide.Pan`, group: 'mirrors', tolerance: 1, read: (p) => p.mirrors.driver.pan },
  'mirrors.passenger.tilt': { path: `${MIRRORS}PassengerSide.Tilt`, group: 'mirrors', tolerance: 1, read: (p) => p.mirrors.passenger.tilt },
  'mirrors.passenger.pan': { path: `${MIRRORS}PassengerSide.Pan`, group: 'mirrors', tolerance: 1, read: (p) => p.mirrors.passenger.pan },
  'steering.tilt': { path: 'Vehicle.Chassis.SteeringWheel.Tilt', group: 'steering', tolerance: 1, read: (p) => p.steering.tilt },
  'steering.extension': { path: 'Vehicle.Chassis.SteeringWheel.Extension', group: 'steering', tolerance: 1, read: (p) => p.steering.extension },
  'climate.temperature': { path: `${HVAC}Temperature`, group: 'climate', tolerance: 0.5, read: (p) => p.climate.temperature },
  'climate.fan': { path: `${HVAC}FanSpeed`, group: 'climate', tolerance: 1, read: (p) => p.climate.fan },
  'climate.seatHeating': { path: `${SEAT}Heating`, group: 'climate', tolerance: 2, read: (p) => p.climate.seatHeating, toVehicle: heatingPercent },
  'drive.mode': { path: 'Vehicle.Powertrain.Transmission.PerformanceMode', group: 'drive', tolerance: 0, read: (p) => p.drive.mode },
  'drive.regen': { path: 'Vehicle.Private.CabinIVI.Drive.RegenLevel', group: 'drive', tolerance: 0, read: (p) => p.drive.regen },
  'ambient.colour': { path: 'Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color', group: 'ambient', tolerance: 0, read: (p) => p.ambientColour },
  'charging.targetSoc': { path: 'Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit', group: 'charging', tolerance: 0.5, read: (p) => p.charging.targetSoc },
} as const satisfies Record<string, VehicleSettingSpec>;

export type VehicleSettingId = keyof typeof VEHICLE_SETTINGS;
export const VEHICLE_SETTING_IDS = Object.keys(VEHICLE_SETTINGS) as VehicleSettingId[];

const spec = (id: VehicleSettingId): VehicleSettingSpec => VEHICLE_SETTINGS[id];

export interface VehicleTarget {
  id: VehicleSettingId;
  path: string;
  group: SettingGroup;
  /** As the car's signal spells it. */
  value: Value;
}

/** The target for one setting from a value in the profile's terms. */
export function targetFor(id: VehicleSettingId, value: Value): VehicleTarget {
  const s = spec(id);
  return { id, path: s.path, group: s.group, value: s.toVehicle ? s.toVehicle(value) : value };
}

/** The actuator targets a profile sets: the settings it leaves unset are not touched. */
export function profileTargets(profile: Profile): VehicleTarget[] {
  const out: VehicleTarget[] = [];
  for (const id of VEHICLE_SETTING_IDS) {
    const value = spec(id).read(profile);
    if (value !== null) out.push(targetFor(id, value));
  }
  return out;
}

/** Whether the read-back value counts as the target reached. */
export function readBackReached(id: VehicleSettingId, current: unknown, target: Value): boolean {
  if (typeof target === 'string') return typeof current === 'string' && current.toLowerCase() === target.toLowerCase();
  return typeof current === 'number' && Number.isFinite(current) && Math.abs(current - target) <= spec(id).tolerance + 1e-9;
}

/** The settings of a group this car can write, given the paths its mapping writes. */
export function writableSettings(paths: readonly string[]): VehicleSettingId[] {
  const set = new Set(paths);
  return VEHICLE_SETTING_IDS.filter((id) => set.has(spec(id).path));
}

export function settingPath(id: VehicleSettingId): string {
  return spec(id).path;
}

export function settingGroup(id: VehicleSettingId): SettingGroup {
  return spec(id).group;
}

/** The setting a VSS path belongs to, if any. */
export function settingOfPath(path: string): VehicleSettingId | null {
  return VEHICLE_SETTING_IDS.find((id) => spec(id).path === path) ?? null;
}

const CAPTURED: ReadonlyArray<[VehicleSettingId, { min: number; max: number }, number]> = [
  ['seat.position', L.seatPositionMm, 0],
  ['seat.height', L.seatHeightMm, 0],
  ['seat.recline', L.reclineDeg, 1],
  ['seat.lumbar', L.lumbarPercent, 0],
  ['mirrors.driver.tilt', L.mirrorPercent, 0],
  ['mirrors.driver.pan', L.mirrorPercent, 0],
  ['mirrors.passenger.tilt', L.mirrorPercent, 0],
  ['mirrors.passenger.pan', L.mirrorPercent, 0],
  ['steering.tilt', L.steeringPercent, 0],
  ['steering.extension', L.steeringPercent, 0],
];

export type CapturedPositions = Pick<Profile, 'seat' | 'mirrors' | 'steering'>;

/**
 * "Save the current seat, mirror and steering positions": the fresh read-back of each, rounded and kept in the
 * profile's range; what the car does not report (or reports stale) keeps the profile's value.
 */
export function capturePositions(
  profile: Profile,
  signals: Readonly<Record<string, SignalSample | undefined>>,
  isFresh: (sample: SignalSample) => boolean,
): { positions: CapturedPositions; captured: VehicleSettingId[] } {
  const positions = JSON.parse(JSON.stringify({ seat: profile.seat, mirrors: profile.mirrors, steering: profile.steering })) as CapturedPositions;
  const captured: VehicleSettingId[] = [];
  for (const [id, range, digits] of CAPTURED) {
    const sample = signals[spec(id).path];
    if (!sample || typeof sample.value !== 'number' || !Number.isFinite(sample.value) || !isFresh(sample)) continue;
    const value = Number(Math.min(range.max, Math.max(range.min, sample.value)).toFixed(digits));
    const [group, ...rest] = id.split('.');
    let node = (positions as unknown as Record<string, Record<string, unknown>>)[group];
    for (const key of rest.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[rest.at(-1)!] = value;
    captured.push(id);
  }
  return { positions, captured };
}

export function isDriveMode(value: unknown): value is DriveMode {
  return typeof value === 'string' && (DRIVE_MODES as readonly string[]).includes(value);
}
