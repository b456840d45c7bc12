// The simulated EV: fixed-step, deterministic physics composed from its modules, the rules that span them, and the VSS signal and write tables.
import type { GearLetter } from '../../shared/simulation/overrides';
import type { Result } from '../../shared/result';
import { vssSignal } from '../../shared/vehicle/catalog';
import { checkVssValue, type VssValue } from '../../shared/vehicle/vssValue';
import type { VehicleDefinition } from '../../shared/vehicle/vehicleDefinition';
import { SeededRandom } from '../random';
import type { Route } from '../route';
import type { ActuatorGroup } from './actuator';
import { Battery, type BatteryFlows } from './battery';
import { createBody } from './body';
import { Charging, type ChargeRequest } from './charging';
import { Climate } from './climate';
import { Environment } from './environment';
import { EventLog, type SimEvent, type SimEventKind } from './events';
import { DEFAULT_INITIAL_STATE, type InitialState } from './initialState';
import { KeyFob } from './keyFob';
import { Lights } from './lights';
import { Motion, type MotionInputs } from './motion';
import { DT, FIXED_STEP_MS, round } from './physics';
import { writeTable, type Signals, type VehicleModule, type Writer } from './signalTable';
import { Swap, type SwapRequest } from './swap';

export interface SimVehicleOptions {
  seed?: number;
  initial?: Partial<InitialState>;
  route?: Route;
  /** Start over at the beginning when the route ends instead of stopping there. */
  loopRoute?: boolean;
}

export class SimVehicle {
  readonly def: VehicleDefinition;
  /** Simulated ms since the start. */
  timeMs = 0;
  private pendingMs = 0;

  readonly log: EventLog;
  readonly environment: Environment;
  readonly motion: Motion;
  readonly battery: Battery;
  readonly charging: Charging;
  readonly swap: Swap;
  readonly climate: Climate;
  readonly lights: Lights;
  /** The driver's seat and the mirrors. */
  readonly body: ActuatorGroup;
  readonly keyFob: KeyFob;
  /** Every module that reports signals, in the order they are reported. */
  private readonly modules: readonly VehicleModule[];
  /** Writable VSS path → the module's writer. */
  private readonly writers: ReadonlyMap<string, Writer>;
  /**
   * Every signal path, once: `signals()` copies it and the modules overwrite the values. Built up
   * key by key, a 50-key object falls into V8's slow dictionary mode; a copy of this one does not.
   */
  private readonly signalShape: Signals;
  // Reused every tick: the physics step allocates nothing.
  private readonly motionInputs: MotionInputs = { held: false, empty: false, socPercent: 0 };
  private readonly flows: BatteryFlows = { tractionW: 0, chargePowerKw: 0, gridFed: false, hvacPowerKw: 0, speedMs: 0, ambientC: 0 };

  constructor(def: VehicleDefinition, options: SimVehicleOptions = {}) {
    const init: InitialState = { ...DEFAULT_INITIAL_STATE, ...options.initial };
    this.def = def;
    // One seeded stream for the whole car (the driver's speed wander, drawn pack ids), so a seed fixes a run.
    const rng = new SeededRandom(options.seed ?? 1);
    const log = (this.log = new EventLog(() => this.timeMs));
    const reject = (error: string) => log.reject(error);
    this.environment = new Environment(init, reject);
    // Selecting a gear by VSS runs through setGear: a swap, the speed and a plugged cable all have a say.
    const requestGear = (gear: GearLetter) => this.setGear(gear);
    this.motion = new Motion(def, rng, log, { ...init, route: options.route, loopRoute: options.loopRoute ?? false, requestGear });
    this.battery = new Battery(def, init, log);
    this.charging = new Charging(def, log);
    this.swap = new Swap(this.battery, rng, log);
    this.climate = new Climate(def, init, log);
    this.body = createBody(reject);
    this.keyFob = new KeyFob(init.driver, init.keyFob, log);
    this.motion.updatePosition();
    if (!options.route) this.motion.placeAt(init.location);
    this.lights = new Lights(init.lightsMode, { clock: this.environment, position: this.motion.position }, log);
    this.lights.update(true);
    this.modules = [this.motion, this.battery, this.charging, this.environment, this.lights, this.keyFob, this.climate, this.body];
    this.writers = writeTable(this.modules);
    const shape: Signals = {};
    for (const module of this.modules) module.signals(shape);
    this.signalShape = { ...shape };
  }

  /** Called for every event as it happens (the runner forwards them; the control panel shows them). */
  onEvent(listener: ((event: SimEvent) => void) | null): void {
    this.log.onEvent(listener);
  }

  get events(): readonly SimEvent[] {
    return this.log.events;
  }

  emit(kind: SimEventKind, detail: string): void {
    this.log.emit(kind, detail);
  }

  get gear(): GearLetter {
    return this.motion.gear;
  }

  get speedMs(): number {
    return this.motion.speedMs;
  }

  get socPercent(): number {
    return this.battery.socPercent;
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

  /** One fixed physics step; the order is part of the model (a swap ends before motion, charging power before the pack). */
  tick(): void {
    this.timeMs += FIXED_STEP_MS;
    this.environment.advance(FIXED_STEP_MS);
    this.swap.step();
    const battery = this.battery;
    const inputs = this.motionInputs;
    inputs.held = this.swap.active;
    inputs.empty = battery.energyKwh <= 0;
    inputs.socPercent = battery.socPercent;
    const tractionW = this.motion.step(inputs);
    this.climate.step(this.environment.ambientC);
    this.charging.stepPower(battery.socPercent, battery.batteryTempC);
    const flows = this.flows;
    flows.tractionW = tractionW;
    flows.chargePowerKw = this.charging.powerKw;
    flows.gridFed = this.charging.gridFed;
    flows.hvacPowerKw = this.climate.hvacPowerKw;
    flows.speedMs = this.motion.speedMs;
    flows.ambientC = this.environment.ambientC;
    battery.step(flows);
    this.charging.checkComplete(battery.socPercent, battery.chargedKwh);
    this.motion.updatePosition();
    this.motion.checkArrival();
    this.lights.update(false);
    this.body.step(DT);
    this.climate.stepActuators(DT);
  }

  // ---- commands that span modules ---------------------------------------------------------------

  setGear(gear: GearLetter): Result {
    if (gear === this.motion.gear) return { ok: true };
    if (this.swap.active) return this.log.reject(`gear ${gear} refused: battery swap in progress`);
    const problem = this.motion.shiftProblem(gear);
    if (problem) return this.log.reject(problem);
    if (gear !== 'P') this.charging.unplugToDrive();
    this.motion.engage(gear);
    return { ok: true };
  }

  setTimeOfDay(minutes: number): Result {
    const result = this.environment.setTimeOfDay(minutes);
    if (result.ok) this.lights.update(false);
    return result;
  }

  /** Moves the car to `metres` along its route (control-panel location override on a route). */
  setRouteDistance(metres: number): Result {
    const result = this.motion.setRouteDistance(metres);
    if (result.ok) this.lights.update(false);
    return result;
  }

  startCharging(request: ChargeRequest): Result {
    if (!this.motion.parked) return this.log.reject('charging needs the car stopped in P');
    if (this.swap.active) return this.log.reject('charging refused: battery swap in progress');
    return this.charging.start(request, this.battery.socPercent);
  }

  stopCharging(): Result {
    return this.charging.stop(this.battery.socPercent);
  }

  startSwap(request: SwapRequest): Result {
    if (!this.motion.parked) return this.log.reject('battery swap needs the car stopped in P');
    if (this.swap.active) return this.log.reject('a battery swap is already in progress');
    if (this.charging.connected) return this.log.reject('battery swap refused: charging cable connected');
    return this.swap.start(request);
  }

  /**
   * The write path: an actuator target by VSS path. Refused with a reason when the path is not
   * writable here or the value does not fit the signal; success shows later in the read-back value.
   */
  command(request: { path: string; target: VssValue }): Result {
    const { path, target } = request;
    const signal = vssSignal(path);
    if (!signal) return this.log.reject(`${path} is not a known VSS path`);
    if (signal.kind !== 'actuator') return this.log.reject(`${path} is a ${signal.kind}, not an actuator`);
    const problem = checkVssValue(signal, target);
    if (problem) return this.log.reject(problem);
    const write = this.writers.get(path);
    return write ? write(target) : this.log.reject(`${path} is not writable on the simulated vehicle`);
  }

  /** Current targets of the actuators (what was asked), beside `signals()` (what is). */
  targets(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const module of this.modules) module.targets?.(out);
    return out;
  }

  /** Every simulated signal by VSS path, in VSS units (km/h, %, m, km, °C, V, A, W, kW). */
  signals(): Signals {
    const out: Signals = { ...this.signalShape };
    for (const module of this.modules) module.signals(out);
    return out;
  }

  /** Simulator-only state that has no VSS path but that tests and the control panel want. */
  diagnostics() {
    const { motion, battery, lights } = this;
    return {
      timeMs: this.timeMs,
      timeOfDay: this.environment.timeOfDay,
      gear: motion.gear,
      targetSpeedKmh: round(motion.targetSpeedMs * 3.6, 2),
      routeId: motion.route?.id ?? null,
      routeDistanceM: round(motion.routeDistanceM, 1),
      routeLengthM: motion.route ? round(motion.route.lengthM, 1) : null,
      inTunnel: lights.inTunnel,
      lightsMode: lights.mode,
      energyKwh: round(battery.energyKwh, 4),
      batteryEnergyInKwh: round(battery.batteryEnergyInKwh, 4),
      chargedKwh: round(battery.chargedKwh, 4),
      regenKwh: round(battery.regenKwh, 4),
      consumptionWhPerKm: round(battery.consumptionWhPerKm, 1),
      hvacPowerKw: round(this.climate.hvacPowerKw, 3),
      swapRemainingS: this.swap.remainingS,
    };
  }
}
