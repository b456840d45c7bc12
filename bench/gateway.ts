// Bench: gateway → host client at 50,000 frames/s (six buses) — client CPU, drops, latency — beside a naive JSON-per-frame bridge.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { createGatewayClient } from '../main/vehicle/gatewayClient';
import { percentile, type BenchRow, type BenchSuite } from './harness';

const root = join(import.meta.dirname, '..');
const RATE = 50_000;
const SECONDS = 4;
const nowMs = () => performance.timeOrigin + performance.now();

interface Run {
  received: number;
  expected: number;
  cpuPercent: number;
  latencies: Float64Array;
  deliveredPerSecond: number;
}

async function measure(mode: 'batched' | 'json', rate: number): Promise<Run> {
  const child = spawn(process.execPath, [join(root, 'bin', 'run-ts.mjs'), join(root, 'bench', 'gatewayFeeder.ts'), mode, String(rate), String(SECONDS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Never leave the feeder running if the measurement fails half-way.
  const guard = setTimeout(() => child.kill('SIGKILL'), (SECONDS + 60) * 1000);
  guard.unref();
  process.once('exit', () => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout! });
  const messages: Record<string, unknown>[] = [];
  let wake: (() => void) | null = null;
  lines.on('line', (l) => {
    messages.push(JSON.parse(l));
    wake?.();
  });
  const next = async (key: string): Promise<Record<string, unknown>> => {
    for (;;) {
      const m = messages.find((x) => key in x);
      if (m) return m;
      await new Promise<void>((r) => (wake = r));
    }
  };

  const { url } = (await next('url')) as { url: string };
  const total = Math.round(rate * SECONDS);
  const latencies = new Float64Array(total);
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  let cpuStart = process.cpuUsage();
  const onFrame = (t: number) => {
    const now = nowMs();
    if (received === 0) {
      firstAt = now;
      cpuStart = process.cpuUsage();
    }
    if (received < total) latencies[received] = now - t * 1000;
    received++;
    lastAt = now;
  };

  let close: () => void;
  if (mode === 'batched') {
    // The callback is where the host's decoder would run; per-frame work here is the latency sample.
    const client = createGatewayClient({
      url,
      token: 'bench',
      onFrames: (frames) => {
        for (const f of frames) onFrame(f.t);
      },
    });
    client.connect();
    close = () => void client.close();
    await client.waitFor('connected', 10_000);
  } else {
    const socket = io(url, { transports: ['websocket'], forceNew: true });
    socket.on('frame', (f: { t: number; data: string }) => {
      // Same minimum work as the batched path: the payload as bytes.
      Buffer.from(f.data, 'hex');
      onFrame(f.t);
    });
    close = () => void socket.close();
  }

  await next('done');
  // Let the tail drain: wait until nothing arrived for 300 ms.
  for (let seen = -1; seen !== received; ) {
    seen = received;
    await new Promise((r) => setTimeout(r, 300));
  }
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = Math.max(1, lastAt - firstAt);
  close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  clearTimeout(guard);
  return {
    received,
    expected: total,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    latencies: latencies.subarray(0, Math.min(received, total)),
    deliveredPerSecond: (received / wallMs) * 1000,
  };
}

export const gatewaySuite: BenchSuite = {
  name: 'gateway',
  async run(): Promise<BenchRow[]> {
    const batched = await measure('batched', RATE);
    const naive = await measure('json', RATE);
    const p = (r: Run, q: number) => percentile(Array.from(r.latencies), q);
    const base = 'JSON event per frame, same rate';
    return [
      {
        name: 'gateway→client 50k frames/s: client CPU',
        value: batched.cpuPercent,
        unit: '% of a core',
        baseline: naive.cpuPercent,
        baselineName: base,
        target: '≤ 20 %',
        met: batched.cpuPercent <= 20,
        note: `${SECONDS} s, 6 buses, decode to CanFrame incl.`,
      },
      {
        name: 'gateway→client 50k frames/s: dropped',
        value: batched.expected - batched.received,
        unit: 'frames',
        baseline: naive.expected - naive.received,
        baselineName: base,
        target: '0',
        met: batched.received === batched.expected,
        note: `${batched.received.toLocaleString('en-US')} of ${batched.expected.toLocaleString('en-US')} delivered`,
      },
      {
        name: 'gateway→client 50k frames/s: latency p50',
        value: p(batched, 50),
        unit: 'ms',
        baseline: p(naive, 50),
        baselineName: base,
        note: 'frame stamped at gateway receive → client callback',
      },
      {
        name: 'gateway→client 50k frames/s: latency p99',
        value: p(batched, 99),
        unit: 'ms',
        baseline: p(naive, 99),
        baselineName: base,
        target: '< 20 ms',
        met: p(batched, 99) < 20,
      },
      {
        name: 'gateway→client 50k frames/s: delivered rate',
        value: batched.deliveredPerSecond,
        unit: 'frames/s',
        baseline: naive.deliveredPerSecond,
        baselineName: base,
      },
    ];
  },
};
