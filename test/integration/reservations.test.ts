// Charger reservations against the simulated charge-point operator over OCPI 2.2.1 Commands on loopback: the fee from the tariff before confirming, RESERVE_NOW accepted and refused (EVSE_OCCUPIED, EVSE_INOPERATIVE), a result that never comes (TIMEOUT, then cancelled), CANCEL_RESERVATION, a restart mid-command and mid-reservation.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/createHost';
import { HOST_SERVICES } from '../../main/host/services';
import { createReservationsService, reservationsService } from '../../main/services/reservations/reservationsService';
import { generateStations } from '../../shared/stations/generator';
import type { EvseStatus, Location } from '../../shared/stations/model';
import { startChargePointOperator, type ChargePointOperator } from '../../simulator/chargePointOperator';
import { projectRoot } from '../fixtures/corpus';
import { until } from '../fixtures/until';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const TOKEN = 'cpo-token-for-tests';

/** A generated network whose statuses the test sets (the operator's clock stands still, so nothing moves by itself). */
async function operator(): Promise<{ cpo: ChargePointOperator; site: Location; party: string; key: string; evse: (i: number, status?: EvseStatus) => string }> {
  const at = Date.now();
  const locations = [...generateStations({ seed: 5, at, sites: 400, regions: ['shanghai'] })];
  const site = locations.find((l) => l.evses.filter((e) => e.capabilities.includes('RESERVABLE')).length >= 3)!;
  const cpo = await startChargePointOperator({ locations, clock: () => at, tickMs: 0, token: TOKEN, commandTimeoutS: 2, commandResultDelayMs: 50 });
  cleanups.push(() => cpo.close());
  const reservable = site.evses.filter((e) => e.capabilities.includes('RESERVABLE'));
  const party = `${site.country_code}*${site.party_id}`;
  return {
    cpo,
    site,
    party,
    key: `${party}/${site.id}`,
    evse(i, status) {
      if (status) reservable[i].status = status;
      return reservable[i].uid;
    },
  };
}

async function carHost(dataDir: string, op: { cpo: ChargePointOperator; party: string }): Promise<Host> {
  const services = HOST_SERVICES.map((s) => (s === reservationsService ? createReservationsService({ resultGraceMs: 200 }) : s));
  const host = await createHost({ dataDir, version: 't', mode: 'simulation', transport: 'none', appRoot: projectRoot, services });
  let closed = false;
  const close = host.close.bind(host);
  host.close = async () => {
    if (!closed) {
      closed = true;
      await close();
    }
  };
  cleanups.unshift(() => host.close());
  host.ports.reservations!.attachOperator({ source: 'sim-cpo', parties: [op.party], locationsUrl: op.cpo.url, token: TOKEN });
  return host;
}

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-reservations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const active = (host: Host) => host.store.getState().reservations.active;

describe('charger reservations over OCPI Commands', () => {
  it('shows the fee before confirming, reserves a free charger, keeps it across a restart, and cancels it', async () => {
    const op = await operator();
    const uid = op.evse(0, 'AVAILABLE');
    const dir = await dataDir();
    let host = await carHost(dir, op);
    expect(await host.invoke('reservations.offer', { stationKey: op.key })).toMatchObject({ ok: true });
    const offer = host.store.getState().reservations.offer;
    if (offer.status !== 'ready') throw new Error(offer.status);
    expect(offer.offer.evses.length).toBeGreaterThanOrEqual(3);
    // The simulated TELD tariff: ¥5 to reserve plus ¥12 an hour in 5-minute steps, ¥10 if it runs out unused.
    expect(offer.offer.fee).toMatchObject({ currency: 'CNY', flatMinor: 500, perHourMinor: 1200, stepMinutes: 5, ifExpiredMinor: 1000 });
    expect(offer.offer.fee!.ifUsedMinor).toBe(500 + (1200 * offer.offer.minutes) / 60);

    expect(await host.invoke('reservations.reserve', { stationKey: op.key, evseUid: uid })).toEqual({ ok: true, value: { result: 'ACCEPTED', timeoutS: 2 } });
    await until(() => active(host).status === 'reserved', 'the charge point’s result');
    expect(op.cpo.commands.reservations()).toHaveLength(1);
    expect(op.site.evses.find((e) => e.uid === uid)!.status).toBe('RESERVED');

    await host.close();
    host = await carHost(dir, op);
    expect(active(host)).toMatchObject({ status: 'reserved', reservation: { evseUid: uid, stationKey: op.key } });

    expect(await host.invoke('reservations.cancel', {})).toEqual({ ok: true, value: { result: 'ACCEPTED' } });
    await until(() => active(host).status === 'ended', 'cancelled');
    expect(active(host)).toMatchObject({ status: 'ended', outcome: 'cancelled', charge: { currency: 'CNY' } });
    expect(op.cpo.commands.reservations()).toEqual([]);
    expect(op.site.evses.find((e) => e.uid === uid)!.status).toBe('AVAILABLE');
  });

  it('an occupied charger is refused with EVSE_OCCUPIED, a broken one with EVSE_INOPERATIVE: said plainly, nothing kept', async () => {
    const op = await operator();
    const busy = op.evse(1, 'CHARGING');
    const broken = op.evse(2, 'OUTOFORDER');
    const host = await carHost(await dataDir(), op);
    await host.invoke('reservations.offer', { stationKey: op.key });
    // The operator accepts the command at once; the charge point then says no.
    expect(await host.invoke('reservations.reserve', { stationKey: op.key, evseUid: busy })).toMatchObject({ ok: true, value: { result: 'ACCEPTED' } });
    await until(() => active(host).status === 'refused', 'the refusal');
    expect(active(host)).toMatchObject({ status: 'refused', outcome: 'EVSE_OCCUPIED', problem: { key: 'reservations.outcomes.EVSE_OCCUPIED' } });
    await host.invoke('reservations.dismiss', {});
    await host.invoke('reservations.offer', { stationKey: op.key });
    await host.invoke('reservations.reserve', { stationKey: op.key, evseUid: broken });
    await until(() => active(host).status === 'refused', 'the refusal');
    expect(active(host)).toMatchObject({ outcome: 'EVSE_INOPERATIVE' });
    expect(op.cpo.commands.reservations()).toEqual([]);
  });

  it('a result that never comes is a TIMEOUT, and the reservation it may have made is cancelled', async () => {
    const op = await operator();
    const uid = op.evse(0, 'AVAILABLE');
    const host = await carHost(await dataDir(), op);
    await host.invoke('reservations.offer', { stationKey: op.key });
    op.cpo.commands.dropResults(1);
    await host.invoke('reservations.reserve', { stationKey: op.key, evseUid: uid });
    await until(() => active(host).status === 'refused', 'the timeout', 20_000);
    expect(active(host)).toMatchObject({ outcome: 'TIMEOUT', problem: { key: 'reservations.outcomes.TIMEOUT' } });
    await until(() => op.cpo.commands.reservations().length === 0, 'the unconfirmed reservation cancelled at the operator');
    expect(op.cpo.commands.results.map((r) => [r.type, r.result])).toEqual([
      ['RESERVE_NOW', 'ACCEPTED'],
      ['CANCEL_RESERVATION', 'ACCEPTED'],
    ]);
  });

  it('a restart while the result is awaited sends RESERVE_NOW again with the same reservation id: one reservation', async () => {
    const op = await operator();
    const uid = op.evse(0, 'AVAILABLE');
    const dir = await dataDir();
    let host = await carHost(dir, op);
    await host.invoke('reservations.offer', { stationKey: op.key });
    op.cpo.commands.dropResults(1);
    await host.invoke('reservations.reserve', { stationKey: op.key, evseUid: uid });
    const id = (active(host) as { reservation: { id: string } }).reservation.id;
    await until(() => op.cpo.commands.reservations().length === 1, 'the charge point reserved (its answer lost)');
    await host.close();
    host = await carHost(dir, op);
    await until(() => active(host).status === 'reserved', 'the reservation confirmed after the restart');
    expect(op.cpo.commands.reservations().map((r) => r.id)).toEqual([id]);
    expect(active(host)).toMatchObject({ reservation: { id } });
  });

  it('stations of other operators and chargers that cannot be reserved are never offered', async () => {
    const op = await operator();
    const host = await carHost(await dataDir(), op);
    expect(await host.invoke('reservations.offer', { stationKey: 'NO*XXX/1' })).toMatchObject({ ok: false, error: { reason: { key: 'reservations.problems.notReservable' } } });
    expect(await host.invoke('reservations.reserve', { stationKey: op.key, evseUid: 'nope' })).toMatchObject({ ok: false, error: { reason: { key: 'reservations.problems.noOffer' } } });
    await host.invoke('reservations.offer', { stationKey: op.key });
    const offer = host.store.getState().reservations.offer;
    if (offer.status !== 'ready') throw new Error(offer.status);
    const plain = op.site.evses.filter((e) => !e.capabilities.includes('RESERVABLE')).map((e) => e.uid);
    expect(offer.offer.evses.map((e) => e.uid).filter((u) => plain.includes(u))).toEqual([]);
  });
});
