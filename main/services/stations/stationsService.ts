// The host's stations service: the offline dataset, the driver's imports and live sources as indexed stores, searched together; only results and freshness leave it.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Location } from '../../../shared/stations/model';
import { stationQuerySchema, type DatasetFreshness, type SearchResponse, type StationQueryInput, type VehicleContext } from '../../../shared/stations/search';
import { DatasetError, loadDataset, saveDataset } from './datasetFile';
import { importFiles, sourceName, type FeedFormat, type ImportFilesResult } from './importFiles';
import { OcmClient, type OcmState } from './ocmClient';
import { OcpiLocationsClient, type SourceState } from './ocpiClient';
import { OFFLINE_DATASET } from './offlineDataset';
import { indexStore, pointsInBox, searchStores, type BoxPoints, type IndexedStore } from './stationSearch';
import { buildStore, buildStoreGivingWay } from './storeBuilder';
import type { HttpOptions } from './httpJson';

export interface OcpiSourceConfig {
  source: string;
  url: string;
  token?: string;
  pageLimit?: number;
}

export interface StationsServiceOptions {
  /** The user-data folder: imports go to <dataDir>/stations, live-source caches to <dataDir>/stations/cache. */
  dataDir: string;
  /** The shipped dataset (default assets/stations/offline.cstn); null for none. */
  offlineDataset?: string | null;
  ocpiSources?: OcpiSourceConfig[];
  ocm?: { baseUrl: string; apiKey?: string };
  /** The driver's consent to send the car's position to online sources (Open Charge Map). */
  positionSharingAllowed?: () => boolean;
  /** Resync live sources this often (ms); absent: only when refresh() is called. */
  refreshMs?: number;
  http?: Partial<HttpOptions>;
  now?: () => number;
  report?: (line: string) => void;
}

export interface StationsService {
  /** Validates the query (zod; throws ZodError on bad input, SearchError on an impossible one) and searches every store. */
  search(query: StationQueryInput, context?: VehicleContext): SearchResponse;
  /** The whole canonical Location behind a result's key (from the store that wins for that key). */
  detail(key: string): Location | null;
  /** detail() with the freshness of the dataset it came from. */
  locate(key: string): { location: Location; freshness: DatasetFreshness } | null;
  /** Syncs every live source (deltas after the first time) and re-indexes them; failures keep the cached data. */
  refresh(): Promise<DatasetFreshness[]>;
  /** Asks Open Charge Map around a position (only with consent) and indexes the answer. */
  fetchOcmAround(lat: number, lon: number, distanceKm: number): Promise<DatasetFreshness | null>;
  /** Imports feed files into a dataset kept in the user-data folder and searched from then on. */
  importFiles(name: string, format: FeedFormat, files: string[]): Promise<ImportFilesResult>;
  /** The map's markers: locations in a box that meet the query, at most `max` (nearest the box centre kept). */
  mapPoints(input: StationQueryInput, context: VehicleContext | undefined, box: { south: number; west: number; north: number; east: number }, max: number): BoxPoints;
  /**
   * A live OCPI source that became known after start (the simulated operator the CLI starts, a source added to
   * the configuration): its cache is shown at once, it syncs now and with every refresh. Answers its first sync.
   */
  addOcpiSource(source: OcpiSourceConfig): Promise<DatasetFreshness>;
  /** Stops syncing a source added with addOcpiSource; its last data stays, in memory and on disk (an answer still on its way is dropped). */
  removeOcpiSource(source: string): void;
  datasets(): DatasetFreshness[];
  /** Stops refreshing; resolves when no cache is being written into the data folder. */
  close(): Promise<void>;
}

type Kind = DatasetFreshness['kind'];
const PRIORITY: Record<Kind, number> = { offline: 0, imported: 1, live: 2 };

export async function startStationsService(options: StationsServiceOptions): Promise<StationsService> {
  const now = options.now ?? Date.now;
  const report = options.report ?? (() => undefined);
  const folder = join(options.dataDir, 'stations');
  const cacheDir = join(folder, 'cache');
  const entries = new Map<string, IndexedStore & { keys?: Map<string, number> }>();

  const setEntry = (id: string, entry: IndexedStore) => {
    entries.set(id, entry);
    reshadow();
  };
  const ordered = () => [...entries.values()].sort((a, b) => PRIORITY[b.freshness.kind] - PRIORITY[a.freshness.kind]);
  const keysOf = (entry: IndexedStore & { keys?: Map<string, number> }) => {
    if (!entry.keys) {
      entry.keys = new Map();
      for (let i = 0; i < entry.store.count; i++) entry.keys.set(entry.store.key(i), i);
    }
    return entry.keys;
  };
  /** A location in a live feed hides its offline copy; an import hides the offline one too. */
  function reshadow(): void {
    const list = ordered();
    const seen = new Set<string>();
    for (const entry of list) {
      const keys = keysOf(entry);
      let shadowed: Uint8Array | undefined;
      for (const key of seen) {
        const i = keys.get(key);
        if (i !== undefined) (shadowed ??= new Uint8Array(entry.store.count))[i] = 1;
      }
      entry.shadowed = shadowed;
      for (const key of keys.keys()) seen.add(key);
    }
  }

  const offlinePath = options.offlineDataset === undefined ? OFFLINE_DATASET : options.offlineDataset;
  if (offlinePath) await addDataset('offline', offlinePath, 'offline');
  try {
    for (const file of (await readdir(folder)).filter((f) => f.endsWith('.cstn')).sort()) {
      await addDataset(`imported:${sourceName(file)}`, join(folder, file), 'imported');
    }
  } catch {
    // No imports yet.
  }

  async function addDataset(id: string, path: string, kind: Kind): Promise<void> {
    try {
      const { store, meta } = await loadDataset(path);
      setEntry(id, indexStore(store, { source: id, kind, fetchedAt: meta.createdAt, locations: store.count }));
    } catch (error) {
      // A damaged dataset is left out and said so; the app keeps working with the rest.
      report(`stations: ${error instanceof DatasetError ? error.message : String(error)}`);
    }
  }

  const ocpiClients: Array<{ source: string; client: OcpiLocationsClient }> = [];
  /** Sources removed while their cache may still be writing. */
  const retiring: Array<Promise<void>> = [];
  let closed = false;
  const newClient = (source: OcpiSourceConfig) => ({ source: source.source, client: new OcpiLocationsClient({ ...source, cacheDir, http: options.http, now, report }) });
  for (const source of options.ocpiSources ?? []) ocpiClients.push(newClient(source));
  /**
   * An OCPI feed vouches for every status it sends at the moment it is read; Open Charge Map's statuses are
   * community reports with their own dates, so they keep those (`vouches` false).
   */
  const liveEntry = async (source: string, state: SourceState, vouches = true) => {
    const store = await buildStoreGivingWay(state.locations, vouches ? state.fetchedAt : 0);
    const freshness: DatasetFreshness = { source, kind: 'live', fetchedAt: state.fetchedAt, locations: store.count };
    if (state.error) freshness.error = state.error;
    setEntry(`live:${source}`, indexStore(store, freshness));
    return freshness;
  };
  for (const { source, client } of ocpiClients) {
    await client.restore();
    const state = client.state();
    if (state.fetchedAt) await liveEntry(source, state);
  }

  const ocm = options.ocm
    ? new OcmClient({ ...options.ocm, cacheDir, http: options.http, now, report, positionSharingAllowed: options.positionSharingAllowed ?? (() => false) })
    : null;
  if (ocm) {
    await ocm.restore();
    const state: OcmState = ocm.current();
    if (state.fetchedAt) await liveEntry('openchargemap', state, false);
  }

  const refresh = async () => {
    const out: DatasetFreshness[] = [];
    for (const { source, client } of [...ocpiClients]) out.push(await liveEntry(source, await client.sync()));
    return out;
  };
  const timer = options.refreshMs ? setInterval(() => void refresh(), options.refreshMs) : null;
  timer?.unref();

  return {
    search(input, context) {
      const query = stationQuerySchema.parse(input);
      return searchStores(ordered(), query, context, now());
    },
    detail(key) {
      for (const entry of ordered()) {
        const i = keysOf(entry).get(key);
        if (i !== undefined && !entry.shadowed?.[i]) return entry.store.location(i);
      }
      return null;
    },
    locate(key) {
      for (const entry of ordered()) {
        const i = keysOf(entry).get(key);
        if (i !== undefined && !entry.shadowed?.[i]) return { location: entry.store.location(i), freshness: entry.freshness };
      }
      return null;
    },
    refresh,
    async fetchOcmAround(lat, lon, distanceKm) {
      if (!ocm) return null;
      return liveEntry('openchargemap', await ocm.fetchAround(lat, lon, distanceKm), false);
    },
    async importFiles(name, format, files) {
      const result = await importFiles(files, { format, now: now() });
      const store = buildStore(result.locations);
      const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
      const path = join(folder, `${safe}.cstn`);
      await saveDataset(path, store, { description: `imported ${format}: ${files.length} file(s)`, createdAt: now() });
      setEntry(`imported:${safe}`, indexStore(store, { source: `imported:${safe}`, kind: 'imported', fetchedAt: now(), locations: store.count }));
      return result;
    },
    mapPoints(input, context, box, max) {
      return pointsInBox(ordered(), stationQuerySchema.parse(input), context, now(), box, max);
    },
    async addOcpiSource(source) {
      if (closed) throw new Error('the stations service has closed');
      if (ocpiClients.some((c) => c.source === source.source)) throw new Error(`station source "${source.source}" is already configured`);
      const added = newClient(source);
      ocpiClients.push(added);
      await added.client.restore();
      if (added.client.state().fetchedAt) await liveEntry(source.source, added.client.state());
      return liveEntry(source.source, await added.client.sync());
    },
    removeOcpiSource(source) {
      const at = ocpiClients.findIndex((c) => c.source === source);
      // Its sync may still be on its way: closing its cache keeps that answer out of the data folder, and close() waits for it.
      if (at >= 0) retiring.push(ocpiClients.splice(at, 1)[0].client.close());
    },
    datasets: () => ordered().map((e) => e.freshness),
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      await Promise.all([...ocpiClients.map(({ client }) => client.close()), ocm?.close(), ...retiring]);
    },
  };
}
