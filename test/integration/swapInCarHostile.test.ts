// The car's swap booking against operators that misbehave, on loopback: a station for another pack standard, an operator that refuses the car's standard, answers that are not bookings, a clock two hours off, a booking the operator no longer knows — clear messages, no phantom booking, nothing stored lost.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/createHost';
import { HOST_SERVICES } from '../../main/host/services';
import { createSwapService, swapService } from '../../main/services/swap/swapService';
import { signalsUpdated, vehicleSelected } from '../../shared/state/vehicleSlice';
import { DEFAULT_TERMS } from '../../shared/swap/terms';
import { projectRoot } from '../fixtures/corpus';
import { until } from '../fixtures/until';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const HERE = { lat: 31.2, lon: 121.5 };

type Mode = 'ok' | 'incompatible' | 'malformed' | 'forget';

/** A small operator speaking just enough of the protocol, whose clock and manners the test chooses. */
async function fakeOperator(opts: { mode: Mode; skewMs?: number }) {
  const posts: string[] = [];
  const bookings = new Map<string, Record<string, unknown>>();
  const now = () => Date.now() + (opts.skewMs ?? 0);
  const iso = (ms: number) => new Date(ms).toISOString();
  const station = (id: string, standards: string[], dLat: number) => ({
    id,
    name: id === 'ok-1' ? 'Hostile GB/T' : 'Hostile NIO',
    lat: HERE.lat + dLat,
    lon: HERE.lon,
    opening_times: { twentyfourseven: true },
    open_now: true,
    pack_standards: standards,
    bays: 2,
    bays_busy: 0,
    queue_length: 0,
    wait_minutes: 0,
    typical_swap_minutes: 5,
    ready_packs: Object.fromEntries(standards.map((s) => [s, 3])),
    charging_packs: {},
    terms: DEFAULT_TERMS,
    last_updated: iso(now()),
  });
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString();
  };
  const server: Server = createServer(async (req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/swap/v1/stations')) return send(res, 200, { stations: [station('ok-1', ['GBT_40032'], 0.01), station('nio-1', ['NIO_75', 'NIO_100'], 0.005)], server_time: iso(now()) });
    if (req.method === 'POST' && url === '/swap/v1/bookings') {
      const body = JSON.parse(await read(req)) as { station_id: string; pack_standard: string; vehicle_id: string; eta_minutes?: number };
      posts.push(body.station_id);
      if (opts.mode === 'incompatible') return send(res, 422, { error: { code: 'INCOMPATIBLE_PACK_STANDARD', message: 'not here', details: { accepted: ['NIO_75'] } } });
      if (opts.mode === 'malformed') return send(res, 201, { id: 42, status: 'CONFIRMED', note: 'trust me' });
      const t = now();
      const arrival = t + (body.eta_minutes ?? 30) * 60_000;
      const booking = {
        id: `bk_${posts.length}`,
        status: 'CONFIRMED',
        station_id: body.station_id,
        pack_standard: body.pack_standard,
        vehicle_id: body.vehicle_id,
        created_at: iso(t),
        updated_at: iso(t),
        arrival_at: iso(arrival),
        cancel_until: iso(t + 10 * 60_000),
        expires_at: iso(arrival + 15 * 60_000),
        terms: DEFAULT_TERMS,
        price_estimate: { amount_minor: 8400, currency: 'CNY' },
        charge: { amount_minor: 0, currency: 'CNY', reason: null },
        no_show: false,
        status_reason: null,
        queue_position: null,
        bay: null,
        swap: { started_at: null, expected_end_at: null, completed_at: null, new_pack_id: null, new_pack_soc_percent: null, returned_pack_id: null, returned_pack_soc_percent: null },
        event_seq: 1,
        server_time: iso(t),
      };
      bookings.set(booking.id, booking);
      return send(res, 201, booking);
    }
    const m = /^\/swap\/v1\/bookings\/([^/]+)$/.exec(url);
    if (m && bookings.has(m[1]) && opts.mode !== 'forget') return send(res, 200, { ...bookings.get(m[1]), server_time: iso(now()) });
    return send(res, 404, { error: { code: 'BOOKING_NOT_FOUND', message: 'unknown booking' } });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanups.push(
    () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(done);
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts, set: (mode: Mode) => (opts.mode = mode) };
}

async function carHost(url: string): Promise<{ host: Host; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cabin-swaphostile-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const services = HOST_SERVICES.map((s) => (s === swapService ? createSwapService({ timeoutMs: 1000, requestWindowMs: 1500 }) : s));
  const host = await createHost({ dataDir, version: 't', mode: 'simulation', transport: 'none', appRoot: projectRoot, services });
  cleanups.unshift(() => host.close());
  host.store.dispatch(vehicleSelected({ vehicleId: 'cabin-ev', paths: [], sources: {}, capabilities: { tractionBattery: true, charging: true, swap: true } }));
  const seenAt = host.clock();
  const values = { 'Vehicle.CurrentLocation.Latitude': HERE.lat, 'Vehicle.CurrentLocation.Longitude': HERE.lon, 'Vehicle.Speed': 30, 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current': 20 };
  host.store.dispatch(signalsUpdated(Object.entries(values).map(([path, value]) => ({ path, value, seenAt, staleAfterMs: 60_000 }))));
  host.ports.swap!.attachNetwork({ id: 'hostile', name: 'Hostile', url, token: 'token' });
  await host.invoke('swap.connect', {});
  await until(() => host.store.getState().swap.stations.length > 0, 'stations listed');
  return { host, dataDir };
}

const stored = async (dataDir: string) => {
  try {
    return JSON.parse(await readFile(join(dataDir, 'swap', 'bookings.json'), 'utf8')).data;
  } catch {
    return { live: null, unresolved: [] };
  }
};

describe('swap booking against misbehaving operators', () => {
  it('never offers a station for another pack standard, and refuses one by id before asking the operator', async () => {
    const op = await fakeOperator({ mode: 'ok' });
    const { host } = await carHost(op.url);
    const s = host.store.getState().swap;
    expect(s.stations.map((x) => x.id)).toEqual(['ok-1']);
    expect(s.incompatibleStations).toBe(1);
    const result = await host.invoke('swap.book', { networkId: 'hostile', stationId: 'nio-1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', reason: { key: 'swap.problems.incompatible', params: { station: 'Hostile NIO', standard: 'GBT_40032' } } } });
    expect(op.posts).toEqual([]);
    expect(await host.invoke('swap.book', { networkId: 'hostile', stationId: 'nowhere' })).toMatchObject({ ok: false, error: { reason: { key: 'swap.problems.unknownStation' } } });
  });

  it('an operator that refuses the car’s standard is said so, and nothing is booked', async () => {
    const op = await fakeOperator({ mode: 'incompatible' });
    const { host, dataDir } = await carHost(op.url);
    const result = await host.invoke('swap.book', { networkId: 'hostile', stationId: 'ok-1' });
    expect(result).toMatchObject({ ok: false, error: { reason: { key: 'swap.problems.refused.INCOMPATIBLE_PACK_STANDARD' } } });
    expect(host.store.getState().swap.active).toMatchObject({ status: 'refused' });
    expect(op.posts).toEqual(['ok-1']);
    expect((await stored(dataDir)).live).toBeNull();
  });

  it('answers that are not bookings are never shown as one: refused as malformed, kept to resolve', async () => {
    const op = await fakeOperator({ mode: 'malformed' });
    const { host, dataDir } = await carHost(op.url);
    const result = await host.invoke('swap.book', { networkId: 'hostile', stationId: 'ok-1' });
    expect(result).toMatchObject({ ok: false, error: { reason: { key: 'swap.problems.malformed', params: { network: 'Hostile' } } } });
    expect(result.ok === false && result.error.message).toMatch(/\$\.id: /);
    // Retried with the same key while the window lasted; none of it became a booking.
    expect(op.posts.length).toBeGreaterThan(1);
    const doc = await stored(dataDir);
    expect(doc.live).toBeNull();
    expect(doc.unresolved).toHaveLength(1);
    expect(host.store.getState().swap.active.status).toBe('refused');
  });

  it('an operator clock two hours ahead does not move the booking’s times: they are converted to the car’s clock', async () => {
    const op = await fakeOperator({ mode: 'ok', skewMs: 2 * 3_600_000 });
    const { host } = await carHost(op.url);
    expect(host.store.getState().swap.networks[0].clockOffsetMs).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect(await host.invoke('swap.book', { networkId: 'hostile', stationId: 'ok-1' })).toMatchObject({ ok: true });
    const a = host.store.getState().swap.active;
    if (a.status !== 'booked') throw new Error(a.status);
    const eta = a.route!.etaMinutes;
    expect(Math.abs(a.booking.arrivalAt - (Date.now() + eta * 60_000))).toBeLessThan(90_000);
    expect(Math.abs(a.booking.cancelUntil - (Date.now() + 10 * 60_000))).toBeLessThan(90_000);
  });

  it('a booking the operator no longer knows is shown as failed with why, not kept and not silently dropped', async () => {
    const op = await fakeOperator({ mode: 'ok' });
    const { host, dataDir } = await carHost(op.url);
    expect(await host.invoke('swap.book', { networkId: 'hostile', stationId: 'ok-1' })).toMatchObject({ ok: true });
    op.set('forget');
    await host.invoke('swap.connect', {});
    await until(() => host.store.getState().swap.active.status === 'finished', 'the unknown booking ended');
    expect(host.store.getState().swap.active).toMatchObject({ status: 'finished', booking: { status: 'FAILED', statusReason: 'BOOKING_NOT_FOUND' } });
    expect(host.store.getState().swap.history[0]).toMatchObject({ status: 'FAILED', statusReason: 'BOOKING_NOT_FOUND' });
    expect((await stored(dataDir)).history).toHaveLength(1);
  });
});
