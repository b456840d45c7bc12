// Frame-to-paint latency in the browser simulation: gateway → host → socket.io → replica → DOM → the paint that shows it (Element Timing).
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startGateway } from '../gateway/server';
import { createHost } from '../main/host/createHost';
import { loadVehicleFiles } from '../main/vehicle/vehicleFiles';
import { startVehicleLink } from '../main/vehicle/vehicleLink';
import { ensureRendererBuilt, rendererOutDir } from '../main/web/rendererBuild';
import { startWebServer } from '../main/web/startWebServer';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/findBrowser.mjs';
import { percentile, type BenchRow, type BenchSuite } from './harness';
import { createProbeSource } from './probeSource';

const root = resolve(import.meta.dirname, '..');
const VIEWPORT = { width: 1920, height: 720 };
const TICK_MS = 5;
/** Range is an on_change signal shown on Home (no interval throttle): 100…999 km, so no thousands separator. */
const PROBE_PATH = 'Vehicle.Powertrain.Range';
const VALUES = Array.from({ length: 900 }, (_, i) => 100 + i);
/** Slower than a display frame, so each probe normally gets its own paint; superseded ones are counted. */
const PROBE_EVERY_MS = 20;
/** Probe until this many paints were seen (a busy renderer supersedes some probes), for at most MAX_SECONDS. */
const PAINTS = 2100;
const MAX_SECONDS = 150;

/**
 * Runs in the page (as text: the page's CSP forbids eval, and tsx would inject helpers the page lacks). When
 * the app changes the range text, a marker with `elementtiming` is added in the same task, so it is painted in
 * the same frame; the Element Timing API then reports that frame's paint time. The page's clock is calibrated
 * to the wall clock the same way as the bench's (Date.now() edges), so the two can be compared.
 */
const PAGE_PROBE = `(() => {
  let offset = -Infinity;
  for (let i = 0; i < 5; i++) {
    const before = Date.now();
    let edge = before;
    while (edge === before) edge = Date.now();
    offset = Math.max(offset, edge - performance.now());
  }
  const painted = [];
  const longFrames = [];
  const frames = [];
  const markers = document.createElement('div');
  markers.style.cssText = 'position:fixed;right:0;bottom:0;font-size:4px;line-height:4px;color:rgba(0,0,0,0.01);pointer-events:none';
  document.body.append(markers);
  const el = document.querySelector('[data-testid="range"]');
  let last = '';
  let seq = 0;
  new MutationObserver(() => {
    const text = el.textContent || '';
    const value = Number((text.match(/(\\d+)\\s*km/) || [])[1]);
    if (text === last || !Number.isFinite(value)) return;
    last = text;
    const marker = document.createElement('div');
    marker.setAttribute('elementtiming', value + '/' + seq++);
    marker.textContent = '.';
    markers.append(marker);
    while (markers.childElementCount > 8) markers.firstChild.remove();
  }).observe(el, { subtree: true, childList: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) painted.push([Number(e.identifier.split('/')[0]), e.renderTime + offset]);
  }).observe({ type: 'element' });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longFrames.push(e.duration);
  }).observe({ type: 'long-animation-frame' });
  let previous = 0;
  const tick = (t) => {
    if (previous) frames.push(t - previous);
    previous = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // Two values painted in one frame share a paint time, and only the later one was on screen: count frames.
  window.__cabinPaintCount = () => new Set(painted.map((p) => p[1])).size;
  window.__cabinPaintProbe = () => ({ painted: painted.splice(0), longFrames: longFrames.splice(0), frames: frames.splice(0) });
})()`;

interface Run {
  /** Probe frame reaching the gateway → the paint of the frame that shows its value, ms. */
  latencies: number[];
  superseded: number;
  /** requestAnimationFrame intervals: at 60 Hz a frame over 25 ms is a missed display frame. */
  frameIntervals: number[];
  longFrames: number[];
  seconds: number;
  hostCpu: number;
}

async function measure(rate: number, browserPath: string): Promise<Run> {
  const vehicle = await loadVehicleFiles(resolve(root, 'assets'), 'cabin-ev');
  const probes: Array<{ value: number; at: number }> = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'cabin-bench-'));
  const host = await createHost({ dataDir, version: 'bench', mode: 'simulation', transport: 'web', appRoot: root });
  const source = createProbeSource({
    vehicle,
    rate,
    tickMs: TICK_MS,
    probePath: PROBE_PATH,
    probeValues: VALUES,
    probeEveryMs: PROBE_EVERY_MS,
    autoProbe: false,
    onProbe: (value, at) => probes.push({ value, at }),
  });
  const gateway = await startGateway({ source });
  const link = startVehicleLink({ store: host.store, vehicleId: 'cabin-ev', db: vehicle.db, mapping: vehicle.mapping, gateway, dataDir });
  const server = await startWebServer({ host, rendererDir: rendererOutDir(root) });
  const browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(server.url);
    source.probeNow(VALUES[VALUES.length - 1]);
    await page.getByTestId('range').filter({ hasText: `${VALUES[VALUES.length - 1]} km` }).waitFor({ timeout: 15_000 });
    await page.evaluate(PAGE_PROBE);
    probes.length = 0;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    source.autoProbe(true);
    while (((await page.evaluate('window.__cabinPaintCount()')) as number) < PAINTS && performance.now() - wallBefore < MAX_SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 1000));
    }
    source.autoProbe(false);
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (performance.now() - wallBefore) / 1000;
    // The last probes' paints.
    await new Promise((r) => setTimeout(r, 1000));
    const result = (await page.evaluate('window.__cabinPaintProbe()')) as { painted: Array<[number, number]>; longFrames: number[]; frames: number[] };

    // Each paint belongs to the latest probe of that value sent before it (a value comes round every 18 s).
    // Going from the last probe back, a paint time is claimed once: when two values were committed before
    // one frame, the later value claims it and the earlier (never on screen) counts as superseded.
    const paintOf = new Map<number, number>();
    const byValue = new Map<number, number[]>();
    for (const [value, at] of result.painted) byValue.set(value, [...(byValue.get(value) ?? []), at]);
    for (let k = probes.length - 1; k >= 0; k--) {
      const { value, at } = probes[k];
      const paint = byValue.get(value)?.find((t) => t >= at && !paintOf.has(t));
      if (paint !== undefined) paintOf.set(paint, k);
    }
    const latencies = [...paintOf].map(([paint, k]) => paint - probes[k].at);
    return {
      latencies,
      superseded: probes.length - latencies.length,
      frameIntervals: result.frames,
      longFrames: result.longFrames,
      seconds,
      hostCpu: ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100,
    };
  } finally {
    await browser.close();
    await server.close();
    await link.close();
    await gateway.close();
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const paintLatencySuite: BenchSuite = {
  name: 'paint',
  async run(): Promise<BenchRow[]> {
    const browser = await findBrowser({ download: false, log: (line) => process.stderr.write(`bench: ${line}\n`) });
    if (browser.error !== undefined) throw new Error(browser.error);
    await ensureRendererBuilt(root, (line) => process.stderr.write(`bench: ${line}\n`));
    const idle = await measure(20, browser.path);
    const rows: BenchRow[] = [];
    const baselineName = 'probes only';
    const samples = (r: Run) => `${r.latencies.length.toLocaleString('en-US')} samples, ${r.superseded} superseded before a paint`;
    const missed = (r: Run) => (r.frameIntervals.filter((ms) => ms > 25).length / Math.max(1, r.frameIntervals.length)) * 100;
    for (const rate of [5000, 50000]) {
      const m = await measure(rate, browser.path);
      const at = `@ ${rate.toLocaleString('en-US')} frames/s`;
      rows.push(
        { name: `frame→paint p50 ${at}`, value: percentile(m.latencies, 50), unit: 'ms', baseline: percentile(idle.latencies, 50), baselineName, note: `${samples(m)} (baseline: ${samples(idle)})` },
        {
          name: `frame→paint p95 ${at}`,
          value: percentile(m.latencies, 95),
          unit: 'ms',
          baseline: percentile(idle.latencies, 95),
          baselineName,
          target: rate === 5000 ? '< 50 ms' : 'report',
          met: rate === 5000 ? percentile(m.latencies, 95) < 50 : undefined,
          note: samples(m),
        },
        {
          name: `frame→paint p99 ${at}`,
          value: percentile(m.latencies, 99),
          unit: 'ms',
          baseline: percentile(idle.latencies, 99),
          baselineName,
          note: `${samples(m)}; probe frame reaching the gateway → paint time of the frame showing its value (Element Timing)`,
        },
        {
          name: `display frames missed ${at}`,
          value: missed(m),
          unit: '%',
          baseline: missed(idle),
          baselineName,
          note: `rAF intervals over 25 ms of ${m.frameIntervals.length.toLocaleString('en-US')}; ${m.longFrames.length} frames over 50 ms in ${m.seconds.toFixed(0)} s (longest ${Math.round(Math.max(0, ...m.longFrames))} ms); host CPU ${m.hostCpu.toFixed(0)} %; machine load average ${loadavg()[0].toFixed(1)}`,
        },
      );
    }
    return rows;
  },
};
