// The control panel's intents reach a real sim source through the host, and the simulation slice carries its faults and overrides as data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimSource, type SimSource } from '../../../simulator/simSource';
import { projectRoot } from '../../../test/fixtures/corpus';
import { FrameLog } from '../../../test/fixtures/simTestKit';
import { createHost, type Host } from '../../host/createHost';
import { attachSimulation } from './simulationController';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function attached(scenario?: string): Promise<{ host: Host; sim: SimSource }> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-simctl-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const host = await createHost({ dataDir: dir, version: '0.0.0', mode: 'simulation', transport: 'none', appRoot: projectRoot });
  cleanups.push(() => host.close());
  const sim = createSimSource({ clock: 'virtual', scenario });
  await sim.start(new FrameLog());
  cleanups.push(() => sim.stop());
  cleanups.push(attachSimulation(host, sim));
  return { host, sim };
}

const status = (host: Host) => host.store.getState().simulation.status!;

describe('simulation controller', () => {
  it('steps are taken from the simulated time the host has, so two quick taps are two steps; bounded by the scenario', async () => {
    const { host, sim } = await attached('driver-change');
    // Sent together, as two taps before the screen has seen the first one's result.
    const [first, second] = await Promise.all([host.invoke('sim.control', { action: 'skip', seconds: 60 }), host.invoke('sim.control', { action: 'skip', seconds: 60 })]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(sim.status().simTimeS).toBeCloseTo(120, 0);
    expect(await host.invoke('sim.control', { action: 'skip', seconds: -600 })).toMatchObject({ ok: true });
    expect(sim.status().simTimeS).toBe(0);
    expect(await host.invoke('sim.control', { action: 'skip', seconds: 86_400 })).toMatchObject({ ok: true });
    expect(sim.status().simTimeS).toBe(sim.status().durationS);
    expect(await host.invoke('sim.control', { action: 'skip', seconds: 86_401 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('overrides arrive as structured data and the slice lists them as such', async () => {
    const { host, sim } = await attached();
    // Refused by the car (parked in P), with its reason; and by the schema before it reaches the car.
    expect(await host.invoke('sim.override', { speed: 50 })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: expect.stringContaining('select D or R') } });
    expect(await host.invoke('sim.override', { location: { lat: 95, lon: 0 } })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await host.invoke('sim.override', { soc: 20 })).toEqual({ ok: true, value: { applied: true } });
    expect(await host.invoke('sim.override', { gear: 'D' })).toMatchObject({ ok: true });
    expect(await host.invoke('sim.override', { driver: { id: 'anna' } })).toMatchObject({ ok: true });
    const overrides = status(host).overrides.map((o) => o.override);
    expect(overrides).toEqual([{ soc: 20 }, { gear: 'D' }, { driver: { id: 'anna', keyFob: expect.any(Number) } }]);
    expect(sim.signals()['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current']).toBe(20);
    expect(sim.signals()['Vehicle.Driver.Identifier.Subject']).toBe('anna');
  });

  it('one fault per kind: a new injection replaces the old one, clear ends it; the slice shows the parameters', async () => {
    const { host } = await attached();
    await host.invoke('sim.fault', { action: 'inject', fault: { kind: 'frame-loss', percent: 10 } });
    await host.invoke('sim.fault', { action: 'inject', fault: { kind: 'frame-loss', percent: 35 } });
    await host.invoke('sim.fault', { action: 'inject', fault: { kind: 'stuck-signal', signal: 'Vehicle.Speed' } });
    expect(status(host).faults).toMatchObject([
      { kind: 'frame-loss', percent: 35, origin: 'panel' },
      { kind: 'stuck-signal', signal: 'Vehicle.Speed', origin: 'panel' },
    ]);
    expect(await host.invoke('sim.fault', { action: 'clear', kind: 'frame-loss' })).toMatchObject({ ok: true });
    expect(status(host).faults.map((f) => f.kind)).toEqual(['stuck-signal']);
    // The old panel spelling is not a fault kind any more.
    expect(await host.invoke('sim.fault', { action: 'inject', fault: { kind: 'frameLoss', percent: 5 } } as never)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await host.invoke('sim.fault', { action: 'inject', fault: { kind: 'bus-off', bus: 'can9' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no bus "can9"') },
    });
  });

  it("a scenario's timeline faults show in the slice with their origin, and a seek moves them", async () => {
    const { host } = await attached('gateway-faults');
    // frame-loss 30 % runs from 1:00 to 1:20, stuck-signal from 2:00 to 2:15.
    expect(await host.invoke('sim.control', { action: 'seek', seconds: 70 })).toMatchObject({ ok: true });
    expect(status(host).faults).toMatchObject([{ kind: 'frame-loss', percent: 30, origin: 'scenario' }]);
    expect(await host.invoke('sim.control', { action: 'seek', seconds: 125 })).toMatchObject({ ok: true });
    expect(status(host).faults).toMatchObject([{ kind: 'stuck-signal', signal: 'Vehicle.Speed', origin: 'scenario' }]);
    expect(status(host).faults).toHaveLength(1);
  });
});
