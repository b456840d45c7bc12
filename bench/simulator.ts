// Bench: CPU share of the sim source emitting cabin-ev's full message set in real time (×1, ×60) beside the idle process, and its emission throughput beside a naive per-frame encoder.
import { encodeMessage } from '../shared/can/dbcEncode';
import type { CanFrame } from '../shared/can/frame';
import type { FrameSink } from '../shared/gateway/source';
import { createVssToStatus } from '../shared/vehicle/statusEncoder';
import { DEFAULT_CYCLE_MS } from '../simulator/canEmitter';
import { createSimSource } from '../simulator/simSource';
import type { BenchRow, BenchSuite } from './harness';

const REALTIME_S = 5;
const FAST_S = 3;
const IDLE_S = 2;
const VIRTUAL_SIM_S = 600;

class CountingSink implements FrameSink {
  count = 0;
  frames(batch: readonly CanFrame[]): void {
    this.count += batch.length;
  }
  error(): void {}
  end(): void {}
}

/** CPU time (user + system) of this process over wall time while `during` runs, as % of one core. */
async function cpuPercent(seconds: number, during: () => Promise<void> | void, after: () => Promise<void> | void): Promise<number> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await during();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - wall0;
  await after();
  return ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
}

async function realtimeCpu(acceleration: number, seconds: number, scenario?: string): Promise<{ cpu: number; framesPerS: number }> {
  const source = createSimSource({ acceleration, scenario });
  const sink = new CountingSink();
  const cpu = await cpuPercent(
    seconds,
    () => source.start(sink),
    () => source.stop(),
  );
  return { cpu, framesPerS: sink.count / seconds };
}

/** The idle process with a timer ticking as often as the sim source's (50 ms): what the source's figure sits on. */
async function idleCpu(seconds: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  return cpuPercent(
    seconds,
    () => {
      timer = setInterval(() => {}, 50);
    },
    () => clearInterval(timer),
  );
}

/** Frames/s the sim source emits in virtual time (physics included), as fast as the CPU allows. */
function virtualThroughput(): number {
  const source = createSimSource({ clock: 'virtual', scenario: 'highway-low-battery' });
  let frames = 0;
  void source.start({ frames: (b) => (frames += b.length), error: () => {}, end: () => {} });
  const t0 = performance.now();
  for (let ms = 0; ms < VIRTUAL_SIM_S * 1000; ms += 50) source.advance(50);
  return frames / ((performance.now() - t0) / 1000);
}

/** The straightforward way: the same physics and schedule, but every frame re-derived and encoded with encodeMessage. */
function naiveThroughput(): number {
  const source = createSimSource({ clock: 'virtual', scenario: 'highway-low-battery' });
  const status = createVssToStatus(source.mapping);
  const schedule = status.messages.map((message) => ({ message, cycle: message.cycleTimeMs ?? DEFAULT_CYCLE_MS, next: 0 }));
  const sim = source.runner;
  let frames = 0;
  let sink = 0;
  const t0 = performance.now();
  for (let ms = 0; ms < VIRTUAL_SIM_S * 1000; ms += 50) {
    sim.advance(50);
    for (const s of schedule) {
      while (s.next <= ms + 50) {
        for (const f of status.framesFor(s.message, (path) => sim.vehicle.signals()[path])) {
          sink += encodeMessage(s.message, f.signals).length;
          frames++;
        }
        s.next += s.cycle;
      }
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return frames / ((performance.now() - t0) / 1000);
}

export const simulatorSuite: BenchSuite = {
  name: 'simulator',
  async run(): Promise<BenchRow[]> {
    const idle = await idleCpu(IDLE_S);
    const x1 = await realtimeCpu(1, REALTIME_S);
    const x60 = await realtimeCpu(60, FAST_S, 'highway-low-battery');
    const fast = virtualThroughput();
    const naive = naiveThroughput();
    return [
      {
        name: `sim source ×1, cabin-ev full set, ${REALTIME_S} s`,
        value: x1.cpu,
        unit: '% of a core',
        baseline: idle,
        baselineName: 'idle process',
        target: '< 15 %',
        met: x1.cpu < 15,
        note: `${Math.round(x1.framesPerS)} frames/s`,
      },
      {
        name: `sim source ×60 (highway-low-battery), ${FAST_S} s`,
        value: x60.cpu,
        unit: '% of a core',
        baseline: idle,
        baselineName: 'idle process',
        note: `${Math.round(x60.framesPerS)} frames/s`,
      },
      {
        name: 'sim emission in virtual time (physics + frames)',
        value: fast,
        unit: 'frames/s',
        baseline: naive,
        baselineName: 'signals() + encodeMessage per frame',
      },
    ];
  },
};
