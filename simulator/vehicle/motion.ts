// Motion: the simulated driver easing toward a target speed, road loads and motor limits, regeneration, and the car's place on its route.
import type { GearLetter } from '../../shared/simulation/overrides';
import type { Result } from '../../shared/result';
import { CABIN_EXTENSION_PREFIX as X, GEAR_DRIVE, GEAR_PARK, type PERFORMANCE_MODES } from '../../shared/vehicle/catalog';
import type { VehicleDefinition } from '../../shared/vehicle/vehicleDefinition';
import type { SeededRandom } from '../random';
import { emptyPosition, type Route } from '../route';
import type { EventLog } from './events';
import { AIR_DENSITY, clamp, DT, G, round } from './physics';
import type { Signals, VehicleModule, Writer } from './signalTable';

export type { GearLetter } from '../../shared/simulation/overrides';
export type PerformanceMode = (typeof PERFORMANCE_MODES)[number];

/** How hard the simulated driver accelerates and brakes toward a target speed, m/s². */
export interface DriveProfile {
  accel: number;
  decel: number;
}

export const DRIVE_PROFILES = {
  gentle: { accel: 1.0, decel: 1.3 },
  normal: { accel: 1.8, decel: 2.2 },
  brisk: { accel: 3.0, decel: 3.5 },
  emergency: { accel: 1.0, decel: 7.0 },
} as const satisfies Record<string, DriveProfile>;

export type ProfileName = keyof typeof DRIVE_PROFILES;

const REGEN_LEVEL_FACTOR = [0, 0.5, 0.8, 1];

/** What the powertrain allows this step, decided by the modules around motion. */
export interface MotionInputs {
  /** The car is held (a battery swap in progress). */
  held: boolean;
  /** The pack is empty: no traction power. */
  empty: boolean;
  socPercent: number;
}

export interface MotionOptions {
  gear: GearLetter;
  performanceMode: PerformanceMode;
  regenLevel: number;
  odometerKm: number;
  routeStartM: number;
  route?: Route;
  loopRoute: boolean;
  /** Changes gear with the whole car's consent (a swap or a plugged cable may refuse). */
  requestGear: (gear: GearLetter) => Result;
}

export class Motion implements VehicleModule {
  speedMs = 0;
  targetSpeedMs = 0;
  private profile: DriveProfile = DRIVE_PROFILES.normal;
  private speedNoise = 0;
  gear: GearLetter;
  performanceMode: PerformanceMode;
  regenLevel: number;
  routeDistanceM: number;
  odometerM: number;
  readonly position = emptyPosition();
  private routeEnded = false;
  readonly route: Route | undefined;
  private readonly loopRoute: boolean;
  readonly writers: Readonly<Record<string, Writer>>;

  constructor(
    private readonly def: VehicleDefinition,
    private readonly rng: SeededRandom,
    private readonly log: EventLog,
    options: MotionOptions,
  ) {
    this.gear = options.gear;
    this.performanceMode = options.performanceMode;
    this.regenLevel = options.regenLevel;
    this.routeDistanceM = options.routeStartM;
    this.odometerM = options.odometerKm * 1000;
    this.route = options.route;
    this.loopRoute = options.loopRoute;
    this.writers = {
      'Vehicle.Powertrain.Transmission.PerformanceMode': (target) => this.setPerformanceMode(target as PerformanceMode),
      [`${X}Drive.RegenLevel`]: (target) => this.setRegenLevel(target as number),
      'Vehicle.Powertrain.Transmission.SelectedGear': (target) => {
        const gear = gearFromVss(target as number);
        if (!gear) return this.log.reject(`${target} is not a selectable gear (126 P, -1 R, 0 N, 127 D)`);
        return options.requestGear(gear);
      },
    };
  }

  setTargetSpeed(kmh: number, profile: DriveProfile = this.profile): Result {
    if (!Number.isFinite(kmh) || kmh < 0 || kmh > 250) return this.log.reject(`target speed ${kmh} km/h is outside 0..250`);
    this.targetSpeedMs = kmh / 3.6;
    this.profile = profile;
    return { ok: true };
  }

  setPerformanceMode(mode: PerformanceMode): Result {
    this.performanceMode = mode;
    return { ok: true };
  }

  setRegenLevel(level: number): Result {
    if (!Number.isInteger(level) || level < 0 || level > 3) return this.log.reject(`regen level ${level} is outside 0..3`);
    this.regenLevel = level;
    return { ok: true };
  }

  /** Why the gear cannot change now, or null. Moving, only D ↔ N is allowed. */
  shiftProblem(gear: GearLetter): string | null {
    const kmh = this.speedMs * 3.6;
    const forwardSwitch = (this.gear === 'D' && gear === 'N') || (this.gear === 'N' && gear === 'D');
    return kmh > 1 && !forwardSwitch ? `gear ${gear} refused at ${kmh.toFixed(1)} km/h` : null;
  }

  /** Engages a gear the car has agreed to (see shiftProblem). */
  engage(gear: GearLetter): void {
    this.gear = gear;
    if (gear === 'P') this.speedMs = 0;
    this.log.emit('gear-changed', gear);
  }

  /** Stopped in P: what charging and swapping need. */
  get parked(): boolean {
    return !(this.speedMs > 0.05 || this.gear !== 'P');
  }

  /** Puts a car without a route at its starting place. */
  placeAt(location: { lat: number; lon: number; heading: number }): void {
    this.position.lat = location.lat;
    this.position.lon = location.lon;
    this.position.heading = location.heading;
  }

  /** Teleports the car (control panel override); it stays off any route afterwards only if it has none. */
  setLocation(lat: number, lon: number, heading = this.position.heading): Result {
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return this.log.reject(`location ${lat}, ${lon} is not a WGS 84 position`);
    this.position.lat = lat;
    this.position.lon = lon;
    this.position.heading = ((heading % 360) + 360) % 360;
    return { ok: true };
  }

  /** Moves the car to `metres` along its route (control-panel location override on a route). */
  setRouteDistance(metres: number): Result {
    if (!this.route) return this.log.reject('the car has no route; use a location instead');
    if (!Number.isFinite(metres) || metres < 0 || metres > this.route.lengthM) {
      return this.log.reject(`${metres} m is outside the route (0..${Math.round(this.route.lengthM)} m)`);
    }
    this.routeDistanceM = metres;
    this.routeEnded = false;
    this.updatePosition();
    return { ok: true };
  }

  /** Moves the car one step; returns battery-side traction power in W (negative while recuperating). */
  step(inputs: MotionInputs): number {
    const c = this.def.consumption;
    const m = c.massKg;
    const v0 = this.speedMs;
    const grade = this.route ? this.position.grade : 0;
    const cosθ = 1 / Math.sqrt(1 + grade * grade);
    const sinθ = grade * cosθ;
    const resist = (v: number) => (v > 0.01 ? m * G * c.rollingResistance * cosθ : 0) + 0.5 * AIR_DENSITY * c.dragAreaM2 * v * v;

    let accel = 0;
    if (this.gear === 'P' || inputs.held) {
      this.speedMs = 0;
      return 0;
    } else if (this.gear === 'N' || inputs.empty) {
      accel = -(resist(v0) + m * G * sinθ) / m;
    } else {
      // A driver keeps a target with a little wander (seeded), eases in over ~2 s, and stops at a route's end.
      this.speedNoise += -this.speedNoise * (DT / 10) + 0.004 * Math.sqrt(DT) * this.rng.gaussian();
      const target = this.gear === 'R' ? Math.min(this.targetSpeedMs, 15 / 3.6) : this.targetSpeedMs * (1 + this.speedNoise);
      accel = clamp((target - v0) / 2, -this.profile.decel, this.profile.accel);
      if (this.route && !this.loopRoute && this.gear === 'D') {
        // Arriving: brake so the car comes to rest at the route's last point.
        const remaining = this.route.lengthM - this.routeDistanceM - 1;
        if (remaining <= (v0 * v0) / (2 * this.profile.decel) + 3) {
          accel = remaining > 0.2 ? -clamp((v0 * v0) / (2 * remaining), 0.3, 8) : -v0 / DT;
        }
      }
      if (accel > 0) {
        const modeScale = this.performanceMode === 'SPORT' ? 1 : this.performanceMode === 'ECONOMY' ? 0.6 : 0.8;
        const maxWheelW = c.maxMotorKw * 1000 * modeScale * c.drivetrainEfficiency;
        const maxAccel = (maxWheelW / Math.max(v0, 2) - resist(v0) - m * G * sinθ) / m;
        accel = Math.min(accel, Math.max(0, maxAccel));
      }
      if (target === 0 && v0 < 0.3 && accel < 0) accel = -v0 / DT;
    }
    const v1 = Math.max(0, v0 + accel * DT);
    this.speedMs = v1;
    const vAvg = (v0 + v1) / 2;
    const wheelW = (m * (v1 - v0)) / DT * vAvg + (resist(vAvg) + m * G * sinθ) * vAvg;

    const ds = vAvg * DT;
    if (ds > 0) {
      this.odometerM += ds;
      this.advanceAlongRoute(this.gear === 'R' ? -ds : ds);
    }
    if (wheelW >= 0) return wheelW / c.drivetrainEfficiency;
    // Recuperation: the motor takes what the regen level and its power allow; friction brakes do the rest.
    const kmh = vAvg * 3.6;
    const lowSpeedFade = clamp((kmh - 5) / 10, 0, 1);
    const socTaper = clamp((100 - inputs.socPercent) / 5, 0, 1);
    const regenW = Math.min(-wheelW * c.regenEfficiency, c.maxRegenKw * 1000) * REGEN_LEVEL_FACTOR[this.regenLevel] * lowSpeedFade * socTaper;
    return -regenW;
  }

  updatePosition(): void {
    if (!this.route) return;
    this.route.positionAt(this.routeDistanceM, this.position);
    if (this.gear === 'R') this.position.heading = (this.position.heading + 180) % 360;
  }

  /** The arrival braking leaves the car about a metre short of the last point: that counts as arrived. */
  checkArrival(): void {
    if (!this.route || this.loopRoute || this.routeEnded) return;
    if (this.route.lengthM - this.routeDistanceM < 2 && this.speedMs < 0.1) {
      this.routeEnded = true;
      this.log.emit('route-end', this.route.id);
    }
  }

  private advanceAlongRoute(ds: number): void {
    if (!this.route) return;
    let d = this.routeDistanceM + ds;
    const length = this.route.lengthM;
    if (this.loopRoute && length > 0) d = ((d % length) + length) % length;
    else if (d > length) d = length;
    else if (d < 0) d = 0;
    this.routeDistanceM = d;
  }

  signals(out: Signals): void {
    const speed = round(this.speedMs * 3.6, 2);
    out['Vehicle.Speed'] = speed;
    for (const axle of ['Row1', 'Row2']) {
      for (const side of ['Left', 'Right']) out[`Vehicle.Chassis.Axle.${axle}.Wheel.${side}.Speed`] = speed;
    }
    out['Vehicle.TraveledDistance'] = round(this.odometerM / 1000, 3);
    out['Vehicle.CurrentLocation.Latitude'] = round(this.position.lat, 7);
    out['Vehicle.CurrentLocation.Longitude'] = round(this.position.lon, 7);
    out['Vehicle.CurrentLocation.Heading'] = round(this.position.heading, 2);
    out['Vehicle.Powertrain.Transmission.CurrentGear'] = currentGearVss(this.gear);
    out['Vehicle.Powertrain.Transmission.SelectedGear'] = selectedGearVss(this.gear);
    out['Vehicle.Powertrain.Transmission.PerformanceMode'] = this.performanceMode;
    out[`${X}Drive.RegenLevel`] = this.regenLevel;
  }
}

export function currentGearVss(gear: GearLetter): number {
  return gear === 'D' ? 1 : gear === 'R' ? -1 : 0;
}

export function selectedGearVss(gear: GearLetter): number {
  return gear === 'P' ? GEAR_PARK : gear === 'D' ? GEAR_DRIVE : gear === 'R' ? -1 : 0;
}

export function gearFromVss(value: number): GearLetter | null {
  if (value === GEAR_PARK) return 'P';
  if (value === GEAR_DRIVE || value === 1) return 'D';
  if (value === -1) return 'R';
  if (value === 0) return 'N';
  return null;
}
