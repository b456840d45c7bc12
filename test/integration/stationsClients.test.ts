// The OCPI and Open Charge Map clients against local HTTP servers serving the real sample files: pagination, deltas, timeouts, 5xx, and the cache when the source is down.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath } from '../fixtures/corpus';
import { until } from '../fixtures/until';
import { OcpiLocationsClient } from '../../main/services/stations/ocpiClient';
import { OcmClient, NO_CONSENT } from '../../main/services/stations/ocmClient';
import { startStationsService } from '../../main/services/stations/stationsService';

const feeds = corpusPath('stations', 'ocpi-real-feeds');
const ocmDir = corpusPath('stations', 'openchargemap');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-stations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function feedRecords(name: string): Promise<Array<Record<string, unknown>>> {
  let text = await readFile(join(feeds!, name), 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const json = JSON.parse(text);
  return Array.isArray(json) ? json : json.data;
}

type Paging = 'link' | 'total' | 'plain';
interface FeedServer {
  url: string;
  requests: URL[];
  /** Answer the next n requests with this status. */
  failNext(n: number, status?: number): void;
  /** Hold the next n requests this long. */
  delayNext(n: number, ms: number): void;
  /** Hold the next request until the returned function is called. */
  holdNext(): () => void;
  records: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** An OCPI Locations endpoint over `records`, paging one of three ways, honouring date_from on last_updated. */
async function serveFeed(records: Array<Record<string, unknown>>, paging: Paging, pageCap = 100): Promise<FeedServer> {
  const requests: URL[] = [];
  let fail = { n: 0, status: 503 };
  let delay = { n: 0, ms: 0 };
  let gate: Promise<void> | null = null;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, `http://${req.headers.host}`);
    requests.push(url);
    const answer = () => {
      if (fail.n > 0) {
        fail.n -= 1;
        res.writeHead(fail.status).end('{"status_code":3000}');
        return;
      }
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(pageCap, Number(url.searchParams.get('limit') ?? pageCap));
      const from = url.searchParams.get('date_from');
      const selected = from ? records.filter((r) => Date.parse(String(r.last_updated)) >= Date.parse(from)) : records;
      const page = selected.slice(offset, offset + limit);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (paging === 'total') headers['X-Total-Count'] = String(selected.length);
      if (paging === 'link' && offset + page.length < selected.length) {
        const next = new URL(url);
        next.searchParams.set('offset', String(offset + page.length));
        // Relative, as some servers send it: the client must resolve it against the page's URL.
        headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
      }
      res.writeHead(200, headers).end(JSON.stringify({ data: page, status_code: 1000, timestamp: new Date().toISOString() }));
    };
    if (gate) {
      void gate.then(answer);
      gate = null;
    } else if (delay.n > 0) {
      delay.n -= 1;
      setTimeout(answer, delay.ms);
    } else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanups.push(close);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ocpi/2.2.1/locations`,
    requests,
    failNext: (n, status = 503) => (fail = { n, status }),
    delayNext: (n, ms) => (delay = { n, ms }),
    holdNext: () => {
      let release = () => undefined as void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    records,
    close,
  };
}

const fastHttp = { timeoutMs: 2_000, retries: 3, backoffMs: 5, maxBackoffMs: 20 };

describe.skipIf(!feeds)('OCPI Locations client', () => {
  it('follows Link headers (relative ones too) through every page of the itcharge feed', async () => {
    const server = await serveFeed(await feedRecords('ocpi_2_2_1_locations-itcharge.json'), 'link');
    const client = new OcpiLocationsClient({ url: server.url, source: 'itcharge', cacheDir: await tempDir(), http: fastHttp });
    const state = await client.sync();
    expect(state.error).toBeUndefined();
    expect(state.lastSync).toMatchObject({ pages: 12, records: 1180, delta: false });
    expect(state.locations).toHaveLength(1110);
    expect(server.requests.map((u) => u.searchParams.get('offset'))).toEqual(['0', '100', '200', '300', '400', '500', '600', '700', '800', '900', '1000', '1100']);
  });

  it('pages by offset and limit with X-Total-Count (powergo), and by short last page with no count at all (chargesini)', async () => {
    const counted = await serveFeed(await feedRecords('ocpi_2_2_locations_powergo.json'), 'total', 50);
    const a = await new OcpiLocationsClient({ url: counted.url, source: 'powergo', cacheDir: await tempDir(), http: fastHttp, pageLimit: 200 }).sync();
    expect(a.lastSync?.records).toBe(489);
    expect(a.locations).toHaveLength(486);
    expect(counted.requests).toHaveLength(10);
    const plain = await serveFeed(await feedRecords('ocpi_2_2_locations-chargesini.json'), 'plain');
    const b = await new OcpiLocationsClient({ url: plain.url, source: 'chargesini', cacheDir: await tempDir(), http: fastHttp }).sync();
    expect(b.lastSync?.records).toBe(448);
    expect(b.locations).toHaveLength(372);
  });

  it('asks only for what changed since the last sync (date_from) and merges it', async () => {
    const records = await feedRecords('ocpi_2_2_locations-evio.json');
    const server = await serveFeed(records, 'link');
    let clock = Date.parse('2025-07-01T00:00:00Z');
    const client = new OcpiLocationsClient({ url: server.url, source: 'evio', cacheDir: await tempDir(), http: fastHttp, now: () => clock });
    await client.sync();
    expect(server.requests[0].searchParams.has('date_from')).toBe(false);
    // One EVSE goes to CHARGING after the first sync.
    clock += 3_600_000;
    const changed = structuredClone(records[0]) as { id: string; last_updated: string; evses: Array<{ status: string; last_updated: string }> };
    changed.last_updated = changed.evses[0].last_updated = new Date(clock - 60_000).toISOString();
    changed.evses[0].status = 'CHARGING';
    records[0] = changed;
    const state = await client.sync();
    const asked = server.requests.at(-1)!;
    expect(asked.searchParams.get('date_from')).toBe('2025-06-30T23:59:00.000Z');
    expect(state.lastSync).toMatchObject({ delta: true, records: 1 });
    expect(state.locations).toHaveLength(21);
    expect(state.locations.find((l) => l.id === changed.id)!.evses[0].status).toBe('CHARGING');
  });

  it('retries after timeouts and 5xx with growing backoff, and gives up on a 4xx at once', async () => {
    const server = await serveFeed(await feedRecords('ocpi_2_2_locations-gaia.json'), 'link');
    const waits: number[] = [];
    const reasons: string[] = [];
    const client = new OcpiLocationsClient({
      url: server.url,
      source: 'gaia',
      cacheDir: await tempDir(),
      http: { ...fastHttp, timeoutMs: 1_000, onRetry: (_attempt, reason, ms) => (reasons.push(reason), waits.push(ms)) },
    });
    server.delayNext(1, 5_000);
    let state = await client.sync();
    expect(state.error).toBeUndefined();
    expect(state.locations).toHaveLength(3);
    expect(reasons[0]).toBe('no answer within 1000 ms');

    server.failNext(2, 503);
    waits.length = 0;
    reasons.length = 0;
    state = await client.sync({ full: true });
    expect(state.error).toBeUndefined();
    expect(reasons.slice(0, 2)).toEqual(['HTTP 503', 'HTTP 503']);
    expect(waits[1]).toBeGreaterThan(waits[0]);

    server.failNext(1, 404);
    const before = server.requests.length;
    state = await client.sync({ full: true });
    expect(state.error).toMatch(/HTTP 404 \(not retried\)/);
    expect(server.requests.length - before).toBe(1);
    expect(state.locations).toHaveLength(3);
  });

  it('shows the cached set with its age when the source is down, across a restart', async () => {
    const records = await feedRecords('ocpi_2_2_locations-zepto.json');
    const server = await serveFeed(records, 'link');
    const cacheDir = await tempDir();
    const firstSync = Date.parse('2025-11-01T10:00:00Z');
    await new OcpiLocationsClient({ url: server.url, source: 'zepto', cacheDir, http: fastHttp, now: () => firstSync }).sync();
    await server.close();

    const later = firstSync + 45 * 60_000;
    const restarted = new OcpiLocationsClient({ url: server.url, source: 'zepto', cacheDir, http: { ...fastHttp, retries: 1 }, now: () => later });
    await restarted.restore();
    const state = await restarted.sync();
    expect(state.error).toMatch(/zepto|fetch failed|ECONNREFUSED/i);
    expect(state.locations).toHaveLength(10);
    expect(later - state.fetchedAt).toBe(45 * 60_000);
  });

  it('the stations service keeps searching the cached live data and says how old it is and why', async () => {
    const server = await serveFeed(await feedRecords('ocpi_2_2_locations-zepto.json'), 'link');
    const dataDir = await tempDir();
    let clock = Date.parse('2025-11-01T10:00:00Z');
    const options = { dataDir, offlineDataset: null, ocpiSources: [{ source: 'zepto', url: server.url }], http: { ...fastHttp, retries: 0 }, now: () => clock };
    const first = await startStationsService(options);
    const [fresh] = await first.refresh();
    expect(fresh).toMatchObject({ source: 'zepto', kind: 'live', locations: 10 });
    await first.close();
    await server.close();

    clock += 20 * 60_000;
    const second = await startStationsService(options);
    const [stale] = await second.refresh();
    expect(stale.error).toBeDefined();
    expect(clock - stale.fetchedAt).toBe(20 * 60_000);
    const response = second.search({ near: { lat: 53.0, lon: 18.6 }, limit: 3 });
    expect(response.results).toHaveLength(3);
    expect(response.datasets).toEqual([stale]);
    // The statuses were confirmed at the last good sync: 20 minutes ago.
    expect(clock - response.results[0].best.status_updated).toBe(20 * 60_000);
    await second.close();
  });
});

describe.skipIf(!ocmDir)('Open Charge Map client', () => {
  async function serveOcm(): Promise<{ base: string; requests: string[] }> {
    const reference = await readFile(join(ocmDir!, 'ocm-core-reference-data.json'));
    const pois = await readFile(join(ocmDir!, 'api-responses', 'ocm-api-list_compact.json'));
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url!);
      const body = req.url!.startsWith('/v3/referencedata') ? reference : req.url!.startsWith('/v3/poi') ? pois : null;
      if (!body) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`, requests };
  }

  it('never sends the position without the driver\'s consent', async () => {
    const { base, requests } = await serveOcm();
    const client = new OcmClient({ baseUrl: base, cacheDir: await tempDir(), http: fastHttp, positionSharingAllowed: () => false });
    const state = await client.fetchAround(54.1, 9.07, 25);
    expect(state.error).toBe(NO_CONSENT);
    expect(requests).toEqual([]);
  });

  it('fetches POIs around the car in compact form and resolves them through the reference data', async () => {
    const { base, requests } = await serveOcm();
    const client = new OcmClient({ baseUrl: base, apiKey: 'k', cacheDir: await tempDir(), http: fastHttp, positionSharingAllowed: () => true });
    const state = await client.fetchAround(54.1, 9.07, 25);
    expect(state.error).toBeUndefined();
    expect(state.locations).toHaveLength(4);
    expect(state.locations[0]).toMatchObject({ id: '102167', country: 'DEU', operator: { name: '(Business Owner at Location)' } });
    const poi = new URL(requests.find((r) => r.startsWith('/v3/poi'))!, 'http://x');
    expect(Object.fromEntries(poi.searchParams)).toMatchObject({ compact: 'true', latitude: '54.1', longitude: '9.07', distance: '25', distanceunit: 'KM' });
  });
});

describe('the stations service closing', () => {
  it('a source removed while its answer is on its way writes nothing into the data folder once the service has closed', async () => {
    const server = await serveFeed([], 'plain');
    const dataDir = await tempDir();
    const service = await startStationsService({ dataDir, offlineDataset: null, ocpiSources: [], http: { ...fastHttp, retries: 0 } });
    // A source that answers at once has its cache written: the file this test expects to be missing is a real one.
    await service.addOcpiSource({ source: 'prompt', url: server.url });
    await access(join(dataDir, 'stations', 'cache', 'prompt.json'));

    const release = server.holdNext();
    const adding = service.addOcpiSource({ source: 'late', url: server.url });
    await until(() => server.requests.length === 2, 'the late source to ask');
    service.removeOcpiSource('late');
    await service.close();
    // The answer arrives after close; the sync ends without writing it.
    release();
    await adding;
    await expect(access(join(dataDir, 'stations', 'cache', 'late.json'))).rejects.toThrow(/ENOENT/);
    await expect(service.addOcpiSource({ source: 'after', url: server.url })).rejects.toThrow(/closed/);
  });
});
