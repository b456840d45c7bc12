// Vehicle data as cabin start wires it: the write path end to end (intent → command frame → simulated car → read-back, audited), and an external gateway by URL.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '../../main/host/createHost';
import { chooseVehicle } from '../../main/vehicle/vehicleChoice';
import { startVehicleData } from '../../main/cli/start/startVehicleData';
import type { VehicleRuntime } from '../../main/cli/start/vehicleRuntime';
import { signalFreshness } from '../../shared/state/vehicleSlice';
import { projectRoot } from '../fixtures/corpus';
import { until } from '../fixtures/until';

const SEAT = 'Vehicle.Cabin.Seat.Row1.DriverSide.Position';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});


async function parkedCar(): Promise<{ host: Host; runtime: VehicleRuntime }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cabin-write-'));
  const host = await createHost({ dataDir, version: 't', mode: 'simulation', transport: 'none', appRoot: projectRoot });
  const choice = await chooseVehicle({}, projectRoot, join(projectRoot, 'assets'));
  const runtime = await startVehicleData(host, choice, { cwd: projectRoot, report: () => undefined });
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }), () => host.close(), () => runtime.close());
  return { host, runtime };
}

describe('vehicle.command', () => {
  it('moves the seat: the command is sent, audited, and the read-back signal follows', async () => {
    const { host } = await parkedCar();
    const seat = () => host.store.getState().vehicle.signals[SEAT];
    await until(() => signalFreshness(seat(), host.clock()) === 'fresh', 'the seat position to arrive');
    const start = seat()!.value as number;
    const target = start >= 30 ? start - 20 : start + 20;

    const result = await host.invoke('vehicle.command', { targets: { [SEAT]: target }, feature: 'integration-test' });
    expect(result).toEqual({ ok: true, value: { frames: 1, superseded: 0 } });
    // Success is the read-back, not the send: the seat motor takes its time.
    await until(() => Math.abs((seat()!.value as number) - target) <= 1, `the seat to reach ${target} mm`);

    const audit = (await readFile(join(host.dataDir, 'audit', 'can-send-audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ feature: 'integration-test' });
  });

  it('refuses paths the car cannot write and values out of range, and sends nothing', async () => {
    const { host } = await parkedCar();
    await until(() => host.store.getState().connection.gateway.status === 'connected', 'the gateway link');
    const speed = await host.invoke('vehicle.command', { targets: { 'Vehicle.Speed': 200 }, feature: 'test' });
    expect(speed).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: /Vehicle\.Speed is not writable/ } });
    const seat = await host.invoke('vehicle.command', { targets: { [SEAT]: -5 }, feature: 'test' });
    expect(seat).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    const diagnostics = host.store.getState().connection.diagnostics;
    expect(diagnostics).toBeDefined();
    await expect(readFile(join(host.dataDir, 'audit', 'can-send-audit.jsonl'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});

describe('cabin start --gateway URL', () => {
  it('connects to an external gateway given by URL with its token, and refuses a wrong token clearly', async () => {
    const { startGateway } = await import('../../gateway/server');
    const { createSimSource } = await import('../../simulator/simSource');
    const gateway = await startGateway({ source: createSimSource({}) });
    cleanups.push(() => gateway.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'cabin-external-'));
    const host = await createHost({ dataDir, version: 't', mode: 'head-unit', transport: 'none', appRoot: projectRoot });
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }), () => host.close());

    const choice = await chooseVehicle({ gateway: `${gateway.url}?token=${gateway.token}` }, projectRoot, join(projectRoot, 'assets'));
    const runtime = await startVehicleData(host, choice, { cwd: projectRoot, report: () => undefined });
    cleanups.push(() => runtime.close());
    await until(() => host.store.getState().vehicle.signals[SEAT] !== undefined, 'values from the external gateway');
    expect(host.store.getState().connection.gateway).toMatchObject({ status: 'connected', url: gateway.url });
    // A head unit never offers the simulation control panel, even with a simulated car behind the gateway.
    expect(host.store.getState().simulation.available).toBe(false);

    const wrong = await chooseVehicle({ gateway: `${gateway.url}?token=not-the-right-token-at-all` }, projectRoot, join(projectRoot, 'assets'));
    const refused = await startVehicleData(host, wrong, { cwd: projectRoot, report: () => undefined });
    cleanups.push(() => refused.close());
    await until(() => refused.link.client.state === 'refused', 'the wrong token to be refused');
    expect(refused.link.client.diagnostics().lastError).toMatch(/token/i);
  });
});
