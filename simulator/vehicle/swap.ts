// Battery swap: the station takes the pack out and puts a charged one in; the car is held until it is done.
import type { Result } from '../../shared/result';
import type { SeededRandom } from '../random';
import type { Battery } from './battery';
import type { EventLog } from './events';
import { FIXED_STEP_MS, round } from './physics';

export interface SwapRequest {
  /** Serial of the pack the station installs; drawn from the seed when absent. */
  packId?: number;
  socPercent: number;
  durationS: number;
  batteryTempC?: number;
  stateOfHealth?: number;
}

type SwapSession = { remainingMs: number; request: SwapRequest; packId: number };

export class Swap {
  private session: SwapSession | null = null;

  constructor(
    private readonly battery: Battery,
    private readonly rng: SeededRandom,
    private readonly log: EventLog,
  ) {}

  get active(): boolean {
    return this.session !== null;
  }

  /** Seconds until the new pack is in; null when no swap is running. */
  get remainingS(): number | null {
    return this.session ? round(this.session.remainingMs / 1000, 1) : null;
  }

  /** Starts a swap; the caller has checked that the car is parked and unplugged. */
  start(request: SwapRequest): Result {
    if (!(request.socPercent >= 0 && request.socPercent <= 100)) return this.log.reject(`swap SoC ${request.socPercent} % is outside 0..100`);
    let packId = request.packId ?? this.rng.int(10_000_000, 99_999_999);
    if (packId === this.battery.packId) packId += 1;
    this.session = { remainingMs: Math.max(0, request.durationS * 1000), request, packId };
    this.log.emit('swap-started', `pack ${this.battery.packId} out, ${packId} in, ${request.durationS} s`);
    return { ok: true };
  }

  step(): void {
    const swap = this.session;
    if (!swap) return;
    swap.remainingMs -= FIXED_STEP_MS;
    if (swap.remainingMs > 0) return;
    const old = this.battery.packId;
    const { socPercent, batteryTempC, stateOfHealth } = swap.request;
    this.battery.install({ packId: swap.packId, socPercent, batteryTempC, stateOfHealth });
    this.session = null;
    this.log.emit('swap-completed', `pack ${old} → ${swap.packId} at ${socPercent} %`);
  }
}
