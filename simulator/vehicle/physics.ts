// The simulated vehicle's fixed time step, physical constants and the small numeric helpers its modules share.

/** Physics step. Everything advances in whole steps so a run is reproducible whatever the caller's dt. */
export const FIXED_STEP_MS = 50;
/** The step in seconds. */
export const DT = FIXED_STEP_MS / 1000;

export const G = 9.81;
export const AIR_DENSITY = 1.2;
export const DAY_MS = 86_400_000;

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
