// The simulated charge-point operator served over OCPI and read by Cabin's OCPI client: pages, deltas, statuses that change over time, faults.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChargePointOperator, offlineNetwork, type ChargePointOperator } from '../../simulator/chargePointOperator';
import { generateStations } from '../../shared/stations/generator';
import { OcpiLocationsClient } from '../../main/services/stations/ocpiClient';
import { startStationsService } from '../../main/services/stations/stationsService';
import { OFFLINE_DATASET } from '../../main/services/stations/offlineDataset';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function operator(clock: () => number, sites = 240, extra: Partial<Parameters<typeof startChargePointOperator>[0]> = {}): Promise<ChargePointOperator> {
  const locations = [...generateStations({ seed: 11, at: Date.UTC(2026, 0, 1), sites })];
  const cpo = await startChargePointOperator({ locations, clock, tickMs: 0, maxPageSize: 50, ...extra });
  cleanups.push(() => cpo.close());
  return cpo;
}

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-cpo-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const http = { timeoutMs: 5_000, retries: 3, backoffMs: 5, maxBackoffMs: 20 };

describe('simulated charge-point operator', () => {
  it('serves its network page by page; Cabin reads all of it back, refusing nothing', async () => {
    const clock = Date.UTC(2026, 5, 1, 8);
    const cpo = await operator(() => clock);
    const client = new OcpiLocationsClient({ url: cpo.url, source: 'cpo', cacheDir: await cacheDir(), http, pageLimit: 200, now: () => clock });
    const state = await client.sync();
    expect(state.error).toBeUndefined();
    expect(state.lastSync).toMatchObject({ pages: 5, records: 240, rejected: 0 });
    expect(state.locations).toHaveLength(240);
    const served = new Map(cpo.locations().map((l) => [l.id, l]));
    for (const l of state.locations) expect(l.evses.map((e) => e.status)).toEqual(served.get(l.id)!.evses.map((e) => e.status));
  });

  it('changes statuses as time passes, and a date_from delta carries exactly the changed sites', async () => {
    let clock = Date.UTC(2026, 5, 1, 8);
    const cpo = await operator(() => clock);
    const client = new OcpiLocationsClient({ url: cpo.url, source: 'cpo', cacheDir: await cacheDir(), http, pageLimit: 50, now: () => clock });
    await client.sync();
    const before = new Map(cpo.locations().map((l) => [l.id, l.evses.map((e) => e.status).join()]));
    clock += 10 * 60_000;
    const changes = cpo.advance();
    expect(changes).toBeGreaterThan(0);
    const changedSites = cpo.locations().filter((l) => before.get(l.id) !== l.evses.map((e) => e.status).join()).length;
    expect(changedSites).toBeGreaterThan(0);
    const state = await client.sync();
    expect(state.lastSync?.delta).toBe(true);
    // The delta asks from a minute before the last sync: every site changed since, nothing else.
    expect(state.lastSync?.records).toBe(cpo.locations().filter((l) => l.last_updated >= clock - 10 * 60_000 - 60_000).length);
    expect(state.lastSync!.records).toBeGreaterThanOrEqual(changedSites);
    const served = new Map(cpo.locations().map((l) => [l.id, l]));
    for (const l of state.locations) expect(l.evses.map((e) => e.status)).toEqual(served.get(l.id)!.evses.map((e) => e.status));
  });

  it('is the same from the same seed, and its outages are survived by the client\'s retries', async () => {
    const clock = () => Date.UTC(2026, 5, 1, 8);
    const a = await operator(clock, 60);
    const b = await operator(clock, 60);
    a.advance(Date.UTC(2026, 5, 1, 12));
    b.advance(Date.UTC(2026, 5, 1, 12));
    expect(a.locations()).toEqual(b.locations());
    a.failNext(2, 502);
    const state = await new OcpiLocationsClient({ url: a.url, source: 'cpo', cacheDir: await cacheDir(), http, now: clock }).sync();
    expect(state.error).toBeUndefined();
    expect(state.locations).toHaveLength(60);
  });

  it('refuses requests without its token', async () => {
    const clock = () => Date.UTC(2026, 5, 1, 8);
    const cpo = await operator(clock, 10, { token: 'secret' });
    const without = await new OcpiLocationsClient({ url: cpo.url, source: 'cpo', cacheDir: await cacheDir(), http, now: clock }).sync();
    expect(without.error).toMatch(/HTTP 401/);
    const withToken = await new OcpiLocationsClient({ url: cpo.url, source: 'cpo', token: 'secret', cacheDir: await cacheDir(), http, now: clock }).sync();
    expect(withToken.locations).toHaveLength(10);
  });

  it('serves the offline network\'s own sites: live statuses then hide the offline copies in search', async () => {
    let clock = Date.UTC(2026, 5, 1, 8);
    const network = offlineNetwork().filter((l) => l.party_id === 'MER');
    const cpo = await startChargePointOperator({ locations: network, clock: () => clock, tickMs: 0 });
    cleanups.push(() => cpo.close());
    const dataDir = await cacheDir();
    const service = await startStationsService({ dataDir, offlineDataset: OFFLINE_DATASET, ocpiSources: [{ source: 'mer', url: cpo.url, pageLimit: 100 }], http, now: () => clock });
    cleanups.push(async () => service.close());
    await service.refresh();
    clock += 1_000;
    const site = network[0];
    const response = service.search({ near: { lat: site.coordinates.latitude, lon: site.coordinates.longitude }, limit: 1, preferOperators: [] });
    const [hit] = response.results;
    expect(hit.key).toBe(`NO*MER/${site.id}`);
    expect(hit.source).toBe('mer');
    expect(clock - hit.best.status_updated).toBe(1_000);
    expect(response.datasets.map((d) => d.kind)).toEqual(['live', 'offline']);
    expect(service.detail(hit.key)!.source).toBe('mer');
  });
});
