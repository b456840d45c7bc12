// Bench: gateway (own process) → host client at 50,000 frames/s (six buses) — gateway and client CPU, drops, latency — beside a naive JSON-per-frame bridge.
import { io } from 'socket.io-client';
import { createGatewayClient } from '../main/vehicle/gatewayClient';
import { cpuWindow, startBenchChild } from './benchChild';
import { calibratedWallClock, percentile, type BenchRow, type BenchSuite } from './harness';

const RATE = 50_000;
const SECONDS = 4;
const nowMs = calibratedWallClock();

interface Run {
  received: number;
  expected: number;
  clientCpu: number;
  gatewayCpu: number;
  /** Frame stamped at the gateway's receive → the client's callback, one sample per frame. */
  latencies: Float64Array;
  deliveredPerSecond: number;
}

async function measure(mode: 'batched' | 'json', rate: number): Promise<Run> {
  const feeder = startBenchChild('gatewayFeeder.ts', [mode, String(rate), String(SECONDS)]);
  const { url, token } = await feeder.next<{ url: string; token: string }>('url');
  const total = Math.round(rate * SECONDS);
  const latencies = new Float64Array(total);
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  const onFrame = (t: number) => {
    const now = nowMs();
    if (received === 0) firstAt = now;
    if (received < total) latencies[received] = now - t * 1000;
    received++;
    lastAt = now;
  };

  let close: () => void;
  // Both processes' CPU from before the first frame to after the last: the feeder starts sending when the client connects.
  let closeWindow: Awaited<ReturnType<typeof cpuWindow>>;
  if (mode === 'batched') {
    // The callback is where the host's decoder would run; per-frame work here is the latency sample.
    const client = createGatewayClient({
      url,
      token,
      onFrames: (frames) => {
        for (const f of frames) onFrame(f.t);
      },
    });
    closeWindow = await cpuWindow([feeder]);
    client.connect();
    close = () => void client.close();
    await client.waitFor('connected', 10_000);
  } else {
    closeWindow = await cpuWindow([feeder]);
    const socket = io(url, { transports: ['websocket'], forceNew: true });
    socket.on('frame', (f: { t: number; data: string }) => {
      // Same minimum work as the batched path: the payload as bytes.
      Buffer.from(f.data, 'hex');
      onFrame(f.t);
    });
    close = () => void socket.close();
  }

  await feeder.next('done');
  // Let the tail drain: wait until nothing arrived for 300 ms.
  for (let seen = -1; seen !== received; ) {
    seen = received;
    await new Promise((r) => setTimeout(r, 300));
  }
  const cpu = await closeWindow();
  close();
  await feeder.stop();
  const wallMs = Math.max(1, lastAt - firstAt);
  return {
    received,
    expected: total,
    clientCpu: cpu.self,
    gatewayCpu: cpu.others[0],
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
    const samples = `${batched.latencies.length.toLocaleString('en-US')} samples (one per frame; ${naive.latencies.length.toLocaleString('en-US')} for the baseline)`;
    return [
      {
        name: 'gateway→client 50k frames/s: gateway + client CPU',
        value: batched.gatewayCpu + batched.clientCpu,
        unit: '% of a core',
        baseline: naive.gatewayCpu + naive.clientCpu,
        baselineName: base,
        note: `gateway ${batched.gatewayCpu.toFixed(1)} % (incl. its synthetic source) + client ${batched.clientCpu.toFixed(1)} %; ${SECONDS} s, 6 buses`,
      },
      {
        name: 'gateway→client 50k frames/s: client CPU',
        value: batched.clientCpu,
        unit: '% of a core',
        baseline: naive.clientCpu,
        baselineName: base,
        note: 'receive and decode to CanFrame, nothing more',
      },
      {
        name: 'gateway→client 50k frames/s: gateway process CPU',
        value: batched.gatewayCpu,
        unit: '% of a core',
        baseline: naive.gatewayCpu,
        baselineName: base,
        note: 'incl. making the synthetic frames',
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
      { name: 'gateway→client 50k frames/s: latency p50', value: p(batched, 50), unit: 'ms', baseline: p(naive, 50), baselineName: base, note: samples },
      {
        name: 'gateway→client 50k frames/s: latency p99',
        value: p(batched, 99),
        unit: 'ms',
        baseline: p(naive, 99),
        baselineName: base,
        target: '< 20 ms',
        met: p(batched, 99) < 20,
        note: `${samples}; frame stamped at gateway receive → client callback`,
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
