// Physics of the simulated EV: energy balance, charging curve, regen cap, actuators, route following, determinism.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dcCurvePowerKw } from '../../shared/vehicle/vehicleDefinition';
import { loadRoute, loadVehicleDefinition } from '../assets';
import { haversineM, Route, emptyPosition, type RouteData } from '../route';
import { DEFAULT_INITIAL_STATE, type InitialState } from './initialState';
import { FIXED_STEP_MS } from './physics';
import { SimVehicle } from './simVehicle';

const def = loadVehicleDefinition('cabin-ev');
const SOC = 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current';
const POWER = 'Vehicle.Powertrain.TractionBattery.CurrentPower';
const CHARGE_KW = 'Vehicle.Private.CabinIVI.Charging.Power';
const SEAT = 'Vehicle.Cabin.Seat.Row1.DriverSide.Position';
const TILT = 'Vehicle.Body.Mirrors.DriverSide.Tilt';

function straightRoute(lengthKm: number, dropM = 0): Route {
  // Due north from the equator-ish; 1° of latitude ≈ 111.2 km.
  const data: RouteData = {
    id: 'test-straight',
    name: 'straight',
    city: 'Test',
    country: 'CN',
    points: [
      [30, 114, dropM],
      [30 + lengthKm / 111.2 / 2, 114, dropM / 2],
      [30 + lengthKm / 111.2, 114, 0],
    ],
    tunnels: [],
  };
  return new Route(data);
}

function car(initial: Partial<InitialState> = {}, route?: Route, seed = 1): SimVehicle {
  return new SimVehicle(def, { seed, initial, route });
}

/** Steps whole seconds, calling `each` after every physics step with the signals. */
function drive(v: SimVehicle, seconds: number, each?: (s: ReturnType<SimVehicle['signals']>) => void): void {
  const steps = Math.round((seconds * 1000) / FIXED_STEP_MS);
  for (let i = 0; i < steps; i++) {
    v.tick();
    each?.(v.signals());
  }
}

describe('the default car', () => {
  it('is parked in P at the demo location with speed 0 and does not move by itself', () => {
    const v = car();
    drive(v, 60);
    const s = v.signals();
    expect(s['Vehicle.Speed']).toBe(0);
    expect(s['Vehicle.Powertrain.Transmission.SelectedGear']).toBe(126);
    expect(s['Vehicle.CurrentLocation.Latitude']).toBe(DEFAULT_INITIAL_STATE.location.lat);
    expect(s['Vehicle.CurrentLocation.Longitude']).toBe(DEFAULT_INITIAL_STATE.location.lon);
    expect(s[SOC]).toBeCloseTo(DEFAULT_INITIAL_STATE.socPercent, 1);
  });

  it('uses only VSS paths from the catalog, with values that fit each signal', async () => {
    const { vssSignal } = await import('../../shared/vehicle/catalog');
    const { checkVssValue } = await import('../../shared/vehicle/vssValue');
    const v = car({}, loadRoute('guangzhou-tianhe-zhujiang'));
    v.setGear('D');
    v.motion.setTargetSpeed(50);
    drive(v, 30);
    for (const [path, value] of Object.entries(v.signals())) {
      const signal = vssSignal(path);
      expect(signal, path).toBeDefined();
      expect(checkVssValue(signal!, value), path).toBeNull();
    }
  });
});

describe('energy balance', () => {
  it('battery power integrated over a drive equals the SoC drop × usable capacity within 1 %', () => {
    const v = car({ socPercent: 80, ambientC: 33, cabinTempC: 38 }, straightRoute(40, 60));
    v.setGear('D');
    let drawnKwh = 0;
    const soc0 = v.signals()[SOC] as number;
    const sample = (s: ReturnType<SimVehicle['signals']>) => {
      drawnKwh -= ((s[POWER] as number) * FIXED_STEP_MS) / 3_600_000_000;
    };
    // City, highway, hard braking (regen), then parked with the A/C running.
    v.motion.setTargetSpeed(50);
    drive(v, 120, sample);
    v.motion.setTargetSpeed(120, { accel: 2.5, decel: 3 });
    drive(v, 600, sample);
    v.motion.setTargetSpeed(0, { accel: 1, decel: 3 });
    drive(v, 60, sample);
    drive(v, 120, sample);
    const dropKwh = ((soc0 - (v.signals()[SOC] as number)) / 100) * def.battery.usableKwh;
    expect(v.battery.regenKwh).toBeGreaterThan(0.05);
    expect(dropKwh).toBeGreaterThan(3);
    expect(Math.abs(drawnKwh - dropKwh) / dropKwh).toBeLessThan(0.01);
  });

  it('uses more energy per km at highway speed than in town', () => {
    const perKm = (kmh: number) => {
      const v = car({ climateOn: false }, straightRoute(60));
      v.setGear('D');
      v.motion.setTargetSpeed(kmh);
      drive(v, 60);
      const e0 = v.battery.energyKwh;
      const d0 = v.motion.odometerM;
      drive(v, 600);
      return ((e0 - v.battery.energyKwh) * 1000) / ((v.motion.odometerM - d0) / 1000);
    };
    const town = perKm(40);
    const highway = perKm(120);
    expect(town).toBeGreaterThan(80);
    expect(highway).toBeGreaterThan(town * 1.4);
    expect(highway).toBeLessThan(260);
  });

  it('charging energy integrated equals the SoC rise within 1 %', () => {
    const v = car({ socPercent: 20, batteryTempC: 25 });
    let inKwh = 0;
    const soc0 = v.socPercent;
    expect(v.startCharging({ kind: 'DC', powerKw: 90, limitPercent: 60 }).ok).toBe(true);
    drive(v, 900, (s) => (inKwh += ((s[POWER] as number) * FIXED_STEP_MS) / 3_600_000_000));
    const riseKwh = ((v.socPercent - soc0) / 100) * def.battery.usableKwh;
    expect(riseKwh).toBeGreaterThan(10);
    expect(Math.abs(inKwh - riseKwh) / riseKwh).toBeLessThan(0.01);
  });
});

describe('charging', () => {
  it('follows the DC curve capped by the charger: power at SoC x ≈ min(curve(x), charger)', () => {
    for (const charger of [250, 100, 50]) {
      for (const soc of [5, 15, 30, 55, 65, 75, 85, 95]) {
        const v = car({ socPercent: soc, batteryTempC: 25 });
        v.startCharging({ kind: 'DC', powerKw: charger, limitPercent: 100 });
        v.tick();
        const expected = Math.min(dcCurvePowerKw(def.charging.dcCurve, soc), charger, def.charging.maxDcKw);
        expect(v.signals()[CHARGE_KW] as number, `charger ${charger} kW at ${soc} %`).toBeCloseTo(expected, 0);
      }
    }
  });

  it('AC charging is capped by the on-board charger, and stops at the limit', () => {
    const v = car({ socPercent: 78 });
    v.startCharging({ kind: 'AC', powerKw: 22, limitPercent: 80 });
    v.tick();
    expect(v.signals()[CHARGE_KW]).toBe(def.charging.maxAcKw);
    expect(v.signals()['Vehicle.Private.CabinIVI.Charging.ActiveInletType']).toBe('GBT_AC');
    drive(v, 3600);
    const s = v.signals();
    expect(s[SOC] as number).toBeGreaterThanOrEqual(80);
    expect(s[SOC] as number).toBeLessThan(80.05);
    expect(s['Vehicle.Powertrain.TractionBattery.Charging.IsCharging']).toBe(false);
    expect(s['Vehicle.Private.CabinIVI.Charging.State']).toBe('COMPLETE');
    expect(v.events.map((e) => e.kind)).toContain('charge-completed');
  });

  it('refuses to charge or swap while driving', () => {
    const v = car();
    v.setGear('D');
    v.motion.setTargetSpeed(30);
    drive(v, 10);
    expect(v.startCharging({ kind: 'DC', powerKw: 60 }).ok).toBe(false);
    expect(v.startSwap({ socPercent: 90, durationS: 60 }).ok).toBe(false);
    expect(v.setGear('P').ok).toBe(false);
  });
});

describe('battery swap', () => {
  it('replaces the pack after the swap time: new pack id, SoC and health', () => {
    const v = car({ socPercent: 12 });
    const oldPack = v.battery.packId;
    expect(v.startSwap({ packId: 42_000_001, socPercent: 95, durationS: 180, stateOfHealth: 99 }).ok).toBe(true);
    drive(v, 170);
    expect(v.signals()['Vehicle.Private.CabinIVI.Battery.InstalledPackId']).toBe(oldPack);
    expect(v.setGear('D').ok).toBe(false);
    drive(v, 11);
    const s = v.signals();
    expect(s['Vehicle.Private.CabinIVI.Battery.InstalledPackId']).toBe(42_000_001);
    expect(s[SOC]).toBeCloseTo(95, 1);
    expect(s['Vehicle.Powertrain.TractionBattery.StateOfHealth']).toBe(99);
  });
});

describe('regenerative braking', () => {
  it('never raises SoC above 100 % (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 90, max: 100, noNaN: true }),
        fc.integer({ min: 30, max: 160 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0.5, max: 8, noNaN: true }),
        fc.integer({ min: 0, max: 400 }),
        (soc, kmh, level, decel, dropM) => {
          const v = car({ socPercent: soc, regenLevel: level, climateOn: false }, straightRoute(8, dropM));
          v.setGear('D');
          v.motion.setTargetSpeed(kmh, { accel: 3, decel });
          drive(v, 40);
          v.motion.setTargetSpeed(0, { accel: 3, decel });
          let max = 0;
          drive(v, 40, (s) => (max = Math.max(max, s[SOC] as number)));
          return max <= 100 && v.socPercent <= 100 && v.battery.energyKwh <= def.battery.usableKwh;
        },
      ),
      { numRuns: 60, seed: 4242 },
    );
  });

  it('recovers energy when braking, more at a higher regen level', () => {
    const recovered = (level: number) => {
      const v = car({ socPercent: 50, regenLevel: level, climateOn: false }, straightRoute(5));
      v.setGear('D');
      v.motion.setTargetSpeed(100, { accel: 3, decel: 3 });
      drive(v, 40);
      v.motion.setTargetSpeed(0, { accel: 3, decel: 3 });
      drive(v, 40);
      return v.battery.regenKwh;
    };
    expect(recovered(0)).toBe(0);
    expect(recovered(1)).toBeGreaterThan(0.05);
    expect(recovered(3)).toBeGreaterThan(recovered(1));
  });
});

describe('actuators', () => {
  it('move toward their targets at their rate and stop there', () => {
    const v = car();
    const start = v.signals()[SEAT] as number;
    expect(v.command({ path: SEAT, target: start + 60 }).ok).toBe(true);
    expect(v.command({ path: TILT, target: -40 }).ok).toBe(true);
    expect(v.targets()[SEAT]).toBe(start + 60);
    drive(v, 2);
    // Seat 15 mm/s, mirror 25 %/s.
    expect(v.signals()[SEAT]).toBe(start + 30);
    expect(v.signals()[TILT]).toBe(-40);
    drive(v, 1);
    expect(v.signals()[SEAT]).toBe(start + 45);
    drive(v, 10);
    expect(v.signals()[SEAT]).toBe(start + 60);
  });

  it('cabin temperature follows the climate set point through the HVAC, not instantly', () => {
    const v = car({ ambientC: 35, cabinTempC: 40, climateSetpointC: 22 });
    drive(v, 30);
    const after30 = v.signals()['Vehicle.Cabin.HVAC.AmbientAirTemperature'] as number;
    expect(after30).toBeLessThan(40);
    expect(after30).toBeGreaterThan(30);
    drive(v, 900);
    expect(v.signals()['Vehicle.Cabin.HVAC.AmbientAirTemperature'] as number).toBeCloseTo(22, 0);
  });

  it('refuses targets that do not fit: unknown path, a sensor, out of range, wrong type', () => {
    const v = car();
    expect(v.command({ path: 'Vehicle.Nope', target: 1 })).toMatchObject({ ok: false });
    expect(v.command({ path: 'Vehicle.Speed', target: 10 })).toMatchObject({ ok: false, error: expect.stringContaining('sensor') });
    expect(v.command({ path: TILT, target: 140 })).toMatchObject({ ok: false });
    expect(v.command({ path: SEAT, target: 900 })).toMatchObject({ ok: false });
    expect(v.command({ path: SEAT, target: 'far' })).toMatchObject({ ok: false });
    expect(v.command({ path: 'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature', target: 45 })).toMatchObject({ ok: false });
    expect(v.command({ path: 'Vehicle.Powertrain.Transmission.PerformanceMode', target: 'LUDICROUS' })).toMatchObject({ ok: false });
    expect(v.command({ path: 'Vehicle.Powertrain.Transmission.PerformanceMode', target: 'SPORT' })).toEqual({ ok: true });
    expect(v.command({ path: 'Vehicle.Private.CabinIVI.Drive.RegenLevel', target: 3 })).toEqual({ ok: true });
    expect(v.signals()['Vehicle.Private.CabinIVI.Drive.RegenLevel']).toBe(3);
  });

  it('rejects impossible overrides with a message', () => {
    const v = car();
    expect(v.battery.setSoc(140)).toMatchObject({ ok: false, error: expect.stringContaining('140') });
    expect(v.motion.setTargetSpeed(-5)).toMatchObject({ ok: false });
    expect(v.motion.setLocation(95, 10)).toMatchObject({ ok: false });
  });
});

describe('route following', () => {
  it('moves the GPS position along the polyline at the vehicle speed, with the segment heading', () => {
    const route = straightRoute(10);
    const v = car({}, route);
    v.setGear('D');
    v.motion.setTargetSpeed(72, { accel: 2, decel: 2 });
    drive(v, 60);
    const a = v.signals();
    const d0 = v.motion.routeDistanceM;
    let speedSum = 0;
    drive(v, 30, (s) => (speedSum += s['Vehicle.Speed'] as number));
    const b = v.signals();
    const meanMs = speedSum / (30_000 / FIXED_STEP_MS) / 3.6;
    const moved = haversineM(
      a['Vehicle.CurrentLocation.Latitude'] as number,
      a['Vehicle.CurrentLocation.Longitude'] as number,
      b['Vehicle.CurrentLocation.Latitude'] as number,
      b['Vehicle.CurrentLocation.Longitude'] as number,
    );
    expect(moved).toBeCloseTo(meanMs * 30, -1);
    expect(v.motion.routeDistanceM - d0).toBeCloseTo(meanMs * 30, 0);
    expect(meanMs * 3.6).toBeGreaterThan(68);
    expect(b['Vehicle.CurrentLocation.Heading'] as number).toBeLessThan(0.5);
  });

  it('stays on a real route polyline and stops at its end', () => {
    const route = loadRoute('guangzhou-tianhe-zhujiang');
    const v = car({}, route);
    v.setGear('D');
    v.motion.setTargetSpeed(50);
    const expected = emptyPosition();
    let checked = 0;
    for (let t = 0; t < 600; t += 5) {
      drive(v, 5);
      route.positionAt(v.motion.routeDistanceM, expected);
      const s = v.signals();
      expect(haversineM(s['Vehicle.CurrentLocation.Latitude'] as number, s['Vehicle.CurrentLocation.Longitude'] as number, expected.lat, expected.lon)).toBeLessThan(0.1);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(v.signals()['Vehicle.Speed']).toBe(0);
    expect(route.lengthM - v.motion.routeDistanceM).toBeLessThan(2);
    expect(v.events.map((e) => e.kind)).toContain('route-end');
  });
});

describe('location overrides', () => {
  it('moves along the route, or refuses a place off it', () => {
    const route = straightRoute(10);
    const v = car({}, route);
    expect(v.setRouteDistance(5000).ok).toBe(true);
    const expected = route.positionAt(5000, emptyPosition());
    expect(v.signals()['Vehicle.CurrentLocation.Latitude']).toBeCloseTo(expected.lat, 6);
    expect(v.setRouteDistance(20_000)).toMatchObject({ ok: false });
    expect(car().setRouteDistance(10)).toMatchObject({ ok: false });
  });
});

describe('lights', () => {
  it('turns the low beam on at night and in tunnels when in AUTO, off by day', () => {
    const night = car({ timeOfDayMin: 22 * 60 });
    expect(night.signals()['Vehicle.Body.Lights.Beam.Low.IsOn']).toBe(true);
    const day = car({ timeOfDayMin: 12 * 60 });
    expect(day.signals()['Vehicle.Body.Lights.Beam.Low.IsOn']).toBe(false);
    day.lights.setTunnel(true);
    day.tick();
    expect(day.signals()['Vehicle.Body.Lights.Beam.Low.IsOn']).toBe(true);
    expect(day.signals()['Vehicle.Exterior.LightIntensity'] as number).toBeLessThan(10);
    day.lights.setMode('OFF');
    expect(day.signals()['Vehicle.Body.Lights.Beam.Low.IsOn']).toBe(false);
  });
});

describe('determinism', () => {
  const run = (seed: number) => {
    const v = car({ socPercent: 70 }, loadRoute('oslo-e18-sandvika'), seed);
    v.setGear('D');
    v.motion.setTargetSpeed(80);
    drive(v, 300);
    return { signals: v.signals(), diagnostics: v.diagnostics() };
  };

  it('gives the same end state for the same seed, and a different one for another seed', () => {
    expect(run(7)).toEqual(run(7));
    expect(run(7).signals['Vehicle.CurrentLocation.Latitude']).not.toEqual(run(8).signals['Vehicle.CurrentLocation.Latitude']);
  });

  it('step(dt) in odd slices gives the same state as whole physics steps', () => {
    const a = car({}, undefined, 3);
    const b = car({}, undefined, 3);
    for (const v of [a, b]) {
      v.setGear('D');
      v.motion.setTargetSpeed(60);
    }
    for (let i = 0; i < 1000; i++) a.step(17);
    drive(b, 17);
    expect(a.signals()).toEqual(b.signals());
  });
});
