// Gateway → host: a real gateway on loopback feeds the host store with mapped VSS values; outages turn them stale.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeMessage } from '../../shared/can/dbcEncode';
import type { CanFrame } from '../../shared/can/frame';
import { signalFreshness } from '../../shared/state/vehicleSlice';
import { replayFrames } from '../../gateway/sources/replay';
import { loadCandumpLog } from '../../gateway/sources/replay';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { createHost, type Host } from '../../main/host/createHost';
import { loadVehicleFiles } from '../../main/vehicle/vehicleFiles';
import { startVehicleLink, type VehicleLink } from '../../main/vehicle/vehicleLink';
import { corpusPath, projectRoot } from '../fixtures/corpus';
import { until } from '../fixtures/until';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function newHost(): Promise<Host> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-link-'));
  const host = await createHost({ dataDir: dir, version: 't', mode: 'simulation', transport: 'none', appRoot: projectRoot });
  cleanups.push(() => rm(dir, { recursive: true, force: true }), () => host.close());
  return host;
}


async function link(host: Host, gateway: RunningGateway, vehicle: Awaited<ReturnType<typeof loadVehicleFiles>>): Promise<VehicleLink> {
  const l = startVehicleLink({
    store: host.store,
    vehicleId: vehicle.vehicleId,
    db: vehicle.db,
    mapping: vehicle.mapping,
    gateway: { url: gateway.url, token: gateway.token },
    dataDir: host.dataDir,
    diagnosticsEveryMs: 50,
  });
  cleanups.push(() => l.close());
  return l;
}

describe('gateway → host store', () => {
  it('mapped VSS values reach the store; killing the gateway turns them stale and they recover when it is back', async () => {
    const vehicle = await loadVehicleFiles(resolve(projectRoot, 'assets'), 'cabin-ev');
    const rule = vehicle.mapping.dbc2vss.find((r) => r.path === 'Vehicle.Speed')!;
    // 3 s of speed frames at 20 Hz rising 0 → 60 km/h, looped so the link stays busy until we cut it.
    const frames: CanFrame[] = Array.from({ length: 60 }, (_, i) => ({
      t: i * 0.05,
      bus: 'can0',
      id: rule.message.id,
      extended: rule.message.extended,
      flags: 0,
      data: encodeMessage(rule.message, { [rule.signal.name]: i }),
    }));
    const source = () => replayFrames({ frames, errors: [], buses: ['can0'] }, { loop: true });
    const first = await startGateway({ source: source() });
    const host = await newHost();
    await link(host, first, vehicle);

    const sample = () => host.store.getState().vehicle.signals['Vehicle.Speed'];
    await until(() => typeof sample()?.value === 'number' && (sample()!.value as number) > 10, 'speed in the store');
    expect(host.store.getState().vehicle.paths).toContain('Vehicle.Speed');
    expect(host.store.getState().connection.gateway.status).toBe('connected');
    expect(signalFreshness(sample(), host.clock())).toBe('fresh');
    const staleAfter = sample()!.staleAfterMs;
    expect(staleAfter).toBeGreaterThan(0);
    await until(() => host.store.getState().connection.diagnostics.frames > 0, 'diagnostics counters');

    // The gateway goes away entirely (its server closes, as when its process dies).
    await first.close();
    await until(() => host.store.getState().connection.gateway.status === 'lost', 'the link to show as lost');
    await until(() => signalFreshness(sample(), host.clock()) === 'stale', 'speed to turn stale', staleAfter + 2000);

    // A new gateway on the same address: the client's backoff finds it and values are live again.
    const second = await startGateway({ source: source(), port: first.port, token: first.token });
    cleanups.push(() => second.close());
    await until(() => signalFreshness(sample(), host.clock()) === 'fresh', 'speed to recover', 10_000);
    expect(host.store.getState().connection.gateway.status).toBe('connected');
    await until(() => host.store.getState().connection.diagnostics.reconnects > 0, 'the reconnect to be counted');
  }, 30_000);

  const hyundaiLog = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
  const hyundaiDbc = corpusPath('dbc', 'hyundai_2015_ccan.dbc');
  it.skipIf(!hyundaiLog || !hyundaiDbc)('a real vehicle nobody here designed: the Hyundai drive log shows speed, gear and 12 V', async () => {
    const vehicle = await loadVehicleFiles(resolve(projectRoot, 'assets'), 'hyundai-2015', hyundaiDbc!);
    expect(vehicle.errors).toEqual([]);
    const log = await loadCandumpLog(hyundaiLog!);
    const gateway = await startGateway({ source: replayFrames(log, { speed: 20 }), waitForClient: true });
    cleanups.push(() => gateway.close());
    const host = await newHost();
    await link(host, gateway, vehicle);
    let maxSpeed = 0;
    const unsubscribe = host.store.subscribe(() => {
      const v = host.store.getState().vehicle.signals['Vehicle.Speed']?.value;
      if (typeof v === 'number') maxSpeed = Math.max(maxSpeed, v);
    });
    cleanups.push(async () => unsubscribe());
    await gateway.ended;
    await until(() => maxSpeed > 90, 'the drive to reach motorway speed');
    const signals = host.store.getState().vehicle.signals;
    expect(maxSpeed).toBeLessThan(115);
    expect(signals['Vehicle.Speed'].value as number).toBeLessThan(5);
    expect(signals['Vehicle.Powertrain.Transmission.CurrentGear']).toBeDefined();
    expect(signals['Vehicle.LowVoltageBattery.CurrentVoltage'].value as number).toBeGreaterThan(10);
  }, 30_000);
});
