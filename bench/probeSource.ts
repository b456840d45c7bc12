// A paced frame source for latency benches: the reference EV's real messages (telemetry random, state steady), plus a probe signal whose value is a counter.
import { encodeMessage } from '../shared/can/dbcEncode';
import type { DbcMessage } from '../shared/can/dbcModel';
import type { CanFrame } from '../shared/can/frame';
import type { FrameSink, FrameSource } from '../shared/gateway/source';
import type { VehicleFiles } from '../main/vehicle/vehicleFiles';
import { calibratedWallClock } from './harness';

/** Paths whose messages get random contents in every frame. */
const TELEMETRY =
  /^Vehicle\.(Speed|TraveledDistance|Chassis\.Axle\.|Powertrain\.Range|Powertrain\.TractionBattery\.(StateOfCharge|CurrentVoltage|CurrentCurrent|Temperature)|LowVoltageBattery\.|Private\.CabinIVI\.LowVoltageBattery\.|Exterior\.AirTemperature|Cabin\.HVAC\.AmbientAirTemperature)/;

/** Guangzhou, Tianhe: the demo location, by the last part of the VSS path. */
const STEADY_POSITION: Record<string, number> = { Latitude: 23.1291, Longitude: 113.3245, Heading: 90 };

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
  // Telemetry changes all the time, as on a busy bus; state stays put (location at the demo spot, everything
  // else at its zero encoding). Random state would throw the car across the globe and flip gears, key fobs and
  // charging at bus rate, which no drive does and which would measure pop-ups instead of the data path.
  const located = Object.fromEntries(
    vehicle.mapping.dbc2vss.filter((r) => r.path.startsWith('Vehicle.CurrentLocation.')).map((r) => [r.signal.name, STEADY_POSITION[r.path.split('.').pop()!] ?? 0]),
  );
  const steady = new Map<DbcMessage, Uint8Array>();
  for (const m of messages) {
    const paths = vehicle.mapping.dbc2vss.filter((r) => r.message === m).map((r) => r.path);
    if (paths.every((p) => TELEMETRY.test(p))) continue;
    steady.set(m, encodeMessage(m, Object.fromEntries(m.signals.filter((sig) => sig.name in located).map((sig) => [sig.name, located[sig.name]]))));
  }
  const pool: CanFrame[] = Array.from({ length: 4096 }, (_, i) => {
    const m = messages[i % messages.length];
    const data = steady.get(m) ?? Uint8Array.from({ length: m.length }, () => (random() * 256) | 0);
    return { t: 0, bus: buses[i % buses.length], id: m.id, extended: m.extended, flags: 0, data };
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
