// Bench: a million generated stations (index build, memory, filtered nearest-20), loading the offline dataset, importing the 17 real feeds — each beside a same-run baseline.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateStations, type RegionId } from '../shared/stations/generator';
import { CONNECTOR_STANDARDS, type Location } from '../shared/stations/model';
import { stationQuerySchema } from '../shared/stations/search';
import { compileFilter } from '../shared/stations/filters';
import { haversineTerm } from '../shared/stations/geo';
import { importOcpiLocations } from '../shared/stations/ocpiFeed';
import { locationToOcpi } from '../shared/stations/ocpiExport';
import { StoreBuilder, buildStore } from '../main/services/stations/storeBuilder';
import { buildIndex, buildStandardIndexes, indexStore, searchStores, type StandardIndex } from '../main/services/stations/stationSearch';
import { loadDataset, saveDataset } from '../main/services/stations/datasetFile';
import { importFiles } from '../main/services/stations/importFiles';
import { OFFLINE_DATASET } from '../main/services/stations/offlineDataset';
import type { StationStore } from '../main/services/stations/stationStore';
import { corpusPath } from '../test/fixtures/corpus';
import { percentile, type BenchRow, type BenchSuite } from './harness';

const STATIONS = 1_000_000;
const QUERIES = 2_000;
const LINEAR_QUERIES = 200;
const AT = Date.UTC(2026, 0, 1);
/** One network (two Chinese cities), so a standard at ~5 % of stations is ~5 % everywhere a query lands. */
const BENCH_REGIONS: RegionId[] = ['guangzhou', 'shanghai'];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const usedBytes = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const mb = (bytes: number) => bytes / 1024 / 1024;
/** Keeps a computed value observable so the engine cannot drop the loop that made it. */
let kept = 0;
const keep = (value: number) => {
  kept += value;
  return kept;
};
const median = (xs: number[]) => percentile(xs, 50);
/** CPU time of this process in ms: on a shared, loaded machine it shows the work apart from waiting for a core. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const machine = () => `load avg ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;

/** Mulberry32, for query points independent of the generator's stream. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ownIndexPoints = (byStandard: Map<number, StandardIndex>) => [...byStandard.values()].reduce((sum, own) => sum + own.ids.length, 0);
const ownIndexBytes = (byStandard: Map<number, StandardIndex>) => [...byStandard.values()].reduce((sum, own) => sum + own.index.data.byteLength + own.ids.byteLength, 0);

/** The standard carried by the share of stations nearest to 5 %. */
function standardNearFivePercent(store: StationStore): { standard: (typeof CONNECTOR_STANDARDS)[number]; share: number } {
  const counts = new Array<number>(64).fill(0);
  for (let i = 0; i < store.count; i++) {
    for (let bit = 0; bit < 64; bit++) {
      const word = store.standardsMask[2 * i + (bit >> 5)];
      if (word & (1 << (bit & 31))) counts[bit] += 1;
    }
  }
  let best = 0;
  for (let bit = 0; bit < CONNECTOR_STANDARDS.length; bit++) {
    if (Math.abs(counts[bit] / store.count - 0.05) < Math.abs(counts[best] / store.count - 0.05)) best = bit;
  }
  return { standard: CONNECTOR_STANDARDS[best], share: counts[best] / store.count };
}

/** The million stations, streamed from the generator into the store (the builder is garbage once this returns). */
function millionStations(): { store: StationStore; fillMs: number } {
  const fillStart = performance.now();
  const builder = new StoreBuilder(STATIONS);
  for (const location of generateStations({ seed: 42, at: AT, sites: STATIONS, profile: 'bench', regions: BENCH_REGIONS })) builder.add(location);
  const store = builder.finish();
  return { store, fillMs: performance.now() - fillStart };
}

async function millionRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const before = usedBytes();
  const { store, fillMs } = millionStations();
  const buildStart = performance.now();
  const buildCpuStart = cpuMs();
  const index = buildIndex(store);
  const byStandard = buildStandardIndexes(store);
  const buildMs = performance.now() - buildStart;
  const buildCpu = cpuMs() - buildCpuStart;
  const after = usedBytes();

  // Baseline for the build: one pass computing every station's distance to a point, the least any query without an index does.
  const scanStart = performance.now();
  let sink = 0;
  for (let i = 0; i < store.count; i++) sink += haversineTerm(31.2, 121.5, store.lat[i], store.lon[i]);
  const scanMs = performance.now() - scanStart;
  keep(sink);
  const perStation = store.connectorCount / store.count;
  rows.push({
    name: `stations: kdbush index build, ${STATIONS.toLocaleString('en-US')} generated stations`,
    value: buildMs,
    unit: 'ms',
    baseline: scanMs,
    baselineName: 'one linear distance scan',
    target: '< 1,000 ms',
    met: buildMs < 1000,
    note: `kdbush over every station + ${byStandard.size} over the rare standards' stations (${ownIndexPoints(byStandard).toLocaleString('en-US')} points); CPU ${Math.round(buildCpu)} ms; ${machine()}; columnar store filled from the generator in ${Math.round(fillMs)} ms; ${perStation.toFixed(2)} connectors/station`,
  });

  // Baseline for memory: the same model as plain objects, measured on 100,000 and scaled.
  const sampleBefore = usedBytes();
  const sample: Location[] = [...generateStations({ seed: 43, at: AT, sites: 100_000, profile: 'bench', regions: BENCH_REGIONS })];
  const objectsMb = (mb(usedBytes() - sampleBefore) * STATIONS) / sample.length;
  sample.length = 0;
  const modelMb = mb(after - before);
  rows.push({
    name: 'stations: memory for index + model, 1,000,000 stations',
    value: modelMb,
    unit: 'MB',
    baseline: objectsMb,
    baselineName: 'plain objects, 100k ×10',
    target: '< 300 MB',
    met: modelMb < 300,
    note: `store arrays ${Math.round(mb(store.byteSize()))} MB + kdbush ${Math.round(mb(index.data.byteLength))} MB + rare standards' indexes ${mb(ownIndexBytes(byStandard)).toFixed(1)} MB; heapUsed+arrayBuffers after gc`,
  });

  const entry = { store, index, byStandard, freshness: { source: 'bench', kind: 'offline' as const, fetchedAt: AT, locations: store.count } };
  const { standard, share } = standardNearFivePercent(store);
  const rand = random(7);
  const queries = Array.from({ length: QUERIES }, () => {
    const i = Math.floor(rand() * store.count);
    return stationQuerySchema.parse({
      near: { lat: store.lat[i] + (rand() - 0.5) * 0.1, lon: store.lon[i] + (rand() - 0.5) * 0.1 },
      limit: 20,
      standards: [standard],
      minPowerW: 50_000,
    });
  });
  // The memory baseline just above left ~180 MB of plain objects behind: collected now, not in the middle of the timed queries.
  gc();
  const coldStart = performance.now();
  searchStores([entry], queries[0], undefined, AT);
  const coldMs = performance.now() - coldStart;
  for (let k = 0; k < 50; k++) searchStores([entry], queries[k], undefined, AT);
  const times: number[] = [];
  const cpu: number[] = [];
  const answers: string[][] = [];
  for (const query of queries) {
    const t0 = performance.now();
    const c0 = cpuMs();
    const { results } = searchStores([entry], query, undefined, AT);
    cpu.push(cpuMs() - c0);
    times.push(performance.now() - t0);
    answers.push(results.map((r) => r.location_id));
  }

  // Baseline: the same filter over every station, keeping the 20 nearest.
  const linear: number[] = [];
  let mismatches = 0;
  for (let q = 0; q < LINEAR_QUERIES; q++) {
    const query = queries[q];
    const t0 = performance.now();
    const filter = compileFilter(query, store, undefined, AT);
    const best: Array<[number, number]> = [];
    for (let i = 0; i < store.count; i++) {
      if (!filter.location(i)) continue;
      const d = haversineTerm(query.near.lat, query.near.lon, store.lat[i], store.lon[i]);
      if (best.length === 20 && d >= best[19][0]) continue;
      let k = best.length === 20 ? 19 : best.length;
      while (k > 0 && best[k - 1][0] > d) k--;
      best.splice(k, 0, [d, i]);
      if (best.length > 20) best.pop();
    }
    linear.push(performance.now() - t0);
    if (best.map(([, i]) => store.locationId(i)).join() !== answers[q].join()) mismatches += 1;
  }
  const p99 = percentile(times, 99);
  rows.push({
    name: `stations: nearest-20, ${standard} (${(share * 100).toFixed(1)} % of stations) + ≥ 50 kW, p99`,
    value: p99,
    unit: 'ms',
    baseline: percentile(linear, 99),
    baselineName: `linear scan p99, n=${LINEAR_QUERIES}`,
    target: '< 2 ms',
    met: p99 < 2,
    note: `n=${QUERIES}, p50 ${median(times).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms; CPU time p50 ${median(cpu).toFixed(3)} / p99 ${percentile(cpu, 99).toFixed(3)} ms; cold first ${coldMs.toFixed(1)} ms; ${machine()}; linear p50 ${median(linear).toFixed(1)} ms; ${mismatches} of ${LINEAR_QUERIES} answers differ from the scan`,
  });

  const dir = await mkdtemp(join(tmpdir(), 'cabin-bench-stations-'));
  try {
    const file = join(dir, 'million.cstn');
    const bytes = await saveDataset(file, store, { description: 'bench', createdAt: AT });
    const t0 = performance.now();
    const loaded = await loadDataset(file);
    indexStore(loaded.store, entry.freshness);
    rows.push({ name: 'stations: load 1,000,000-station dataset + index', value: performance.now() - t0, unit: 'ms', note: `${(bytes / 1e6).toFixed(1)} MB file` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

async function offlineLoadRows(): Promise<BenchRow[]> {
  const times: number[] = [];
  const cpu: number[] = [];
  let count = 0;
  for (let k = 0; k < 10; k++) {
    const t0 = performance.now();
    const c0 = cpuMs();
    const { store } = await loadDataset(OFFLINE_DATASET);
    indexStore(store, { source: 'offline', kind: 'offline', fetchedAt: AT, locations: store.count });
    cpu.push(cpuMs() - c0);
    times.push(performance.now() - t0);
    count = store.count;
  }
  // Baseline: the same sites as OCPI JSON on disk, parsed and imported.
  const { store } = await loadDataset(OFFLINE_DATASET);
  const dir = await mkdtemp(join(tmpdir(), 'cabin-bench-offline-'));
  const baseline: number[] = [];
  try {
    const file = join(dir, 'offline.json');
    const locations = Array.from({ length: store.count }, (_, i) => locationToOcpi(store.location(i)));
    await writeFile(file, JSON.stringify({ data: locations }));
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const parsed = JSON.parse(readFileSync(file, 'utf8'));
      indexStore(buildStore(importOcpiLocations(parsed, { source: 'offline', now: AT }).locations), { source: 'offline', kind: 'offline', fetchedAt: AT, locations: 0 });
      baseline.push(performance.now() - t0);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return [
    {
      name: `stations: offline dataset load + index (${count.toLocaleString('en-US')} sites), cold`,
      value: times[0],
      unit: 'ms',
      baseline: median(baseline),
      baselineName: 'same sites as OCPI JSON',
      target: '< 300 ms',
      met: times[0] < 300,
      note: `CPU ${cpu[0].toFixed(0)} ms cold; warm median ${median(times.slice(1)).toFixed(1)} ms (CPU ${median(cpu.slice(1)).toFixed(1)}), n=${times.length - 1}; ${machine()}`,
    },
  ];
}

async function importRows(): Promise<BenchRow[]> {
  const dir = corpusPath('stations', 'ocpi-real-feeds');
  if (!dir) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
  const runs: number[] = [];
  const cpu: number[] = [];
  let sites = 0;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    const c0 = cpuMs();
    sites = (await importFiles(files, { format: 'ocpi', now: AT })).locations.length;
    cpu.push(cpuMs() - c0);
    runs.push(performance.now() - t0);
  }
  const parseOnly: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    for (const f of files) JSON.parse(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
    parseOnly.push(performance.now() - t0);
  }
  return [
    {
      name: 'stations: import all 17 real OCPI feeds, cold',
      value: runs[0],
      unit: 'ms',
      baseline: median(parseOnly),
      baselineName: 'read + JSON.parse only',
      target: '< 2,000 ms',
      met: runs[0] < 2000,
      note: `${sites} sites kept; CPU ${cpu[0].toFixed(0)} ms cold; warm median ${median(runs.slice(1)).toFixed(0)} ms, n=${runs.length - 1}; ${machine()}`,
    },
  ];
}

export const stationsSuite: BenchSuite = {
  name: 'stations',
  async run(): Promise<BenchRow[]> {
    // Cold figures first, before the million-station run warms everything up.
    const imports = await importRows();
    const offline = await offlineLoadRows();
    return [...imports, ...offline, ...(await millionRows())];
  },
};
