// Reachability: range from SoC and consumption with a reserve, arrival SoC at a distance, and consumption learned from recent driving.

export interface EnergyState {
  /** State of charge now, %. */
  socPercent: number;
  usableKwh: number;
  /** Consumption estimate, Wh/km (learned, else the vehicle's rated figure). */
  whPerKm: number;
  /** SoC the driver wants to keep in hand on arrival, %. */
  reservePercent: number;
}

/** Driving range left before the reserve is touched, km. */
export function rangeKm(state: EnergyState): number {
  const usablePercent = Math.max(0, state.socPercent - state.reservePercent);
  return (usablePercent / 100) * ((state.usableKwh * 1000) / state.whPerKm);
}

/** SoC on arrival after driving `distanceKm`, % (negative when the battery would run out on the way). */
export function arrivalSoc(state: EnergyState, distanceKm: number): number {
  return state.socPercent - ((distanceKm * state.whPerKm) / (state.usableKwh * 1000)) * 100;
}

/** Reachable when the arrival SoC still covers the reserve. */
export function isReachable(state: EnergyState, distanceKm: number): boolean {
  return arrivalSoc(state, distanceKm) >= state.reservePercent;
}

/**
 * Learns Wh/km from recent driving: odometer and SoC samples in, an estimate over the last `windowKm`
 * out. Stretches where the SoC rose (charging, long regen) are skipped; until `minKm` have been driven
 * the rated figure stands. Pure and JSON-serialisable state, so the host can keep it per vehicle.
 */
export class ConsumptionLearner {
  private last: { km: number; soc: number } | null = null;
  private stretches: Array<{ km: number; wh: number }> = [];

  constructor(
    private readonly usableKwh: number,
    private readonly ratedWhPerKm: number,
    private readonly windowKm = 50,
    private readonly minKm = 5,
  ) {}

  /** One reading of the odometer (km) and SoC (%). */
  observe(odometerKm: number, socPercent: number): void {
    if (!Number.isFinite(odometerKm) || !Number.isFinite(socPercent)) return;
    const prev = this.last;
    this.last = { km: odometerKm, soc: socPercent };
    if (!prev) return;
    const km = odometerKm - prev.km;
    const usedPercent = prev.soc - socPercent;
    // Odometer resets, jumps (a replay restarted) and charging stops are not driving.
    if (km <= 0 || km > 50 || usedPercent < 0) return;
    this.stretches.push({ km, wh: (usedPercent / 100) * this.usableKwh * 1000 });
    let total = this.stretches.reduce((sum, s) => sum + s.km, 0);
    while (this.stretches.length > 1 && total - this.stretches[0].km >= this.windowKm) {
      total -= this.stretches[0].km;
      this.stretches.shift();
    }
  }

  /** Learned Wh/km, or the rated figure until enough has been driven. */
  estimate(): { whPerKm: number; learned: boolean; overKm: number } {
    const km = this.stretches.reduce((sum, s) => sum + s.km, 0);
    if (km < this.minKm) return { whPerKm: this.ratedWhPerKm, learned: false, overKm: km };
    const wh = this.stretches.reduce((sum, s) => sum + s.wh, 0);
    // A long descent can make the window's figure absurdly low; never trust less than a third of rated.
    return { whPerKm: Math.max(this.ratedWhPerKm / 3, wh / km), learned: true, overKm: km };
  }
}
