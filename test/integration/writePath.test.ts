// The write path as a page reaches it through the real bridge: refused while moving, bounded under a flood, dropped on disconnect, cheap against hostile payloads.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { createHost, type Host } from '../../main/host/createHost';
import { chooseVehicle } from '../../main/vehicle/vehicleChoice';
import { startVehicleData } from '../../main/cli/start/startVehicleData';
import type { VehicleRuntime } from '../../main/cli/start/vehicleRuntime';
import { startWebServer, type WebServer } from '../../main/web/startWebServer';
import { BridgeChannel } from '../../shared/ipc/bridge';
import type { IntentResult } from '../../shared/ipc/intents';
import { signalFreshness } from '../../shared/state/vehicleSlice';
import { projectRoot } from '../fixtures/corpus';
import { until } from '../fixtures/until';

const SEAT = 'Vehicle.Cabin.Seat.Row1.DriverSide.Position';
const MIRROR = 'Vehicle.Body.Mirrors.DriverSide.Tilt';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Car {
  host: Host;
  runtime: VehicleRuntime;
  web: WebServer;
  page(): Promise<Socket>;
  audit(): Promise<Array<{ feature: string; summary?: string }>>;
}

/** The simulated EV behind its embedded gateway, a host, and the browser bridge a page talks to. */
async function car(scenario?: string): Promise<Car> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cabin-writepath-'));
  const rendererDir = await mkdtemp(join(tmpdir(), 'cabin-renderer-'));
  const host = await createHost({ dataDir, version: 't', mode: 'simulation', transport: 'web', appRoot: projectRoot });
  const choice = await chooseVehicle(scenario ? { scenario } : {}, projectRoot, join(projectRoot, 'assets'));
  const runtime = await startVehicleData(host, choice, { cwd: projectRoot, report: () => undefined });
  const web = await startWebServer({ host, rendererDir, port: 0 });
  cleanups.push(
    () => rm(dataDir, { recursive: true, force: true }),
    () => rm(rendererDir, { recursive: true, force: true }),
    () => host.close(),
    () => runtime.close(),
    () => web.close(),
  );
  return {
    host,
    runtime,
    web,
    async page() {
      // A page that skips the UI: straight to the bridge with the token, as any script could.
      const socket = io(web.origin, { path: '/bridge', transports: ['websocket'], auth: { token: web.token }, forceNew: true });
      cleanups.push(async () => socket.close());
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    },
    async audit() {
      const text = await readFile(join(dataDir, 'audit', 'can-send-audit.jsonl'), 'utf8').catch(() => '');
      return text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    },
  };
}

const command = (socket: Socket, targets: Record<string, unknown>, feature: string) =>
  socket.emitWithAck(BridgeChannel.intent, 'vehicle.command', JSON.stringify({ targets, feature })) as Promise<IntentResult<{ frames: number; superseded: number }>>;

describe('driving restrictions on the write path', () => {
  it('highway-low-battery at speed: a seat command from a page is refused with NOT_ALLOWED and the seat does not move', async () => {
    const { host, page, audit } = await car('highway-low-battery');
    const seat = () => host.store.getState().vehicle.signals[SEAT];
    await until(() => host.store.getState().ux.restrictions.drivingState === 'moving' && host.store.getState().ux.restrictions.cause === 'speed', 'the car to drive off', 20_000);
    await until(() => signalFreshness(seat(), host.clock()) === 'fresh', 'the seat position');
    const before = seat()!.value as number;
    const socket = await page();
    const refused = await command(socket, { [SEAT]: before + 120 }, 'hostile-page');
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', reason: { key: 'ux.refused.parkedOnly' } } });
    // A fresh reading after the refusal still shows the old position; and nothing went to the gateway at all.
    const refusedAt = host.clock();
    await until(() => (seat()?.seenAt ?? 0) > refusedAt + 200, 'a seat reading after the refusal');
    expect(seat()!.value).toBe(before);
    expect(await audit()).toEqual([]);
  });

  it('parked, the same command is accepted and the read-back reaches the target', async () => {
    const { host, page, audit } = await car();
    const seat = () => host.store.getState().vehicle.signals[SEAT];
    await until(() => host.store.getState().ux.restrictions.drivingState === 'parked', 'the parked car');
    await until(() => signalFreshness(seat(), host.clock()) === 'fresh', 'the seat position');
    const start = seat()!.value as number;
    const target = start >= 130 ? start - 120 : start + 120;
    const accepted = await command(await page(), { [SEAT]: target }, 'profile');
    expect(accepted).toEqual({ ok: true, value: { frames: 1, superseded: 0 } });
    await until(() => Math.abs((seat()!.value as number) - target) <= 1, `the seat to reach ${target} mm`, 20_000);
    expect((await audit()).map((e) => e.feature)).toEqual(['profile']);
  });
});

describe('a bounded write path', () => {
  it('300 mirror commands in a burst leave at most one pending; nothing is sent for the page after it disconnects', async () => {
    const { host, runtime, page, audit } = await car();
    await until(() => host.store.getState().ux.restrictions.drivingState === 'parked', 'the parked car');
    await until(() => host.store.getState().connection.gateway.status === 'connected', 'the gateway');
    const flooder = await page();
    const acks: Array<Promise<unknown>> = [];
    // Commands still unanswered when the page goes away are never answered: their acks reject.
    for (let i = 0; i < 300; i++) acks.push(command(flooder, { [MIRROR]: (i % 20) - 10 }, 'flood').catch(() => 'unanswered'));
    // Every command reaches the host before we look: the socket delivers in order, so one more round trip proves it.
    await flooder.emitWithAck(BridgeChannel.intent, 'notices.dismiss', JSON.stringify({ id: 'x' }));
    expect(runtime.link.writer.pendingCount).toBeLessThanOrEqual(1);
    flooder.disconnect();
    await until(() => runtime.link.writer.pendingCount === 0, 'the disconnected page\'s command to be dropped');
    // Another page's command goes out after the rate-limit slot: the flood's last target never follows it.
    const other = await page();
    expect(await command(other, { [MIRROR]: 3 }, 'after')).toMatchObject({ ok: true });
    const features = (await audit()).map((e) => e.feature);
    expect(features.filter((f) => f === 'flood').length).toBeLessThanOrEqual(2);
    expect(features.at(-1)).toBe('after');
    // Answered ones were sent, replaced by a newer target (superseded), or dropped for missing their
    // deadline on a busy machine — never refused as invalid or not allowed.
    const answered = (await Promise.all(acks)).filter((a) => a !== 'unanswered') as Array<IntentResult<{ superseded: number }>>;
    const bad = answered.filter((a) => !a.ok && !(a.error.code === 'FAILED' && /dropped/.test(a.error.message)));
    expect(bad).toEqual([]);
  });

  it('a 150,000-key command through the bridge is refused while a trivial intent is answered and the vehicle link stays up', async () => {
    const { host, page } = await car();
    await until(() => host.store.getState().connection.gateway.status === 'connected', 'the gateway');
    const reconnects = host.store.getState().connection.diagnostics?.reconnects ?? 0;
    const targets: Record<string, number> = {};
    for (let i = 0; i < 150_000; i++) targets[`k${i}`] = 1;
    const text = JSON.stringify({ targets, feature: 'flood' });
    expect(text.length).toBeLessThan(4 * 1024 * 1024);
    const socket = await page();
    const [refused, trivial] = await Promise.all([
      socket.emitWithAck(BridgeChannel.intent, 'vehicle.command', text),
      socket.emitWithAck(BridgeChannel.intent, 'notices.dismiss', JSON.stringify({ id: 'none' })),
    ]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: /over the 4096 allowed/ } });
    expect(trivial).toEqual({ ok: true, value: { dismissed: false } });
    expect(host.store.getState().connection.gateway.status).toBe('connected');
    expect(host.store.getState().connection.diagnostics?.reconnects ?? 0).toBe(reconnects);
  });
});
