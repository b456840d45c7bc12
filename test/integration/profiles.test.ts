// Applying a profile through the real write path on loopback: the simulated EV behind an embedded gateway, its read-backs deciding confirmed or failed.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Host } from '../../main/host/createHost';
import { startVehicleData } from '../../main/cli/start/startVehicleData';
import { startVehicleRuntime } from '../../main/cli/start/vehicleRuntime';
import { chooseVehicle } from '../../main/vehicle/vehicleChoice';
import type { FrameSource } from '../../shared/gateway/source';
import { signalFreshness } from '../../shared/state/vehicleSlice';
import { createSimSource } from '../../simulator/simSource';
import { corpusPath, projectRoot } from '../fixtures/corpus';
import { park } from '../fixtures/drivingState';
import { profilesHost } from '../fixtures/profilesHost';
import { until } from '../fixtures/until';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const SEAT = 'Vehicle.Cabin.Seat.Row1.DriverSide.';
const TEMP = 'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature';
const HU_CLIMATE_CMD = 0x502;

/** Wang's profile: targets away from where the simulated car starts (seat 120 mm, height 30, recline 22°, mirrors 0 %, 22 °C, fan 30 %). */
const WANG = {
  seat: { position: 180, height: 45, recline: 26, lumbar: 50 },
  mirrors: { driver: { tilt: -20, pan: 15 }, passenger: { tilt: 10, pan: -5 } },
  climate: { temperature: 24, fan: 60, seatHeating: 1 },
};
const SEAT_AND_MIRRORS = ['seat.position', 'seat.height', 'seat.recline', 'mirrors.driver.tilt', 'mirrors.driver.pan', 'mirrors.passenger.tilt', 'mirrors.passenger.pan'];

async function carWithWang(host: Host, startCar: (host: Host) => Promise<{ close(): Promise<void> }>) {
  const runtime = await startCar(host);
  cleanups.unshift(() => runtime.close());
  await until(() => host.store.getState().ux.restrictions.drivingState === 'parked', 'the simulated car to report P', 15_000);
  await until(() => host.store.getState().profiles.writable !== null, 'the write path');
  const created = await host.invoke('profiles.create', { name: 'Wang', colour: 'rose' });
  if (!created.ok) throw new Error(created.error.message);
  const updated = await host.invoke('profiles.update', { id: created.value.id, patch: WANG });
  if (!updated.ok) throw new Error(updated.error.message);
  return created.value.id;
}

const simulatedEv = async (host: Host) => startVehicleData(host, await chooseVehicle({}, projectRoot, join(projectRoot, 'assets')), { cwd: projectRoot, report: () => undefined });

const status = (host: Host, id: string) => host.store.getState().profiles.application?.settings[id as 'seat.position'];
const value = (host: Host, path: string) => host.store.getState().vehicle.signals[path]?.value;

describe('a profile applied to the simulated EV through the gateway', () => {
  it('moves the seat and both mirrors and sets the climate to the profile; what the car lacks is not available', async () => {
    const host = await profilesHost({}, cleanups);
    const id = await carWithWang(host, simulatedEv);
    await host.invoke('profiles.activate', { id });
    const confirmed = [...SEAT_AND_MIRRORS, 'climate.temperature', 'climate.fan'];
    await until(() => confirmed.every((s) => status(host, s)?.state === 'confirmed'), 'every writable setting to be confirmed by its read-back', 20_000);
    // Confirmed once within the setting's tolerance (2 mm): the motor may still be finishing its last millimetres.
    expect(Math.abs((value(host, `${SEAT}Position`) as number) - 180)).toBeLessThanOrEqual(2);
    expect(Math.abs((value(host, `${SEAT}Height`) as number) - 45)).toBeLessThanOrEqual(2);
    expect(value(host, 'Vehicle.Body.Mirrors.DriverSide.Tilt')).toBe(-20);
    expect(value(host, 'Vehicle.Body.Mirrors.PassengerSide.Pan')).toBe(-5);
    expect(value(host, TEMP)).toBe(24);
    expect(value(host, 'Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed')).toBe(60);
    // The reference EV has no lumbar support or seat heater on its CAN: shown as not available on this car.
    expect(status(host, 'seat.lumbar')).toEqual({ state: 'unavailable' });
    expect(status(host, 'climate.seatHeating')).toEqual({ state: 'unavailable' });
  });

  it('a write the car ignores (its read-back frozen) ends as failed after the timeout; the others are applied', async () => {
    const host = await profilesHost({ confirmTimeouts: { motorMs: 4000, otherMs: 4000 } }, cleanups);
    const id = await carWithWang(host, simulatedEv);
    expect(await host.invoke('sim.fault', { action: 'inject', fault: { kind: 'stuck-signal', signal: `${SEAT}Height` } })).toMatchObject({ ok: true });
    await host.invoke('profiles.activate', { id });
    await until(() => status(host, 'seat.height')?.state === 'failed', 'the ignored seat height to fail', 15_000);
    expect(status(host, 'seat.height')).toMatchObject({ reason: { key: 'profiles.apply.timeout', params: { seconds: 4 } }, detail: expect.stringMatching(/Height: read back 30 after 4000 ms, target 45/) });
    await until(() => status(host, 'seat.position')?.state === 'confirmed' && status(host, 'climate.temperature')?.state === 'confirmed', 'the rest');
    // Retrying after the fault is cleared: the frozen read-back moves and the height is confirmed.
    await host.invoke('sim.fault', { action: 'clear', kind: 'stuck-signal' });
    expect(await host.invoke('profiles.retry', {})).toEqual({ ok: true, value: { retried: 1 } });
    await until(() => status(host, 'seat.height')?.state === 'confirmed', 'the height after the retry', 15_000);
  });

  it('while moving, the seat and mirrors are refused by the host and never sent; the climate applies', async () => {
    const host = await profilesHost({}, cleanups);
    const id = await carWithWang(host, simulatedEv);
    await host.invoke('sim.override', { gear: 'D' });
    await host.invoke('sim.override', { speed: 40 });
    await until(() => host.store.getState().ux.restrictions.drivingState === 'moving', 'the car to move', 15_000);
    const seatBefore = value(host, `${SEAT}Position`);
    await host.invoke('profiles.activate', { id });
    for (const s of SEAT_AND_MIRRORS) expect(status(host, s), s).toMatchObject({ state: 'failed', reason: { key: 'ux.refused.parkedOnly' } });
    await until(() => status(host, 'climate.temperature')?.state === 'confirmed' && status(host, 'climate.fan')?.state === 'confirmed', 'the climate while moving', 15_000);
    expect(value(host, `${SEAT}Position`)).toBe(seatBefore);
    expect(value(host, TEMP)).toBe(24);
    // The audit log of everything sent: the climate command went out, no seat (0x500) or mirror (0x501) command did.
    const audit = (await readFile(join(host.dataDir, 'audit', 'can-send-audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: number; feature: string });
    expect(new Set(audit.map((a) => a.id))).toEqual(new Set([HU_CLIMATE_CMD]));
    expect(audit.every((a) => a.feature === 'profiles')).toBe(true);
  });

  it('a write the gateway never acknowledges fails with that reason; the seat still arrives', async () => {
    const host = await profilesHost({}, cleanups);
    const choice = await chooseVehicle({}, projectRoot, join(projectRoot, 'assets'));
    // The simulated car behind a gateway whose bus never completes the climate command frame.
    const sim = createSimSource({ vehicle: choice.files.vehicleId });
    const silent: FrameSource = {
      kind: sim.kind,
      buses: () => sim.buses(),
      start: (sink) => sim.start(sink),
      stop: () => sim.stop(),
      send: (frame) => (frame.id === HU_CLIMATE_CMD ? new Promise<void>(() => undefined) : sim.send!(frame)),
    };
    const id = await carWithWang(host, async (h) => {
      const runtime = await startVehicleRuntime({ store: h.store, vehicle: choice.files, source: { kind: 'embedded', source: silent }, dataDir: h.dataDir, report: () => undefined });
      const detach = h.attachVehicleWriter(runtime.link.writer);
      return { close: async () => (detach(), await runtime.close()) };
    });
    await until(() => typeof value(host, TEMP) === 'number', 'the climate read-back');
    const before = value(host, TEMP);
    await host.invoke('profiles.activate', { id });
    await until(() => status(host, 'climate.temperature')?.state === 'failed', 'the unacknowledged climate command to fail', 15_000);
    expect(status(host, 'climate.temperature')).toMatchObject({ reason: { key: 'profiles.apply.sendFailed' }, detail: expect.stringMatching(/no send acknowledgement from the gateway within \d+ ms/) });
    await until(() => status(host, 'seat.position')?.state === 'confirmed', 'the seat', 20_000);
    expect(signalFreshness(host.store.getState().vehicle.signals[TEMP], host.clock())).toBe('fresh');
    expect(value(host, TEMP)).toBe(before);
  });

  const hyundaiLog = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
  const hyundaiDbc = corpusPath('dbc', 'hyundai_2015_ccan.dbc');
  it.skipIf(!hyundaiLog || !hyundaiDbc)('on the Hyundai replay, whose mapping writes nothing, every setting is "not available on this car" and nothing is sent', async () => {
    const host = await profilesHost({}, cleanups);
    // Edited before the drive starts (the replayed car is moving): profiles are set up parked.
    park(host);
    const created = await host.invoke('profiles.create', { name: 'Wang', colour: 'rose' });
    if (!created.ok) throw new Error(created.error.message);
    expect((await host.invoke('profiles.update', { id: created.value.id, patch: WANG })).ok).toBe(true);
    const choice = await chooseVehicle({ vehicle: 'hyundai-2015', dbc: hyundaiDbc!, replay: hyundaiLog! }, projectRoot, join(projectRoot, 'assets'));
    const runtime = await startVehicleData(host, choice, { cwd: projectRoot, report: () => undefined });
    cleanups.unshift(() => runtime.close());
    await until(() => host.store.getState().profiles.writable !== null, 'the replay to connect', 15_000);
    expect(host.store.getState().profiles.writable).toEqual([]);
    await host.invoke('profiles.activate', { id: created.value.id });
    const settings = host.store.getState().profiles.application!.settings;
    expect(Object.keys(settings).sort()).toEqual([...SEAT_AND_MIRRORS, 'climate.fan', 'climate.seatHeating', 'climate.temperature', 'seat.lumbar'].sort());
    expect(new Set(Object.values(settings).map((v) => v!.state))).toEqual(new Set(['unavailable']));
    await expect(readFile(join(host.dataDir, 'audit', 'can-send-audit.jsonl'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('two key fobs answering in turn switch nobody: the picker opens saying two keys are in the car', async () => {
    const host = await profilesHost({ switchDelayMs: 60_000 }, cleanups);
    const id = await carWithWang(host, simulatedEv);
    expect((await host.invoke('profiles.update', { id, patch: { keyFobs: [2] } })).ok).toBe(true);
    const fob = () => host.store.getState().vehicle.signals['Vehicle.Private.CabinIVI.KeyFob.Id']?.value;
    for (const [driver, keyFob] of [['wang', 2], ['li', 1], ['wang', 2]] as const) {
      expect(await host.invoke('sim.override', { driver: { id: driver, keyFob } })).toMatchObject({ ok: true });
      await until(() => fob() === keyFob, `key fob ${keyFob} on the bus`);
    }
    expect(host.store.getState().profiles).toMatchObject({ picker: { open: true, cause: 'twoFobs', fobs: [1, 2] }, pendingSwitch: null, activeId: null });
  });
});
