// Drives a simulation from the wall clock at ×1 to ×60, for the desktop simulation (headless runs use virtual time instead).
export interface Advanceable {
  advance(dtMs: number): void;
}

export interface RealtimeOptions {
  /** Simulated seconds per wall-clock second, 1 to 60. */
  acceleration?: number;
  /** Wall-clock interval between advances. */
  intervalMs?: number;
  /** Injected for tests; defaults to performance.now and the global timers. */
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export const MIN_ACCELERATION = 1;
export const MAX_ACCELERATION = 60;
/** After a stall (laptop lid, debugger), catch up at most this much wall time, not hours. */
const MAX_CATCH_UP_MS = 1000;

export class RealtimeDriver {
  private acceleration: number;
  private handle: unknown = null;
  private last = 0;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly intervalMs: number;

  constructor(
    private readonly target: Advanceable,
    options: RealtimeOptions = {},
  ) {
    this.acceleration = checkAcceleration(options.acceleration ?? 1);
    this.intervalMs = options.intervalMs ?? 50;
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
    this.clearTimer = options.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  }

  get running(): boolean {
    return this.handle !== null;
  }

  get speed(): number {
    return this.acceleration;
  }

  setAcceleration(x: number): void {
    this.acceleration = checkAcceleration(x);
  }

  start(): void {
    if (this.handle !== null) return;
    this.last = this.now();
    this.handle = this.setTimer(() => this.pump(), this.intervalMs);
  }

  /** Pause: simulated time stands still until start() again. */
  stop(): void {
    if (this.handle === null) return;
    this.pump();
    this.clearTimer(this.handle);
    this.handle = null;
  }

  private pump(): void {
    const now = this.now();
    const elapsed = Math.min(Math.max(0, now - this.last), MAX_CATCH_UP_MS);
    this.last = now;
    if (elapsed > 0) this.target.advance(elapsed * this.acceleration);
  }
}

function checkAcceleration(x: number): number {
  if (!Number.isFinite(x) || x < MIN_ACCELERATION || x > MAX_ACCELERATION) {
    throw new RangeError(`time acceleration must be from ×${MIN_ACCELERATION} to ×${MAX_ACCELERATION}, got ${x}`);
  }
  return x;
}
