// `cabin swap-operator` on embedded PGlite as a real process: the protocol contract, tokens, bad input, a dropped response retried, and a swap from check-in to the new pack over SSE.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingSchema, stationSchema } from '../../shared/swap/protocol';
import { protocolClient, readUntil, spawnOperator, writeStationsFile, type OperatorProcess } from '../../swap-operator/testing/operatorProcess';
import { openEventStream } from '../../swap-operator/testing/sse';
import { until } from '../fixtures/until';

const TOKEN = 'swap-test-token-0123456789';
const tmp = mkdtempSync(join(tmpdir(), 'cabin-swap-op-'));
const station = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Station ${id}`,
  lat: 31.2304,
  lon: 121.5268,
  pack_standards: ['GBT_40032', 'CATL_CHOCO_20'],
  bays: 2,
  ready_packs: { GBT_40032: 2, CATL_CHOCO_20: 1 },
  ...extra,
});
// One station per test, so tests do not see each other's bookings.
const stations = [
  station('contract'),
  station('idem'),
  station('bad'),
  station('retry'),
  // Swaps take 1.2 s here and a returned pack recharges in under 3 s.
  station('flow', { typical_swap_minutes: 0.02, recharge_minutes: 0.04, ready_packs: { GBT_40032: 1, CATL_CHOCO_20: 0 } }),
];

let op: OperatorProcess;
let api: ReturnType<typeof protocolClient>;

beforeAll(async () => {
  op = await spawnOperator(['--port', '0', '--data', join(tmp, 'data'), '--stations', writeStationsFile(tmp, stations)], { token: TOKEN });
  api = protocolClient(op.url, TOKEN);
}, 120_000);

afterAll(async () => {
  // A clean stop: SIGTERM, exit 0, and the counts of what was refused.
  const code = await op?.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
  expect(code).toBe(0);
  expect(op.stderr()).toMatch(/stopped: \d+ requests \(refused: [^)]*; internal errors 0\)/);
}, 30_000);

const ready = async (id: string, standard = 'GBT_40032') => ((await api.station(id)).body.ready_packs as Record<string, number>)[standard];

describe('swap-operator on PGlite', () => {
  it('books (201 CONFIRMED), reads, counts only unbooked packs, cancels (200 CANCELLED) and frees the pack', async () => {
    expect(await ready('contract')).toBe(2);
    const created = await api.book('contract-1', { station_id: 'contract', pack_standard: 'GBT_40032', vehicle_id: 'car-1' });
    expect(created.status).toBe(201);
    const booking = bookingSchema.parse(created.body);
    expect(booking).toMatchObject({ status: 'CONFIRMED', station_id: 'contract', pack_standard: 'GBT_40032', vehicle_id: 'car-1' });
    expect(created.headers.get('location')).toBe(`/swap/v1/bookings/${booking.id}`);
    expect(created.headers.get('swap-protocol-version')).toBe('1.0');

    const st = await api.station('contract');
    expect(st.status).toBe(200);
    expect(stationSchema.parse(st.body).ready_packs).toEqual({ GBT_40032: 1, CATL_CHOCO_20: 1 });

    expect((await api.get(booking.id)).body).toMatchObject({ id: booking.id, status: 'CONFIRMED' });
    const cancelled = await api.cancel(booking.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: booking.id, status: 'CANCELLED', charge: { amount_minor: 0, reason: null } });
    expect(await ready('contract')).toBe(2);
    // A retried cancel answers the same; the pack is not freed twice.
    expect(await api.cancel(booking.id)).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });
    expect(await ready('contract')).toBe(2);
    expect((await api.get(booking.id)).body).toMatchObject({ status: 'CANCELLED' });
  });

  it('answers the same key with the same booking and creates nothing; the same key with another body is 422', async () => {
    const body = { station_id: 'idem', pack_standard: 'GBT_40032', vehicle_id: 'car-2', eta_minutes: 12 };
    const first = await api.book('idem-1', body);
    expect(first.status).toBe(201);
    // Key order does not matter: it is the same request.
    const again = await api.book('idem-1', { eta_minutes: 12, vehicle_id: 'car-2', pack_standard: 'GBT_40032', station_id: 'idem' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await ready('idem')).toBe(1);

    const reused = await api.book('idem-1', { ...body, vehicle_id: 'car-3' });
    expect(reused.status).toBe(422);
    expect(reused.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await ready('idem')).toBe(1);

    // The last pack goes; the next booking is told so, with when one will be ready.
    expect((await api.book('idem-2', { ...body, vehicle_id: 'car-4' })).status).toBe(201);
    const none = await api.book('idem-3', { ...body, vehicle_id: 'car-5' });
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({ code: 'NO_PACK_AVAILABLE', details: { pack_standard: 'GBT_40032', next_ready_at: null } });
    // Nothing is remembered for a refused key: the same key books once a pack is free.
    expect((await api.cancel(String(first.body.id))).status).toBe(200);
    expect((await api.book('idem-3', { ...body, vehicle_id: 'car-5' })).status).toBe(201);
  });

  it('answers 401 without a valid bearer token, on every route, before anything else', async () => {
    const booked = await api.book('auth-1', { station_id: 'contract', pack_standard: 'CATL_CHOCO_20', vehicle_id: 'car-6' });
    expect(booked.status).toBe(201);
    const id = String(booked.body.id);
    const probes: [string, string, unknown?][] = [
      ['GET', '/swap/v1/stations/contract'],
      ['GET', `/swap/v1/bookings/${id}`],
      ['POST', `/swap/v1/bookings/${id}/cancel`],
      ['POST', '/swap/v1/bookings', { station_id: 'contract', pack_standard: 'GBT_40032', vehicle_id: 'x' }],
      ['GET', '/swap/v1/no-such-route'],
      ['GET', '/'],
    ];
    const authHeaders: (Record<string, string> | null)[] = [null, { Authorization: 'Bearer wrong-token' }, { Authorization: `Basic ${TOKEN}` }, { Authorization: `Bearer ${TOKEN}x` }, { Authorization: 'Bearer' }];
    for (const [method, path, body] of probes) {
      for (const headers of authHeaders) {
        const anon = protocolClient(op.url, null);
        const r = await anon.request(method, path, body, { ...(headers ?? {}), 'Idempotency-Key': 'auth-probe' });
        expect(r.status, `${method} ${path} with ${JSON.stringify(headers)}`).toBe(401);
        expect(r.body.error).toMatchObject({ code: 'UNAUTHORIZED' });
        expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
    // Nothing happened behind the 401s.
    expect((await api.get(id)).body).toMatchObject({ status: 'CONFIRMED' });
  });

  it('refuses bad input with located, coded errors and keeps serving; nothing stored is lost', async () => {
    const post = (body: unknown, headers: Record<string, string> = { 'Idempotency-Key': `bad-${Math.random()}` }) => api.request('POST', '/swap/v1/bookings', body, headers);
    const malformed = await post('{"station_id": "bad",\n "pack_standard": }');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'MALFORMED_JSON', details: { line: 2 } });

    const invalid = await post({ station_id: 'bad', pack_standrd: 'GBT_40032', vehicle_id: '', soc_percent: 140 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((invalid.body.error as unknown as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['$.pack_standard', '$.pack_standrd', '$.soc_percent', '$.vehicle_id']);

    expect((await post({ station_id: 'bad', pack_standard: 'NIO_75', vehicle_id: 'car' })).body.error).toMatchObject({ code: 'INCOMPATIBLE_PACK_STANDARD' });
    expect((await post({ station_id: 'nowhere', pack_standard: 'GBT_40032', vehicle_id: 'car' })).body.error).toMatchObject({ code: 'UNKNOWN_STATION' });
    expect((await post({ station_id: 'bad', pack_standard: 'GBT_40032', vehicle_id: 'car', eta_minutes: 600 })).body.error).toMatchObject({ code: 'ARRIVAL_TOO_FAR' });
    const noKey = await post({ station_id: 'bad', pack_standard: 'GBT_40032', vehicle_id: 'car' }, {});
    expect(noKey).toMatchObject({ status: 400, body: { error: { code: 'IDEMPOTENCY_KEY_REQUIRED' } } });
    const huge = await post({ station_id: 'bad', pack_standard: 'GBT_40032', vehicle_id: 'x'.repeat(20_000) });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    for (const id of ['bk_00000000-0000-0000-0000-000000000000', "x' OR 1=1 --", '%E2%98%83', 'a'.repeat(150)]) {
      const r = await api.request('GET', `/swap/v1/bookings/${id}`);
      expect(r, id).toMatchObject({ status: 404, body: { error: { code: 'BOOKING_NOT_FOUND' } } });
    }
    expect(await api.request('POST', '/swap/v1/bookings/bk_nope/cancel')).toMatchObject({ status: 404, body: { error: { code: 'BOOKING_NOT_FOUND' } } });
    expect(await api.request('GET', '/swap/v1/stations/nowhere')).toMatchObject({ status: 404, body: { error: { code: 'STATION_NOT_FOUND' } } });
    expect(await api.request('DELETE', '/swap/v1/bookings')).toMatchObject({ status: 405, body: { error: { code: 'METHOD_NOT_ALLOWED' } } });

    // Still serving, and the station lost nothing to the refused requests.
    expect(await ready('bad')).toBe(2);
    const diag = await api.request('GET', '/swap/v1/diagnostics');
    expect((diag.body.http as { refused: Record<string, number> }).refused).toMatchObject({ MALFORMED_JSON: 1, INVALID_REQUEST: 1, PAYLOAD_TOO_LARGE: 1 });
  });

  it('after a dropped response, a retry with the same key gets the booking that was made, and no second one', async () => {
    const body = JSON.stringify({ station_id: 'retry', pack_standard: 'GBT_40032', vehicle_id: 'car-7' });
    const url = new URL(op.url);
    // Send the whole request, then hang up at the first byte of the answer: the booking was
    // committed (the operator answers only after COMMIT) but the client never read which one.
    await new Promise<void>((done, fail) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST /swap/v1/bookings HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${TOKEN}\r\nIdempotency-Key: retry-1\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      });
      socket.once('data', () => {
        socket.destroy();
        done();
      });
      socket.once('error', fail);
    });
    expect(await ready('retry')).toBe(1);
    const retried = await api.book('retry-1', JSON.parse(body));
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'CONFIRMED', vehicle_id: 'car-7' });
    expect(await ready('retry')).toBe(1);
  });

  it('checks in (geofenced), queues, swaps in a bay and completes with the new pack id, streamed as server-sent events', async () => {
    const created = await api.book('flow-1', { station_id: 'flow', pack_standard: 'GBT_40032', vehicle_id: 'car-8', soc_percent: 18 });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const stream = await openEventStream(`${op.url}/swap/v1/bookings/${id}/events`, { Authorization: `Bearer ${TOKEN}` });

    const far = await api.checkIn(id, { lat: 31.25, lon: 121.5268 });
    expect(far).toMatchObject({ status: 422, body: { error: { code: 'NOT_AT_STATION' } } });
    const arrived = await api.checkIn(id, { lat: 31.2305, lon: 121.5269, soc_percent: 16, pack_id: '26000417' });
    expect(arrived).toMatchObject({ status: 200, body: { status: 'ARRIVED', queue_position: 1 } });
    // Cancelling is no longer possible once the swap runs, and the pack stays held throughout.
    await until(() => stream.events.some((e) => e.event === 'status' && (e.data as { status: string }).status === 'SWAPPING'), 'the swap to start', 20_000);
    expect(await api.cancel(id)).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });

    await stream.ended; // the server ends the stream after a terminal status
    const statuses = stream.events.filter((e) => e.event === 'status').map((e) => (e.data as { status: string }).status);
    expect(statuses).toEqual(['CONFIRMED', 'ARRIVED', 'SWAPPING', 'COMPLETED']);
    // Every event carries its sequence number as the SSE id, in order.
    const ids = stream.events.filter((e) => e.event === 'status').map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const last = bookingSchema.parse(stream.events.at(-1)!.data);
    expect(last).toMatchObject({ status: 'COMPLETED', bay: 1, swap: { returned_pack_id: '26000417', returned_pack_soc_percent: 16, new_pack_soc_percent: 95 } });
    expect(last.swap.new_pack_id).toMatch(/^\d{8}$/);
    // 15.00 service fee + 75 kWh × (95 − 16) % × 1.20 per kWh
    expect(last.charge).toEqual({ amount_minor: 1500 + Math.round(75 * 0.79 * 120), currency: 'CNY', reason: 'SWAP' });

    // The car's old pack is on the charger, then ready again for the next car.
    const st = stationSchema.parse((await api.station('flow')).body);
    expect(st.ready_packs.GBT_40032 + st.charging_packs.GBT_40032).toBe(1);
    await readUntil(() => ready('flow'), (n) => n === 1, 'the returned pack to recharge', 30_000);

    // Polling gives the same history.
    const polled = await api.request('GET', `/swap/v1/bookings/${id}/events?after=0`);
    expect((polled.body.events as { status: string }[]).map((e) => e.status)).toEqual(statuses);
  }, 60_000);
});
