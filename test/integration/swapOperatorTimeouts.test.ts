// Time in the operator, on a station whose terms run in seconds: holds expire (also while the operator is down), no-shows are recorded and charged, late cancels cost the late fee.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingSchema } from '../../shared/swap/protocol';
import { protocolClient, readUntil, spawnOperator, writeStationsFile, type OperatorProcess } from '../../swap-operator/testing/operatorProcess';
import { until } from '../fixtures/until';

const TOKEN = 'swap-timeouts-token-0123456789';
const tmp = mkdtempSync(join(tmpdir(), 'cabin-swap-time-'));
// Free cancellation for 0.6 s after booking; the pack is held 2.4 s past the announced arrival.
const terms = { cancel_until_minutes: 0.01, noshow_timeout_minutes: 0.04, late_cancel_fee_minor: 700, noshow_fee_minor: 2500 };
const quick = (id: string, extra: Partial<typeof terms> = {}) => ({ id, name: id, lat: 31.2, lon: 121.5, pack_standards: ['GBT_40032'], bays: 1, ready_packs: { GBT_40032: 2 }, terms: { ...terms, ...extra } });
// The no-show station holds for 6 s, so the punctual car surely checks in in time on a loaded machine;
// the restart station for 12 s, so the operator is surely down before its hold runs out.
const stations = [quick('expiry'), quick('noshow', { noshow_timeout_minutes: 0.1 }), quick('cancel'), quick('restart', { noshow_timeout_minutes: 0.2 }), { ...quick('manual', { noshow_timeout_minutes: 30 }), ready_packs: { GBT_40032: 3 } }];
// A client-only token beside the operator's own (which is a client and a station at once).
const CAR_TOKEN = 'swap-car-only-token-0123456789';
const tokenFile = join(tmp, 'tokens.txt');
writeFileSync(tokenFile, `${CAR_TOKEN} fleet-a client\n`);
const args = ['--port', '0', '--data', join(tmp, 'data'), '--stations', writeStationsFile(tmp, stations), '--token-file', tokenFile, '--manual-swaps'];
let op: OperatorProcess;
let api: ReturnType<typeof protocolClient>;

beforeAll(async () => {
  op = await spawnOperator(args, { token: TOKEN });
  api = protocolClient(op.url, TOKEN);
}, 120_000);

afterAll(async () => {
  await op?.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

const ready = async (id: string) => ((await api.station(id)).body.ready_packs as Record<string, number>).GBT_40032;
const book = async (key: string, station: string, vehicle = `car-${key}`) => {
  const r = await api.book(key, { station_id: station, pack_standard: 'GBT_40032', vehicle_id: vehicle, eta_minutes: 0 });
  expect(r.status).toBe(201);
  return bookingSchema.parse(r.body);
};

describe('swap-operator timeouts', () => {
  it('a hold expires at expires_at: the background job frees the pack, and the booking can no longer be checked in or cancelled', async () => {
    const b = await book('exp-1', 'expiry');
    const expiresAt = Date.parse(b.expires_at);
    expect(expiresAt - Date.parse(b.created_at)).toBe(2400);
    expect(await ready('expiry')).toBe(1);
    // Reading the station never expires anything itself: the pack coming back is the job's doing.
    await readUntil(() => ready('expiry'), (n) => n === 2, 'the expiry job to free the pack', 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    const after = await api.get(b.id);
    expect(after.body).toMatchObject({ status: 'EXPIRED', status_reason: 'NO_SHOW', no_show: true });
    expect(await api.checkIn(b.id)).toMatchObject({ status: 409, body: { error: { code: 'BOOKING_EXPIRED' } } });
    expect(await api.cancel(b.id)).toMatchObject({ status: 409, body: { error: { code: 'BOOKING_EXPIRED' } } });
    const events = await api.request('GET', `/swap/v1/bookings/${b.id}/events`);
    expect((events.body.events as { status: string; reason: string | null }[]).map((e) => [e.status, e.reason])).toEqual([
      ['CONFIRMED', null],
      ['EXPIRED', 'NO_SHOW'],
    ]);
  }, 60_000);

  it('records a no-show with its fee; a car that checked in in time is never one', async () => {
    const absent = await book('ns-1', 'noshow', 'car-absent');
    const present = await book('ns-2', 'noshow', 'car-present');
    expect((await api.checkIn(present.id, { soc_percent: 12 })).body).toMatchObject({ status: 'ARRIVED', queue_position: 1 });

    await until(() => Date.now() > Date.parse(absent.expires_at), 'the hold to run out', 10_000);
    // A read after the deadline sees the expiry: a due timeout is applied on read too, not left to the next job round.
    expect((await api.get(absent.id)).body).toMatchObject({ status: 'EXPIRED', no_show: true, charge: { amount_minor: 2500, currency: 'CNY', reason: 'NO_SHOW' } });
    expect((await api.get(present.id)).body).toMatchObject({ status: 'ARRIVED', no_show: false, charge: { amount_minor: 0, reason: null } });

    const recorded = await api.request('GET', '/swap/v1/no-shows?vehicle_id=car-absent');
    expect(recorded.body.no_shows).toEqual([{ booking_id: absent.id, vehicle_id: 'car-absent', station_id: 'noshow', fee: { amount_minor: 2500, currency: 'CNY' }, recorded_at: expect.any(String) }]);
    expect((await api.request('GET', '/swap/v1/no-shows?vehicle_id=car-present')).body.no_shows).toEqual([]);
  }, 60_000);

  it('cancelling is free until cancel_until and costs the late fee after it', async () => {
    const early = await book('c-1', 'cancel');
    const cancelled = await api.cancel(early.id);
    // The free window is 0.6 s; on a loaded machine the cancel may land after it, and then it must say so.
    const inTime = Date.parse(String(cancelled.body.updated_at)) <= Date.parse(early.cancel_until);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', charge: inTime ? { amount_minor: 0, reason: null } : { amount_minor: 700, reason: 'LATE_CANCELLATION' } });

    const late = await book('c-2', 'cancel');
    await until(() => Date.now() > Date.parse(late.cancel_until), 'the free-cancellation window to close', 10_000);
    const r = await api.cancel(late.id);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'CANCELLED', charge: { amount_minor: 700, currency: 'CNY', reason: 'LATE_CANCELLATION' } });
    expect(Date.parse(String(r.body.updated_at))).toBeGreaterThan(Date.parse(late.cancel_until));
    expect(await ready('cancel')).toBe(2);
  }, 60_000);

  it('a hold that runs out while the operator is down is expired, as a no-show, after the restart', async () => {
    const b = await book('r-1', 'restart');
    expect(await op.kill('SIGTERM')).toBe(0);
    // Down before the deadline: the expiry below can only be the restarted operator's doing.
    expect(Date.now()).toBeLessThan(Date.parse(b.expires_at));
    await until(() => Date.now() > Date.parse(b.expires_at), 'the hold to run out while the operator is down', 20_000);
    op = await spawnOperator(args, { token: TOKEN });
    api = protocolClient(op.url, TOKEN);
    await readUntil(() => ready('restart'), (n) => n === 2, 'the restarted operator to free the pack', 20_000);
    expect((await api.get(b.id)).body).toMatchObject({ status: 'EXPIRED', no_show: true });
  }, 90_000);

  it('with --manual-swaps a station controller drives the swap: bays, completion, failure', async () => {
    const car = protocolClient(op.url, CAR_TOKEN);
    const mine = async (key: string) => {
      const r = await car.book(key, { station_id: 'manual', pack_standard: 'GBT_40032', vehicle_id: `car-${key}` });
      expect(r.status).toBe(201);
      const id = String(r.body.id);
      expect((await car.checkIn(id, { soc_percent: 20 })).body).toMatchObject({ status: 'ARRIVED' });
      return id;
    };
    const [first, second, third] = [await mine('m-1'), await mine('m-2'), await mine('m-3')];
    expect((await car.get(second)).body).toMatchObject({ queue_position: 2 });
    // A station sees every client's bookings; a client sees only its own; a car cannot run the robot.
    expect(await api.get(first)).toMatchObject({ status: 200 });
    const operatorsOwn = await api.book('m-op', { station_id: 'expiry', pack_standard: 'GBT_40032', vehicle_id: 'op-car', eta_minutes: 60 });
    expect(await car.get(String(operatorsOwn.body.id))).toMatchObject({ status: 404, body: { error: { code: 'BOOKING_NOT_FOUND' } } });
    expect(await car.cancel(String(operatorsOwn.body.id))).toMatchObject({ status: 404 });
    expect((await api.cancel(String(operatorsOwn.body.id))).body).toMatchObject({ status: 'CANCELLED' });
    expect(await car.request('POST', `/swap/v1/bookings/${first}/swap/start`, {})).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });

    // Nothing moves by itself: no robot runs.
    expect((await car.get(first)).body).toMatchObject({ status: 'ARRIVED' });
    const started = await api.request('POST', `/swap/v1/bookings/${first}/swap/start`, {});
    expect(started).toMatchObject({ status: 200, body: { status: 'SWAPPING', bay: 1, queue_position: null } });
    expect((await car.get(second)).body).toMatchObject({ queue_position: 1 });
    // The station has one bay.
    expect(await api.request('POST', `/swap/v1/bookings/${second}/swap/start`, {})).toMatchObject({ status: 409, body: { error: { code: 'NO_BAY_FREE' } } });
    expect(await api.request('POST', `/swap/v1/bookings/${second}/swap/start`, { bay: 2 })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });

    const done = await api.request('POST', `/swap/v1/bookings/${first}/swap/complete`, { returned_pack_soc_percent: 18 });
    expect(done).toMatchObject({ status: 200, body: { status: 'COMPLETED', charge: { reason: 'SWAP' }, swap: { returned_pack_soc_percent: 18, new_pack_soc_percent: 95 } } });
    expect(await api.request('POST', `/swap/v1/bookings/${first}/swap/complete`, {})).toMatchObject({ status: 200, body: { status: 'COMPLETED' } });

    // A fault mid-swap fails the booking, charges nothing, and puts the pack back on the shelf.
    expect((await api.request('POST', `/swap/v1/bookings/${second}/swap/start`, {})).body).toMatchObject({ status: 'SWAPPING' });
    const failed = await api.request('POST', `/swap/v1/bookings/${second}/swap/fail`, { reason: 'STATION_FAULT' });
    expect(failed.body).toMatchObject({ status: 'FAILED', status_reason: 'STATION_FAULT', charge: { amount_minor: 0, reason: null } });
    expect(await car.cancel(third)).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });
    const st = (await api.station('manual')).body;
    expect(st).toMatchObject({ ready_packs: { GBT_40032: 2 }, charging_packs: { GBT_40032: 1 }, bays_busy: 0, queue_length: 0 });
  }, 60_000);

  it('takes an arrival slightly in the past as now (clock skew) and refuses one far in the past', async () => {
    const skewed = await api.book('skew-1', { station_id: 'manual', pack_standard: 'GBT_40032', vehicle_id: 'car-skew', arrival_at: new Date(Date.now() - 120_000).toISOString() });
    expect(skewed.status).toBe(201);
    expect(Date.parse(String(skewed.body.arrival_at))).toBeGreaterThanOrEqual(Date.parse(String(skewed.body.created_at)));
    const past = await api.book('skew-2', { station_id: 'manual', pack_standard: 'GBT_40032', vehicle_id: 'car-skew', arrival_at: new Date(Date.now() - 3_600_000).toISOString() });
    expect(past).toMatchObject({ status: 422, body: { error: { code: 'ARRIVAL_IN_PAST' } } });
  });
});
