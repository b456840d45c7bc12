// The scenario runner (steps at their times, faults with durations, expectations) and the real-time driver.
import { describe, expect, it } from 'vitest';
import { loadScenario, loadVehicleDefinition } from './assets';
import { createScenarioRunner, runHeadless } from './headless';
import { RealtimeDriver } from './realtime';
import { ScenarioRunner } from './runner';
import { parseScenario, type Scenario, type ScenarioFault } from './scenario';

function scenario(text: string): Scenario {
  const result = parseScenario(text, 'inline.yaml');
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.scenario;
}

const faulty = scenario(`name: faulty
duration: 30s
initial: { location: { lat: 59.91, lon: 10.75 } }
timeline:
  - at: 1s
    gear: D
  - at: 1s
    speed: 30
  - at: 5s
    fault: { kind: bus-off, bus: can1, duration: 2s }
  - at: 6s
    fault: { kind: stuck-signal, signal: Vehicle.Speed, duration: 10s }
expect:
  - event: fault
    equals: 2
  - signal: Vehicle.Speed
    above: 25
  - signal: Vehicle.Powertrain.TractionBattery.StateOfCharge.Current
    changed: true
  - signal: Vehicle.Driver.Identifier.Subject
    changed: true
`);

describe('ScenarioRunner', () => {
  it('applies steps at their times and tells listeners when faults start and end', () => {
    const runner = new ScenarioRunner(faulty, { definition: loadVehicleDefinition() });
    const seen: { kind: ScenarioFault['kind']; active: boolean; t: number }[] = [];
    runner.onFault(({ fault, active, timeMs }) => seen.push({ kind: fault.kind, active, t: timeMs }));
    runner.runUntil(900);
    expect(runner.vehicle.gear).toBe('P');
    runner.runUntil(1000);
    expect(runner.vehicle.gear).toBe('D');
    runner.runUntil(5500);
    expect(runner.activeFaults().map((f) => f.fault.kind)).toEqual(['bus-off']);
    runner.runUntil(6500);
    expect(runner.activeFaults().map((f) => f.fault.kind).sort()).toEqual(['bus-off', 'stuck-signal']);
    runner.runToEnd();
    expect(runner.activeFaults()).toEqual([]);
    expect(seen).toEqual([
      { kind: 'bus-off', active: true, t: 5000 },
      { kind: 'stuck-signal', active: true, t: 6000 },
      { kind: 'bus-off', active: false, t: 7000 },
      { kind: 'stuck-signal', active: false, t: 16000 },
    ]);
    expect(runner.done).toBe(true);
  });

  it('evaluates expectations against the end state, including "changed" against the start', () => {
    const end = runHeadless(faulty);
    expect(end.expectations.map((e) => e.pass)).toEqual([true, true, true, false]);
    expect(end.passed).toBe(false);
    expect(end.faults.map((f) => f.kind)).toEqual(['bus-off', 'stuck-signal']);
    expect(end.simulatedSeconds).toBe(30);
  });

  it('carries sub-step remainders over, so small advances add up', () => {
    const runner = new ScenarioRunner(faulty, { definition: loadVehicleDefinition() });
    for (let i = 0; i < 300; i++) runner.advance(1000 / 60);
    expect(runner.timeMs).toBe(5000);
  });

  it('runs a 20-minute scenario in virtual time', () => {
    const loaded = loadScenario('highway-low-battery');
    if (!loaded.ok) throw new Error('bundled scenario must load');
    const runner = createScenarioRunner(loaded.scenario);
    runner.runToEnd();
    expect(runner.timeMs).toBe(loaded.scenario.duration * 1000);
  });
});

describe('RealtimeDriver', () => {
  function fakeClock() {
    let now = 0;
    let tick: (() => void) | null = null;
    return {
      options: {
        now: () => now,
        setInterval: (fn: () => void) => {
          tick = fn;
          return 1;
        },
        clearInterval: () => {
          tick = null;
        },
      },
      /** Moves the wall clock and fires the interval once. */
      wait(ms: number) {
        now += ms;
        tick?.();
      },
      get armed() {
        return tick !== null;
      },
    };
  }

  it('advances simulated time by wall time × acceleration, and stands still when paused', () => {
    const clock = fakeClock();
    const runner = new ScenarioRunner(faulty, { definition: loadVehicleDefinition() });
    const driver = new RealtimeDriver(runner, { acceleration: 10, ...clock.options });
    driver.start();
    clock.wait(100);
    expect(runner.timeMs).toBe(1000);
    driver.setAcceleration(60);
    clock.wait(50);
    expect(runner.timeMs).toBe(4000);
    driver.stop();
    expect(clock.armed).toBe(false);
    clock.wait(10_000);
    expect(runner.timeMs).toBe(4000);
    driver.start();
    clock.wait(100);
    expect(runner.timeMs).toBe(10_000);
  });

  it('refuses accelerations outside ×1..×60 and caps catch-up after a stall', () => {
    const clock = fakeClock();
    const runner = new ScenarioRunner(faulty, { definition: loadVehicleDefinition() });
    expect(() => new RealtimeDriver(runner, { acceleration: 120 })).toThrow(/×1 to ×60/);
    const driver = new RealtimeDriver(runner, { acceleration: 1, ...clock.options });
    expect(() => driver.setAcceleration(0)).toThrow(RangeError);
    driver.start();
    clock.wait(60_000);
    expect(runner.timeMs).toBe(1000);
    driver.stop();
  });
});
