// The simulated EV: fixed-step, deterministic physics (motion, energy, charging, swap, thermal, lights, actuators) exposed as VSS signals.
import {
  CABIN_EXTENSION_PREFIX as X,
  GEAR_DRIVE,
  GEAR_PARK,
  type PERFORMANCE_MODES,
  checkVssValue,
  vssSignal,
  type VssValue,
} from '../shared/vehicle/catalog';
import { dcCurvePowerKw, type VehicleDefinition } from '../shared/vehicle/vehicleDefinition';
import { Actuator } from './actuator';
import { SeededRandom } from './random';
import { emptyPosition, type Route } from './route';

/** Physics step. Everything advances in whole steps so a run is reproducible whatever the caller's dt. */
export const FIXED_STEP_MS = 50;
const DT = FIXED_STEP_MS / 1000;

const G = 9.81;
const AIR_DENSITY = 1.2;
const DAY_MS = 86_400_000;

export type GearLetter = 'P' | 'R' | 'N' | 'D';
export type PerformanceMode = (typeof PERFORMANCE_MODES)[number];
export type LightsMode = 'AUTO' | 'ON' | 'OFF';

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

export const SIM_EVENT_KINDS = [
  'gear-changed',
  'charge-started',
  'charge-completed',
  'charge-stopped',
  'unplugged',
  'swap-started',
  'swap-completed',
  'driver-changed',
  'lights-on',
  'lights-off',
  'tunnel-entered',
  'tunnel-left',
  'route-end',
  'battery-empty',
  'fault',
  'fault-cleared',
  'rejected',
] as const;

export type SimEventKind = (typeof SIM_EVENT_KINDS)[number];

export interface SimEvent {
  /** Simulated time since the start, ms. */
  tMs: number;
  kind: SimEventKind;
  detail: string;
}

export type CommandResult = { ok: true } | { ok: false; error: string };

export interface ChargeRequest {
  kind: 'AC' | 'DC';
  /** What the charger can deliver, kW. */
  powerKw: number;
  /** Stop at this SoC %; defaults to the car's charge limit. */
  limitPercent?: number;
}

export interface SwapRequest {
  /** Serial of the pack the station installs; drawn from the seed when absent. */
  packId?: number;
  socPercent: number;
  durationS: number;
  batteryTempC?: number;
  stateOfHealth?: number;
}

type ChargeSession = { kind: 'AC' | 'DC'; chargerKw: number; limit: number; state: 'CHARGING' | 'COMPLETE' | 'CONNECTED' };
type SwapSession = { remainingMs: number; request: SwapRequest; packId: number };

const MAX_EVENTS = 1000;
const REGEN_LEVEL_FACTOR = [0, 0.5, 0.8, 1];
const SEAT = 'Vehicle.Cabin.Seat.Row1.DriverSide.';
const MIRRORS = 'Vehicle.Body.Mirrors.';
const HVAC = 'Vehicle.Cabin.HVAC.';
const BATTERY = 'Vehicle.Powertrain.TractionBattery.';

export interface SimVehicleOptions {
  seed?: number;
  initial?: Partial<InitialState>;
  route?: Route;
  /** Start over at the beginning when the route ends instead of stopping there. */
  loopRoute?: boolean;
}

export class SimVehicle {
  readonly def: VehicleDefinition;
  private readonly rng: SeededRandom;
  private readonly route: Route | undefined;
  private readonly loopRoute: boolean;

  /** Simulated ms since the start. */
  timeMs = 0;
  private pendingMs = 0;
  private timeOfDayMs: number;

  // Motion
  speedMs = 0;
  private targetSpeedMs = 0;
  private profile: DriveProfile = DRIVE_PROFILES.normal;
  private speedNoise = 0;
  gear: GearLetter;
  performanceMode: PerformanceMode;
  regenLevel: number;
  routeDistanceM: number;
  odometerM: number;
  private readonly position = emptyPosition();
  private routeEnded = false;

  // Battery and energy
  private energyKwh: number;
  packId: number;
  stateOfHealth: number;
  batteryTempC: number;
  /** Net energy that went into the pack since the start (negative when driving), kWh; the energy-balance witness. */
  batteryEnergyInKwh = 0;
  /** Energy delivered by chargers since the start, kWh. */
  chargedKwh = 0;
  /** Energy recovered by regenerative braking since the start, kWh. */
  regenKwh = 0;
  private batteryPowerInW = 0;
  private batteryCurrentA = 0;
  private batteryVoltage: number;
  private consumptionWhPerKm: number;
  private chargeLimit = 100;
  private charge: ChargeSession | null = null;
  private chargePowerKw = 0;
  private swap: SwapSession | null = null;
  private emptyReported = false;

  // Environment and cabin
  ambientC: number;
  cabinTempC: number;
  private lightsMode: LightsMode;
  private lowBeam = false;
  private highBeam = false;
  private lightIntensity = 100;
  private inTunnel = false;
  driver: string;
  keyFob: number;
  private climateOn: boolean;
  private hvacPowerKw = 0;
  private coolingPowerKw = 0;
  private readonly actuators: Record<string, Actuator>;
  private readonly setpoints: Record<string, number>;

  readonly events: SimEvent[] = [];
  private listener: ((event: SimEvent) => void) | null = null;

  constructor(def: VehicleDefinition, options: SimVehicleOptions = {}) {
    const init: InitialState = { ...DEFAULT_INITIAL_STATE, ...options.initial };
    this.def = def;
    this.rng = new SeededRandom(options.seed ?? 1);
    this.route = options.route;
    this.loopRoute = options.loopRoute ?? false;
    this.timeOfDayMs = (((init.timeOfDayMin * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
    this.gear = init.gear;
    this.performanceMode = init.performanceMode;
    this.regenLevel = init.regenLevel;
    this.routeDistanceM = init.routeStartM;
    this.odometerM = init.odometerKm * 1000;
    this.energyKwh = (def.battery.usableKwh * clamp(init.socPercent, 0, 100)) / 100;
    this.packId = def.battery.packId;
    this.stateOfHealth = def.battery.stateOfHealth;
    this.batteryTempC = init.batteryTempC;
    this.batteryVoltage = this.openCircuitVoltage();
    this.consumptionWhPerKm = def.consumption.ratedWhPerKm;
    this.ambientC = init.ambientC;
    this.cabinTempC = init.cabinTempC;
    this.lightsMode = init.lightsMode;
    this.driver = init.driver;
    this.keyFob = init.keyFob;
    this.climateOn = init.climateOn;
    this.actuators = {
      [`${SEAT}Position`]: new Actuator(120, 15, 0, 260),
      [`${SEAT}Height`]: new Actuator(30, 8, 0, 70),
      [`${SEAT}Backrest.Recline`]: new Actuator(22, 3, 0, 40),
      // Mirror travel is ±100 % ≈ ±15°, so 25 %/s is about 4°/s.
      [`${MIRRORS}DriverSide.Tilt`]: new Actuator(0, 25, -100, 100),
      [`${MIRRORS}DriverSide.Pan`]: new Actuator(0, 25, -100, 100),
      [`${MIRRORS}PassengerSide.Tilt`]: new Actuator(0, 25, -100, 100),
      [`${MIRRORS}PassengerSide.Pan`]: new Actuator(0, 25, -100, 100),
      [`${HVAC}Station.Row1.Driver.FanSpeed`]: new Actuator(30, 40, 0, 100),
      [`${HVAC}Station.Row1.Passenger.FanSpeed`]: new Actuator(30, 40, 0, 100),
    };
    this.setpoints = {
      [`${HVAC}Station.Row1.Driver.Temperature`]: init.climateSetpointC,
      [`${HVAC}Station.Row1.Passenger.Temperature`]: init.climateSetpointC,
    };
    this.updatePosition();
    if (!this.route) {
      this.position.lat = init.location.lat;
      this.position.lon = init.location.lon;
      this.position.heading = init.location.heading;
    }
    this.updateLights(true);
  }

  /** Called for every event as it happens (the runner forwards them; the control panel shows them). */
  onEvent(listener: ((event: SimEvent) => void) | null): void {
    this.listener = listener;
  }

  get socPercent(): number {
    return (this.energyKwh / this.def.battery.usableKwh) * 100;
  }

  get energyKwhStored(): number {
    return this.energyKwh;
  }

  get isCharging(): boolean {
    return this.charge?.state === 'CHARGING';
  }

  get isSwapping(): boolean {
    return this.swap !== null;
  }

  get headlightsOn(): boolean {
    return this.lowBeam;
  }

  /** Advances simulated time by `dtMs`, in fixed steps; a remainder waits for the next call. */
  step(dtMs: number): void {
    if (!(dtMs > 0)) return;
    this.pendingMs += dtMs;
    while (this.pendingMs >= FIXED_STEP_MS) {
      this.pendingMs -= FIXED_STEP_MS;
      this.tick();
    }
  }

  /** One fixed physics step. */
  tick(): void {
    this.timeMs += FIXED_STEP_MS;
    this.timeOfDayMs = (this.timeOfDayMs + FIXED_STEP_MS) % DAY_MS;
    this.stepSwap();
    const tractionW = this.stepMotion();
    this.stepClimate();
    this.stepBattery(tractionW);
    this.updatePosition();
    this.checkArrival();
    this.updateLights(false);
    for (const key in this.actuators) this.actuators[key].step(DT);
  }

  // ---- commands from scenarios and the control panel -------------------------------------------

  setTargetSpeed(kmh: number, profile: DriveProfile = this.profile): CommandResult {
    if (!Number.isFinite(kmh) || kmh < 0 || kmh > 250) return this.reject(`target speed ${kmh} km/h is outside 0..250`);
    this.targetSpeedMs = kmh / 3.6;
    this.profile = profile;
    return { ok: true };
  }

  setGear(gear: GearLetter): CommandResult {
    if (gear === this.gear) return { ok: true };
    if (this.swap) return this.reject(`gear ${gear} refused: battery swap in progress`);
    const kmh = this.speedMs * 3.6;
    const forwardSwitch = (this.gear === 'D' && gear === 'N') || (this.gear === 'N' && gear === 'D');
    if (kmh > 1 && !forwardSwitch) return this.reject(`gear ${gear} refused at ${kmh.toFixed(1)} km/h`);
    if (this.charge && gear !== 'P') {
      // The simulated driver unplugs before driving off; a real car refuses to move while plugged in.
      this.endCharge('unplugged', 'cable removed before leaving P');
      this.charge = null;
    }
    this.gear = gear;
    if (gear === 'P') this.speedMs = 0;
    this.emit('gear-changed', gear);
    return { ok: true };
  }

  setPerformanceMode(mode: PerformanceMode): CommandResult {
    this.performanceMode = mode;
    return { ok: true };
  }

  setRegenLevel(level: number): CommandResult {
    if (!Number.isInteger(level) || level < 0 || level > 3) return this.reject(`regen level ${level} is outside 0..3`);
    this.regenLevel = level;
    return { ok: true };
  }

  /** Overrides the state of charge (control panel); the energy bookkeeping restarts from here. */
  setSoc(percent: number): CommandResult {
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) return this.reject(`SoC ${percent} % is outside 0..100`);
    this.energyKwh = (this.def.battery.usableKwh * percent) / 100;
    this.emptyReported = percent <= 0;
    return { ok: true };
  }

  setTimeOfDay(minutes: number): CommandResult {
    if (!Number.isFinite(minutes) || minutes < 0 || minutes >= 1440) return this.reject(`time of day ${minutes} min is outside 00:00..23:59`);
    this.timeOfDayMs = minutes * 60_000;
    this.updateLights(false);
    return { ok: true };
  }

  get timeOfDayMin(): number {
    return this.timeOfDayMs / 60_000;
  }

  setAmbientTemperature(celsius: number): CommandResult {
    if (!Number.isFinite(celsius) || celsius < -40 || celsius > 60) return this.reject(`ambient ${celsius} °C is outside -40..60`);
    this.ambientC = celsius;
    return { ok: true };
  }

  setLightsMode(mode: LightsMode): CommandResult {
    this.lightsMode = mode;
    this.updateLights(false);
    return { ok: true };
  }

  setTunnel(inTunnel: boolean): CommandResult {
    this.forcedTunnel = inTunnel;
    this.updateLights(false);
    return { ok: true };
  }
  private forcedTunnel = false;

  setDriver(driver: string, keyFob: number): CommandResult {
    if (driver.length === 0) return this.reject('driver id must not be empty');
    if (!Number.isInteger(keyFob) || keyFob < 0 || keyFob > 4_294_967_295) return this.reject(`key fob ${keyFob} is not a uint32`);
    if (driver === this.driver && keyFob === this.keyFob) return { ok: true };
    const previous = this.driver;
    this.driver = driver;
    this.keyFob = keyFob;
    this.emit('driver-changed', `${previous} → ${driver} (key fob ${keyFob})`);
    return { ok: true };
  }

  /** Teleports the car (control panel override); it stays off any route afterwards only if it has none. */
  setLocation(lat: number, lon: number, heading = this.position.heading): CommandResult {
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return this.reject(`location ${lat}, ${lon} is not a WGS 84 position`);
    this.position.lat = lat;
    this.position.lon = lon;
    this.position.heading = ((heading % 360) + 360) % 360;
    return { ok: true };
  }

  /** Moves the car to `metres` along its route (control-panel location override on a route). */
  setRouteDistance(metres: number): CommandResult {
    if (!this.route) return this.reject('the car has no route; use a location instead');
    if (!Number.isFinite(metres) || metres < 0 || metres > this.route.lengthM) {
      return this.reject(`${metres} m is outside the route (0..${Math.round(this.route.lengthM)} m)`);
    }
    this.routeDistanceM = metres;
    this.routeEnded = false;
    this.updatePosition();
    this.updateLights(false);
    return { ok: true };
  }

  startCharging(request: ChargeRequest): CommandResult {
    if (this.speedMs > 0.05 || this.gear !== 'P') return this.reject('charging needs the car stopped in P');
    if (this.swap) return this.reject('charging refused: battery swap in progress');
    if (!(request.powerKw > 0)) return this.reject(`charger power ${request.powerKw} kW must be positive`);
    const limit = request.limitPercent ?? this.chargeLimit;
    this.charge = { kind: request.kind, chargerKw: request.powerKw, limit, state: 'CHARGING' };
    this.emit('charge-started', `${request.kind} ${request.powerKw} kW to ${limit} %`);
    if (this.socPercent >= limit) this.endCharge('charge-completed', `already at ${this.socPercent.toFixed(1)} %`);
    return { ok: true };
  }

  stopCharging(): CommandResult {
    if (!this.charge) return this.reject('no charging session to stop');
    if (this.charge.state === 'CHARGING') this.endCharge('charge-stopped', `stopped at ${this.socPercent.toFixed(1)} %`);
    this.charge = null;
    this.emit('unplugged', '');
    return { ok: true };
  }

  startSwap(request: SwapRequest): CommandResult {
    if (this.speedMs > 0.05 || this.gear !== 'P') return this.reject('battery swap needs the car stopped in P');
    if (this.swap) return this.reject('a battery swap is already in progress');
    if (this.charge) return this.reject('battery swap refused: charging cable connected');
    if (!(request.socPercent >= 0 && request.socPercent <= 100)) return this.reject(`swap SoC ${request.socPercent} % is outside 0..100`);
    let packId = request.packId ?? this.rng.int(10_000_000, 99_999_999);
    if (packId === this.packId) packId += 1;
    this.swap = { remainingMs: Math.max(0, request.durationS * 1000), request, packId };
    this.emit('swap-started', `pack ${this.packId} out, ${packId} in, ${request.durationS} s`);
    return { ok: true };
  }

  /**
   * The write path: an actuator target by VSS path. Refused with a reason when the path is not
   * writable here or the value does not fit the signal; success shows later in the read-back value.
   */
  command(request: { path: string; target: VssValue }): CommandResult {
    const { path, target } = request;
    const signal = vssSignal(path);
    if (!signal) return this.reject(`${path} is not a known VSS path`);
    if (signal.kind !== 'actuator') return this.reject(`${path} is a ${signal.kind}, not an actuator`);
    const problem = checkVssValue(signal, target);
    if (problem) return this.reject(problem);
    const actuator = this.actuators[path];
    if (actuator) {
      if (!actuator.accepts(target as number)) return this.reject(`${target} is outside ${actuator.min}..${actuator.max} for ${path}`);
      actuator.target = target as number;
      return { ok: true };
    }
    if (path in this.setpoints) {
      if ((target as number) < 16 || (target as number) > 30) return this.reject(`${target} °C is outside the 16..30 °C set-point range`);
      this.setpoints[path] = target as number;
      return { ok: true };
    }
    switch (path) {
      case `${HVAC}IsAirConditioningActive`:
        this.climateOn = target as boolean;
        return { ok: true };
      case 'Vehicle.Powertrain.Transmission.PerformanceMode':
        return this.setPerformanceMode(target as PerformanceMode);
      case `${X}Drive.RegenLevel`:
        return this.setRegenLevel(target as number);
      case `${BATTERY}Charging.ChargeLimit`:
        if ((target as number) < 50) return this.reject(`charge limit ${target} % is below 50 %`);
        this.chargeLimit = target as number;
        if (this.charge) this.charge.limit = target as number;
        return { ok: true };
      case 'Vehicle.Body.Lights.Beam.Low.IsOn':
        return this.setLightsMode(target ? 'ON' : 'OFF');
      case 'Vehicle.Body.Lights.Beam.High.IsOn':
        if (target && !this.lowBeam) return this.reject('high beam needs the low beam on');
        this.highBeam = target as boolean;
        return { ok: true };
      case 'Vehicle.Powertrain.Transmission.SelectedGear': {
        const gear = gearFromVss(target as number);
        if (!gear) return this.reject(`${target} is not a selectable gear (126 P, -1 R, 0 N, 127 D)`);
        return this.setGear(gear);
      }
      default:
        return this.reject(`${path} is not writable on the simulated vehicle`);
    }
  }

  /** Current targets of the actuators (what was asked), beside `signals()` (what is). */
  targets(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key in this.actuators) out[key] = this.actuators[key].target;
    for (const key in this.setpoints) out[key] = this.setpoints[key];
    return out;
  }

  /** Every simulated signal by VSS path, in VSS units (km/h, %, m, km, °C, V, A, W, kW). */
  signals(): Record<string, VssValue> {
    const kmh = this.speedMs * 3.6;
    const soc = this.socPercent;
    const chargeState = this.charge ? this.charge.state : 'DISCONNECTED';
    const out: Record<string, VssValue> = {
      'Vehicle.Speed': round(kmh, 2),
      'Vehicle.TraveledDistance': round(this.odometerM / 1000, 3),
      'Vehicle.CurrentLocation.Latitude': round(this.position.lat, 7),
      'Vehicle.CurrentLocation.Longitude': round(this.position.lon, 7),
      'Vehicle.CurrentLocation.Heading': round(this.position.heading, 2),
      'Vehicle.Powertrain.Transmission.CurrentGear': currentGearVss(this.gear),
      'Vehicle.Powertrain.Transmission.SelectedGear': selectedGearVss(this.gear),
      'Vehicle.Powertrain.Transmission.PerformanceMode': this.performanceMode,
      [`${X}Drive.RegenLevel`]: this.regenLevel,
      [`${BATTERY}StateOfCharge.Current`]: round(soc, 3),
      [`${BATTERY}StateOfCharge.Displayed`]: Math.round(soc),
      'Vehicle.Powertrain.Range': Math.max(0, Math.round((this.energyKwh * 1000 * 1000) / this.consumptionWhPerKm)),
      [`${BATTERY}CurrentVoltage`]: round(this.batteryVoltage, 2),
      [`${BATTERY}CurrentCurrent`]: round(this.batteryCurrentA, 2),
      [`${BATTERY}CurrentPower`]: Math.round(this.batteryPowerInW),
      [`${BATTERY}Temperature.Average`]: round(this.batteryTempC, 2),
      [`${BATTERY}StateOfHealth`]: this.stateOfHealth,
      [`${X}Battery.InstalledPackId`]: this.packId,
      [`${X}Battery.SwapStandard`]: this.def.battery.swapStandard,
      [`${BATTERY}Charging.IsCharging`]: chargeState === 'CHARGING',
      [`${BATTERY}Charging.ChargingPort.AnyPosition.IsChargingCableConnected`]: this.charge !== null,
      [`${BATTERY}Charging.ChargingPort.AnyPosition.IsFlapOpen`]: this.charge !== null,
      [`${BATTERY}Charging.ChargeLimit`]: this.charge ? this.charge.limit : this.chargeLimit,
      [`${X}Charging.State`]: chargeState,
      [`${X}Charging.Power`]: round(this.chargePowerKw, 2),
      [`${X}Charging.ActiveInletType`]: this.charge
        ? this.charge.kind === 'DC'
          ? this.def.charging.dcInlet
          : this.def.charging.acInlet
        : 'OTHER',
      'Vehicle.LowVoltageBattery.CurrentVoltage': 14.1,
      'Vehicle.LowVoltageBattery.CurrentCurrent': 1.5,
      [`${X}LowVoltageBattery.StateOfCharge`]: 92,
      'Vehicle.Exterior.AirTemperature': round(this.ambientC, 1),
      'Vehicle.Exterior.LightIntensity': round(this.lightIntensity, 1),
      'Vehicle.Body.Lights.Beam.Low.IsOn': this.lowBeam,
      'Vehicle.Body.Lights.Beam.High.IsOn': this.highBeam,
      'Vehicle.Driver.Identifier.Subject': this.driver,
      [`${X}KeyFob.Id`]: this.keyFob,
      [`${HVAC}IsAirConditioningActive`]: this.climateOn,
      [`${HVAC}AmbientAirTemperature`]: round(this.cabinTempC, 2),
    };
    for (const axle of ['Row1', 'Row2']) {
      for (const side of ['Left', 'Right']) out[`Vehicle.Chassis.Axle.${axle}.Wheel.${side}.Speed`] = out['Vehicle.Speed'];
    }
    for (const key in this.actuators) {
      const signal = vssSignal(key);
      const value = this.actuators[key].current;
      out[key] = signal && signal.datatype !== 'float' ? Math.round(value) : round(value, 2);
    }
    for (const key in this.setpoints) out[key] = this.setpoints[key];
    return out;
  }

  /** Simulator-only state that has no VSS path but that tests and the control panel want. */
  diagnostics() {
    return {
      timeMs: this.timeMs,
      timeOfDay: formatTimeOfDay(this.timeOfDayMs),
      gear: this.gear,
      targetSpeedKmh: round(this.targetSpeedMs * 3.6, 2),
      routeId: this.route?.id ?? null,
      routeDistanceM: round(this.routeDistanceM, 1),
      routeLengthM: this.route ? round(this.route.lengthM, 1) : null,
      inTunnel: this.inTunnel,
      lightsMode: this.lightsMode,
      energyKwh: round(this.energyKwh, 4),
      batteryEnergyInKwh: round(this.batteryEnergyInKwh, 4),
      chargedKwh: round(this.chargedKwh, 4),
      regenKwh: round(this.regenKwh, 4),
      consumptionWhPerKm: round(this.consumptionWhPerKm, 1),
      hvacPowerKw: round(this.hvacPowerKw, 3),
      swapRemainingS: this.swap ? round(this.swap.remainingMs / 1000, 1) : null,
    };
  }

  // ---- physics --------------------------------------------------------------------------------

  /** Moves the car one step; returns battery-side traction power in W (negative while recuperating). */
  private stepMotion(): number {
    const c = this.def.consumption;
    const m = c.massKg;
    const v0 = this.speedMs;
    const grade = this.route ? this.position.grade : 0;
    const cosθ = 1 / Math.sqrt(1 + grade * grade);
    const sinθ = grade * cosθ;
    const resist = (v: number) => (v > 0.01 ? m * G * c.rollingResistance * cosθ : 0) + 0.5 * AIR_DENSITY * c.dragAreaM2 * v * v;

    let accel = 0;
    if (this.gear === 'P' || this.swap) {
      this.speedMs = 0;
      return 0;
    } else if (this.gear === 'N' || this.energyKwh <= 0) {
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
    const socTaper = clamp((100 - this.socPercent) / 5, 0, 1);
    const regenW = Math.min(-wheelW * c.regenEfficiency, c.maxRegenKw * 1000) * REGEN_LEVEL_FACTOR[this.regenLevel] * lowSpeedFade * socTaper;
    return -regenW;
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

  /** The arrival braking leaves the car about a metre short of the last point: that counts as arrived. */
  private checkArrival(): void {
    if (!this.route || this.loopRoute || this.routeEnded) return;
    if (this.route.lengthM - this.routeDistanceM < 2 && this.speedMs < 0.1) {
      this.routeEnded = true;
      this.emit('route-end', this.route.id);
    }
  }

  /** Cabin air follows the HVAC (heat pump / A/C) against the leak to outside air. */
  private stepClimate(): void {
    const t = this.def.thermal;
    const leakKw = (t.cabinAmbientExchangeWPerK * (this.cabinTempC - this.ambientC)) / 1000;
    let heatKw = 0;
    this.hvacPowerKw = 0;
    if (this.climateOn) {
      const setpoint = this.setpoints[`${HVAC}Station.Row1.Driver.Temperature`];
      // Hold the set point and close the remaining gap over about two minutes.
      const wanted = leakKw + (t.cabinHeatCapacityKjPerK * (setpoint - this.cabinTempC)) / 120;
      heatKw = clamp(wanted, -t.hvacMaxThermalKw, t.hvacMaxThermalKw);
      const fan = this.actuators[`${HVAC}Station.Row1.Driver.FanSpeed`].current;
      this.hvacPowerKw = Math.abs(heatKw) / (heatKw >= 0 ? t.heatPumpCop : t.coolingCop) + 0.002 * fan;
    }
    this.cabinTempC += ((heatKw - leakKw) * DT) / t.cabinHeatCapacityKjPerK;
  }

  private stepBattery(tractionW: number): void {
    const b = this.def.battery;
    const t = this.def.thermal;
    const capacity = b.usableKwh;
    const soc = this.socPercent;

    this.chargePowerKw = 0;
    if (this.charge?.state === 'CHARGING') {
      const ch = this.def.charging;
      const accepted = this.charge.kind === 'DC' ? Math.min(dcCurvePowerKw(ch.dcCurve, soc), ch.maxDcKw) : ch.maxAcKw;
      // A cold pack takes less, a hot one is protected: derate outside 10..50 °C.
      const thermal = clamp((this.batteryTempC + 10) / 20, 0.2, 1) * clamp((60 - this.batteryTempC) / 10, 0, 1);
      this.chargePowerKw = Math.min(accepted, this.charge.chargerKw) * thermal;
    }
    const hot = this.batteryTempC - t.coolingThresholdC;
    const coolingThermalKw = hot > 0 ? Math.min(t.maxCoolingKw, hot * 1.5) : 0;
    this.coolingPowerKw = coolingThermalKw / t.coolingCop;
    // Once a session is complete the charger keeps feeding the car's own loads, so the pack stays at its limit.
    const gridFed = this.charge?.state === 'COMPLETE';
    const loadW = gridFed ? 0 : (this.def.consumption.auxiliaryKw + this.hvacPowerKw + this.coolingPowerKw) * 1000;

    let inW = this.chargePowerKw * 1000 - tractionW - loadW;
    const before = this.energyKwh;
    let after = before + (inW * DT) / 3_600_000;
    if (after > capacity) {
      // A full pack takes nothing more: regen and charging are cut, never SoC above 100 %.
      after = capacity;
      inW = ((capacity - before) * 3_600_000) / DT;
    } else if (after < 0) {
      after = 0;
      inW = (-before * 3_600_000) / DT;
      if (!this.emptyReported) {
        this.emptyReported = true;
        this.emit('battery-empty', 'traction power cut');
      }
    }
    this.energyKwh = after;
    this.batteryEnergyInKwh += after - before;
    if (tractionW < 0) this.regenKwh += (-tractionW * DT) / 3_600_000;
    this.chargedKwh += (this.chargePowerKw * DT) / 3600;
    this.batteryPowerInW = inW;

    const ocv = this.openCircuitVoltage();
    this.batteryCurrentA = inW / ocv;
    this.batteryVoltage = ocv + this.batteryCurrentA * b.internalResistanceOhm;
    const jouleW = this.batteryCurrentA * this.batteryCurrentA * b.internalResistanceOhm;
    const exchangeW = t.batteryAmbientExchangeWPerK * (this.batteryTempC - this.ambientC);
    this.batteryTempC += ((jouleW - exchangeW - coolingThermalKw * 1000) * DT) / (t.batteryHeatCapacityKjPerK * 1000);

    // Range follows recent driving: an average over roughly the last 5 km.
    const ds = this.speedMs * DT;
    if (ds > 0.01 && tractionW !== 0) {
      const whPerKm = ((tractionW + loadW) * DT) / 3600 / (ds / 1000);
      const weight = Math.min(1, ds / 5000);
      this.consumptionWhPerKm = clamp(this.consumptionWhPerKm + (whPerKm - this.consumptionWhPerKm) * weight, 80, 400);
    }

    if (this.charge?.state === 'CHARGING' && this.socPercent >= this.charge.limit - 1e-9) {
      this.endCharge('charge-completed', `${this.socPercent.toFixed(1)} %, ${this.chargedKwh.toFixed(2)} kWh delivered in total`);
    }
  }

  private stepSwap(): void {
    const swap = this.swap;
    if (!swap) return;
    swap.remainingMs -= FIXED_STEP_MS;
    if (swap.remainingMs > 0) return;
    const old = this.packId;
    this.packId = swap.packId;
    this.energyKwh = (this.def.battery.usableKwh * swap.request.socPercent) / 100;
    this.batteryTempC = swap.request.batteryTempC ?? 25;
    this.stateOfHealth = swap.request.stateOfHealth ?? 98;
    this.emptyReported = false;
    this.swap = null;
    this.emit('swap-completed', `pack ${old} → ${this.packId} at ${swap.request.socPercent} %`);
  }

  private endCharge(kind: 'charge-completed' | 'charge-stopped' | 'unplugged', detail: string): void {
    if (this.charge) this.charge.state = kind === 'charge-completed' ? 'COMPLETE' : 'CONNECTED';
    this.chargePowerKw = 0;
    this.emit(kind, detail);
  }

  private openCircuitVoltage(): number {
    return this.def.battery.nominalVoltage * (0.87 + 0.2 * (this.energyKwh / this.def.battery.usableKwh));
  }

  private updatePosition(): void {
    if (!this.route) return;
    this.route.positionAt(this.routeDistanceM, this.position);
    if (this.gear === 'R') this.position.heading = (this.position.heading + 180) % 360;
  }

  /** Daylight from the time of day, darkness in tunnels, and automatic low beam with hysteresis. */
  private updateLights(initial: boolean): void {
    const hour = this.timeOfDayMs / 3_600_000;
    const daylight = clamp(hour - 6, 0, 1) * clamp(19 - hour, 0, 1);
    const tunnel = this.position.inTunnel || this.forcedTunnel;
    this.lightIntensity = tunnel ? 4 : 2 + 98 * daylight;
    if (tunnel !== this.inTunnel) {
      this.inTunnel = tunnel;
      if (!initial) this.emit(tunnel ? 'tunnel-entered' : 'tunnel-left', '');
    }
    let on = this.lowBeam;
    if (this.lightsMode === 'ON') on = true;
    else if (this.lightsMode === 'OFF') on = false;
    else if (this.lightIntensity < 25) on = true;
    else if (this.lightIntensity > 35) on = false;
    if (on !== this.lowBeam) {
      this.lowBeam = on;
      if (!on) this.highBeam = false;
      if (!initial) this.emit(on ? 'lights-on' : 'lights-off', this.lightsMode);
    }
  }

  emit(kind: SimEventKind, detail: string): void {
    const event = { tMs: this.timeMs, kind, detail };
    if (this.events.length >= MAX_EVENTS) this.events.shift();
    this.events.push(event);
    this.listener?.(event);
  }

  private reject(error: string): CommandResult {
    this.emit('rejected', error);
    return { ok: false, error };
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

export function formatTimeOfDay(ms: number): string {
  const minutes = Math.floor(ms / 60_000) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
