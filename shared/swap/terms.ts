// Booking terms (price, free-cancellation window, hold and no-show fee) and the money they add up to, in integer minor units.

/**
 * What a station promises and charges, shown to the driver before confirming. Money is in minor
 * units (fen, cents, øre) so sums never meet floating-point rounding. Durations are minutes and may
 * be fractional (a test station holds a pack for seconds).
 */
export interface SwapTerms {
  /** ISO 4217, e.g. CNY. */
  currency: string;
  /** Service fee per completed swap. */
  swap_fee_minor: number;
  /** Price of the energy difference between the returned pack and the new one, per kWh. */
  energy_price_minor_per_kwh: number;
  /**
   * Cancelling is free for this long after the booking is confirmed. (OCPI counts its
   * cancel_until_minutes back from a reserved period's start; a swap booked while driving there has
   * no period, so the window runs from confirmation.)
   */
  cancel_until_minutes: number;
  /** Charged for cancelling after the free window. */
  late_cancel_fee_minor: number;
  /** The pack is held this long past the announced arrival; then the booking expires as a no-show. */
  noshow_timeout_minutes: number;
  noshow_fee_minor: number;
  /** How far ahead a booking may announce its arrival. */
  max_arrival_minutes: number;
  /** Assumed arrival when the car announces none. */
  default_arrival_minutes: number;
}

export const DEFAULT_TERMS: SwapTerms = {
  currency: 'CNY',
  swap_fee_minor: 1500,
  energy_price_minor_per_kwh: 120,
  cancel_until_minutes: 10,
  late_cancel_fee_minor: 1000,
  noshow_timeout_minutes: 15,
  noshow_fee_minor: 2000,
  max_arrival_minutes: 120,
  default_arrival_minutes: 30,
};

export function resolveTerms(partial: Partial<SwapTerms> | undefined): SwapTerms {
  return { ...DEFAULT_TERMS, ...partial };
}

const MINUTE = 60_000;
/** An announced arrival this far in the past is taken as "now": car and operator clocks differ a little. */
export const ARRIVAL_SKEW_TOLERANCE_MS = 5 * MINUTE;

export interface BookingWindow {
  arrivalAt: number;
  /** Last moment cancelling is free. */
  cancelUntil: number;
  /** End of the hold; a car not checked in by then is a no-show. */
  expiresAt: number;
}

export type WindowResult = { ok: true; window: BookingWindow } | { ok: false; code: 'ARRIVAL_IN_PAST' | 'ARRIVAL_TOO_FAR'; message: string };

/**
 * The booking's clock from the car's announced arrival. `etaMinutes` (relative) wins over
 * `arrivalAt` (absolute, the car's clock) because a relative time survives clock skew.
 */
export function bookingWindow(terms: SwapTerms, now: number, arrival: { etaMinutes?: number; arrivalAt?: number } = {}): WindowResult {
  let arrivalAt: number;
  if (arrival.etaMinutes !== undefined) arrivalAt = now + arrival.etaMinutes * MINUTE;
  else if (arrival.arrivalAt !== undefined) arrivalAt = arrival.arrivalAt;
  else arrivalAt = now + terms.default_arrival_minutes * MINUTE;
  if (arrivalAt < now - ARRIVAL_SKEW_TOLERANCE_MS) {
    return { ok: false, code: 'ARRIVAL_IN_PAST', message: `arrival ${new Date(arrivalAt).toISOString()} is in the past (operator time ${new Date(now).toISOString()})` };
  }
  arrivalAt = Math.max(arrivalAt, now);
  if (arrivalAt > now + terms.max_arrival_minutes * MINUTE) {
    return { ok: false, code: 'ARRIVAL_TOO_FAR', message: `arrival more than ${terms.max_arrival_minutes} minutes ahead cannot be booked` };
  }
  return {
    ok: true,
    window: {
      arrivalAt,
      cancelUntil: now + terms.cancel_until_minutes * MINUTE,
      expiresAt: arrivalAt + terms.noshow_timeout_minutes * MINUTE,
    },
  };
}

/** Energy a swap puts in the car: the new pack's charge minus what the returned pack still held. */
export function swapEnergyKwh(packKwh: number, returnedSocPercent: number, newSocPercent: number): number {
  const clamp = (soc: number) => Math.min(100, Math.max(0, soc));
  return Math.max(0, ((clamp(newSocPercent) - clamp(returnedSocPercent)) / 100) * packKwh);
}

/** The price of one swap: service fee plus the energy difference, rounded to the minor unit. */
export function swapPriceMinor(terms: SwapTerms, packKwh: number, returnedSocPercent: number, newSocPercent: number): number {
  return terms.swap_fee_minor + Math.round(swapEnergyKwh(packKwh, returnedSocPercent, newSocPercent) * terms.energy_price_minor_per_kwh);
}

/** SoC the estimate assumes the car arrives with, when the car does not say. */
export const ASSUMED_ARRIVAL_SOC = 20;
/** SoC a ready pack is taken to hold in an estimate. */
export const ASSUMED_READY_SOC = 95;

export function priceEstimateMinor(terms: SwapTerms, packKwh: number, arrivalSocPercent = ASSUMED_ARRIVAL_SOC, readySocPercent = ASSUMED_READY_SOC): number {
  return swapPriceMinor(terms, packKwh, arrivalSocPercent, readySocPercent);
}

export type ChargeReason = 'SWAP' | 'LATE_CANCELLATION' | 'NO_SHOW';

export interface Charge {
  amount_minor: number;
  currency: string;
  /** null when nothing is charged. */
  reason: ChargeReason | null;
}

export function noCharge(terms: SwapTerms): Charge {
  return { amount_minor: 0, currency: terms.currency, reason: null };
}

/** Cancelling is free up to and including `cancelUntil`, then costs the late-cancellation fee. */
export function cancellationCharge(terms: SwapTerms, cancelUntil: number, now: number): Charge {
  if (now <= cancelUntil || terms.late_cancel_fee_minor === 0) return noCharge(terms);
  return { amount_minor: terms.late_cancel_fee_minor, currency: terms.currency, reason: 'LATE_CANCELLATION' };
}

export function noShowCharge(terms: SwapTerms): Charge {
  if (terms.noshow_fee_minor === 0) return noCharge(terms);
  return { amount_minor: terms.noshow_fee_minor, currency: terms.currency, reason: 'NO_SHOW' };
}

export function swapCharge(terms: SwapTerms, packKwh: number, returnedSocPercent: number, newSocPercent: number): Charge {
  return { amount_minor: swapPriceMinor(terms, packKwh, returnedSocPercent, newSocPercent), currency: terms.currency, reason: 'SWAP' };
}
