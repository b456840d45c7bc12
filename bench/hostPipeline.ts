// Bench: gateway (own process) → host at 50,000 frames/s on six buses: decode, map, coalesce, store — host CPU, drops, receive-to-store latency.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createHost } from '../main/host/createHost';
import { loadVehicleFiles } from '../main/vehicle/vehicleFiles';
import { startVehicleLink } from '../main/vehicle/vehicleLink';
import { percentile, type BenchRow, type BenchSuite } from './harness';

const root = resolve(import.meta.dirname, '..');
const SECONDS = 5;

interface Run {
  cpuPercent: number;
  dropped: number;
  latencies: number[];
  framesPerSecond: number;
}

async function measure(rate: number): Promise<Run> {
  const child = spawn(process.execPath, [join(root, 'bin', 'run-ts.mjs'), join(root, 'bench', 'pipelineFeeder.ts'), String(rate), String(SECONDS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), (SECONDS + 60) * 1000);
  process.once('exit', () => child.kill('SIGKILL'));
  const probes = new Map<number, number>();
  let url = '';
  let done = -1;
  let wake: (() => void) | null = null;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const m = JSON.parse(line) as { url?: string; probe?: number; at?: number; done?: number };
    if (m.url) url = m.url;
    if (m.probe !== undefined) probes.set(m.probe, m.at!);
    if (m.done !== undefined) done = m.done;
    wake?.();
  });
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((r) => (wake = r));
  };
  await until(() => url !== '');

  const vehicle = await loadVehicleFiles(join(root, 'assets'), 'cabin-ev');
  const dataDir = await mkdtemp(join(tmpdir(), 'cabin-bench-'));
  const host = await createHost({ dataDir, version: 'bench', mode: 'simulation', transport: 'none', appRoot: root });
  // What a renderer would get: sync batches are produced as for a connected window.
  const offSync = host.sync.subscribe(() => undefined);
  const link = startVehicleLink({ store: host.store, vehicleId: 'cabin-ev', db: vehicle.db, mapping: vehicle.mapping, gateway: { url, token: 'bench' }, dataDir });

  const latencies: number[] = [];
  let lastSpeed: unknown;
  const unsubscribe = host.store.subscribe(() => {
    const value = host.store.getState().vehicle.signals['Vehicle.Speed']?.value;
    if (value === lastSpeed || typeof value !== 'number') return;
    lastSpeed = value;
    const sentAt = probes.get(Math.round(value));
    if (sentAt !== undefined) latencies.push(performance.timeOrigin + performance.now() - sentAt);
  });

  await link.client.waitFor('connected', 10_000);
  // Measure from the first second on: connection set-up and JIT warm-up are not the steady state.
  await new Promise((r) => setTimeout(r, 1000));
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await until(() => done >= 0);
  // Let the last batches arrive and flush.
  await new Promise((r) => setTimeout(r, 300));
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  const diagnostics = link.client.diagnostics();
  const run: Run = {
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    dropped: diagnostics.dropped + Math.max(0, done + probes.size - diagnostics.frames),
    latencies,
    framesPerSecond: diagnostics.frames / (wallMs / 1000),
  };
  unsubscribe();
  offSync();
  await link.close();
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
  clearTimeout(guard);
  child.kill('SIGTERM');
  return run;
}

export const hostPipelineSuite: BenchSuite = {
  name: 'pipeline',
  async run(): Promise<BenchRow[]> {
    const base = await measure(5_000);
    const full = await measure(50_000);
    return [
      {
        name: 'gateway→host store @ 50,000 frames/s, 6 buses: host CPU',
        value: full.cpuPercent,
        unit: '% of a core',
        baseline: base.cpuPercent,
        baselineName: '5,000 frames/s',
        target: '≤ 20 %',
        met: full.cpuPercent <= 20,
        note: `${Math.round(full.framesPerSecond).toLocaleString('en-US')} frames/s received; decode + VSS mapping + store in the host`,
      },
      { name: 'gateway→host store @ 50,000 frames/s: frames dropped', value: full.dropped, unit: 'frames', baseline: base.dropped, baselineName: '5,000 frames/s', target: '0', met: full.dropped === 0 },
      { name: 'receive→store latency p50 @ 50,000 frames/s', value: percentile(full.latencies, 50), unit: 'ms', baseline: percentile(base.latencies, 50), baselineName: '5,000 frames/s', note: `${full.latencies.length} probes` },
      {
        name: 'receive→store latency p99 @ 50,000 frames/s',
        value: percentile(full.latencies, 99),
        unit: 'ms',
        baseline: percentile(base.latencies, 99),
        baselineName: '5,000 frames/s',
        target: '< 20 ms',
        met: percentile(full.latencies, 99) < 20,
      },
    ];
  },
};
