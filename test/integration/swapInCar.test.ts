// The car's swap booking against a real `cabin swap-operator` process (VoltSwap's stations, PGlite): book while driving, arrive by geofence, swap confirmed from CAN, receipts; a restart mid-request and mid-booking reconciled; an operator that stops answering leaves no phantom; a retry reuses its key; a double tap books once; a deleted profile keeps the car's booking.
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/createHost';
import { HOST_SERVICES } from '../../main/host/services';
import { createSwapService, swapService, type SwapServiceOptions } from '../../main/services/swap/swapService';
import { signalsUpdated, vehicleSelected } from '../../shared/state/vehicleSlice';
import { simulatedSwapNetworks } from '../../simulator/swapNetworks';
import { protocolClient, readUntil, spawnOperator, writeStationsFile, type OperatorProcess } from '../../swap-operator/testing/operatorProcess';
import { projectRoot } from '../fixtures/corpus';
import { until } from '../fixtures/until';

const CAR_TOKEN = 'car-token-0123456789abcdef';
const STATION_TOKEN = 'station-token-0123456789abcdef';
const CENTURY = 'vs-sh-century-ave';
const voltswap = simulatedSwapNetworks()[0];
const century = voltswap.stations.find((s) => s.id === CENTURY)!;
/** About 1.5 km south of the station, on the way there. */
const AWAY = { lat: century.lat - 0.0135, lon: century.lon };

let operator: OperatorProcess;
let operatorDir: string;
const station = () => protocolClient(operator.url, STATION_TOKEN);
const readyAt = async (id = CENTURY) => ((await station().station(id)).body.ready_packs as Record<string, number>).GBT_40032;

beforeAll(async () => {
  operatorDir = await mkdtemp(join(tmpdir(), 'cabin-swapcar-op-'));
  const file = writeStationsFile(operatorDir, voltswap.stations);
  const tokens = join(operatorDir, 'tokens.txt');
  await writeFile(tokens, `${CAR_TOKEN} cabin client\n${STATION_TOKEN} voltswap-stations station\n`);
  // PGlite's first start runs initdb: tens of seconds on a loaded machine, paid once for the file.
  operator = await spawnOperator(['--port', '0', '--data', join(operatorDir, 'db'), '--stations', file, '--token-file', tokens, '--manual-swaps'], { timeoutMs: 150_000 });
}, 160_000);

afterAll(async () => {
  operator?.child.kill('SIGCONT');
  await operator?.kill();
  await rm(operatorDir, { recursive: true, force: true });
});

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-swapcar-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function carHost(dataDir: string, url: string | null = operator.url, options: SwapServiceOptions = {}): Promise<Host> {
  const services = HOST_SERVICES.map((s) => (s === swapService ? createSwapService({ timeoutMs: 2000, requestWindowMs: 6000, ...options }) : s));
  const host = await createHost({ dataDir, version: 't', mode: 'simulation', transport: 'none', appRoot: projectRoot, services });
  let closed = false;
  const close = host.close.bind(host);
  host.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanups.unshift(() => host.close());
  host.store.dispatch(vehicleSelected({ vehicleId: 'cabin-ev', paths: [], sources: {}, capabilities: { tractionBattery: true, charging: true, swap: true } }));
  if (url !== null) host.ports.swap!.attachNetwork({ id: 'voltswap', name: 'VoltSwap', url, token: CAR_TOKEN });
  return host;
}

/** The car's readings, fresh: where it is, how fast, its charge and the pack the BMS reports. */
function car(host: Host, at: { lat: number; lon: number }, speed: number, soc = 18, packId = 26000417): void {
  const seenAt = host.clock();
  const values: Record<string, number> = {
    'Vehicle.CurrentLocation.Latitude': at.lat,
    'Vehicle.CurrentLocation.Longitude': at.lon,
    'Vehicle.Speed': speed,
    'Vehicle.Powertrain.Transmission.SelectedGear': speed > 0 ? 127 : 126,
    'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current': soc,
    'Vehicle.Private.CabinIVI.Battery.InstalledPackId': packId,
  };
  host.store.dispatch(signalsUpdated(Object.entries(values).map(([path, value]) => ({ path, value, seenAt, staleAfterMs: 60_000 }))));
}

const active = (host: Host) => host.store.getState().swap.active;
const liveBooking = (host: Host) => {
  const a = active(host);
  return a.status === 'booked' || a.status === 'finished' ? a.booking : null;
};
const storedDocument = async (dataDir: string) => JSON.parse(await readFile(join(dataDir, 'swap', 'bookings.json'), 'utf8')).data;

async function connected(host: Host): Promise<void> {
  const r = await host.invoke('swap.connect', {});
  expect(r).toMatchObject({ ok: true, value: { online: 1 } });
  await until(() => host.store.getState().swap.stations.some((s) => s.id === CENTURY), 'Century Avenue listed');
}

/** A loopback proxy in front of the operator that records booking requests and can swallow answers. */
async function recordingProxy(dropAnswers = 0) {
  const seen: Array<{ key: string; body: string; status: number; replayed: string | null }> = [];
  let drop = dropAnswers;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    const upstream = await fetch(`${operator.url}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'GET' ? undefined : body });
    const text = await upstream.text();
    if (req.method === 'POST' && req.url === '/swap/v1/bookings') {
      seen.push({ key: String(req.headers['idempotency-key']), body, status: upstream.status, replayed: upstream.headers.get('idempotent-replayed') });
      if (drop > 0) {
        // The operator booked; the answer is lost on the way back.
        drop -= 1;
        req.socket.destroy();
        return;
      }
    }
    res.writeHead(upstream.status, { 'content-type': 'application/json', ...(upstream.headers.get('idempotent-replayed') ? { 'idempotent-replayed': 'true' } : {}) });
    res.end(text);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise((done) => server.close(done)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function cancelLeftover(host: Host): Promise<void> {
  const b = liveBooking(host);
  if (b && (b.status === 'CONFIRMED' || b.status === 'ARRIVED')) await host.invoke('swap.cancel', {});
}

describe('swap booking in the car, against a real operator', () => {
  it('books while driving in three taps, checks in by geofence, confirms the swap from CAN and keeps a receipt', async () => {
    const dataDir = await newDataDir();
    const host = await carHost(dataDir);
    car(host, AWAY, 45);
    expect(host.store.getState().ux.restrictions.drivingState).toBe('moving');
    await connected(host);
    const listed = host.store.getState().swap.stations.find((s) => s.id === CENTURY)!;
    expect(listed).toMatchObject({ packStandard: 'GBT_40032', networkName: 'VoltSwap' });
    expect(listed.etaMinutes).toBeGreaterThan(0);
    const before = await readyAt();

    // Tap 2: the terms before confirming; tap 3: book. Neither needs typing, so both are allowed while moving.
    expect(await host.invoke('swap.quote', { networkId: 'voltswap', stationId: CENTURY })).toMatchObject({ ok: true, value: { available: true } });
    const quote = host.store.getState().swap.quote;
    if (quote.status !== 'ready') throw new Error(`quote ${quote.status}`);
    expect(quote.quote.terms).toMatchObject({ swapFeeMinor: 1500, cancelUntilMinutes: 10, noshowFeeMinor: 2000 });
    expect(quote.quote.cancelUntil).toBeGreaterThan(Date.now());
    const booked = await host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY });
    expect(booked).toMatchObject({ ok: true, value: { status: 'CONFIRMED' } });
    expect(await readyAt()).toBe(before - 1);
    const b = liveBooking(host)!;
    // Arrival from the route estimate: minutes ahead, not the operator's default half hour.
    expect(b.arrivalAt - Date.now()).toBeGreaterThan(0);
    expect(b.arrivalAt - Date.now()).toBeLessThan(15 * 60_000);

    // Arrive: inside the geofence and stopped → the car checks itself in.
    car(host, { lat: century.lat, lon: century.lon }, 0);
    await until(() => liveBooking(host)?.status === 'ARRIVED', 'check-in by geofence');

    // The station swaps: it names the pack going in; the car's BMS then reports that pack at 95 %.
    const started = await station().request('POST', `/swap/v1/bookings/${b.id}/swap/start`, {});
    expect(started.status).toBe(200);
    const newPack = String((started.body.swap as { new_pack_id: string }).new_pack_id);
    await until(() => liveBooking(host)?.status === 'SWAPPING', 'swapping shown', 20_000);
    car(host, { lat: century.lat, lon: century.lon }, 0, 95, Number(newPack));
    expect((await station().request('POST', `/swap/v1/bookings/${b.id}/swap/complete`, {})).status).toBe(200);
    await until(() => {
      const a = active(host);
      return a.status === 'finished' && a.confirmation?.state === 'confirmed';
    }, 'completion confirmed from CAN');
    const done = active(host);
    if (done.status !== 'finished') throw new Error('not finished');
    expect(done.confirmation).toMatchObject({ state: 'confirmed', packId: newPack, socPercent: 95, packIdBefore: '26000417' });
    const receipt = host.store.getState().swap.history[0];
    expect(receipt).toMatchObject({ bookingId: b.id, status: 'COMPLETED', newPackId: newPack, charge: { reason: 'SWAP', currency: 'CNY' }, confirmation: 'confirmed' });
    expect(receipt.charge.amountMinor).toBeGreaterThan(1500);
    expect((await storedDocument(dataDir)).history[0].bookingId).toBe(b.id);
    expect(await host.invoke('swap.dismiss', {})).toMatchObject({ ok: true, value: { dismissed: true } });
    expect(active(host).status).toBe('none');
  });

  it('a double tap on Book makes one booking; the retry after a lost answer resends the same key and body', async () => {
    const proxy = await recordingProxy(1);
    const host = await carHost(await newDataDir(), proxy.url);
    car(host, AWAY, 40);
    await connected(host);
    const before = await readyAt();
    const [one, two] = await Promise.all([
      host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY }),
      host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY }),
    ]);
    expect(one).toMatchObject({ ok: true, value: { status: 'CONFIRMED' } });
    expect(two).toEqual(one);
    // First answer swallowed by the proxy, so the car asked again: same key, byte-identical body, answered by replay.
    expect(proxy.seen).toHaveLength(2);
    expect(proxy.seen[1].key).toBe(proxy.seen[0].key);
    expect(proxy.seen[1].body).toBe(proxy.seen[0].body);
    expect(proxy.seen.map((s) => [s.status, s.replayed])).toEqual([
      [201, null],
      [200, 'true'],
    ]);
    expect(await readyAt()).toBe(before - 1);
    // A third tap on the same station answers the live booking; another station is refused while it lives.
    expect(await host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY })).toEqual(one);
    const elsewhere = await host.invoke('swap.book', { networkId: 'voltswap', stationId: 'vs-sh-zhangjiang' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', reason: { key: 'swap.problems.alreadyBooked' } } });
    expect(proxy.seen).toHaveLength(2);
    await cancelLeftover(host);
    expect(await readyAt()).toBe(before);
  });

  it('a restart in the middle of a request retries it with its stored key and restores the booking the operator made', async () => {
    const dataDir = await newDataDir();
    let host = await carHost(dataDir);
    car(host, AWAY, 40);
    await connected(host);
    const before = await readyAt();
    operator.child.kill('SIGSTOP');
    try {
      const pending = host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY });
      await until(() => active(host).status === 'requesting', 'request on its way');
      const stored = await readUntil(() => storedDocument(dataDir), (d) => d.live !== null, 'the request on disk before any answer');
      expect(stored.live).toMatchObject({ booking: null, body: { station_id: CENTURY, pack_standard: 'GBT_40032' } });
      await host.close();
      await pending;
    } finally {
      operator.child.kill('SIGCONT');
    }
    // The operator now works through what it was sent (its answers go nowhere). The car starts again.
    host = await carHost(dataDir);
    car(host, AWAY, 40);
    await until(() => liveBooking(host)?.status === 'CONFIRMED', 'the booking restored after the restart', 30_000);
    const doc = await storedDocument(dataDir);
    expect(doc.live.idempotencyKey).toBeTruthy();
    expect(liveBooking(host)!.id).toBe(doc.live.booking.id);
    // One pack held, however many times the request reached the operator.
    expect(await readyAt()).toBe(before - 1);
    await cancelLeftover(host);
  });

  it("follows the booking by the operator's event stream: a change the station makes shows without the car asking", async () => {
    // Asking again only once an hour while the stream is open: whatever arrives in this test came by event.
    const host = await carHost(await newDataDir(), operator.url, { pollWhileFollowingMs: 60 * 60_000 });
    car(host, AWAY, 40);
    await connected(host);
    expect(await host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY })).toMatchObject({ ok: true, value: { status: 'CONFIRMED' } });
    await until(() => {
      const a = active(host);
      return a.status === 'booked' && a.updates === 'events';
    }, 'the booking followed by its event stream');
    const id = liveBooking(host)!.id;
    expect((await station().request('POST', `/swap/v1/bookings/${id}/swap/fail`, { reason: 'STATION_FAULT' })).status).toBe(200);
    await until(() => liveBooking(host)?.status === 'FAILED', 'the failure heard through the event stream');
    expect(liveBooking(host)!.statusReason).toBe('STATION_FAULT');
    expect(host.store.getState().swap.history[0]).toMatchObject({ bookingId: id, status: 'FAILED' });
  });

  it('a booking that changed while the car was off is reconciled at start: failed by the station, with its receipt', async () => {
    const dataDir = await newDataDir();
    let host = await carHost(dataDir);
    car(host, AWAY, 40);
    await connected(host);
    await host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY });
    const id = liveBooking(host)!.id;
    await host.close();
    expect((await station().request('POST', `/swap/v1/bookings/${id}/swap/fail`, { reason: 'STATION_FAULT' })).status).toBe(200);
    host = await carHost(dataDir);
    // Shown from disk at once, then corrected by the operator's answer.
    expect(liveBooking(host)).toMatchObject({ id, status: 'CONFIRMED' });
    await until(() => liveBooking(host)?.status === 'FAILED', 'the failure learnt from the operator');
    expect(liveBooking(host)!.statusReason).toBe('STATION_FAULT');
    expect(host.store.getState().swap.history[0]).toMatchObject({ bookingId: id, status: 'FAILED', charge: { amountMinor: 0 } });
  });

  it('bookings belong to the car: a profile deleted while its driver has a booking does not take the booking with it', async () => {
    const dataDir = await newDataDir();
    const host = await carHost(dataDir);
    car(host, AWAY, 0);
    const created = await host.invoke('profiles.create', { name: 'Wang', colour: 'rose' });
    if (!created.ok) throw new Error(created.error.message);
    await host.invoke('profiles.activate', { id: created.value.id });
    await connected(host);
    expect(await host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY })).toMatchObject({ ok: true });
    const id = liveBooking(host)!.id;
    expect(await host.invoke('profiles.delete', { id: created.value.id })).toMatchObject({ ok: true });
    expect(liveBooking(host)).toMatchObject({ id, status: 'CONFIRMED' });
    expect((await storedDocument(dataDir)).live.booking.id).toBe(id);
    await cancelLeftover(host);
  });

  it('an operator that stops answering mid-request leaves no booking: the driver is told, and one made meanwhile is cancelled once it answers', async () => {
    const dataDir = await newDataDir();
    const host = await carHost(dataDir, operator.url, { requestWindowMs: 3000, timeoutMs: 800 });
    car(host, AWAY, 40);
    await connected(host);
    const before = await readyAt();
    operator.child.kill('SIGSTOP');
    let result;
    try {
      result = await host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY });
    } finally {
      operator.child.kill('SIGCONT');
    }
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', reason: { key: 'swap.problems.noAnswer' } } });
    expect(active(host)).toMatchObject({ status: 'refused', problem: { key: 'swap.problems.noAnswer' } });
    const doc = await storedDocument(dataDir);
    expect(doc.live).toBeNull();
    expect(doc.unresolved).toHaveLength(1);
    // The operator comes back and works through the requests it was sent; the car resolves the lost one.
    const resolved = async () => {
      await host.invoke('swap.connect', {});
      return storedDocument(dataDir);
    };
    await readUntil(resolved, (d) => d.unresolved.length === 0, 'the lost request resolved', 30_000);
    expect(await readyAt()).toBe(before);
    expect(active(host).status).toBe('refused');
  });

  it('an operator that is down is said so plainly and nothing is booked', async () => {
    const closedPort = await new Promise<number>((done) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => done(port));
      });
    });
    const dataDir = await newDataDir();
    const host = await carHost(dataDir);
    car(host, AWAY, 40);
    await connected(host);
    // The network's operator goes away (the same car, the same station list).
    host.ports.swap!.attachNetwork({ id: 'voltswap', name: 'VoltSwap', url: `http://127.0.0.1:${closedPort}`, token: CAR_TOKEN });
    const result = await host.invoke('swap.book', { networkId: 'voltswap', stationId: CENTURY });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', reason: { key: 'swap.problems.unreachable', params: { network: 'VoltSwap' } } } });
    expect(active(host)).toMatchObject({ status: 'refused' });
    const doc = await storedDocument(dataDir);
    expect(doc.live).toBeNull();
    // Never sent, so nothing can have been booked: nothing is kept to resolve either.
    expect(doc.unresolved).toEqual([]);
    await until(() => host.store.getState().swap.networks[0]?.link.state === 'unreachable', 'the network shown unreachable');
  });
});

describe("a head unit's own swap networks", () => {
  it('swap/networks.json in the data folder attaches its operators at start, with no simulation to offer them', async () => {
    const dataDir = await newDataDir();
    await mkdir(join(dataDir, 'swap'), { recursive: true });
    await writeFile(join(dataDir, 'swap', 'networks.json'), JSON.stringify({ networks: [{ id: 'voltswap', name: 'VoltSwap', url: operator.url, token: CAR_TOKEN }] }));
    const host = await carHost(dataDir, null);
    car(host, AWAY, 0);
    await connected(host);
    expect(host.store.getState().swap.networks).toMatchObject([{ id: 'voltswap', name: 'VoltSwap', link: { state: 'online' } }]);
  });
});
