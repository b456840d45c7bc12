import { describe, expect, it } from 'vitest';
import { BACKLIGHT_FLOOR, backlightLevel, dimmingOpacity, lightness, luminance } from './brightness';

describe('brightness on a perceptual scale', () => {
  it('lightness and luminance are the CIE 1976 pair (mid grey Y 0.184 ≈ L* 50)', () => {
    expect(lightness(0.1842)).toBeCloseTo(50, 1);
    expect(lightness(1)).toBeCloseTo(100, 6);
    for (const y of [0, 0.001, 0.05, 0.3, 0.7, 1]) expect(luminance(lightness(y))).toBeCloseTo(y, 9);
  });

  it('never goes below the 30 % floor and reaches full at 100 %', () => {
    expect(backlightLevel(10)).toBeCloseTo(BACKLIGHT_FLOOR, 9);
    expect(backlightLevel(0)).toBeCloseTo(BACKLIGHT_FLOOR, 9);
    expect(backlightLevel(100)).toBeCloseTo(1, 9);
    expect(backlightLevel(40)).toBeCloseTo(0.474, 3);
  });

  it('rises with the setting, in steps that look equal (equal steps of lightness)', () => {
    const steps = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((s) => lightness(backlightLevel(s)));
    const deltas = steps.slice(1).map((l, i) => l - steps[i]);
    for (const d of deltas) expect(d).toBeCloseTo(deltas[0], 9);
    expect(deltas[0]).toBeGreaterThan(0);
  });

  it('the simulation layer dims sRGB values by the backlight level (none at 100 %, 42 % at the floor)', () => {
    expect(dimmingOpacity(100)).toBeCloseTo(0, 9);
    expect(dimmingOpacity(10)).toBeCloseTo(1 - 0.3 ** (1 / 2.2), 9);
    expect(dimmingOpacity(10)).toBeCloseTo(0.421, 3);
  });
});
