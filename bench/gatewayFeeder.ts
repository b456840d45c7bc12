// Child process of the gateway bench: a gateway (or the naive JSON-per-frame baseline server) fed by a steady synthetic frame rate.
// Usage: gatewayFeeder.ts <batched|json> <frames per second> <seconds> — prints {"url","token"} when listening and {"done":N} when all frames are out.
// Answers the IPC message "cpu" with its own process.cpuUsage(), so the parent charges this process's CPU to its measuring window.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { startGateway } from '../gateway/server';
import type { FrameSink, FrameSource } from '../gateway/source';
import type { CanFrame } from '../shared/can/frame';
import { bytesToHex } from '../shared/gateway/protocol';
import { calibratedWallClock } from './harness';

const [mode, rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg);
const total = Math.round(rate * Number(secondsArg));
const BUSES = ['can0', 'can1', 'can2', 'can3', 'can4', 'can5'];
const wallMs = calibratedWallClock();
const nowSeconds = () => wallMs() / 1000;
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
process.on('message', (m) => {
  if (m === 'cpu') process.send!({ cpu: process.cpuUsage() });
});

/** Emits frames spread over six buses at `rate`, stamped with the wall clock as they "arrive". */
function syntheticSource(onStart?: () => void): FrameSource {
  let timer: NodeJS.Timeout | undefined;
  return {
    kind: 'synthetic',
    buses: () => BUSES,
    async start(sink: FrameSink) {
      onStart?.();
      const t0 = performance.now();
      let made = 0;
      const out: CanFrame[] = [];
      timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
        out.length = 0;
        const t = nowSeconds();
        for (; made < due; made++) {
          const data = new Uint8Array(8);
          data[0] = made & 0xff;
          data[1] = (made >> 8) & 0xff;
          out.push({ t, bus: BUSES[made % 6], id: 0x100 + (made % 120), extended: false, flags: 0, data });
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

if (mode === 'batched') {
  const g = await startGateway({ source: syntheticSource(), waitForClient: true });
  say({ url: g.url, token: g.token });
  process.on('SIGTERM', () => void g.close().then(() => process.exit(0)));
} else {
  // Baseline: what a naive bridge does, one JSON event per frame.
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  let started = false;
  io.on('connection', (socket) => {
    if (started) return;
    started = true;
    void syntheticSource().start({
      frames: (fs) => {
        for (const f of fs) socket.emit('frame', { t: f.t, bus: f.bus, id: f.id, extended: f.extended, flags: f.flags, data: bytesToHex(f.data) });
      },
      error: () => {},
      end: () => {},
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  say({ url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, token: '' });
  process.on('SIGTERM', () => io.close(() => process.exit(0)));
}
