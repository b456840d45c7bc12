// The hardened gateway on loopback: send allowlist, rate and queue limits, browser Origin, unauthenticated connections, bad-token slow-down, time that never goes back.
import { Manager, io as ioClient, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/server';
import type { FrameSink, FrameSource } from '../../gateway/source';
import { replayFrames } from '../../gateway/sources/replay';
import { createGatewayClient, type GatewayClient } from '../../main/vehicle/gatewayClient';
import type { CanFrame } from '../../shared/can/frame';
import { decodeBatch } from '../../shared/gateway/batch';
import { GATEWAY_PROTOCOL, type GatewayAck, type GatewayHello } from '../../shared/gateway/protocol';
import { until } from '../fixtures/until';

const TOKEN = 'guard-test-token-0123456789';
const stops: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function gateway(options: Partial<GatewayOptions> & Pick<GatewayOptions, 'source'>): Promise<RunningGateway> {
  const g = await startGateway({ token: TOKEN, ...options });
  stops.push(() => g.close());
  return g;
}

function client(url: string): GatewayClient {
  const c = createGatewayClient({ url, token: TOKEN, reconnect: { initialMs: 50, maxMs: 200 } });
  stops.push(() => c.close());
  c.connect();
  return c;
}

/** A raw socket.io client, so the test sees exactly what the gateway answers. */
function raw(url: string, options: { token?: string; origin?: string } = {}): Socket {
  const s = ioClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { token: options.token ?? TOKEN, protocol: GATEWAY_PROTOCOL },
    extraHeaders: options.origin ? { origin: options.origin } : undefined,
  });
  stops.push(() => s.close());
  return s;
}

const connected = (s: Socket) => new Promise<void>((resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject)));
const refused = (s: Socket) =>
  new Promise<Error & { data?: { code?: string } }>((resolve, reject) => (s.once('connect_error', resolve), s.once('connect', () => reject(new Error('connected')))));

/** A source that records what it is asked to send and can emit frames on demand. */
function recordingSource() {
  const written: CanFrame[] = [];
  let sink: FrameSink | undefined;
  const source: FrameSource = {
    kind: 'test',
    buses: () => ['can0'],
    async start(s) {
      sink = s;
    },
    async stop() {},
    async send(frame) {
      written.push(frame);
    },
  };
  return { source, written, sink: () => sink! };
}

const sendPayload = (id: number, data = '00') => ({ bus: 'can0', id, extended: false, flags: 0, data });

describe('gateway send allowlist and limits', () => {
  it('refuses a send outside the allowlist naming the id, and says what is allowed in the hello', async () => {
    const rec = recordingSource();
    const g = await gateway({ source: rec.source, sendAllowlist: [{ id: 0x3a0, extended: false }] });
    const c = client(g.url);
    let hello: GatewayHello | undefined;
    c.on('hello', (h) => (hello = h));
    await c.waitFor('connected');
    const frame = { bus: 'can0', id: 0x3a0, extended: false, flags: 0, data: new Uint8Array([1]) };
    expect(await c.send(frame, { feature: 'climate' })).toEqual({ ok: true });
    expect(await c.send({ ...frame, id: 0x3a1 }, { feature: 'seats' })).toEqual({ ok: false, error: "send refused: id 0x3A1 is not on this gateway's send allowlist" });
    expect(rec.written.map((f) => f.id)).toEqual([0x3a0]);
    expect(hello?.send).toEqual({ allow: [{ id: 0x3a0, extended: false }], ratePerBus: 100, queuePerBus: 32 });
    expect(g.stats()).toMatchObject({ sent: 1, sendRefused: 1, sendNotAllowed: 1 });
  });

  it('without an allowlist the gateway is read-only: every send is refused with a clear reason', async () => {
    const rec = recordingSource();
    const g = await gateway({ source: rec.source });
    const s = raw(g.url);
    const hello = new Promise<GatewayHello>((r) => s.once('hello', r));
    await connected(s);
    expect((await hello).send?.allow).toBe('none');
    expect(await s.emitWithAck('send', sendPayload(0x3a0))).toEqual({
      ok: false,
      error: 'send refused: id 0x3A0 not sent; this gateway is read-only (started without a send allowlist: --vehicle ID or --allow-ids)',
    });
    expect(rec.written).toEqual([]);
  });

  it('a flood fills the bounded queue and is refused at once; what was queued is dropped when its client leaves', async () => {
    const rec = recordingSource();
    const g = await gateway({ source: rec.source, allowAnyId: true, sendRatePerBus: 1, sendBurstPerBus: 1, sendQueuePerBus: 2 });
    const s = raw(g.url);
    await connected(s);
    const acks = Array.from({ length: 6 }, (_, i) => s.emitWithAck('send', sendPayload(0x100, `0${i}`)) as Promise<GatewayAck>);
    expect(await acks[0]).toEqual({ ok: true });
    for (const ack of acks.slice(3)) {
      expect(await ack).toEqual({ ok: false, error: 'send refused: the can0 send queue is full (2 frames waiting at 1 frames/s); id 0x100 not sent' });
    }
    expect(g.stats().sendQueued).toBe(2);
    s.disconnect();
    // The two queued sends never get an acknowledgement: their client is gone.
    for (const ack of acks.slice(1, 3)) await expect(ack).rejects.toThrow('socket has been disconnected');
    await until(() => g.stats().sendQueued === 0, 'the queue emptied');
    // Nothing is left that could go out later: the two queued frames were dropped, not sent.
    expect(g.stats()).toMatchObject({ sendDroppedForDisconnect: 2, sendQueueFull: 3, sent: 1 });
    expect(rec.written.map((f) => f.data[0])).toEqual([0]);
  });
});

describe('gateway handshake guard', () => {
  it('refuses a browser Origin unless it was allowed', async () => {
    const g = await gateway({ source: recordingSource().source, allowOrigins: ['http://localhost:5173'] });
    const evil = await refused(raw(g.url, { origin: 'https://evil.example' }));
    expect(evil.message).toBe(
      'gateway refused the connection: browser origin "https://evil.example" is not allowed (start the gateway with --allow-origin https://evil.example to allow it)',
    );
    expect(evil.data).toEqual({ code: 'origin' });
    // Even with the right token: a web page must not read the bus unless the operator said so.
    await connected(raw(g.url, { origin: 'http://localhost:5173' }));
    await connected(raw(g.url));
    expect(g.stats().clients).toBe(2);
  });

  it('closes a connection that never authenticates within 2 s', async () => {
    const g = await gateway({ source: recordingSource().source });
    // A Manager opens the transport without joining a namespace: an idle, unauthenticated connection.
    const m = new Manager(g.url, { transports: ['websocket'], reconnection: false, autoConnect: false });
    stops.push(() => m.engine?.close());
    const closed = new Promise<number>((resolve) => m.once('close', () => resolve(performance.now())));
    const opened = await new Promise<number>((resolve, reject) => m.open((error) => (error ? reject(error) : resolve(performance.now()))));
    expect(g.stats().unauthenticated).toBe(1);
    const heldMs = (await closed) - opened;
    // Closed by the 2 s handshake timeout: not before it, and far sooner than socket.io's own 45 s (slack for a loaded machine).
    expect(heldMs).toBeGreaterThanOrEqual(1900);
    expect(heldMs).toBeLessThan(4000);
    await until(() => g.stats().unauthenticated === 0, 'the gateway forgot it');
  });

  it('holds at most 32 unauthenticated connections; the next is closed at once and counted', async () => {
    const lines: string[] = [];
    const g = await gateway({ source: recordingSource().source, handshakeTimeoutMs: 30_000, log: (l) => lines.push(l) });
    const open = (m: Manager) => new Promise<void>((resolve, reject) => m.open((error) => (error ? reject(error) : resolve())));
    const managers = Array.from({ length: 33 }, () => new Manager(g.url, { transports: ['websocket'], reconnection: false, autoConnect: false }));
    for (const m of managers) stops.push(() => m.engine?.close());
    await Promise.all(managers.slice(0, 32).map(open));
    await until(() => g.stats().unauthenticated === 32, '32 waiting');
    const extra = managers[32];
    const closed = new Promise<void>((resolve) => extra.once('close', () => resolve()));
    await open(extra);
    await closed;
    expect(g.stats()).toMatchObject({ unauthenticated: 32, unauthenticatedOverCap: 1 });
    expect(lines).toContain('refused 127.0.0.1: closed: 32 connections are already waiting to authenticate');
    // Once they go, a real client gets in.
    for (const m of managers) m.engine?.close();
    await until(() => g.stats().unauthenticated === 0, 'the waiting ones gone');
    await connected(raw(g.url));
  });

  it('answers repeated bad tokens from one address more and more slowly, logs them once per minute with a count, and lets the right token in at once', async () => {
    let skew = 0;
    const lines: string[] = [];
    const g = await gateway({ source: recordingSource().source, now: () => performance.now() + skew, log: (l) => lines.push(l) });
    const waited: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const error = await refused(raw(g.url, { token: `wrong-token-number-${i}` }));
      waited.push(performance.now() - started);
      expect(error.data).toEqual({ code: 'bad-token' });
    }
    // 0, 125, 250, 500, 1000 ms before the answer (lower bounds: timers never fire early).
    expect(waited[1]).toBeGreaterThanOrEqual(120);
    expect(waited[2]).toBeGreaterThanOrEqual(245);
    expect(waited[3]).toBeGreaterThanOrEqual(495);
    expect(waited[4]).toBeGreaterThanOrEqual(995);
    expect(g.stats()).toMatchObject({ refusedConnections: 5, delayedRefusals: 4 });
    await connected(raw(g.url));

    expect(lines.filter((l) => l.startsWith('refused'))).toEqual(['refused 127.0.0.1: gateway refused the connection: wrong token']);
    skew += 60_000; // a minute passes on the gateway's monotonic clock
    await until(() => lines.some((l) => l.startsWith('refused 127.0.0.1 4 more')), 'the summary line');
    const refusals = lines.filter((l) => l.startsWith('refused'));
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toBe('refused 127.0.0.1: gateway refused the connection: wrong token');
    // About 60 s of injected time plus the few real seconds the attempts took.
    expect(refusals[1]).toMatch(/^refused 127\.0\.0\.1 4 more times in the last 6\d s \(4× bad-token\)$/);
  });
});

describe('gateway time', () => {
  /** Decodes every batch and event of a raw client in arrival order. */
  function listen(s: Socket, buses: string[]) {
    const times: number[] = [];
    const restarts: { reason: string; count: number; seq: number; framesBefore: number }[] = [];
    s.on('frames', (bytes: ArrayBuffer | Uint8Array) => {
      const batch = decodeBatch(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), buses);
      if (!batch.ok) throw new Error(batch.error);
      for (const f of batch.frames) times.push(f.t);
    });
    s.on('source-restarted', (e: { reason: string; count: number; seq: number }) => restarts.push({ ...e, framesBefore: times.length }));
    return { times, restarts };
  }

  it('a looping replay keeps frame times rising and announces each loop at the right place in the stream', async () => {
    const frames: CanFrame[] = [0, 0.02, 0.04, 0.06].map((t, i) => ({ t: 1_718_000_000 + t, bus: 'can0', id: 0x100 + i, extended: false, flags: 0, data: new Uint8Array([i]) }));
    const g = await gateway({ source: replayFrames({ frames, errors: [], buses: ['can0'] }, { loop: true, speed: 2 }), waitForClient: true });
    const s = raw(g.url);
    const seen = listen(s, ['can0']);
    await until(() => seen.restarts.length >= 3, 'three loops', 10_000);
    await until(() => seen.times.length >= 16, 'frames of the fourth pass');
    for (let i = 1; i < seen.times.length; i++) expect(seen.times[i]).toBeGreaterThanOrEqual(seen.times[i - 1]);
    expect(seen.restarts.slice(0, 3).map(({ reason, count, seq, framesBefore }) => ({ reason, count, seq, framesBefore }))).toEqual([
      { reason: 'loop', count: 1, seq: 4, framesBefore: 4 },
      { reason: 'loop', count: 2, seq: 8, framesBefore: 8 },
      { reason: 'loop', count: 3, seq: 12, framesBefore: 12 },
    ]);
    // The second pass continues the first one's clock: one mean gap after its last frame.
    expect(seen.times[4] - seen.times[3]).toBeCloseTo(0.02, 6);
    expect(g.stats().sourceRestarts).toBeGreaterThanOrEqual(3);
  });

  it('a source whose clock starts again is shifted so time continues, and clients are told', async () => {
    const rec = recordingSource();
    const g = await gateway({ source: rec.source });
    const s = raw(g.url);
    const seen = listen(s, ['can0']);
    await connected(s);
    const f = (t: number): CanFrame => ({ t, bus: 'can0', id: 1, extended: false, flags: 0, data: new Uint8Array() });
    rec.sink().frames([f(500), f(500.5), f(0), f(0.25), f(500.2)]);
    await until(() => seen.times.length === 5, 'five frames');
    expect(seen.times.slice(0, 4)).toEqual([500, 500.5, 500.5, 500.75]);
    expect(seen.times[4]).toBeCloseTo(1000.7, 6);
    expect(seen.restarts.map((r) => [r.reason, r.seq, r.framesBefore])).toEqual([['clock-step', 2, 2]]);
  });
});
