// Frame-to-paint latency in the browser simulation: gateway → host → socket.io → replica → DOM, at 5,000 and 50,000 frames/s.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startGateway } from '../gateway/server';
import { createHost } from '../main/host/createHost';
import { loadVehicleFiles } from '../main/vehicle/vehicleFiles';
import { startVehicleLink } from '../main/vehicle/vehicleLink';
import { ensureRendererBuilt, rendererOutDir } from '../main/web/rendererBuild';
import { startWebServer } from '../main/web/startWebServer';
import { percentile, type BenchRow, type BenchSuite } from './harness';
import { createProbeSource } from './probeSource';

const root = resolve(import.meta.dirname, '..');
const TICK_MS = 5;
const MEASURE_MS = 8000;

/**
 * Runs in the page (as text: tsx would otherwise inject helpers the page lacks). Records the wall-clock
 * time each new speed value is first painted, and the duration of every animation frame.
 */
const PAGE_PROBE = `async (ms) => {
  const painted = [];
  const frames = [];
  const el = document.querySelector('[data-testid="speed"]');
  let last = '';
  const observer = new MutationObserver(() => {
    const text = el.textContent || '';
    const value = Number((text.match(/\\d+/) || [])[0]);
    if (text !== last && Number.isFinite(value)) {
      last = text;
      // The DOM change is committed; it reaches the screen with the next animation frame.
      requestAnimationFrame(() => painted.push([value, performance.timeOrigin + performance.now()]));
    }
  });
  observer.observe(el, { subtree: true, childList: true, characterData: true });
  let previous = performance.now();
  const end = previous + ms;
  await new Promise((done) => {
    const loop = (t) => {
      frames.push(t - previous);
      previous = t;
      if (t < end) requestAnimationFrame(loop); else done();
    };
    requestAnimationFrame(loop);
  });
  observer.disconnect();
  return { painted, frames };
}`;

async function measure(rate: number, browserPath: string): Promise<{ latencies: number[]; frameTimes: number[]; hostCpu: number }> {
  const vehicle = await loadVehicleFiles(resolve(root, 'assets'), 'cabin-ev');
  const probes = new Map<number, number>();
  const dataDir = await mkdtemp(join(tmpdir(), 'cabin-bench-'));
  const host = await createHost({ dataDir, version: 'bench', mode: 'simulation', transport: 'web', appRoot: root });
  const gateway = await startGateway({ source: createProbeSource({ vehicle, rate, tickMs: TICK_MS, onProbe: (value, at) => probes.set(value, at) }) });
  const link = startVehicleLink({ store: host.store, vehicleId: 'cabin-ev', db: vehicle.db, mapping: vehicle.mapping, gateway, dataDir });
  const server = await startWebServer({ host, rendererDir: rendererOutDir(root) });
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 720 } });
    await page.goto(server.url);
    await page.getByTestId('speed').waitFor({ timeout: 15_000 });
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    // In the page: the wall-clock time each speed value is first painted, and every frame's duration.
    const result = (await page.evaluate(`(${PAGE_PROBE})(${MEASURE_MS})`)) as { painted: Array<[number, number]>; frames: number[] };
    const cpu = process.cpuUsage(cpuBefore);
    const hostCpu = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore)) * 100;
    const latencies = result.painted.map(([value, at]) => at - (probes.get(value) ?? Infinity)).filter((l) => Number.isFinite(l) && l >= 0 && l < 5000);
    return { latencies, frameTimes: result.frames.slice(5), hostCpu };
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
    const browserPath = process.env.CABIN_CHROMIUM ?? '/usr/bin/chromium';
    await ensureRendererBuilt(root, (line) => process.stderr.write(`bench: ${line}\n`));
    const idle = await measure(20, browserPath);
    const rows: BenchRow[] = [];
    for (const rate of [5000, 50000]) {
      const m = await measure(rate, browserPath);
      const target = rate === 5000 ? 50 : undefined;
      rows.push(
        { name: `frame→paint p50 @ ${rate} frames/s`, value: percentile(m.latencies, 50), unit: 'ms', baseline: percentile(idle.latencies, 50), baselineName: 'probes only' },
        {
          name: `frame→paint p95 @ ${rate} frames/s`,
          value: percentile(m.latencies, 95),
          unit: 'ms',
          baseline: percentile(idle.latencies, 95),
          baselineName: 'probes only',
          target: target ? `< ${target} ms` : 'report',
          met: target ? percentile(m.latencies, 95) < target : undefined,
        },
        { name: `frame→paint p99 @ ${rate} frames/s`, value: percentile(m.latencies, 99), unit: 'ms', baseline: percentile(idle.latencies, 99), baselineName: 'probes only', note: `${m.latencies.length} probes` },
        {
          name: `renderer frame time p95 @ ${rate} frames/s`,
          value: percentile(m.frameTimes, 95),
          unit: 'ms',
          baseline: percentile(idle.frameTimes, 95),
          baselineName: 'probes only',
          target: rate === 50000 ? '≤ 18 ms (≥ 55 fps)' : undefined,
          met: rate === 50000 ? percentile(m.frameTimes, 95) <= 18 : undefined,
          note: `mean ${(1000 / (m.frameTimes.reduce((a, b) => a + b, 0) / m.frameTimes.length)).toFixed(0)} fps; host CPU ${m.hostCpu.toFixed(0)} %`,
        },
      );
    }
    return rows;
  },
};
