// Runs a scenario against the simulated vehicle: timeline steps at their times, faults with their durations, and the end-state check.
import type { VssValue } from '../shared/vehicle/vssValue';
import type { VehicleDefinition } from '../shared/vehicle/vehicleDefinition';
import { applyAction, lightsModeOf } from './actions';
import { evaluateExpectations, type ExpectationResult } from './expectations';
import type { Route } from './route';
import type { Scenario, ScenarioFault, ScenarioStep } from './scenario';
import type { SimEvent } from './vehicle/events';
import type { InitialState } from './vehicle/initialState';
import { FIXED_STEP_MS } from './vehicle/physics';
import { SimVehicle } from './vehicle/simVehicle';

/** A timeline fault while it is in force: when it started and when its duration ends it. */
export interface ScheduledFault {
  fault: ScenarioFault;
  startMs: number;
  endMs: number;
}

export type FaultListener = (change: { fault: ScenarioFault; active: boolean; timeMs: number }) => void;

export interface RunnerOptions {
  definition: VehicleDefinition;
  /** The route the scenario names, already loaded. */
  route?: Route;
  /** Overrides the scenario's own seed. */
  seed?: number;
}

export interface EndState {
  scenario: string;
  seed: number;
  simulatedSeconds: number;
  signals: Record<string, VssValue>;
  diagnostics: ReturnType<SimVehicle['diagnostics']>;
  events: SimEvent[];
  faults: { kind: string; startS: number; endS: number; fault: ScenarioFault }[];
  expectations: ExpectationResult[];
  passed: boolean;
}

export class ScenarioRunner {
  readonly vehicle: SimVehicle;
  readonly durationMs: number;
  readonly seed: number;
  private readonly steps: ScenarioStep[];
  private nextStep = 0;
  private readonly active: ScheduledFault[] = [];
  private readonly injected: ScheduledFault[] = [];
  private readonly startSignals: Record<string, VssValue>;
  private faultListener: FaultListener | null = null;
  /** Requested simulated time; the vehicle trails it by less than one physics step. */
  private clockMs = 0;

  constructor(
    readonly scenario: Scenario,
    options: RunnerOptions,
  ) {
    if (scenario.route && (!options.route || options.route.id !== scenario.route.id)) {
      throw new Error(`scenario ${scenario.name} needs route ${scenario.route.id}`);
    }
    this.seed = options.seed ?? scenario.seed;
    this.durationMs = Math.round(scenario.duration * 1000);
    this.vehicle = new SimVehicle(options.definition, {
      seed: this.seed,
      initial: initialStateOf(scenario),
      route: options.route,
      loopRoute: scenario.route?.loop,
    });
    // Stable sort: steps at the same time keep their file order.
    this.steps = scenario.timeline.map((step, i) => ({ step, i })).sort((a, b) => a.step.at - b.step.at || a.i - b.i).map((x) => x.step);
    this.startSignals = this.vehicle.signals();
    this.applyDueSteps();
  }

  get timeMs(): number {
    return this.vehicle.timeMs;
  }

  get done(): boolean {
    return this.vehicle.timeMs >= this.durationMs;
  }

  /** Told when a fault starts and when it ends; the gateway wiring applies them to the frame stream. */
  onFault(listener: FaultListener | null): void {
    this.faultListener = listener;
  }

  activeFaults(): readonly ScheduledFault[] {
    return this.active;
  }

  /** Advances simulated time by `dtMs` (whole physics steps), applying steps and ending faults as their times come. */
  advance(dtMs: number): void {
    if (dtMs > 0) this.runUntil(this.clockMs + dtMs);
  }

  /** Runs until simulated time reaches `timeMs` (to the last whole physics step; the rest carries over). */
  runUntil(timeMs: number): void {
    this.clockMs = Math.max(this.clockMs, timeMs);
    while (this.vehicle.timeMs + FIXED_STEP_MS <= this.clockMs) {
      this.vehicle.tick();
      this.expireFaults();
      this.applyDueSteps();
    }
  }

  /** Runs to the scenario's end in virtual time, as fast as the CPU allows. */
  runToEnd(): void {
    this.runUntil(this.durationMs);
  }

  evaluate(): ExpectationResult[] {
    return evaluateExpectations(this.scenario.expect, this.vehicle.signals(), this.startSignals, this.vehicle.events);
  }

  endState(): EndState {
    const expectations = this.evaluate();
    return {
      scenario: this.scenario.name,
      seed: this.seed,
      simulatedSeconds: this.vehicle.timeMs / 1000,
      signals: this.vehicle.signals(),
      diagnostics: this.vehicle.diagnostics(),
      events: [...this.vehicle.events],
      faults: this.injected.map((f) => ({ kind: f.fault.kind, startS: f.startMs / 1000, endS: f.endMs / 1000, fault: f.fault })),
      expectations,
      passed: expectations.every((e) => e.pass),
    };
  }

  private applyDueSteps(): void {
    const now = this.vehicle.timeMs;
    while (this.nextStep < this.steps.length && this.steps[this.nextStep].at * 1000 <= now) {
      const step = this.steps[this.nextStep++];
      if (step.fault) this.inject(step.fault);
      else applyAction(this.vehicle, step);
    }
  }

  private inject(fault: ScenarioFault): void {
    const now = this.vehicle.timeMs;
    const entry = { fault, startMs: now, endMs: now + Math.round(fault.duration * 1000) };
    this.active.push(entry);
    this.injected.push(entry);
    this.vehicle.emit('fault', describeFault(fault));
    this.faultListener?.({ fault, active: true, timeMs: now });
  }

  private expireFaults(): void {
    const now = this.vehicle.timeMs;
    for (let i = this.active.length - 1; i >= 0; i--) {
      const entry = this.active[i];
      if (entry.endMs <= now) {
        this.active.splice(i, 1);
        this.vehicle.emit('fault-cleared', entry.fault.kind);
        this.faultListener?.({ fault: entry.fault, active: false, timeMs: now });
      }
    }
  }
}

export function describeFault(fault: ScenarioFault): string {
  switch (fault.kind) {
    case 'gateway-disconnect':
      return `gateway-disconnect for ${fault.duration} s`;
    case 'frame-loss':
      return `frame-loss ${fault.percent} %${fault.bus ? ` on ${fault.bus}` : ''} for ${fault.duration} s`;
    case 'garbage':
      return `garbage ${fault.framesPerSecond} frames/s${fault.bus ? ` on ${fault.bus}` : ''} for ${fault.duration} s`;
    case 'stuck-signal':
      return `stuck-signal ${fault.signal} for ${fault.duration} s`;
    case 'bus-off':
      return `bus-off ${fault.bus} for ${fault.duration} s`;
  }
}

function initialStateOf(s: Scenario): Partial<InitialState> {
  const i = s.initial;
  const out: Partial<InitialState> = {};
  if (i.soc !== undefined) out.socPercent = i.soc;
  if (i.timeOfDay !== undefined) out.timeOfDayMin = i.timeOfDay;
  if (i.ambient !== undefined) out.ambientC = i.ambient;
  if (i.batteryTemperature !== undefined) out.batteryTempC = i.batteryTemperature;
  if (i.cabinTemperature !== undefined) out.cabinTempC = i.cabinTemperature;
  if (i.driver) {
    out.driver = i.driver.id;
    out.keyFob = i.driver.keyFob;
  }
  if (i.gear !== undefined) out.gear = i.gear;
  if (i.odometerKm !== undefined) out.odometerKm = i.odometerKm;
  if (i.location) out.location = { lat: i.location.lat, lon: i.location.lon, heading: i.location.heading };
  if (i.lights !== undefined) out.lightsMode = lightsModeOf(i.lights);
  if (i.climate?.setpoint !== undefined) out.climateSetpointC = Math.round(i.climate.setpoint);
  if (i.climate?.on !== undefined) out.climateOn = i.climate.on;
  if (i.driveMode !== undefined) out.performanceMode = i.driveMode;
  if (i.regen !== undefined) out.regenLevel = i.regen;
  if (s.route) out.routeStartM = s.route.startAt;
  return out;
}
