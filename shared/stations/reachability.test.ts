import { describe, expect, it } from 'vitest';
import { arrivalSoc, ConsumptionLearner, isReachable, rangeKm } from './reachability';
import { isOpenAt } from './openingHours';

// The Cabin EV: 75 kWh usable, rated 165 Wh/km.
const state = { socPercent: 11, usableKwh: 75, whPerKm: 165, reservePercent: 10 };

describe('reachability', () => {
  it('range is what is left above the reserve: 1 % of 75 kWh at 165 Wh/km ≈ 4.5 km', () => {
    expect(rangeKm(state)).toBeCloseTo(750 / 165, 9);
    expect(rangeKm({ ...state, socPercent: 5 })).toBe(0);
  });

  it('arrival SoC falls by distance × consumption over capacity; below the reserve is unreachable', () => {
    // 10 km × 165 Wh = 1.65 kWh = 2.2 % of 75 kWh.
    expect(arrivalSoc(state, 10)).toBeCloseTo(8.8, 9);
    expect(isReachable(state, 10)).toBe(false);
    expect(isReachable(state, 4)).toBe(true);
  });

  it('learns consumption from odometer and SoC, skipping charging, and falls back to the rated figure', () => {
    const learner = new ConsumptionLearner(75, 165);
    expect(learner.estimate()).toEqual({ whPerKm: 165, learned: false, overKm: 0 });
    // 2 % of 75 kWh (1.5 kWh) every 7.5 km: 200 Wh/km.
    let km = 1000;
    let soc = 80;
    learner.observe(km, soc);
    for (let k = 0; k < 4; k++) learner.observe((km += 7.5), (soc -= 2));
    learner.observe(km, (soc += 30)); // a charging stop: ignored
    learner.observe((km += 7.5), (soc -= 2));
    expect(learner.estimate().learned).toBe(true);
    expect(learner.estimate().whPerKm).toBeCloseTo(200, 9);
    expect(learner.estimate().overKm).toBeCloseTo(37.5, 9);
  });
});

describe('opening hours', () => {
  const weekdays = { twentyfourseven: false, regular_hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, period_begin: '08:00', period_end: '20:00' })) };
  // Wednesday 2026-03-04.
  const at = (hhmm: string, day = 4) => Date.parse(`2026-03-0${day}T${hhmm}:00+01:00`);

  it('reads regular hours in the location\'s zone', () => {
    expect(isOpenAt(weekdays, 'Europe/Oslo', 10.7, at('07:59'))).toBe(false);
    expect(isOpenAt(weekdays, 'Europe/Oslo', 10.7, at('08:00'))).toBe(true);
    expect(isOpenAt(weekdays, 'Europe/Oslo', 10.7, at('19:59'))).toBe(true);
    expect(isOpenAt(weekdays, 'Europe/Oslo', 10.7, at('20:00'))).toBe(false);
    expect(isOpenAt(weekdays, 'Europe/Oslo', 10.7, at('12:00', 7))).toBe(false); // Saturday
  });

  it('handles periods past midnight, 23:59 as end of day, exceptions, and no zone (solar offset)', () => {
    const night = { twentyfourseven: false, regular_hours: [{ weekday: 3, period_begin: '22:00', period_end: '02:00' }] };
    expect(isOpenAt(night, 'Europe/Oslo', 10.7, at('23:30'))).toBe(true);
    expect(isOpenAt(night, 'Europe/Oslo', 10.7, at('01:30', 5))).toBe(true);
    expect(isOpenAt(night, 'Europe/Oslo', 10.7, at('02:30', 5))).toBe(false);
    const allDay = { twentyfourseven: false, regular_hours: [{ weekday: 3, period_begin: '00:00', period_end: '23:59' }] };
    expect(isOpenAt(allDay, 'Europe/Oslo', 10.7, at('23:59'))).toBe(true);
    const closed = { twentyfourseven: true, exceptional_closings: [{ period_begin: at('10:00'), period_end: at('12:00') }] };
    expect(isOpenAt(closed, 'Europe/Oslo', 10.7, at('11:00'))).toBe(false);
    expect(isOpenAt(closed, 'Europe/Oslo', 10.7, at('12:00'))).toBe(true);
    // No zone: longitude 10.7° → UTC+1, the same as Oslo in winter.
    expect(isOpenAt(weekdays, undefined, 10.7, at('08:00'))).toBe(true);
    expect(isOpenAt(undefined, 'Europe/Oslo', 10.7, at('08:00'))).toBeNull();
  });
});
