// The host's picture of the car for station search: charging figures from the shipped vehicle.json, none for a petrol car, SoC, position, and consumption learned while driving.
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../test/fixtures/corpus';
import type { SignalSample, VehicleState } from '../../../shared/state/vehicleSlice';
import { createVehicleTracker, VSS } from './vehicleContext';

const sample = (value: number): SignalSample => ({ value, seenAt: 0, staleAfterMs: 1000 });
const state = (vehicleId: string | null, signals: Record<string, number> = {}): VehicleState => ({
  vehicleId,
  paths: [],
  sources: {},
  capabilities: null,
  signals: Object.fromEntries(Object.entries(signals).map(([path, value]) => [path, sample(value)])),
});

describe('the vehicle tracker', () => {
  it('reads the reference EV\'s inlets, battery and curve, SoC and position', async () => {
    const tracker = createVehicleTracker(projectRoot, () => undefined);
    expect((await tracker.observe(state('cabin-ev'))).vehicleChanged).toBe(true);
    expect(tracker.vehicle()).toMatchObject({ usableKwh: 75, maxDcKw: 140, standards: ['GBT_AC', 'GBT_DC'], ratedWhPerKm: 165 });
    expect(tracker.context()).toBeUndefined();
    await tracker.observe(state('cabin-ev', { [VSS.soc]: 15, [VSS.latitude]: 31.2, [VSS.longitude]: 121.5 }));
    expect(tracker.position()).toEqual({ lat: 31.2, lon: 121.5 });
    expect(tracker.context()).toMatchObject({ socPercent: 15, whPerKm: 165, reservePercent: 10 });
  });

  it('gives a car without a traction battery no charging figures, and says nothing about it', async () => {
    const lines: string[] = [];
    const tracker = createVehicleTracker(projectRoot, (l) => lines.push(l));
    await tracker.observe(state('hyundai-2015', { [VSS.soc]: 50 }));
    expect(tracker.vehicle()).toBeNull();
    expect(tracker.context()).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('takes 0,0 (a GPS without a fix) for no position', async () => {
    const tracker = createVehicleTracker(projectRoot, () => undefined);
    await tracker.observe(state('cabin-ev', { [VSS.latitude]: 0, [VSS.longitude]: 0 }));
    expect(tracker.position()).toBeNull();
  });

  it('learns consumption from the odometer and SoC as the car drives', async () => {
    const tracker = createVehicleTracker(projectRoot, () => undefined);
    await tracker.observe(state('cabin-ev'));
    // 20 km at 1 % of 75 kWh per 3 km: 250 Wh/km, well above the rated 165.
    for (let km = 0; km <= 20; km += 1) await tracker.observe(state('cabin-ev', { [VSS.soc]: 80 - km / 3, [VSS.odometer]: 1000 + km }));
    const learned = tracker.consumption()!;
    expect(learned.learned).toBe(true);
    expect(learned.whPerKm).toBeCloseTo(250, 0);
    expect(tracker.context()!.whPerKm).toBeCloseTo(250, 0);
  });
});
