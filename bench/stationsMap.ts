// The Charging map with 20,000 stations in view, panned and zoomed by a scripted mouse in the browser simulation: frame rate from requestAnimationFrame intervals, beside the same map with no stations.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createHost, type Host } from '../main/host/createHost';
import { HOST_SERVICES } from '../main/host/services';
import { saveDataset } from '../main/services/stations/datasetFile';
import { createStationsService, stationsService } from '../main/services/stations/stationsModule';
import { buildStore } from '../main/services/stations/storeBuilder';
import { ensureRendererBuilt, rendererOutDir } from '../main/web/rendererBuild';
import { startWebServer } from '../main/web/startWebServer';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/findBrowser.mjs';
import { generateStations } from '../shared/stations/generator';
import { signalsUpdated, vehicleSelected } from '../shared/state/vehicleSlice';
import { percentile, type BenchRow, type BenchSuite } from './harness';

const root = resolve(import.meta.dirname, '..');
const VIEWPORT = { width: 1920, height: 720 };
const SITES = 20_000;
/** A few more are generated: the odd site falls outside the region's view or has no charging connector. */
const GENERATED = 20_100;
/** Shanghai's centre: the generated sites of the region lie within a zoom-9 view of it. */
const CENTRE = { lat: 31.2, lon: 121.45 };
const ROUNDS = 6;

/** Runs in the page (as text: the CSP forbids eval): rAF intervals and long animation frames between start and stop. */
const PAGE_RECORDER = `(() => {
  let frames = [], long = [], previous = 0, on = false;
  const tick = (t) => { if (on && previous) frames.push(t - previous); previous = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => { if (on) for (const e of list.getEntries()) long.push(e.duration); }).observe({ type: 'long-animation-frame' });
  window.__cabinFrames = { start() { frames = []; long = []; previous = 0; on = true; }, stop() { on = false; return { frames, long }; } };
})()`;

interface Run {
  frames: number[];
  long: number[];
  seconds: number;
  stations: number;
  drawn: number;
}

async function datasetOf(dir: string): Promise<string> {
  const at = Date.UTC(2026, 0, 1);
  const store = buildStore([...generateStations({ seed: 77, at, sites: GENERATED, regions: ['shanghai'] })], at);
  const file = join(dir, 'bench-map.cstn');
  await saveDataset(file, store, { description: `${GENERATED} generated sites around Shanghai (bench)`, createdAt: at });
  return file;
}

async function startHost(dataDir: string, dataset: string): Promise<Host> {
  const services = HOST_SERVICES.map((s) => (s === stationsService ? createStationsService({ offlineDataset: dataset, refreshMs: 3_600_000 }) : s));
  const host = await createHost({ dataDir, version: 'bench', mode: 'simulation', transport: 'web', appRoot: root, services });
  const paths = ['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current', 'Vehicle.CurrentLocation.Latitude', 'Vehicle.CurrentLocation.Longitude'];
  host.store.dispatch(vehicleSelected({ vehicleId: 'cabin-ev', paths, sources: {}, capabilities: { tractionBattery: true, charging: true, swap: true } }));
  const seenAt = host.clock();
  const values = [80, CENTRE.lat, CENTRE.lon];
  host.store.dispatch(signalsUpdated(paths.map((path, i) => ({ path, value: values[i], seenAt, staleAfterMs: 3_600_000 }))));
  return host;
}

/** A number the map keeps on its element (stations loaded, markers drawn); read as text: the page's CSP forbids eval. */
const mapStat = async (page: Page, name: 'stations' | 'drawn') =>
  Number(await page.evaluate(`document.querySelector('[data-testid="station-map"] [data-stations]')?.dataset.${name} ?? -1`));

/** Polls the map until `done` holds (waitForFunction would eval in the page, which its CSP refuses). */
async function mapReaches(page: Page, name: 'stations' | 'drawn', done: (value: number) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let value = await mapStat(page, name);
  while (!done(value)) {
    if (performance.now() > deadline) throw new Error(`the map never showed ${what} (it shows ${value})`);
    await new Promise((r) => setTimeout(r, 50));
    value = await mapStat(page, name);
  }
}

/** Drags and wheel-zooms over the map as a driver's finger and a trackpad would (one round), recording frames meanwhile. */
async function gestures(page: Page): Promise<Run> {
  const box = (await page.getByTestId('station-map').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate('window.__cabinFrames.start()');
  const started = performance.now();
  const drag = async (dx: number, dy: number) => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx, cy + dy, { steps: 40 });
    await page.mouse.up();
    await page.waitForTimeout(400);
  };
  const wheel = async (delta: number) => {
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, delta);
    await page.waitForTimeout(600);
  };
  await drag(300, 0);
  await drag(-300, 0);
  await wheel(-120);
  await drag(0, 200);
  await drag(0, -200);
  await wheel(120);
  const seconds = (performance.now() - started) / 1000;
  const { frames, long } = (await page.evaluate('window.__cabinFrames.stop()')) as { frames: number[]; long: number[] };
  return { frames, long, seconds, stations: await mapStat(page, 'stations'), drawn: await mapStat(page, 'drawn') };
}

const merge = (runs: Run[]): Run => ({
  frames: runs.flatMap((r) => r.frames),
  long: runs.flatMap((r) => r.long),
  seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
  stations: Math.min(...runs.map((r) => r.stations)),
  drawn: Math.max(...runs.map((r) => r.drawn)),
});

export const stationsMapSuite: BenchSuite = {
  name: 'stations-map',
  async run(): Promise<BenchRow[]> {
    const found = await findBrowser({ download: false, log: (line) => process.stderr.write(`bench: ${line}\n`) });
    if (found.error !== undefined) throw new Error(found.error);
    await ensureRendererBuilt(root, (line) => process.stderr.write(`bench: ${line}\n`));
    const dir = await mkdtemp(join(tmpdir(), 'cabin-bench-map-'));
    const host = await startHost(dir, await datasetOf(dir));
    while (!host.store.getState().stations.enabled) await new Promise((r) => setTimeout(r, 50));
    // Every connector, not only the car's: all the generated sites (some are ChaoJi only) are on the map.
    const all = await host.invoke('stations.search', { filters: { standards: ['GBT_AC', 'GBT_DC', 'CHAOJI'] } });
    if (!all.ok) throw new Error(`bench: ${all.error.message}`);
    const server = await startWebServer({ host, rendererDir: rendererOutDir(root) });
    const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.goto(server.url);
      await page.evaluate(PAGE_RECORDER);
      await page.getByRole('navigation').getByRole('button', { name: 'Charging' }).click();
      await page.getByTestId('station-map').waitFor();
      // From the Charging screen's street zoom out to the whole region: every generated site is in view.
      const coldStart = performance.now();
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
      await mapReaches(page, 'stations', (n) => n >= SITES, `${SITES} stations`);
      await mapReaches(page, 'drawn', (n) => n > 0, 'markers');
      const coldMs = performance.now() - coldStart;
      // Rounds alternate between the full map and the baseline, so both meet the same load on a shared machine.
      const fulls: Run[] = [];
      const empties: Run[] = [];
      const load: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        if (round > 0) {
          await host.invoke('stations.search', { filters: { minPowerKw: 0 } });
          await mapReaches(page, 'stations', (n) => n >= SITES, `${SITES} stations again`);
          await mapReaches(page, 'drawn', (n) => n > 0, 'markers again');
        }
        load.push(loadavg()[0]);
        fulls.push(await gestures(page));
        // The same map and the same gestures with no station matching (the baseline).
        await host.invoke('stations.search', { filters: { minPowerKw: 500 } });
        await mapReaches(page, 'stations', (n) => n === 0, 'no stations', 30_000);
        empties.push(await gestures(page));
      }
      const full = merge(fulls);
      const empty = merge(empties);

      const fps = (r: Run) => r.frames.length / r.seconds;
      const meanFps = (r: Run) => 1000 / (r.frames.reduce((a, b) => a + b, 0) / Math.max(1, r.frames.length));
      const missed = (r: Run) => r.frames.filter((ms) => ms > 25).length;
      const describe = (r: Run) =>
        `${r.frames.length.toLocaleString('en-US')} frames in ${r.seconds.toFixed(1)} s, ${missed(r)} over 25 ms, ${r.long.length} long animation frames (longest ${Math.round(Math.max(0, ...r.long))} ms); ${r.stations.toLocaleString('en-US')} stations loaded, ${r.drawn} markers drawn at the end`;
      const baselineName = 'same map, no stations';
      return [
        {
          name: `map pan+zoom, ${SITES.toLocaleString('en-US')} stations in view`,
          value: meanFps(full),
          unit: 'fps',
          baseline: meanFps(empty),
          baselineName,
          target: '≥ 55 fps',
          met: meanFps(full) >= 55,
          note: `1000 / mean rAF interval; ${describe(full)} (baseline: ${describe(empty)}); frames/wall-second ${fps(full).toFixed(1)}; rounds alternate with the baseline; machine load ${load.map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores`,
        },
        {
          name: 'map pan+zoom frame interval p95',
          value: percentile(full.frames, 95),
          unit: 'ms',
          baseline: percentile(empty.frames, 95),
          baselineName,
          note: `${full.frames.length.toLocaleString('en-US')} samples (baseline ${empty.frames.length.toLocaleString('en-US')})`,
        },
        {
          name: 'map pan+zoom frame interval p99',
          value: percentile(full.frames, 99),
          unit: 'ms',
          baseline: percentile(empty.frames, 99),
          baselineName,
          note: `${full.frames.length.toLocaleString('en-US')} samples; ${ROUNDS} rounds of 4 drags and 2 wheel zooms each`,
        },
        {
          name: `cold start: zoomed out to ${SITES.toLocaleString('en-US')} stations on the map`,
          value: coldMs,
          unit: 'ms',
          note: 'four zoom-out taps from the street view → points fetched (stations.mapPoints), clustered (supercluster) and drawn; one sample',
        },
      ];
    } finally {
      await browser.close();
      await server.close();
      await host.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
