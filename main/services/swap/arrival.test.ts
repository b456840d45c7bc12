// The route estimate, the arrival geofence and the swap confirmed from the car's own CAN readings.
import { describe, expect, it } from 'vitest';
import { ARRIVAL_RADIUS_M, confirmSwap, CONFIRM_GRACE_MS, hasArrived, routeEstimate } from './arrival';

const station = { lat: 31.2237, lon: 121.5299 };
/** A point `m` metres north of the station. */
const north = (m: number) => ({ lat: station.lat + m / 111_195, lon: station.lon });

describe('route estimate', () => {
  it('drives the road distance (1.25 × straight line) at town speed, at least a minute', () => {
    const far = routeEstimate(north(10_000), station);
    expect(far.distanceM).toBeCloseTo(10_000, -1);
    expect(far.etaMinutes).toBe(15);
    expect(routeEstimate(north(50), station).etaMinutes).toBe(1);
  });
});

describe('arrival geofence', () => {
  it('holds inside the radius when stopped or crawling, not when passing by or outside', () => {
    expect(hasArrived({ ...north(ARRIVAL_RADIUS_M - 10), speedKmh: 0 }, station)).toBe(true);
    expect(hasArrived({ ...north(40), speedKmh: 6 }, station)).toBe(true);
    expect(hasArrived({ ...north(40), speedKmh: 50 }, station)).toBe(false);
    expect(hasArrived({ ...north(ARRIVAL_RADIUS_M + 10), speedKmh: 0 }, station)).toBe(false);
    // An unknown speed does not hold the check-in back: the operator checks the distance itself.
    expect(hasArrived({ ...north(20), speedKmh: null }, station)).toBe(true);
  });
});

describe('swap confirmation from CAN', () => {
  const before = { packIdBefore: '26000417', socBefore: 18 };
  it('waits until the station swaps', () => {
    expect(confirmSwap(before, { packId: '26000417', socPercent: 18 }, { status: 'ARRIVED', newPackId: null }, 0).state).toBe('waiting');
    expect(confirmSwap(before, { packId: '26000417', socPercent: 18 }, { status: 'SWAPPING', newPackId: '30000004' }, 0).state).toBe('waiting');
  });
  it('confirms the pack the station named, with the SoC the car reads', () => {
    expect(confirmSwap(before, { packId: '30000004', socPercent: 95 }, { status: 'COMPLETED', newPackId: '30000004' }, 0)).toEqual({ state: 'confirmed', ...before, packId: '30000004', socPercent: 95 });
    // A station that names no pack: any new pack confirms it.
    expect(confirmSwap(before, { packId: '31000982', socPercent: 96 }, { status: 'COMPLETED', newPackId: null }, 0).state).toBe('confirmed');
  });
  it('says so when the car reports another pack, or none changed once the grace has passed', () => {
    expect(confirmSwap(before, { packId: '31000982', socPercent: 96 }, { status: 'COMPLETED', newPackId: '30000004' }, 0)).toMatchObject({ state: 'mismatch', packId: '31000982', expectedPackId: '30000004' });
    expect(confirmSwap(before, { packId: '26000417', socPercent: 18 }, { status: 'COMPLETED', newPackId: '30000004' }, CONFIRM_GRACE_MS - 1).state).toBe('waiting');
    expect(confirmSwap(before, { packId: '26000417', socPercent: 18 }, { status: 'COMPLETED', newPackId: '30000004' }, CONFIRM_GRACE_MS)).toMatchObject({ state: 'mismatch', packId: '26000417' });
  });
});
