// CabinBridge over socket.io for the browser simulation: token-checked, loopback-only, websocket transport.
import type { Server as HttpServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Server } from 'socket.io';
import { BridgeChannel } from '../../shared/ipc/bridge';
import type { Host } from '../host/createHost';

export const BRIDGE_PATH = '/bridge';

export interface WebBridgeOptions {
  host: Host;
  token: string;
  /** The page origin allowed to connect, e.g. http://127.0.0.1:5173. */
  allowedOrigin: () => string;
  report: (line: string) => void;
}

export function attachWebBridge(httpServer: HttpServer, { host, token, allowedOrigin, report }: WebBridgeOptions) {
  const io = new Server(httpServer, {
    path: BRIDGE_PATH,
    transports: ['websocket'],
    serveClient: false,
    // Only what the page sends counts against this. Intents are JSON texts whose size is judged against
    // each intent's own budget before parsing, so a hostile one is answered, not a dropped connection.
    maxHttpBufferSize: 4 * 1024 * 1024,
    allowRequest: (request, callback) => {
      // Browsers always send Origin on websocket upgrades: another page on this machine is refused.
      const origin = request.headers.origin;
      callback(null, origin === undefined || origin === allowedOrigin());
    },
  });

  io.use((socket, next) => {
    const offered = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof offered !== 'string' || !sameToken(offered, token)) {
      report(`web bridge: refused a connection without the right token from ${socket.handshake.address}`);
      next(new Error('unauthorized: this page was not opened with the URL that cabin start printed'));
      return;
    }
    next();
  });

  io.on('connection', (socket) => {
    const client = host.connect(`web:${socket.id}`);
    const send = (message: unknown) => socket.emit(BridgeChannel.sync, message);
    send(host.sync.snapshot());
    const unsubscribe = host.sync.subscribe(send);
    socket.on(BridgeChannel.snapshot, () => send(host.sync.snapshot()));
    socket.on(BridgeChannel.intent, async (name: unknown, payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') {
        report('web bridge: intent without acknowledgement callback ignored');
        return;
      }
      // The payload crosses as JSON text, so its size is judged before anything parses it.
      ack(await client.invoke.text(name, payload));
    });
    socket.on('disconnect', () => {
      unsubscribe();
      // Commands this page queued must not move the car after it has gone.
      client.close();
    });
  });

  return io;
}

function sameToken(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
