// The host's connection to a CAN gateway: handshake, frame batches in, staleness watchdog, audited sends out.
import { io, type Socket } from 'socket.io-client';
import type { CanFrame } from '../../shared/can/frame';
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
import type { GatewayLink } from '../../shared/state/connectionSlice';
import { monotonicNow, type MonotonicClock } from '../host/clock';
import { AuditLog, type AuditLogOptions } from './gatewayAudit';
import { createReceiveAccounting, type GatewayClientDiagnostics, type GatewayClientState } from './receiveAccounting';
import { createReconnectPolicy } from './reconnectPolicy';

export type { GatewayClientDiagnostics, GatewayClientState } from './receiveAccounting';

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
  /** For silence, staleness and backoff: never the wall clock, which can step. */
  clock?: MonotonicClock;
  /** For the audit log's timestamps only. */
  wallClock?: () => number;
}

export interface GatewayClientEvents {
  state: (state: GatewayClientState, reason: string | null) => void;
  hello: (hello: GatewayHello) => void;
  /** Malformed batches, source errors and refused handshakes, as one-line messages. */
  problem: (message: string) => void;
  sourceEnd: (info: { frames: number }) => void;
  /**
   * The frames start again from somewhere else: a new connection (a restarted gateway) or the source
   * restarting (a replay's loop). Per-signal throttling and change detection must start afresh.
   */
  restarted: (reason: 'connection' | 'source') => void;
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
  const sendTimeoutMs = options.sendTimeoutMs ?? 2000;
  const clock = options.clock ?? monotonicNow;
  const wallClock = options.wallClock ?? Date.now;
  const audit = options.audit ? new AuditLog(options.audit) : null;

  const listeners: { [E in keyof GatewayClientEvents]: Set<GatewayClientEvents[E]> } = {
    state: new Set(),
    hello: new Set(),
    problem: new Set(),
    sourceEnd: new Set(),
    restarted: new Set(),
  };
  const emit = <E extends keyof GatewayClientEvents>(event: E, ...args: Parameters<GatewayClientEvents[E]>) => {
    for (const l of listeners[event]) (l as (...a: unknown[]) => void)(...args);
  };

  const accounting = createReceiveAccounting(options.url);
  const counters = accounting.counters;
  let since = clock();
  let lastMessageAt = 0;
  let subscription: number[] | null = null;
  let closed = false;
  let hello: GatewayHello | null = null;

  const setState = (state: GatewayClientState, reason: string | null = null) => {
    if (reason) counters.lastError = reason;
    if (counters.state === state) return;
    counters.state = state;
    since = clock();
    emit('state', state, reason);
  };
  const problem = (message: string) => {
    counters.lastError = message;
    emit('problem', message);
  };

  // socket.io's own reconnection is off: every way of losing the gateway goes through one policy.
  const socket: Socket = io(options.url, {
    transports: ['websocket'],
    autoConnect: false,
    forceNew: true,
    reconnection: false,
    timeout: 5000,
    auth: { token: options.token, protocol: options.protocol ?? GATEWAY_PROTOCOL, client: options.clientName ?? 'cabin-host' },
  });
  const policy = createReconnectPolicy({
    initialMs: options.reconnect?.initialMs ?? 250,
    maxMs: options.reconnect?.maxMs ?? 5000,
    clock,
    reconnect() {
      if (closed || counters.state === 'refused') return;
      counters.reconnects++;
      setState('connecting');
      socket.connect();
    },
  });
  const lose = (reason: string) => {
    hello = null;
    if (closed || counters.state === 'refused') return;
    setState('disconnected', reason);
    policy.schedule();
  };

  const heard = () => {
    lastMessageAt = clock();
    if (counters.state === 'stale') setState('connected');
  };

  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    counters.connectErrors++;
    // Refused by the gateway (token, protocol): retrying cannot help, so say why and stop. "offline"
    // means the gateway is up but not serving yet: that one is worth retrying.
    if (error.data?.code && error.data.code !== 'offline') {
      setState('refused', error.message);
      problem(error.message);
      return;
    }
    lose(error.data?.code ? error.message : `cannot reach gateway at ${options.url}: ${error.message}`);
  });
  socket.on('connect', () => {
    accounting.connectionStarted();
    heard();
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    lose(`gateway connection lost (${reason})`);
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
    counters.gateway = hello.gateway;
    counters.buses = busList(hello.buses);
    accounting.connectionStarted();
    if (subscription !== null) socket.emit(GatewayEvent.subscribe, { ids: subscription }, () => {});
    policy.succeeded();
    setState('connected');
    emit('restarted', 'connection');
    emit('hello', hello);
  });

  socket.on(GatewayEvent.buses, (payload: unknown) => {
    heard();
    const parsed = busesSchema.safeParse(payload);
    if (parsed.success) counters.buses = busList(parsed.data.buses);
    else problem('gateway sent an unreadable bus list');
  });

  socket.on(GatewayEvent.frames, (payload: unknown) => {
    heard();
    const r = accounting.batch(payload, lastMessageAt);
    if (!r.ok) return problem(r.problem);
    if (r.skippedProblem) problem(r.skippedProblem);
    if (r.frames.length === 0) return;
    options.onFrames?.(r.frames, { seq: r.seq, sentAt: r.sentAt });
  });

  socket.on(GatewayEvent.heartbeat, (payload: unknown) => {
    heard();
    const parsed = heartbeatSchema.safeParse(payload);
    accounting.heartbeat(parsed.success ? parsed.data.nextSeq : null, lastMessageAt);
  });

  socket.on(GatewayEvent.sourceError, (payload: unknown) => {
    heard();
    counters.sourceErrors++;
    const parsed = sourceErrorSchema.safeParse(payload);
    problem(`gateway source: ${parsed.success ? parsed.data.message : 'unreadable error'}`);
  });
  socket.on(GatewayEvent.sourceEnd, (payload: unknown) => {
    heard();
    const frames = typeof (payload as { frames?: unknown })?.frames === 'number' ? (payload as { frames: number }).frames : 0;
    emit('sourceEnd', { frames });
  });
  socket.on(GatewayEvent.sourceRestarted, () => {
    heard();
    counters.sourceRestarts++;
    emit('restarted', 'source');
  });

  // A gateway that stops talking without closing the socket (hung, cable pulled) is only noticed by silence.
  const watchdog = setInterval(
    () => {
      if (counters.state !== 'connected' && counters.state !== 'stale') return;
      const silent = Math.round(clock() - lastMessageAt);
      if (silent > forceReconnectMs) {
        socket.disconnect();
        lose(`gateway silent for ${silent} ms; reconnecting`);
      } else if (silent > staleMs && counters.state === 'connected') {
        setState('stale', `no heartbeat or frame from the gateway for ${silent} ms`);
      }
    },
    Math.max(20, Math.min(100, staleMs / 10)),
  );
  watchdog.unref();

  const auditSend = (frame: Omit<CanFrame, 't'>, feature: string, result: string) => {
    if (!audit) return;
    audit.write({
      time: wallClock(),
      feature,
      bus: frame.bus,
      id: frame.id,
      extended: frame.extended,
      flags: frame.flags,
      data: bytesToHex(frame.data),
      result,
    });
    counters.auditErrors = audit.errors;
  };

  const client: GatewayClient = {
    get state() {
      return counters.state;
    },
    connect() {
      closed = false;
      setState('connecting');
      socket.connect();
    },
    async close() {
      closed = true;
      clearInterval(watchdog);
      policy.cancel();
      socket.close();
      audit?.close();
      setState('closed');
    },
    // Callers are tests and benches; the default only decides when to call it a hang, on a machine that may be busy.
    waitFor(state, timeoutMs = 20_000) {
      if (counters.state === state) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`gateway client did not reach "${state}" within ${timeoutMs} ms (state ${counters.state}${counters.lastError ? `: ${counters.lastError}` : ''})`));
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
      if (!hello) ack = { ok: false, error: `gateway not connected (${counters.state})` };
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
      if (ack.ok) counters.sent++;
      else counters.sendErrors++;
      auditSend(frame, meta.feature, ack.ok ? 'ok' : ack.error);
      return ack;
    },
    noteUnknownId: (id) => accounting.unknownId(id),
    diagnostics: () => accounting.snapshot(),
    link() {
      switch (counters.state) {
        case 'connected':
          return { status: 'connected', url: options.url, since, gateway: hello ? `${hello.gateway.name} ${hello.gateway.version}` : '' };
        case 'connecting':
          return { status: 'connecting', url: options.url, attempt: policy.attempts };
        case 'closed':
          return { status: 'none' };
        default:
          return { status: 'lost', url: options.url, since, reason: counters.lastError ?? counters.state };
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
