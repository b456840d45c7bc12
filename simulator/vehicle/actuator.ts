// A slow actuator (seat motor, mirror, fan) that moves its current value toward a commanded target at a fixed rate, and a group of them by VSS path.
import type { Result } from '../../shared/result';
import { vssSignal } from '../../shared/vehicle/catalog';
import { round } from './physics';
import type { Signals, VehicleModule, Writer } from './signalTable';

export class Actuator {
  current: number;
  target: number;

  constructor(
    initial: number,
    /** Units per second the motor moves. */
    readonly rate: number,
    readonly min: number,
    readonly max: number,
  ) {
    this.current = initial;
    this.target = initial;
  }

  /** Whether `value` is a target this actuator can reach. */
  accepts(value: number): boolean {
    return Number.isFinite(value) && value >= this.min && value <= this.max;
  }

  step(dtS: number): void {
    const delta = this.target - this.current;
    if (delta === 0) return;
    const move = this.rate * dtS;
    this.current = Math.abs(delta) <= move ? this.target : this.current + Math.sign(delta) * move;
  }

  /** Jumps straight to a value (initial state, or a new driver sitting in an already adjusted seat). */
  set(value: number): void {
    this.current = value;
    this.target = value;
  }
}

/** Actuators by VSS path, as one vehicle module: their signals, their writers (range-checked) and their targets. */
export class ActuatorGroup implements VehicleModule {
  readonly writers: Readonly<Record<string, Writer>>;

  constructor(
    readonly actuators: Readonly<Record<string, Actuator>>,
    reject: (error: string) => Result,
  ) {
    const writers: Record<string, Writer> = {};
    for (const [path, actuator] of Object.entries(actuators)) {
      writers[path] = (target) => {
        if (!actuator.accepts(target as number)) return reject(`${target} is outside ${actuator.min}..${actuator.max} for ${path}`);
        actuator.target = target as number;
        return { ok: true };
      };
    }
    this.writers = writers;
  }

  step(dtS: number): void {
    for (const key in this.actuators) this.actuators[key].step(dtS);
  }

  signals(out: Signals): void {
    for (const key in this.actuators) {
      const signal = vssSignal(key);
      const value = this.actuators[key].current;
      out[key] = signal && signal.datatype !== 'float' ? Math.round(value) : round(value, 2);
    }
  }

  targets(out: Record<string, number>): void {
    for (const key in this.actuators) out[key] = this.actuators[key].target;
  }
}
