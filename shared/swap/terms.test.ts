// Terms and money: the booking window from an ETA or an absolute arrival (with clock skew), swap prices, and cancellation / no-show charges.
import { describe, expect, it } from 'vitest';
import {
  ARRIVAL_SKEW_TOLERANCE_MS,
  DEFAULT_TERMS,
  bookingWindow,
  cancellationCharge,
  noShowCharge,
  priceEstimateMinor,
  resolveTerms,
  swapCharge,
  swapEnergyKwh,
  swapPriceMinor,
  type SwapTerms,
} from './terms';

const now = Date.UTC(2026, 11, 2, 9, 0, 0);
const MIN = 60_000;
const terms: SwapTerms = {
  ...DEFAULT_TERMS,
  swap_fee_minor: 1500,
  energy_price_minor_per_kwh: 120,
  cancel_until_minutes: 10,
  late_cancel_fee_minor: 800,
  noshow_timeout_minutes: 15,
  noshow_fee_minor: 2000,
  max_arrival_minutes: 120,
  default_arrival_minutes: 30,
};

describe('bookingWindow', () => {
  it('runs from an ETA: free cancellation from confirmation, hold past the arrival', () => {
    expect(bookingWindow(terms, now, { etaMinutes: 20 })).toEqual({
      ok: true,
      window: { arrivalAt: now + 20 * MIN, cancelUntil: now + 10 * MIN, expiresAt: now + 35 * MIN },
    });
  });

  it('assumes the default arrival when the car announces none', () => {
    const r = bookingWindow(terms, now);
    expect(r.ok && r.window.arrivalAt).toBe(now + 30 * MIN);
  });

  it('prefers the relative ETA over an absolute time from a skewed car clock', () => {
    const r = bookingWindow(terms, now, { etaMinutes: 5, arrivalAt: now - 3 * 3_600_000 });
    expect(r.ok && r.window.arrivalAt).toBe(now + 5 * MIN);
  });

  it('takes an absolute arrival a little in the past (clock skew) as now, and refuses one far in the past', () => {
    const slightly = bookingWindow(terms, now, { arrivalAt: now - ARRIVAL_SKEW_TOLERANCE_MS });
    expect(slightly.ok && slightly.window.arrivalAt).toBe(now);
    expect(slightly.ok && slightly.window.expiresAt).toBe(now + 15 * MIN);
    expect(bookingWindow(terms, now, { arrivalAt: now - ARRIVAL_SKEW_TOLERANCE_MS - 1 })).toMatchObject({ ok: false, code: 'ARRIVAL_IN_PAST' });
  });

  it('refuses an arrival beyond max_arrival_minutes, accepts one exactly at it', () => {
    expect(bookingWindow(terms, now, { etaMinutes: 120 }).ok).toBe(true);
    expect(bookingWindow(terms, now, { etaMinutes: 120.01 })).toMatchObject({ ok: false, code: 'ARRIVAL_TOO_FAR' });
  });

  it('allows fractional minutes (a test station holding a pack for seconds)', () => {
    const r = bookingWindow({ ...terms, noshow_timeout_minutes: 0.05, cancel_until_minutes: 0.01 }, now, { etaMinutes: 0 });
    expect(r.ok && r.window).toEqual({ arrivalAt: now, cancelUntil: now + 600, expiresAt: now + 3000 });
  });
});

describe('prices', () => {
  it('charges the energy difference at the kWh price plus the service fee', () => {
    expect(swapEnergyKwh(75, 20, 96)).toBeCloseTo(57, 10);
    // 1500 + 57 kWh × 120 = 1500 + 6840
    expect(swapPriceMinor(terms, 75, 20, 96)).toBe(8340);
    expect(swapCharge(terms, 75, 20, 96)).toEqual({ amount_minor: 8340, currency: 'CNY', reason: 'SWAP' });
  });

  it('rounds to the minor unit once, at the end', () => {
    // 0.333… kWh × 100 = 33.33 → 33; 0.005 kWh × 100 = 0.5 → 1
    expect(swapPriceMinor({ ...terms, swap_fee_minor: 0, energy_price_minor_per_kwh: 100 }, 1, 0, 100 / 3)).toBe(33);
    expect(swapPriceMinor({ ...terms, swap_fee_minor: 0, energy_price_minor_per_kwh: 100 }, 1, 0, 0.5)).toBe(1);
  });

  it('never pays the driver back for a fuller returned pack, and clamps SoC to 0..100', () => {
    expect(swapEnergyKwh(75, 98, 95)).toBe(0);
    expect(swapPriceMinor(terms, 75, 98, 95)).toBe(1500);
    expect(swapEnergyKwh(50, -10, 140)).toBe(50);
  });

  it('estimates with an assumed arrival SoC and ready-pack SoC when the car says nothing', () => {
    expect(priceEstimateMinor(terms, 75)).toBe(swapPriceMinor(terms, 75, 20, 95));
    expect(priceEstimateMinor(terms, 75, 50)).toBe(swapPriceMinor(terms, 75, 50, 95));
  });
});

describe('cancellation and no-show', () => {
  const cancelUntil = now + 10 * MIN;

  it('is free up to and including cancel-until, then costs the late fee', () => {
    expect(cancellationCharge(terms, cancelUntil, now)).toEqual({ amount_minor: 0, currency: 'CNY', reason: null });
    expect(cancellationCharge(terms, cancelUntil, cancelUntil)).toEqual({ amount_minor: 0, currency: 'CNY', reason: null });
    expect(cancellationCharge(terms, cancelUntil, cancelUntil + 1)).toEqual({ amount_minor: 800, currency: 'CNY', reason: 'LATE_CANCELLATION' });
  });

  it('a zero late fee charges nothing and names no reason', () => {
    expect(cancellationCharge({ ...terms, late_cancel_fee_minor: 0 }, cancelUntil, cancelUntil + MIN)).toEqual({ amount_minor: 0, currency: 'CNY', reason: null });
  });

  it('a no-show costs the no-show fee', () => {
    expect(noShowCharge(terms)).toEqual({ amount_minor: 2000, currency: 'CNY', reason: 'NO_SHOW' });
    expect(noShowCharge({ ...terms, noshow_fee_minor: 0 }).reason).toBeNull();
  });

  it('resolveTerms fills what a station leaves out from the defaults', () => {
    expect(resolveTerms({ noshow_fee_minor: 5 })).toEqual({ ...DEFAULT_TERMS, noshow_fee_minor: 5 });
    expect(resolveTerms(undefined)).toEqual(DEFAULT_TERMS);
  });
});
