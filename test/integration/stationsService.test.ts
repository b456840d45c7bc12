// The stations service in a real host with the simulated charge-point operator on loopback: live statuses with their age, 5xx and timeouts keeping the cache, a restart with the operator down, filters, name search while driving, favourites and filters in a profile across restarts, consent before the position leaves the car, the low-battery assistant.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '../../main/host/createHost';
import { HOST_SERVICES } from '../../main/host/services';
import { createStationsService, stationsService, type StationsServiceModuleOptions } from '../../main/services/stations/stationsModule';
import { startChargePointOperator, type ChargePointOperator } from '../../simulator/chargePointOperator';
import { generateStations } from '../../shared/stations/generator';
import type { Location } from '../../shared/stations/model';
import { vehicleSelected } from '../../shared/state/vehicleSlice';
import { corpusPath, projectRoot } from '../fixtures/corpus';
import { drive, park } from '../fixtures/drivingState';
import { reading } from '../fixtures/profilesHost';
import { until } from '../fixtures/until';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const SOC = 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current';
const LAT = 'Vehicle.CurrentLocation.Latitude';
const LON = 'Vehicle.CurrentLocation.Longitude';
const fastHttp = { timeoutMs: 2_000, retries: 1, backoffMs: 5, maxBackoffMs: 10 };

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-stations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A host as the product assembles it, the stations service with short timings (and no offline dataset unless asked). */
async function stationsHost(dataDir: string, options: StationsServiceModuleOptions = {}): Promise<Host> {
  const services = HOST_SERVICES.map((s) => (s === stationsService ? createStationsService({ offlineDataset: null, refreshMs: 3_600_000, http: fastHttp, timings: { searchThrottleMs: 0 }, ...options }) : s));
  const host = await createHost({ dataDir, version: 't', mode: 'simulation', transport: 'none', appRoot: projectRoot, services });
  let closed = false;
  cleanups.unshift(async () => {
    if (!closed) await host.close();
  });
  const close = host.close.bind(host);
  host.close = async () => {
    closed = true;
    await close();
  };
  return host;
}

/** The reference EV, parked at a place with a SoC. */
function placeCar(host: Host, at: { lat: number; lon: number }, soc: number): void {
  host.store.dispatch(vehicleSelected({ vehicleId: 'cabin-ev', paths: [SOC, LAT, LON], sources: {}, capabilities: { tractionBattery: true, charging: true, swap: true } }));
  park(host);
  reading(host, { [SOC]: soc, [LAT]: at.lat, [LON]: at.lon });
}

async function operator(extra: Partial<Parameters<typeof startChargePointOperator>[0]> = {}): Promise<{ cpo: ChargePointOperator; network: Location[] }> {
  const network = [...generateStations({ seed: 3, at: Date.UTC(2026, 0, 1), sites: 300 })];
  const cpo = await startChargePointOperator({ locations: network, tickMs: 0, maxPageSize: 50, ...extra });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await cpo.close();
  });
  const close = cpo.close;
  cpo.close = async () => {
    closed = true;
    await close();
  };
  return { cpo, network };
}

const inShanghai = (network: Location[]) =>
  network.find((l) => l.coordinates.longitude > 121 && l.coordinates.latitude > 30.9 && l.evses.some((e) => e.connectors.some((c) => c.standard === 'GBT_DC')))!;
const position = (l: Location) => ({ lat: l.coordinates.latitude, lon: l.coordinates.longitude });
const live = (host: Host, source = 'cpo') => host.store.getState().stations.sources.find((s) => s.source === source);

describe('the stations service with the simulated operator on loopback', () => {
  it('shows the operator\'s live statuses with their age, and follows them on refresh', async () => {
    const { cpo, network } = await operator();
    const host = await stationsHost(await folder());
    await until(() => host.ports.stations !== undefined, 'the stations port');
    host.ports.stations!.attachOcpiSource({ source: 'cpo', url: cpo.url, pageLimit: 50 });
    const site = inShanghai(network);
    placeCar(host, position(site), 60);
    await until(() => live(host)?.locations === 300 && host.store.getState().stations.results.length > 0, 'the live source and results', 10_000);
    const { results, sources } = host.store.getState().stations;
    expect(sources).toEqual([expect.objectContaining({ source: 'cpo', kind: 'live', locations: 300 })]);
    expect(sources[0].error).toBeUndefined();
    // An OCPI feed vouches for its statuses when it is read: their age is the time since the sync.
    const age = host.clock() - results[0].best.statusSeenAt;
    expect(age).toBeGreaterThanOrEqual(-1000);
    expect(age).toBeLessThan(60_000);
    expect(results[0]).toMatchObject({ key: `${site.country_code}*${site.party_id}/${site.id}`, reachable: true });

    const changed = cpo.locations().flatMap((l) => l.evses.map((e) => `${l.id}/${e.uid}=${e.status}`));
    cpo.advance(Date.now() + 6 * 3_600_000);
    const now = cpo.locations().flatMap((l) => l.evses.map((e) => `${l.id}/${e.uid}=${e.status}`));
    const differs = now.filter((s, i) => s !== changed[i]);
    expect(differs.length).toBeGreaterThan(0);
    expect(await host.invoke('stations.refresh', {})).toEqual({ ok: true, value: { sources: 1, failed: 0 } });
    const [locationId, rest] = differs[0].split('/');
    const [uid, status] = rest.split('=');
    const target = cpo.locations().find((l) => l.id === locationId)!;
    const detail = await host.invoke('stations.detail', { key: `${target.country_code}*${target.party_id}/${target.id}` });
    expect(detail.ok && detail.value.evses.find((e) => e.uid === uid)?.status).toBe(status);
    expect(detail.ok && detail.value.source).toMatchObject({ id: 'cpo', kind: 'live' });
  });

  it('keeps the cached data, with the error and its age, through 5xx and timeouts; other intents answer meanwhile', async () => {
    const { cpo, network } = await operator();
    const host = await stationsHost(await folder(), { http: { timeoutMs: 300, retries: 0, backoffMs: 5 } });
    await until(() => host.ports.stations !== undefined, 'the stations port');
    host.ports.stations!.attachOcpiSource({ source: 'cpo', url: cpo.url, pageLimit: 50 });
    placeCar(host, position(inShanghai(network)), 60);
    await until(() => live(host)?.locations === 300 && host.store.getState().stations.results.length > 0, 'the first sync', 10_000);
    const before = host.store.getState().stations.results.map((r) => r.key);

    cpo.failNext(10, 503);
    expect(await host.invoke('stations.refresh', {})).toEqual({ ok: true, value: { sources: 1, failed: 1 } });
    expect(live(host)).toMatchObject({ locations: 300, error: expect.stringContaining('HTTP 503') });
    expect(host.store.getState().stations.results.map((r) => r.key)).toEqual(before);

    cpo.failNext(0);
    cpo.delayNext(5, 1_500);
    const refreshing = host.invoke('stations.refresh', {});
    let refreshed = false;
    void refreshing.then(() => (refreshed = true));
    // The host keeps answering while a source hangs: a search completes before the refresh gives up.
    const searched = await host.invoke('stations.search', { filters: { availableOnly: false } });
    expect(searched.ok).toBe(true);
    expect(refreshed).toBe(false);
    expect(await refreshing).toEqual({ ok: true, value: { sources: 1, failed: 1 } });
    expect(live(host)?.error).toContain('no answer within 300 ms');
    const detail = await host.invoke('stations.detail', { key: before[0] });
    expect(detail.ok && detail.value.source.error).toContain('no answer within 300 ms');
  });

  it('after a restart with the operator down, shows the cached copy with the age of its last good fetch', async () => {
    const { cpo, network } = await operator();
    const dir = await folder();
    const first = await stationsHost(dir);
    await until(() => first.ports.stations !== undefined, 'the stations port');
    first.ports.stations!.attachOcpiSource({ source: 'cpo', url: cpo.url, pageLimit: 50 });
    await until(() => live(first)?.locations === 300, 'the first sync', 10_000);
    const fetchedWall = Date.now() - (first.clock() - live(first)!.fetchedSeenAt!);
    await first.close();
    await cpo.close();

    const second = await stationsHost(dir);
    await until(() => second.ports.stations !== undefined, 'the stations port');
    second.ports.stations!.attachOcpiSource({ source: 'cpo', url: cpo.url, pageLimit: 50 });
    placeCar(second, position(inShanghai(network)), 60);
    await until(() => live(second)?.error !== undefined && second.store.getState().stations.results.length > 0, 'the cached copy', 10_000);
    const shown = live(second)!;
    expect(shown).toMatchObject({ locations: 300, error: expect.stringMatching(/ECONNREFUSED|fetch failed/) });
    const shownWall = Date.now() - (second.clock() - shown.fetchedSeenAt!);
    expect(Math.abs(shownWall - fetchedWall)).toBeLessThan(1_000);
  });
});

describe('driver-facing rules of the stations service', () => {
  it('explains an empty search, refuses contradictory and malformed filters, and needs the SoC to rank by time', async () => {
    const { network } = await operator();
    const host = await stationsHost(await folder(), { offlineDataset: undefined });
    host.store.dispatch(vehicleSelected({ vehicleId: 'cabin-ev', paths: [LAT, LON], sources: {}, capabilities: { tractionBattery: true, charging: true, swap: true } }));
    park(host);
    reading(host, { [LAT]: 31.2304, [LON]: 121.4737 });
    await until(() => host.store.getState().stations.results.length > 0, 'results from the offline dataset', 10_000);
    expect(await host.invoke('stations.search', { filters: { minPowerKw: 500 } })).toEqual({ ok: true, value: { results: 0, considered: 0 } });
    expect(host.store.getState().stations.emptyBecause).toEqual(['minPowerKw']);
    expect(await host.invoke('stations.search', { filters: { preferOperators: ['Mer'], excludeOperators: ['mer'] } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', reason: { key: 'charging.errors.conflictingOperators' } },
    });
    expect(await host.invoke('stations.search', { filters: { minPowerKw: -5 } })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('filters.minPowerKw') } });
    expect(await host.invoke('stations.search', { filters: { minPowerKw: 0, rankBy: 'time' } })).toMatchObject({ ok: false, error: { reason: { key: 'charging.errors.needsSoc' } } });
    expect(host.store.getState().stations.search).toMatchObject({ status: 'failed', problem: { key: 'charging.errors.needsSoc' } });
    void network;
  });

  it('takes name search away while driving (the restriction engine decides) and answers it parked', async () => {
    const host = await stationsHost(await folder(), { offlineDataset: undefined });
    placeCar(host, { lat: 31.2304, lon: 121.4737 }, 60);
    await until(() => host.store.getState().stations.results.length > 0, 'results', 10_000);
    drive(host, 60);
    expect(await host.invoke('stations.findByName', { text: 'TELD' })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', reason: { key: 'ux.restricted.noKeyboard' } } });
    park(host);
    const found = await host.invoke('stations.findByName', { text: 'teld' });
    expect(found.ok && found.value.results).toBeGreaterThan(0);
    expect(host.store.getState().stations.results.every((r) => /TELD/i.test(`${r.name} ${r.operator}`))).toBe(true);
  });

  it('keeps favourites and filters in the driver\'s profile across a restart; the guest\'s last the session only', async () => {
    const dir = await folder();
    const first = await stationsHost(dir, { offlineDataset: undefined });
    placeCar(first, { lat: 31.2304, lon: 121.4737 }, 60);
    await until(() => first.store.getState().stations.results.length > 2, 'results', 10_000);
    const [a, b] = first.store.getState().stations.results.map((r) => r.key);
    expect(await first.invoke('stations.favourite', { key: a, favourite: true })).toEqual({ ok: true, value: { favourite: true, count: 1 } });
    const created = await first.invoke('profiles.create', { name: 'Chen', colour: 'teal' });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    await first.invoke('profiles.activate', { id });
    expect(await first.invoke('stations.favourite', { key: b, favourite: true })).toEqual({ ok: true, value: { favourite: true, count: 1 } });
    expect((await first.invoke('stations.search', { filters: { minPowerKw: 100, availableOnly: true } })).ok).toBe(true);
    expect(first.store.getState().profiles.profiles[0]).toMatchObject({ favouriteStations: [b], charging: { minPowerKw: 100 } });
    await first.close();

    const second = await stationsHost(dir, { offlineDataset: undefined });
    placeCar(second, { lat: 31.2304, lon: 121.4737 }, 60);
    await until(() => second.store.getState().stations.results.length > 0, 'results', 10_000);
    expect(second.store.getState().stations.query.filters).toMatchObject({ minPowerKw: 0, availableOnly: false });
    expect(await second.invoke('stations.search', { scope: 'favourites' })).toMatchObject({ ok: true, value: { results: 0 } });
    expect(second.store.getState().stations.emptyBecause).toContain('favourites');
    await second.invoke('profiles.activate', { id });
    await until(() => second.store.getState().stations.query.filters.minPowerKw === 100, 'the profile\'s filters');
    expect(second.store.getState().stations.query.filters).toMatchObject({ minPowerKw: 100, availableOnly: true });
    const favourites = await second.invoke('stations.search', { scope: 'favourites', filters: { minPowerKw: 0, availableOnly: false } });
    expect(favourites).toMatchObject({ ok: true, value: { results: 1 } });
    expect(second.store.getState().stations.results.map((r) => [r.key, r.favourite])).toEqual([[b, true]]);
  });

  it('gives a car without a traction battery no station search', async () => {
    const host = await stationsHost(await folder());
    host.store.dispatch(vehicleSelected({ vehicleId: 'hyundai-2015', paths: [LAT, LON], sources: {}, capabilities: { tractionBattery: false, charging: false, swap: false } }));
    reading(host, { [LAT]: 31.23, [LON]: 121.47 });
    await until(() => host.store.getState().stations.search.status === 'idle', 'the service to look at the car');
    expect(await host.invoke('stations.search', {})).toMatchObject({ ok: false, error: { reason: { key: 'charging.errors.noVehicle' } } });
    expect(host.store.getState().stations).toMatchObject({ enabled: false, results: [] });
  });
});

const ocmDir = corpusPath('stations', 'openchargemap');

describe.skipIf(!ocmDir)('the car\'s position and online sources', () => {
  it('sends the position to Open Charge Map only after the driver agreed', async () => {
    const reference = await readFile(join(ocmDir!, 'ocm-core-reference-data.json'));
    const pois = await readFile(join(ocmDir!, 'api-responses', 'ocm-api-list_compact.json'));
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(req.url!);
      const body = req.url!.startsWith('/v3/referencedata') ? reference : req.url!.startsWith('/v3/poi') ? pois : null;
      if (!body) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const dir = await folder();
    await mkdir(join(dir, 'stations'), { recursive: true });
    await writeFile(join(dir, 'stations', 'sources.json'), JSON.stringify({ ocm: { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3` } }));

    const host = await stationsHost(dir, { offlineDataset: undefined });
    placeCar(host, { lat: 54.1, lon: 9.07 }, 60);
    await until(() => host.store.getState().stations.search.status === 'ready', 'a search around the car', 10_000);
    expect(host.store.getState().stations.consent).toEqual({ needed: true, state: 'unknown' });
    expect(requests).toEqual([]);

    expect(await host.invoke('stations.consent', { allow: true })).toEqual({ ok: true, value: { consent: 'granted' } });
    await until(() => requests.some((r) => r.startsWith('/v3/poi')), 'a request with the position', 5_000);
    const poi = new URL(requests.find((r) => r.startsWith('/v3/poi'))!, 'http://x');
    expect(poi.searchParams.get('latitude')).toBe('54.1');
    await until(() => live(host, 'openchargemap')?.locations === 4, 'the POIs as a live source', 5_000);
  });
});

describe('the low-battery assistant in the host', () => {
  it('offers three reachable compatible stations at 15 %, once per crossing, dismissable, red at 10 %, quiet again after charging', async () => {
    const host = await stationsHost(await folder(), { offlineDataset: undefined, timings: { searchThrottleMs: 0, assistantEveryMs: 0 } });
    placeCar(host, { lat: 31.2235, lon: 121.5299 }, 15);
    await until(() => host.store.getState().stations.assistant.status === 'warning', 'the warning', 10_000);
    const warning = host.store.getState().stations.assistant;
    if (warning.status !== 'warning') throw new Error('no warning');
    expect(warning).toMatchObject({ level: 'low', cause: 'soc', crossing: 1, dismissed: false, lowPercent: 20, criticalPercent: 10 });
    expect(warning.options).toHaveLength(3);
    for (const o of warning.options) {
      expect(['GBT_AC', 'GBT_DC']).toContain(o.standard);
      expect(o.arrival_soc).toBeGreaterThanOrEqual(10);
    }
    expect(await host.invoke('stations.assistant', { action: 'dismiss' })).toEqual({ ok: true, value: { dismissed: true } });
    await until(() => host.store.getState().stations.assistant.status === 'warning' && (host.store.getState().stations.assistant as { dismissed: boolean }).dismissed, 'the dismissal');
    reading(host, { [SOC]: 9 });
    await until(() => (host.store.getState().stations.assistant as { level?: string }).level === 'critical', 'red at 10 %', 5_000);
    expect(host.store.getState().stations.assistant).toMatchObject({ level: 'critical', crossing: 2, dismissed: false });
    reading(host, { [SOC]: 45 });
    await until(() => host.store.getState().stations.assistant.status === 'quiet', 'quiet after charging', 5_000);
  });
});
