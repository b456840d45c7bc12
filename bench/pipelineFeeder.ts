// Child process of the host-pipeline bench: a gateway emitting the reference EV's real messages on six buses at a steady rate.
// Usage: pipelineFeeder.ts <frames per second> <seconds> — prints {"url"}, then {"probe":value,"at":epochMs} for every speed probe, then {"done":N}.
import { resolve } from 'node:path';
import { startGateway } from '../gateway/server';
import type { FrameSink, FrameSource } from '../gateway/source';
import type { CanFrame } from '../shared/can/frame';
import { encodeMessage } from '../shared/can/dbcEncode';
import { loadVehicleFiles } from '../main/can/vehicleFiles';

const [rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg);
const total = Math.round(rate * Number(secondsArg));
const BUSES = ['can0', 'can1', 'can2', 'can3', 'can4', 'can5'];
/** Slower than the mapping's 50 ms interval for Vehicle.Speed, so no probe is throttled away. */
const PROBE_EVERY_MS = 100;
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

const vehicle = await loadVehicleFiles(resolve(import.meta.dirname, '..', 'assets'), 'cabin-ev');
const speed = vehicle.mapping.dbc2vss.find((r) => r.path === 'Vehicle.Speed')!;
const messages = [...new Set(vehicle.mapping.dbc2vss.map((r) => r.message))].filter((m) => m !== speed.message);
let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
// Real messages with random contents: every frame is decoded and mapped, many values change.
const pool: CanFrame[] = Array.from({ length: 4096 }, (_, i) => {
  const m = messages[i % messages.length];
  return { t: 0, bus: BUSES[i % 6], id: m.id, extended: m.extended, flags: 0, data: Uint8Array.from({ length: m.length }, () => (random() * 256) | 0) };
});

function source(): FrameSource {
  let timer: NodeJS.Timeout | undefined;
  return {
    kind: 'bench',
    buses: () => BUSES,
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
          nextProbe += PROBE_EVERY_MS;
          probe = probe >= 250 ? 1 : probe + 1;
          out.push({ t, bus: 'can0', id: speed.message.id, extended: speed.message.extended, flags: 0, data: encodeMessage(speed.message, { [speed.signal.name]: probe }) });
          say({ probe, at: performance.timeOrigin + now });
        }
        if (out.length) sink.frames(out);
        if (made >= total) {
          clearInterval(timer);
          say({ done: made });
        }
      }, 1);
    },
    async stop() {
      clearInterval(timer);
    },
  };
}

const gateway = await startGateway({ source: source(), token: 'bench', waitForClient: true });
say({ url: gateway.url });
process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
