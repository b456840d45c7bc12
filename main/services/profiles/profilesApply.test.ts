import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../host/createHost';
import { drive, park } from '../../../test/fixtures/drivingState';
import { profilesHost, reading, standInCar } from '../../../test/fixtures/profilesHost';
import { until } from '../../../test/fixtures/until';
import { KEY_FOB_PATH } from './fobFollower';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const SEAT = 'Vehicle.Cabin.Seat.Row1.DriverSide.Position';
const HEIGHT = 'Vehicle.Cabin.Seat.Row1.DriverSide.Height';
const MIRROR = 'Vehicle.Body.Mirrors.DriverSide.Tilt';
const TEMP = 'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature';
const OUTSIDE = 'Vehicle.Exterior.AirTemperature';
const WRITABLE = [SEAT, HEIGHT, MIRROR, TEMP];

const applied = (host: Host) => host.store.getState().profiles.application?.settings ?? {};
const states = (host: Host) => Object.fromEntries(Object.entries(applied(host)).map(([id, s]) => [id, s!.state]));

async function withProfile(host: Host, name: string, patch: Record<string, unknown>) {
  const created = await host.invoke('profiles.create', { name, colour: 'teal' });
  if (!created.ok) throw new Error(created.error.message);
  const updated = await host.invoke('profiles.update', { id: created.value.id, patch });
  if (!updated.ok) throw new Error(updated.error.message);
  return created.value.id;
}

const LI = {
  seat: { position: 200, height: 40, recline: 22, lumbar: null },
  mirrors: { driver: { tilt: -20, pan: null }, passenger: { tilt: null, pan: null } },
  climate: { temperature: 21, fan: null, seatHeating: null },
};

describe('applying a profile to the car', () => {
  it('parked: each setting goes pending → confirmed by its read-back; what the car cannot write is "not available"', async () => {
    const host = await profilesHost({}, cleanups);
    const car = standInCar(host, WRITABLE);
    park(host);
    const id = await withProfile(host, 'Li', LI);
    expect(await host.invoke('profiles.activate', { id })).toEqual({ ok: true, value: { activeId: id } });
    expect(states(host)).toMatchObject({ 'seat.position': 'pending', 'climate.temperature': 'pending' });
    await until(() => states(host)['seat.position'] === 'confirmed' && states(host)['climate.temperature'] === 'confirmed', 'read-backs');
    expect(states(host)).toEqual({
      'seat.position': 'confirmed',
      'seat.height': 'confirmed',
      'seat.recline': 'unavailable',
      'mirrors.driver.tilt': 'confirmed',
      'climate.temperature': 'confirmed',
    });
    expect(car.writes.map((w) => w.meta)).toEqual(expect.arrayContaining([{ feature: 'profiles', client: 'profiles' }]));
    expect(host.store.getState().profiles.writable).toEqual(['seat.position', 'seat.height', 'mirrors.driver.tilt', 'climate.temperature']);
  });

  it('moving: the seat and mirrors are refused by the host with the reason and never sent; the climate applies; retry when parked', async () => {
    const host = await profilesHost({}, cleanups);
    const car = standInCar(host, WRITABLE);
    park(host);
    const id = await withProfile(host, 'Li', LI);
    drive(host, 60);
    await host.invoke('profiles.activate', { id });
    await until(() => states(host)['climate.temperature'] === 'confirmed', 'the climate');
    expect(applied(host)['seat.position']).toMatchObject({ state: 'failed', target: 200, reason: { key: 'ux.refused.parkedOnly' }, detail: expect.stringMatching(/refused while moving/) });
    expect(applied(host)['mirrors.driver.tilt']).toMatchObject({ state: 'failed', reason: { key: 'ux.refused.parkedOnly' } });
    expect(car.writes.flatMap((w) => Object.keys(w.targets))).toEqual([TEMP]);
    park(host);
    expect(await host.invoke('profiles.retry', {})).toEqual({ ok: true, value: { retried: 3 } });
    await until(() => states(host)['seat.position'] === 'confirmed' && states(host)['mirrors.driver.tilt'] === 'confirmed', 'the seat after the retry');
  });

  it('a write the car ignores ends as failed after the timeout, naming what was read back; the rest stays applied', async () => {
    const host = await profilesHost({ confirmTimeouts: { motorMs: 300, otherMs: 300 } }, cleanups);
    standInCar(host, WRITABLE, { ignore: [HEIGHT] });
    park(host);
    reading(host, { [HEIGHT]: 10 });
    const id = await withProfile(host, 'Li', LI);
    await host.invoke('profiles.activate', { id });
    await until(() => states(host)['seat.height'] === 'failed', 'the ignored height to fail');
    expect(applied(host)['seat.height']).toMatchObject({
      reason: { key: 'profiles.apply.timeout', params: { seconds: 0 } },
      detail: `${HEIGHT}: read back 10 after 300 ms, target 40`,
    });
    expect(states(host)).toMatchObject({ 'seat.position': 'confirmed', 'climate.temperature': 'confirmed' });
  });

  it('with no vehicle, settings fail as "no vehicle" and are sent by themselves when one connects', async () => {
    const host = await profilesHost({}, cleanups);
    park(host);
    const id = await withProfile(host, 'Li', LI);
    await host.invoke('profiles.activate', { id });
    expect(applied(host)['seat.position']).toMatchObject({ state: 'failed', reason: { key: 'profiles.apply.noVehicle' } });
    standInCar(host, WRITABLE);
    park(host);
    await until(() => states(host)['seat.position'] === 'confirmed', 'the seat once a car is there');
  });

  it('a car whose mapping writes nothing (a replay) shows every setting as not available', async () => {
    const host = await profilesHost({}, cleanups);
    const car = standInCar(host, []);
    park(host);
    const id = await withProfile(host, 'Li', LI);
    await host.invoke('profiles.activate', { id });
    expect(new Set(Object.values(states(host)))).toEqual(new Set(['unavailable']));
    expect(host.store.getState().profiles.writable).toEqual([]);
    expect(car.writes).toEqual([]);
  });
});

describe('the key fob', () => {
  it('a paired fob switches after a cancellable notice; Cancel keeps the current driver', async () => {
    const host = await profilesHost({ switchDelayMs: 150 }, cleanups);
    standInCar(host, WRITABLE);
    park(host);
    const li = await withProfile(host, 'Li', { ...LI, keyFobs: [1] });
    const wang = await withProfile(host, 'Wang', { keyFobs: [2], climate: { temperature: 25, fan: null, seatHeating: null } });
    reading(host, { [KEY_FOB_PATH]: 1 });
    expect(host.store.getState().profiles.pendingSwitch).toMatchObject({ profileId: li, fob: 1 });
    await until(() => host.store.getState().profiles.activeId === li, 'Li by her fob');
    reading(host, { [KEY_FOB_PATH]: 0 });
    reading(host, { [KEY_FOB_PATH]: 2 });
    expect(host.store.getState().profiles.pendingSwitch).toMatchObject({ profileId: wang });
    const drivers: Array<string | null> = [];
    host.store.subscribe(() => {
      const { activeId } = host.store.getState().profiles;
      if (drivers.at(-1) !== activeId) drivers.push(activeId);
    });
    expect(await host.invoke('profiles.cancelSwitch', {})).toEqual({ ok: true, value: { cancelled: true } });
    expect(host.store.getState().profiles.pendingSwitch).toBeNull();
    // A later switch with the same delay lands after the cancelled one would have: Wang never drove in between.
    const zhao = await withProfile(host, 'Zhao', { keyFobs: [3] });
    reading(host, { [KEY_FOB_PATH]: 0 });
    reading(host, { [KEY_FOB_PATH]: 3 });
    await until(() => host.store.getState().profiles.activeId === zhao, 'Zhao by his fob');
    expect(drivers.filter((d) => d !== li)).toEqual([zhao]);
  });

  it('an unknown fob offers the picker; two fobs at once open the picker saying so and switch nobody', async () => {
    const host = await profilesHost({ switchDelayMs: 100 }, cleanups);
    park(host);
    const li = await withProfile(host, 'Li', { keyFobs: [1] });
    await withProfile(host, 'Wang', { keyFobs: [2] });
    reading(host, { [KEY_FOB_PATH]: 77 });
    expect(host.store.getState().profiles.picker).toEqual({ open: true, cause: 'unknownFob', fob: 77 });
    await host.invoke('profiles.activate', { id: li });
    reading(host, { [KEY_FOB_PATH]: 1 });
    reading(host, { [KEY_FOB_PATH]: 2 });
    reading(host, { [KEY_FOB_PATH]: 1 });
    expect(host.store.getState().profiles).toMatchObject({ picker: { open: true, cause: 'twoFobs', fobs: [1, 2] }, pendingSwitch: null, activeId: li });
  });

  it('pairs the fob present in the car, and refuses one that is absent or already someone else’s', async () => {
    const host = await profilesHost({}, cleanups);
    park(host);
    const li = await withProfile(host, 'Li', {});
    const wang = await withProfile(host, 'Wang', {});
    expect(await host.invoke('profiles.pairFob', { id: li })).toMatchObject({ ok: false, error: { reason: { key: 'profiles.errors.noFob' } } });
    reading(host, { [KEY_FOB_PATH]: 5 });
    expect(await host.invoke('profiles.pairFob', { id: li })).toEqual({ ok: true, value: { fob: 5 } });
    expect(await host.invoke('profiles.pairFob', { id: wang })).toMatchObject({ ok: false, error: { reason: { key: 'profiles.errors.fobTaken', params: { name: 'Li', fob: 5 } } } });
    expect(host.store.getState().profiles.profiles.find((p) => p.id === li)?.keyFobs).toEqual([5]);
  });

  it('saves the current seat, mirror and steering positions to the profile', async () => {
    const host = await profilesHost({}, cleanups);
    park(host);
    const li = await withProfile(host, 'Li', {});
    reading(host, { [SEAT]: 187, [MIRROR]: -31 });
    expect(await host.invoke('profiles.capturePositions', { id: li })).toEqual({ ok: true, value: { captured: ['seat.position', 'mirrors.driver.tilt'] } });
    expect(host.store.getState().profiles.profiles[0]).toMatchObject({ seat: { position: 187 }, mirrors: { driver: { tilt: -31 } } });
  });
});

describe('learning on the car', () => {
  it('records settled adjustments with consent, offers the habit, and never again once refused', async () => {
    let wall = Date.UTC(2026, 0, 5, 8);
    const host = await profilesHost({ settleMs: 40, wallClock: () => wall }, cleanups);
    standInCar(host, WRITABLE);
    park(host);
    const li = await withProfile(host, 'Li', { learning: { enabled: true } });
    await host.invoke('profiles.activate', { id: li });
    const history = () => host.store.getState().profiles.profiles[0].learning.historyCount;
    reading(host, { [TEMP]: 20, [OUTSIDE]: 0 });
    // Cold mornings: 22 °C. Milder ones: 19 or 20 °C.
    const days: Array<[number, number]> = [[-3, 22], [12, 19], [1, 22], [15, 20], [-1, 22], [2, 22], [14, 19]];
    for (const [outside, value] of days) {
      const before = history();
      reading(host, { [OUTSIDE]: outside, [TEMP]: value === 20 ? 20.5 : 20 });
      reading(host, { [TEMP]: value });
      await until(() => history() === before + 1, `the adjustment to ${value} °C to settle`);
      wall += 86_400_000;
    }
    const suggestions = host.store.getState().profiles.suggestions;
    expect(suggestions).toEqual([expect.objectContaining({ setting: 'climate.temperature', value: 22, condition: { kind: 'outsideBelow', celsius: 5 }, evidence: { matching: 4, inside: 4 } })]);
    expect(await host.invoke('profiles.suggestion', { key: suggestions[0].key, decision: 'refuse' })).toEqual({ ok: true, value: { ruleId: null } });
    expect(host.store.getState().profiles.suggestions).toEqual([]);
    for (const outside of [-5, -6]) {
      const before = history();
      reading(host, { [OUTSIDE]: outside, [TEMP]: 20 });
      reading(host, { [TEMP]: 22 });
      await until(() => history() === before + 1, 'more evidence');
      wall += 86_400_000;
    }
    expect(host.store.getState().profiles.suggestions).toEqual([]);
  });

  it('an accepted rule (as edited) fires when its condition holds and says why', async () => {
    let wall = Date.UTC(2026, 0, 5, 8);
    const host = await profilesHost({ settleMs: 30, wallClock: () => wall }, cleanups);
    const car = standInCar(host, WRITABLE);
    park(host);
    const li = await withProfile(host, 'Li', { learning: { enabled: true }, climate: { temperature: 20, fan: null, seatHeating: null } });
    await host.invoke('profiles.activate', { id: li });
    // The profile's own 20 °C is Cabin's doing, not the driver's: let it land before the driver adjusts.
    await until(() => states(host)['climate.temperature'] === 'confirmed', "the profile's temperature");
    for (const [outside, value] of [[-3, 22], [12, 19], [1, 22], [15, 19], [-1, 22], [2, 22], [14, 19]] as const) {
      const before = host.store.getState().profiles.profiles[0].learning.historyCount;
      reading(host, { [OUTSIDE]: outside, [TEMP]: 20 });
      reading(host, { [TEMP]: value });
      await until(() => host.store.getState().profiles.profiles[0].learning.historyCount === before + 1, 'the adjustment');
      wall += 86_400_000;
    }
    const [offer] = host.store.getState().profiles.suggestions;
    reading(host, { [OUTSIDE]: 10 });
    const accepted = await host.invoke('profiles.suggestion', { key: offer.key, decision: 'accept', value: 23 });
    expect(accepted.ok).toBe(true);
    expect(host.store.getState().profiles.profiles[0].learning.rules).toMatchObject([{ value: 23, condition: { kind: 'outsideBelow', celsius: 5 } }]);
    const sent = car.writes.length;
    reading(host, { [OUTSIDE]: 2 });
    await until(() => host.store.getState().profiles.fired.length === 1, 'the rule to fire');
    expect(host.store.getState().profiles.fired[0]).toMatchObject({ setting: 'climate.temperature', value: 23, outsideC: 2, condition: { kind: 'outsideBelow', celsius: 5 } });
    expect(car.writes.slice(sent).map((w) => w.targets)).toEqual([{ [TEMP]: 23 }]);
    await until(() => host.store.getState().profiles.application?.settings['climate.temperature']?.state === 'confirmed', 'the rule target');
    expect(host.store.getState().profiles.application?.settings['climate.temperature']).toMatchObject({ target: 23, rule: expect.stringMatching(/^r/) });
  });
});
