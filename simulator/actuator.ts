// A slow actuator (seat motor, mirror, fan) that moves its current value toward a commanded target at a fixed rate.

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
