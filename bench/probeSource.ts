// A paced frame source for latency benches: the reference EV's real messages with random contents, plus a probe signal whose value is a counter.
import { encodeMessage } from '../shared/can/dbcEncode';
import type { CanFrame } from '../shared/can/frame';
import type { FrameSink, FrameSource } from '../shared/gateway/source';
import type { VehicleFiles } from '../main/vehicle/vehicleFiles';
import { calibratedWallClock } from './harness';

export interface ProbeSourceOptions {
  vehicle: VehicleFiles;
  /** Filler frames per second (the probes come on top). */
  rate: number;
  buses?: string[];
  /** Stop after this many filler frames (default: never). */
  total?: number;
  /**
   * The VSS path the probe drives. Its message is left out of the filler, so only probes change it. Pick
   * an on_change signal (no interval throttle) when probes come faster than the mapping's interval.
   */
  probePath?: string;
  /** Probe values run 1…probeMax and wrap: distinct within a run, and within the signal's range. */
  probeMax?: number;
  /** Or: probe values cycle through this list (e.g. values whose rendering the bench has learned). */
  probeValues?: number[];
  probeEveryMs?: number;
  /** Whether probes start with the source (default) or only after `autoProbe(true)`. */
  autoProbe?: boolean;
  tickMs?: number;
  /** Each probe's value and the wall-clock time (epoch ms, see calibratedWallClock) it left the source, i.e. reached the gateway. */
  onProbe(value: number, sentAt: number): void;
  onDone?(frames: number): void;
}

export interface ProbeSource extends FrameSource {
  /** Sends one probe with this value at once (the source must have started). */
  probeNow(value: number): void;
  autoProbe(on: boolean): void;
}

/** Every frame is decoded and mapped by the host and many values change, as on a busy bus. */
export function createProbeSource({
  vehicle,
  rate,
  buses = ['can0'],
  total = Infinity,
  probePath = 'Vehicle.Speed',
  probeMax = 250,
  probeValues,
  probeEveryMs = 100,
  autoProbe = true,
  tickMs = 1,
  onProbe,
  onDone,
}: ProbeSourceOptions): ProbeSource {
  const probeRule = vehicle.mapping.dbc2vss.find((r) => r.path === probePath);
  if (!probeRule) throw new Error(`probe path ${probePath} is not mapped for ${vehicle.vehicleId}`);
  const messages = [...new Set(vehicle.mapping.dbc2vss.map((r) => r.message))].filter((m) => m !== probeRule.message);
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pool: CanFrame[] = Array.from({ length: 4096 }, (_, i) => {
    const m = messages[i % messages.length];
    return { t: 0, bus: buses[i % buses.length], id: m.id, extended: m.extended, flags: 0, data: Uint8Array.from({ length: m.length }, () => (random() * 256) | 0) };
  });
  let timer: NodeJS.Timeout | undefined;
  let sink: FrameSink | undefined;
  let probing = autoProbe;
  const wallMs = calibratedWallClock();
  const probeFrame = (value: number, t: number): CanFrame => {
    const { message, signal } = probeRule;
    return { t, bus: buses[0], id: message.id, extended: message.extended, flags: 0, data: encodeMessage(message, { [signal.name]: value }) };
  };
  return {
    kind: 'bench',
    buses: () => buses,
    async start(to: FrameSink) {
      sink = to;
      const t0 = performance.now();
      let made = 0;
      let nextProbe = t0;
      let probe = 0;
      timer = setInterval(() => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - t0) / 1000) * rate));
        const out: CanFrame[] = [];
        const t = wallMs() / 1000;
        for (; made < due; made++) out.push({ ...pool[made % pool.length], t });
        // At most one probe per tick: a late tick does not burst probes that would coalesce downstream.
        if (probing && now >= nextProbe && made < total) {
          nextProbe = Math.max(nextProbe + probeEveryMs, now);
          probe++;
          const value = probeValues ? probeValues[(probe - 1) % probeValues.length] : ((probe - 1) % probeMax) + 1;
          out.push(probeFrame(value, t));
          onProbe(value, t * 1000);
        } else if (!probing) nextProbe = now;
        if (out.length) to.frames(out);
        if (made >= total) {
          clearInterval(timer);
          onDone?.(made);
        }
      }, tickMs);
    },
    async stop() {
      clearInterval(timer);
    },
    probeNow(value) {
      const t = wallMs() / 1000;
      sink!.frames([probeFrame(value, t)]);
      onProbe(value, t * 1000);
    },
    autoProbe(on) {
      probing = on;
    },
  };
}
