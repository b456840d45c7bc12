// A paced frame source for latency benches: the reference EV's real messages with random contents, plus a speed probe whose value is a counter.
import { encodeMessage } from '../shared/can/dbcEncode';
import type { CanFrame } from '../shared/can/frame';
import type { FrameSink, FrameSource } from '../shared/gateway/source';
import type { VehicleFiles } from '../main/vehicle/vehicleFiles';

export interface ProbeSourceOptions {
  vehicle: VehicleFiles;
  /** Filler frames per second (the probe comes on top). */
  rate: number;
  buses?: string[];
  /** Stop after this many filler frames (default: never). */
  total?: number;
  /** Slower than the mapping's interval for Vehicle.Speed, so no probe is throttled away. */
  probeEveryMs?: number;
  tickMs?: number;
  /** Each probe's value and the wall-clock time (epoch ms) it left the source. */
  onProbe(value: number, sentAt: number): void;
  onDone?(frames: number): void;
}

/** Every frame is decoded and mapped by the host and many values change, as on a busy bus. */
export function createProbeSource({ vehicle, rate, buses = ['can0'], total = Infinity, probeEveryMs = 100, tickMs = 1, onProbe, onDone }: ProbeSourceOptions): FrameSource {
  const speed = vehicle.mapping.dbc2vss.find((r) => r.path === 'Vehicle.Speed')!;
  const messages = [...new Set(vehicle.mapping.dbc2vss.map((r) => r.message))].filter((m) => m !== speed.message);
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pool: CanFrame[] = Array.from({ length: 4096 }, (_, i) => {
    const m = messages[i % messages.length];
    return { t: 0, bus: buses[i % buses.length], id: m.id, extended: m.extended, flags: 0, data: Uint8Array.from({ length: m.length }, () => (random() * 256) | 0) };
  });
  let timer: NodeJS.Timeout | undefined;
  return {
    kind: 'bench',
    buses: () => buses,
    async start(sink: FrameSink) {
      const t0 = performance.now();
      let made = 0;
      let nextProbe = t0;
      let probe = 0;
      timer = setInterval(() => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - t0) / 1000) * rate));
        const out: CanFrame[] = [];
        const t = (performance.timeOrigin + now) / 1000;
        for (; made < due; made++) out.push({ ...pool[made % pool.length], t });
        if (now >= nextProbe && made < total) {
          nextProbe += probeEveryMs;
          // 1…250 km/h: every probe changes the displayed speed.
          probe = probe >= 250 ? 1 : probe + 1;
          out.push({ t, bus: buses[0], id: speed.message.id, extended: speed.message.extended, flags: 0, data: encodeMessage(speed.message, { [speed.signal.name]: probe }) });
          onProbe(probe, performance.timeOrigin + now);
        }
        if (out.length) sink.frames(out);
        if (made >= total) {
          clearInterval(timer);
          onDone?.(made);
        }
      }, tickMs);
    },
    async stop() {
      clearInterval(timer);
    },
  };
}
