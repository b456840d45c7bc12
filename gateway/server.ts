// The gateway's socket.io server (protocol 1): token handshake, hello, batched binary frames per client, heartbeats, subscribe and send.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { CanFrame } from '../shared/can/frame';
import { BatchWriter } from '../shared/gateway/batch';
import {
  GATEWAY_PROTOCOL,
  GatewayEvent,
  HEARTBEAT_INTERVAL_MS,
  MAX_BATCH_BYTES,
  describeZodError,
  hexToBytes,
  sendSchema,
  subscribeSchema,
  type BusInfo,
  type GatewayAck,
  type GatewayHello,
  type RefusalCode,
} from '../shared/gateway/protocol';
import { openRecorder, type Recorder } from './recorder';
import type { FrameSink, FrameSource } from './source';

export const GATEWAY_NAME = 'cabin-gateway';
export const GATEWAY_VERSION = '0.1.0';

export interface GatewayOptions {
  source: FrameSource;
  /** Interface to bind; loopback unless the operator asks for more. */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Read-write token; a random one is made when absent (read it from the result). */
  token?: string;
  /** Optional token that may receive but not send. */
  readOnlyToken?: string;
  /** candump -L file that gets every frame passing through (sent ones end in " T"). */
  record?: string;
  /** Longest a frame waits in a batch, ms. */
  flushMs?: number;
  /** A batch is sent as soon as it holds this many frames. */
  maxBatchFrames?: number;
  heartbeatMs?: number;
  /** Batches queued for one slow client beyond which new ones are dropped (counted, and visible to it as a seq gap). */
  maxQueuedBatches?: number;
  /** Start the source only when the first client has connected (so it sees the log from its first frame). */
  waitForClient?: boolean;
  /** Operator messages (connections, source problems); the CLI points this at stderr. */
  log?: (message: string) => void;
}

export interface GatewayStats {
  clients: number;
  framesIn: number;
  batchesOut: number;
  sent: number;
  sendRefused: number;
  sourceErrors: number;
  refusedConnections: number;
  droppedForSlowClients: number;
  sourceEnded: boolean;
}

export interface RunningGateway {
  /** ws://host:port — what a client connects to. */
  url: string;
  host: string;
  port: number;
  token: string;
  readOnlyToken?: string;
  stats(): GatewayStats;
  /** Resolves when the source has no more frames (a replay without loop). */
  ended: Promise<void>;
  /**
   * Simulates an outage (fault injection): drops every client's connection as a dead link would
   * and refuses new ones with code "offline" until set back. Frames from the source are discarded meanwhile.
   */
  setOffline(offline: boolean): void;
  /** Sends raw bytes as a frame batch to every client (fault injection: garbage on the wire). */
  injectRawBatch(bytes: Uint8Array): void;
  close(): Promise<void>;
}

interface Client {
  socket: Socket;
  readOnly: boolean;
  filter: Set<number> | null;
  writer: BatchWriter;
  seq: number;
}

/** Starts a gateway over `source`; rejects with a one-line reason (port in use, unwritable record file). */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { source } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(18).toString('base64url');
  const readOnlyToken = options.readOnlyToken;
  if (readOnlyToken !== undefined && readOnlyToken === token) throw new Error('the read-only token must differ from the token');
  const flushMs = options.flushMs ?? 5;
  const maxBatchFrames = options.maxBatchFrames ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS;
  const maxQueuedBatches = options.maxQueuedBatches ?? 2000;
  const log = options.log ?? (() => {});
  const recorder: Recorder | null = options.record ? await openRecorder(options.record) : null;

  const stats: GatewayStats = {
    clients: 0,
    framesIn: 0,
    batchesOut: 0,
    sent: 0,
    sendRefused: 0,
    sourceErrors: 0,
    refusedConnections: 0,
    droppedForSlowClients: 0,
    sourceEnded: false,
  };
  const buses: BusInfo[] = [];
  const busIndex = new Map<string, number>();
  const addBus = (name: string): number => {
    const index = buses.length;
    buses.push({ index, name });
    busIndex.set(name, index);
    return index;
  };
  for (const name of source.buses()) if (!busIndex.has(name)) addBus(name);

  const clients = new Set<Client>();
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('Cabin CAN gateway: connect with socket.io over websocket\n');
  });
  const io = new Server(http, {
    transports: ['websocket'],
    serveClient: false,
    maxHttpBufferSize: MAX_BATCH_BYTES,
    cors: { origin: false },
  });

  const helloFor = (readOnly: boolean): GatewayHello => ({
    protocol: GATEWAY_PROTOCOL,
    gateway: { name: GATEWAY_NAME, version: GATEWAY_VERSION },
    buses: [...buses],
    source: source.kind,
    readOnly,
    heartbeatMs,
    maxBatchFrames,
  });

  io.use((socket, next) => {
    const refuse = (code: RefusalCode, message: string) => {
      stats.refusedConnections++;
      log(`refused ${socket.handshake.address}: ${message}`);
      const error = new Error(message) as Error & { data?: unknown };
      error.data = { code };
      next(error);
    };
    if (offline) return refuse('offline', 'gateway is offline; retry later');
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    if (typeof auth.token !== 'string' || auth.token === '') {
      return refuse('no-token', 'gateway refused the connection: no token in the handshake auth ({token, protocol})');
    }
    let readOnly: boolean;
    if (sameSecret(auth.token, token)) readOnly = false;
    else if (readOnlyToken !== undefined && sameSecret(auth.token, readOnlyToken)) readOnly = true;
    else return refuse('bad-token', 'gateway refused the connection: wrong token');
    if (auth.protocol !== GATEWAY_PROTOCOL) {
      const asked = typeof auth.protocol === 'number' ? `protocol ${auth.protocol}` : 'no protocol version';
      return refuse(
        'protocol',
        `gateway refused the connection: it speaks gateway protocol ${GATEWAY_PROTOCOL}, the client sent ${asked}; update the older side`,
      );
    }
    socket.data.readOnly = readOnly;
    next();
  });

  let offline = false;
  let sourceStarted = false;
  let endResolve!: () => void;
  const ended = new Promise<void>((r) => (endResolve = r));

  const flushClient = (c: Client) => {
    if (c.writer.count === 0) return;
    const n = c.writer.count;
    // A client that cannot keep up would make the gateway buffer without bound: drop its batch instead.
    // Its seq still advances, so the client counts the gap as dropped frames.
    if (queuedPackets(c.socket) > maxQueuedBatches) {
      c.writer.reset();
      stats.droppedForSlowClients += n;
    } else {
      c.socket.emit(GatewayEvent.frames, c.writer.finish(c.seq, Date.now()));
      stats.batchesOut++;
    }
    c.seq = (c.seq + n) >>> 0;
  };

  let flushTimer: NodeJS.Timeout | undefined;
  const scheduleFlush = () => {
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      for (const c of clients) flushClient(c);
    }, flushMs);
  };

  const sink: FrameSink = {
    frames(frames) {
      stats.framesIn += frames.length;
      recorder?.received(frames);
      for (const f of frames) {
        let idx = busIndex.get(f.bus);
        if (idx === undefined) {
          if (buses.length > 255) {
            sink.error(`frame on bus "${f.bus}" dropped: more than 256 buses`);
            continue;
          }
          idx = addBus(f.bus);
          io.emit(GatewayEvent.buses, { buses });
        }
        for (const c of clients) {
          if (c.filter && !c.filter.has(f.id)) continue;
          c.writer.add(f, idx);
          if (c.writer.count >= maxBatchFrames) flushClient(c);
        }
      }
      scheduleFlush();
    },
    error(message) {
      stats.sourceErrors++;
      log(`source: ${message}`);
      io.emit(GatewayEvent.sourceError, { message });
    },
    end() {
      stats.sourceEnded = true;
      for (const c of clients) flushClient(c);
      io.emit(GatewayEvent.sourceEnd, { frames: stats.framesIn });
      log(`source ended after ${stats.framesIn} frames`);
      endResolve();
    },
  };

  const startSource = async () => {
    if (sourceStarted) return;
    sourceStarted = true;
    await source.start(sink);
  };

  io.on('connection', (socket) => {
    const client: Client = { socket, readOnly: socket.data.readOnly === true, filter: null, writer: new BatchWriter(), seq: 0 };
    clients.add(client);
    stats.clients = clients.size;
    log(`client connected from ${socket.handshake.address}${client.readOnly ? ' (read-only)' : ''}`);
    socket.emit(GatewayEvent.hello, helloFor(client.readOnly));

    socket.on(GatewayEvent.subscribe, (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (a: GatewayAck) => void) : () => {};
      const parsed = subscribeSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: `subscribe: ${describeZodError(parsed.error)}` });
      flushClient(client);
      client.filter = parsed.data.ids === null ? null : new Set(parsed.data.ids);
      reply({ ok: true });
    });

    socket.on(GatewayEvent.send, async (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (a: GatewayAck) => void) : () => {};
      const refuse = (error: string) => {
        stats.sendRefused++;
        reply({ ok: false, error });
      };
      if (client.readOnly) return refuse('send refused: this client connected with the read-only token');
      const parsed = sendSchema.safeParse(payload);
      if (!parsed.success) return refuse(`send: ${describeZodError(parsed.error)}`);
      const m = parsed.data;
      if (!busIndex.has(m.bus)) return refuse(`send: unknown bus "${m.bus}"; this gateway has ${buses.map((b) => b.name).join(', ') || 'no bus yet'}`);
      if (!source.send) return refuse(`send: the ${source.kind} source cannot send frames`);
      const frame: CanFrame = { t: Date.now() / 1000, bus: m.bus, id: m.id, extended: m.extended, flags: m.flags, data: hexToBytes(m.data) };
      try {
        await source.send(frame);
      } catch (error) {
        return refuse(`send failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      stats.sent++;
      recorder?.sent(frame);
      reply({ ok: true });
    });

    socket.on('disconnect', (reason) => {
      clients.delete(client);
      stats.clients = clients.size;
      log(`client disconnected (${reason})`);
    });

    if (options.waitForClient) startSource().catch((e) => sink.error(`source failed to start: ${String(e)}`));
  });

  const heartbeat = setInterval(() => {
    const time = Date.now();
    for (const c of clients) {
      flushClient(c);
      c.socket.emit(GatewayEvent.heartbeat, { time, nextSeq: c.seq });
    }
  }, heartbeatMs);

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    io.close();
    await recorder?.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `port ${options.port} on ${host} is already in use; pick another with --port or 0 for any`
        : `cannot listen on ${host}:${options.port ?? 0}: ${code ?? String(error)}`,
    );
  }
  const port = (http.address() as AddressInfo).port;
  if (!options.waitForClient) {
    try {
      await startSource();
    } catch (error) {
      clearInterval(heartbeat);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await recorder?.close();
      throw new Error(`the ${source.kind} source failed to start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let closing: Promise<void> | undefined;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    token,
    readOnlyToken,
    ended,
    stats: () => ({ ...stats }),
    setOffline(on) {
      if (offline === on) return;
      offline = on;
      log(on ? 'offline: dropping every client' : 'online again');
      if (on) for (const c of [...clients]) c.socket.conn.close();
    },
    injectRawBatch(bytes) {
      for (const c of clients) {
        flushClient(c);
        c.socket.emit(GatewayEvent.frames, bytes);
      }
    },
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        if (flushTimer) clearTimeout(flushTimer);
        await source.stop();
        for (const c of clients) flushClient(c);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await recorder?.close();
      })();
      return closing;
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Packets engine.io holds for a socket because the wire is not taking them (it has no public accessor). */
function queuedPackets(socket: Socket): number {
  const buffer = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer;
  return Array.isArray(buffer) ? buffer.length : 0;
}
