// The host's connection to a CAN gateway (protocol 1): handshake, decoded frame batches, reconnect, staleness watchdog, diagnostics, audited sends.
import { io, type Socket } from 'socket.io-client';
import type { CanFrame } from '../../shared/can/frame';
import { decodeBatch } from '../../shared/gateway/batch';
import {
  GATEWAY_PROTOCOL,
  GatewayEvent,
  STALE_AFTER_MS,
  ackSchema,
  busesSchema,
  bytesToHex,
  heartbeatSchema,
  helloSchema,
  sourceErrorSchema,
  type GatewayAck,
  type GatewayHello,
} from '../../shared/gateway/protocol';
import type { GatewayDiagnostics, GatewayLink } from '../../shared/state/connectionSlice';
import { AuditLog, type AuditLogOptions } from './gatewayAudit';

export type GatewayClientState = 'connecting' | 'connected' | 'stale' | 'disconnected' | 'refused' | 'closed';

export interface GatewayClientOptions {
  url: string;
  token: string;
  /** Receives every decoded batch, in order. The array and the data views belong to the callee once delivered. */
  onFrames?: (frames: CanFrame[], batch: { seq: number; sentAt: number }) => void;
  /** Where the send audit log goes; without it sends are not audited (tests of receive only). */
  audit?: AuditLogOptions;
  /** Silence after which the gateway counts as stale (default 1000 ms). */
  staleMs?: number;
  /** Stale this long → drop the connection and reconnect (default 3 × staleMs). */
  forceReconnectMs?: number;
  /** Reconnect backoff: first delay and cap, ms (defaults 250 and 5000). */
  reconnect?: { initialMs?: number; maxMs?: number };
  sendTimeoutMs?: number;
  clientName?: string;
  /** Protocol version announced in the handshake; only tests change it. */
  protocol?: number;
}

export interface GatewayClientDiagnostics extends GatewayDiagnostics {
  state: GatewayClientState;
  url: string;
  gateway: GatewayHello['gateway'] | null;
  buses: string[];
  batches: number;
  /** Frames skipped inside otherwise valid batches. */
  skippedFrames: number;
  heartbeats: number;
  lastHeartbeatAt: number | null;
  lastFrameAt: number | null;
  sent: number;
  sendErrors: number;
  sourceErrors: number;
  /** Distinct ids the decoder reported as unknown (first 256). */
  unknownIdList: number[];
  connectErrors: number;
  lastError: string | null;
  auditErrors: number;
}

export interface GatewayClientEvents {
  state: (state: GatewayClientState, reason: string | null) => void;
  hello: (hello: GatewayHello) => void;
  /** Malformed batches, source errors and refused handshakes, as one-line messages. */
  problem: (message: string) => void;
  sourceEnd: (info: { frames: number }) => void;
}

export interface GatewayClient {
  readonly state: GatewayClientState;
  connect(): void;
  close(): Promise<void>;
  /** Resolves when the client reaches `state` (immediately if it is there); rejects after timeoutMs. */
  waitFor(state: GatewayClientState, timeoutMs?: number): Promise<void>;
  on<E extends keyof GatewayClientEvents>(event: E, listener: GatewayClientEvents[E]): () => void;
  /** Only these ids are forwarded (null = all); kept and re-applied after every reconnect. */
  subscribe(ids: number[] | null): Promise<GatewayAck>;
  /** Sends one frame; every attempt, with its outcome, goes to the audit log. */
  send(frame: Omit<CanFrame, 't'>, meta: { feature: string }): Promise<GatewayAck>;
  /** Hook for the decoder: an id with no DBC message. */
  noteUnknownId(id: number): void;
  diagnostics(): GatewayClientDiagnostics;
  /** The link as the connection slice shows it. */
  link(): GatewayLink;
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const staleMs = options.staleMs ?? STALE_AFTER_MS;
  const forceReconnectMs = options.forceReconnectMs ?? staleMs * 3;
  const initialMs = options.reconnect?.initialMs ?? 250;
  const maxMs = options.reconnect?.maxMs ?? 5000;
  const sendTimeoutMs = options.sendTimeoutMs ?? 2000;
  const audit = options.audit ? new AuditLog(options.audit) : null;

  const listeners: { [E in keyof GatewayClientEvents]: Set<GatewayClientEvents[E]> } = {
    state: new Set(),
    hello: new Set(),
    problem: new Set(),
    sourceEnd: new Set(),
  };
  const emit = <E extends keyof GatewayClientEvents>(event: E, ...args: Parameters<GatewayClientEvents[E]>) => {
    for (const l of listeners[event]) (l as (...a: unknown[]) => void)(...args);
  };

  const d: GatewayClientDiagnostics = {
    state: 'connecting',
    url: options.url,
    gateway: null,
    buses: [],
    frames: 0,
    bytes: 0,
    dropped: 0,
    malformed: 0,
    unknownIds: 0,
    reconnects: 0,
    batches: 0,
    skippedFrames: 0,
    heartbeats: 0,
    lastHeartbeatAt: null,
    lastFrameAt: null,
    sent: 0,
    sendErrors: 0,
    sourceErrors: 0,
    unknownIdList: [],
    connectErrors: 0,
    lastError: null,
    auditErrors: 0,
  };
  let since = Date.now();
  let attempt = 0;
  let lastMessageAt = 0;
  let expectedSeq = 0;
  let subscription: number[] | null = null;
  let closed = false;
  let hello: GatewayHello | null = null;

  const setState = (state: GatewayClientState, reason: string | null = null) => {
    if (reason) d.lastError = reason;
    if (d.state === state) return;
    d.state = state;
    since = Date.now();
    emit('state', state, reason);
  };
  const problem = (message: string) => {
    d.lastError = message;
    emit('problem', message);
  };

  const socket: Socket = io(options.url, {
    transports: ['websocket'],
    autoConnect: false,
    forceNew: true,
    reconnection: true,
    reconnectionDelay: initialMs,
    reconnectionDelayMax: maxMs,
    randomizationFactor: 0.3,
    timeout: 5000,
    auth: { token: options.token, protocol: options.protocol ?? GATEWAY_PROTOCOL, client: options.clientName ?? 'cabin-host' },
  });

  const heard = () => {
    lastMessageAt = Date.now();
    if (d.state === 'stale') setState('connected');
  };

  let retryTimer: NodeJS.Timeout | undefined;
  let offlineRetries = 0;
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    d.connectErrors++;
    if (error.data?.code === 'offline') {
      // The gateway is up but not serving; socket.io does not retry a refused handshake, so back off and retry here.
      setState('disconnected', error.message);
      const delay = Math.min(maxMs, initialMs * 2 ** offlineRetries++) * (0.7 + Math.random() * 0.6);
      retryTimer = setTimeout(() => {
        if (closed) return;
        d.reconnects++;
        setState('connecting');
        socket.connect();
      }, delay);
      return;
    }
    if (error.data?.code) {
      // Refused by the gateway (token, protocol): retrying cannot help, so say why and stop.
      setState('refused', error.message);
      problem(error.message);
      return;
    }
    setState('disconnected', `cannot reach gateway at ${options.url}: ${error.message}`);
  });
  socket.io.on('reconnect_attempt', (n) => {
    attempt = n;
    if (d.state !== 'refused') setState('connecting');
  });
  socket.io.on('reconnect', () => {
    d.reconnects++;
  });
  socket.on('connect', () => {
    expectedSeq = 0;
    heard();
  });
  socket.on('disconnect', (reason) => {
    hello = null;
    if (closed || d.state === 'refused') return;
    setState('disconnected', `gateway connection lost (${reason})`);
    // The gateway itself hung up: socket.io leaves reconnecting to us.
    if (reason === 'io server disconnect') setTimeout(() => !closed && socket.connect(), initialMs);
  });

  socket.on(GatewayEvent.hello, (payload: unknown) => {
    heard();
    const parsed = helloSchema.safeParse(payload);
    if (!parsed.success || parsed.data.protocol !== GATEWAY_PROTOCOL) {
      const got = parsed.success ? `protocol ${parsed.data.protocol}` : 'a hello this client cannot read';
      const message = `gateway at ${options.url} speaks ${got}; this app needs gateway protocol ${GATEWAY_PROTOCOL}`;
      setState('refused', message);
      problem(message);
      socket.disconnect();
      return;
    }
    hello = parsed.data;
    d.gateway = hello.gateway;
    d.buses = busList(hello.buses);
    expectedSeq = 0;
    if (subscription !== null) socket.emit(GatewayEvent.subscribe, { ids: subscription }, () => {});
    attempt = 0;
    offlineRetries = 0;
    setState('connected');
    emit('hello', hello);
  });

  socket.on(GatewayEvent.buses, (payload: unknown) => {
    heard();
    const parsed = busesSchema.safeParse(payload);
    if (parsed.success) d.buses = busList(parsed.data.buses);
    else problem('gateway sent an unreadable bus list');
  });

  socket.on(GatewayEvent.frames, (payload: unknown) => {
    heard();
    const size = payload instanceof Uint8Array ? payload.length : payload instanceof ArrayBuffer ? payload.byteLength : 0;
    d.bytes += size;
    const r = decodeBatch(payload as Uint8Array, d.buses);
    if (!r.ok) {
      d.malformed++;
      problem(`malformed frame batch from the gateway: ${r.error}`);
      return;
    }
    d.batches++;
    if (r.seq !== expectedSeq) {
      const gap = (r.seq - expectedSeq) >>> 0;
      if (gap < 0x80000000) d.dropped += gap;
    }
    expectedSeq = (r.seq + r.count) >>> 0;
    if (r.skipped.length) {
      d.skippedFrames += r.skipped.length;
      d.malformed += r.skipped.length;
      problem(`gateway batch ${r.seq}: ${r.skipped[0]}${r.skipped.length > 1 ? ` (+${r.skipped.length - 1} more)` : ''}`);
    }
    if (r.frames.length === 0) return;
    d.frames += r.frames.length;
    d.lastFrameAt = Date.now();
    options.onFrames?.(r.frames, { seq: r.seq, sentAt: r.sentAt });
  });

  socket.on(GatewayEvent.heartbeat, (payload: unknown) => {
    heard();
    d.heartbeats++;
    d.lastHeartbeatAt = lastMessageAt;
    const parsed = heartbeatSchema.safeParse(payload);
    if (!parsed.success) return;
    const gap = (parsed.data.nextSeq - expectedSeq) >>> 0;
    if (gap > 0 && gap < 0x80000000) {
      d.dropped += gap;
      expectedSeq = parsed.data.nextSeq;
    }
  });

  socket.on(GatewayEvent.sourceError, (payload: unknown) => {
    heard();
    d.sourceErrors++;
    const parsed = sourceErrorSchema.safeParse(payload);
    problem(`gateway source: ${parsed.success ? parsed.data.message : 'unreadable error'}`);
  });
  socket.on(GatewayEvent.sourceEnd, (payload: unknown) => {
    heard();
    const frames = typeof (payload as { frames?: unknown })?.frames === 'number' ? (payload as { frames: number }).frames : 0;
    emit('sourceEnd', { frames });
  });

  // A gateway that stops talking without closing the socket (hung, cable pulled) is only noticed by silence.
  const watchdog = setInterval(
    () => {
      if (d.state !== 'connected' && d.state !== 'stale') return;
      const silent = Date.now() - lastMessageAt;
      if (silent > forceReconnectMs) {
        setState('disconnected', `gateway silent for ${silent} ms; reconnecting`);
        socket.disconnect();
        d.reconnects++;
        socket.connect();
      } else if (silent > staleMs && d.state === 'connected') {
        setState('stale', `no heartbeat or frame from the gateway for ${silent} ms`);
      }
    },
    Math.max(20, Math.min(100, staleMs / 10)),
  );
  watchdog.unref();

  const auditSend = (frame: Omit<CanFrame, 't'>, feature: string, result: string) => {
    if (!audit) return;
    audit.write({
      time: Date.now(),
      feature,
      bus: frame.bus,
      id: frame.id,
      extended: frame.extended,
      flags: frame.flags,
      data: bytesToHex(frame.data),
      result,
    });
    d.auditErrors = audit.errors;
  };

  const client: GatewayClient = {
    get state() {
      return d.state;
    },
    connect() {
      closed = false;
      setState('connecting');
      socket.connect();
    },
    async close() {
      closed = true;
      clearInterval(watchdog);
      clearTimeout(retryTimer);
      socket.close();
      audit?.close();
      setState('closed');
    },
    waitFor(state, timeoutMs = 5000) {
      if (d.state === state) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`gateway client did not reach "${state}" within ${timeoutMs} ms (state ${d.state}${d.lastError ? `: ${d.lastError}` : ''})`));
        }, timeoutMs);
        const off = client.on('state', (s) => {
          if (s !== state) return;
          clearTimeout(timer);
          off();
          resolve();
        });
      });
    },
    on(event, listener) {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
    async subscribe(ids) {
      subscription = ids === null ? null : [...ids];
      if (!hello) return { ok: false, error: 'not connected; the subscription is applied when the gateway connects' };
      return request(GatewayEvent.subscribe, { ids: subscription });
    },
    async send(frame, meta) {
      let ack: GatewayAck;
      if (!hello) ack = { ok: false, error: `gateway not connected (${d.state})` };
      else if (hello.readOnly) ack = { ok: false, error: 'connected with a read-only token: sending is not allowed' };
      else {
        ack = await request(GatewayEvent.send, {
          bus: frame.bus,
          id: frame.id,
          extended: frame.extended,
          flags: frame.flags,
          data: bytesToHex(frame.data),
          feature: meta.feature,
        });
      }
      if (ack.ok) d.sent++;
      else d.sendErrors++;
      auditSend(frame, meta.feature, ack.ok ? 'ok' : ack.error);
      return ack;
    },
    noteUnknownId(id) {
      d.unknownIds++;
      if (d.unknownIdList.length < 256 && !d.unknownIdList.includes(id)) d.unknownIdList.push(id);
    },
    diagnostics() {
      return { ...d, buses: [...d.buses], unknownIdList: [...d.unknownIdList] };
    },
    link() {
      switch (d.state) {
        case 'connected':
          return { status: 'connected', url: options.url, since, gateway: hello ? `${hello.gateway.name} ${hello.gateway.version}` : '' };
        case 'connecting':
          return { status: 'connecting', url: options.url, attempt };
        case 'closed':
          return { status: 'none' };
        default:
          return { status: 'lost', url: options.url, since, reason: d.lastError ?? d.state };
      }
    },
  };

  async function request(event: string, payload: unknown): Promise<GatewayAck> {
    try {
      const reply: unknown = await socket.timeout(sendTimeoutMs).emitWithAck(event, payload);
      const parsed = ackSchema.safeParse(reply);
      return parsed.success ? parsed.data : { ok: false, error: `gateway sent an unreadable ${event} acknowledgement` };
    } catch {
      return { ok: false, error: `no ${event} acknowledgement from the gateway within ${sendTimeoutMs} ms` };
    }
  }

  return client;
}

function busList(buses: { index: number; name: string }[]): string[] {
  const out: string[] = [];
  for (const b of buses) out[b.index] = b.name;
  return out;
}
