// The gateway's socket.io server (protocol 1): guarded handshake, hello, batched binary frames per client, heartbeats, subscribe and an allowlisted, rate-limited send.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { CanFrame } from '../shared/can/frame';
import type { SendAllowEntry } from '../shared/gateway/allowlist';
import { BatchWriter } from '../shared/gateway/batch';
import {
  GATEWAY_PROTOCOL,
  GatewayEvent,
  HANDSHAKE_TIMEOUT_MS,
  HEARTBEAT_INTERVAL_MS,
  MAX_BATCH_BYTES,
  describeZodError,
  hexToBytes,
  sendSchema,
  subscribeSchema,
  type BusInfo,
  type GatewayAck,
  type GatewayHello,
} from '../shared/gateway/protocol';
import { createAdmission } from './admission';
import { guardHandshake } from './handshake';
import { openRecorder, type Recorder } from './recorder';
import { createSendPath, DEFAULT_SEND_BURST, DEFAULT_SEND_QUEUE, DEFAULT_SEND_RATE } from './sendPath';
import type { FrameSink, FrameSource } from './source';
import { createTimeline } from './timeline';
import { tokenTooShort } from './tokens';

export const GATEWAY_NAME = 'cabin-gateway';
export const GATEWAY_VERSION = '0.1.0';

export interface GatewayOptions {
  source: FrameSource;
  /** Interface to bind; loopback unless the operator asks for more. */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Read-write token, at least 16 bytes; a random one is made when absent (read it from the result). */
  token?: string;
  /** Optional token that may receive but not send (at least 16 bytes). */
  readOnlyToken?: string;
  /**
   * Ids the read-write token may send (e.g. `sendAllowlistFromMapping(vehicle.mapping)`). Absent or
   * empty: every send is refused (a read-only gateway) unless `allowAnyId`.
   */
  sendAllowlist?: readonly SendAllowEntry[];
  /** Developer gateway: send any id (still rate-limited). */
  allowAnyId?: boolean;
  /** Frames per second per bus (default 100), the burst after idling (10) and how many may wait (32). */
  sendRatePerBus?: number;
  sendBurstPerBus?: number;
  sendQueuePerBus?: number;
  /** Browser origins allowed to connect; any other `Origin` header is refused. Node clients send none. */
  allowOrigins?: readonly string[];
  /** Connections that have not passed the handshake, at most (default 32); more are closed at once. */
  maxUnauthenticated?: number;
  /** A connection still unauthenticated after this long is closed (default 2000 ms). */
  handshakeTimeoutMs?: number;
  /** One refusal line per address per this long (default 60 s); tests shorten it. */
  refusalLogWindowMs?: number;
  /** Monotonic clock in ms for slow-downs, log windows and rate limits (default performance.now; tests inject one). */
  now?: () => number;
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
  /** Every refused send, whatever the reason; the next two break some of them down. */
  sendRefused: number;
  sendNotAllowed: number;
  sendQueueFull: number;
  /** Frames waiting in the per-bus send queues now. */
  sendQueued: number;
  /** Queued frames dropped, never sent, because their client disconnected first. */
  sendDroppedForDisconnect: number;
  sourceErrors: number;
  refusedConnections: number;
  /** Refusals answered late because the address kept sending bad tokens. */
  delayedRefusals: number;
  /** Connections now open that have not passed the handshake. */
  unauthenticated: number;
  /** Connections closed at once because `maxUnauthenticated` were already waiting. */
  unauthenticatedOverCap: number;
  droppedForSlowClients: number;
  /** Times the source started over (replay loop, clock step); each told clients with source-restarted. */
  sourceRestarts: number;
  /** Frames whose time was held at the previous frame's so that time never goes back. */
  timeClamped: number;
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
  const token = options.token ?? randomBytes(24).toString('base64url');
  const readOnlyToken = options.readOnlyToken;
  const short = tokenTooShort(token, 'given') ?? (readOnlyToken === undefined ? null : tokenTooShort(readOnlyToken, 'given as the read-only token'));
  if (short) throw new Error(short);
  if (readOnlyToken !== undefined && readOnlyToken === token) throw new Error('the read-only token must differ from the token');
  const now = options.now ?? (() => performance.now());
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
    sendNotAllowed: 0,
    sendQueueFull: 0,
    sendQueued: 0,
    sendDroppedForDisconnect: 0,
    sourceErrors: 0,
    refusedConnections: 0,
    delayedRefusals: 0,
    unauthenticated: 0,
    unauthenticatedOverCap: 0,
    droppedForSlowClients: 0,
    sourceRestarts: 0,
    timeClamped: 0,
    sourceEnded: false,
  };
  const admission = createAdmission({ allowOrigins: options.allowOrigins, now, log, logWindowMs: options.refusalLogWindowMs });
  const sendAllow = options.allowAnyId ? 'any' : options.sendAllowlist?.length ? options.sendAllowlist : 'none';
  const sendPath = createSendPath({
    policy: {
      allow: sendAllow,
      ratePerBus: options.sendRatePerBus ?? DEFAULT_SEND_RATE,
      burstPerBus: options.sendBurstPerBus ?? DEFAULT_SEND_BURST,
      queuePerBus: options.sendQueuePerBus ?? DEFAULT_SEND_QUEUE,
    },
    write: (frame) => source.send!(frame),
    now,
  });
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
    // socket.io's own default holds a connection that never completes the handshake for 45 s.
    connectTimeout: options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS,
  });

  let offline = false;
  const handshake = guardHandshake(io, {
    token,
    readOnlyToken,
    admission,
    maxUnauthenticated: options.maxUnauthenticated ?? 32,
    isOffline: () => offline,
    counts: stats,
  });

  const helloFor = (readOnly: boolean): GatewayHello => ({
    protocol: GATEWAY_PROTOCOL,
    gateway: { name: GATEWAY_NAME, version: GATEWAY_VERSION },
    buses: [...buses],
    source: source.kind,
    readOnly,
    heartbeatMs,
    maxBatchFrames,
    send: {
      allow: readOnly || !source.send ? 'none' : sendAllow === 'any' || sendAllow === 'none' ? sendAllow : sendAllow.map(({ id, extended }) => ({ id, extended })),
      ratePerBus: options.sendRatePerBus ?? DEFAULT_SEND_RATE,
      queuePerBus: options.sendQueuePerBus ?? DEFAULT_SEND_QUEUE,
    },
  });

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

  /** Tells every client the source starts over, after the frames of the old run (so `seq` marks the boundary). */
  const announceRestart = (reason: string) => {
    stats.sourceRestarts++;
    log(`source restarted (${reason})`);
    for (const c of clients) {
      flushClient(c);
      c.socket.emit(GatewayEvent.sourceRestarted, { reason, count: stats.sourceRestarts, seq: c.seq });
    }
  };
  const timeline = createTimeline(() => announceRestart('clock-step'));

  const sink: FrameSink = {
    frames(frames) {
      stats.framesIn += frames.length;
      recorder?.received(frames);
      for (const raw of frames) {
        const f = timeline.place(raw);
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
    restarted(reason) {
      timeline.expectRestart();
      announceRestart(reason);
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
      // Cheapest checks first: nothing is parsed for a token that may not send at all.
      if (client.readOnly) return refuse('send refused: this client connected with the read-only token');
      const parsed = sendSchema.safeParse(payload);
      if (!parsed.success) return refuse(`send: ${describeZodError(parsed.error)}`);
      const m = parsed.data;
      if (!busIndex.has(m.bus)) return refuse(`send: unknown bus "${m.bus}"; this gateway has ${buses.map((b) => b.name).join(', ') || 'no bus yet'}`);
      if (!source.send) return refuse(`send: the ${source.kind} source cannot send frames`);
      const notAllowed = sendPath.refusal(m);
      if (notAllowed) return refuse(notAllowed);
      const frame: CanFrame = { t: Date.now() / 1000, bus: m.bus, id: m.id, extended: m.extended, flags: m.flags, data: hexToBytes(m.data) };
      try {
        await sendPath.submit(frame, client);
      } catch (error) {
        return refuse(error instanceof Error ? error.message : String(error));
      }
      stats.sent++;
      recorder?.sent(frame);
      reply({ ok: true });
    });

    socket.on('disconnect', (reason) => {
      // Its frames still waiting for their turn are dropped, never sent for a client that is gone.
      sendPath.dropOwner(client);
      clients.delete(client);
      stats.clients = clients.size;
      log(`client disconnected (${reason})`);
    });

    if (options.waitForClient) startSource().catch((e) => sink.error(`source failed to start: ${String(e)}`));
  });

  const heartbeat = setInterval(() => {
    admission.sweep();
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
    stats: () => {
      const send = sendPath.stats();
      return {
        ...stats,
        sendNotAllowed: send.refusedNotAllowed,
        sendQueueFull: send.refusedQueueFull,
        sendQueued: send.queued,
        sendDroppedForDisconnect: send.droppedForDisconnect,
        unauthenticated: handshake.unauthenticated(),
        timeClamped: timeline.stats.clamped,
      };
    },
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
        sendPath.close();
        await source.stop();
        for (const c of clients) flushClient(c);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await recorder?.close();
      })();
      return closing;
    },
  };
}

/** Packets engine.io holds for a socket because the wire is not taking them (it has no public accessor). */
function queuedPackets(socket: Socket): number {
  const buffer = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer;
  return Array.isArray(buffer) ? buffer.length : 0;
}
