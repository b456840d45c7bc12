// Gateway ↔ client on loopback: exact replay, handshake refusals, read-only tokens, audited and recorded sends, heartbeats, bad batches.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/server';
import type { FrameSink, FrameSource } from '../../gateway/source';
import { createReplaySource, loadCandumpLog, replayFrames } from '../../gateway/sources/replay';
import { createGatewayClient, type GatewayClient, type GatewayClientOptions } from '../../main/vehicle/gatewayClient';
import { formatCandumpLine } from '../../shared/can/candump';
import type { CanFrame } from '../../shared/can/frame';
import { encodeBatch } from '../../shared/gateway/batch';
import { GATEWAY_PROTOCOL, HEARTBEAT_MAX_INTERVAL_MS } from '../../shared/gateway/protocol';
import { corpusPath } from '../fixtures/corpus';
import { until } from '../fixtures/until';

const hyundaiLog = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
// Gateway tokens are at least 16 bytes.
const RIGHT = 'right-token-0123456789';
const RW = 'read-write-token-0123456789';
const RO = 'read-only-token-0123456789';
const tmp = mkdtempSync(join(tmpdir(), 'cabin-gateway-'));
const stops: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  while (stops.length) await stops.pop()!();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function gateway(options: Parameters<typeof startGateway>[0]): Promise<RunningGateway> {
  const g = await startGateway(options);
  stops.push(() => g.close());
  return g;
}

function client(options: Partial<GatewayClientOptions> & Pick<GatewayClientOptions, 'url' | 'token'>): GatewayClient {
  const c = createGatewayClient({ reconnect: { initialMs: 50, maxMs: 200 }, ...options });
  stops.push(() => c.close());
  c.connect();
  return c;
}

/** A source that never emits: only heartbeats flow. */
const silentSource = (buses = ['can0']): FrameSource => ({
  kind: 'silent',
  buses: () => buses,
  async start() {},
  async stop() {},
  async send() {},
});


describe.skipIf(!hyundaiLog)('gateway replaying the Hyundai drive log', () => {
  it('delivers exactly the frames of the log, in order', async () => {
    const source = await createReplaySource({ file: hyundaiLog!, speed: Infinity });
    const g = await gateway({ source, waitForClient: true });
    const received: string[] = [];
    const c = client({ url: g.url, token: g.token, onFrames: (frames) => frames.forEach((f) => received.push(formatCandumpLine(f))) });
    const ended = new Promise<void>((resolve) => c.on('sourceEnd', () => resolve()));
    await ended;
    const expected = readFileSync(hyundaiLog!, 'utf8').split('\n').filter((l) => l.trim());
    expect(received.length).toBe(expected.length);
    expect(received).toEqual(expected);
    const d = c.diagnostics();
    expect(d).toMatchObject({ frames: expected.length, dropped: 0, malformed: 0, state: 'connected', buses: ['can0'] });
    expect(d.bytes).toBeGreaterThan(expected.length * 15);
  });

  it('drops batches for a client that cannot keep up, and the client counts every dropped frame', async () => {
    const source = await createReplaySource({ file: hyundaiLog!, speed: Infinity, chunk: 50 });
    // A queue limit of 0 drops whenever the socket has anything unsent: the harshest slow client.
    const g = await gateway({ source, waitForClient: true, maxQueuedBatches: 0, maxBatchFrames: 20 });
    const c = client({ url: g.url, token: g.token });
    await until(() => c.diagnostics().frames + c.diagnostics().dropped === 6480, 'all frames delivered or counted as dropped');
    expect(c.diagnostics().dropped).toBe(g.stats().droppedForSlowClients);
  });

  it('filters by subscription on the gateway side', async () => {
    const log = await loadCandumpLog(hyundaiLog!);
    const g = await gateway({ source: replayFrames(log, { speed: 20, loop: true }) });
    let afterAck = false;
    const idsAfterAck = new Set<number>();
    const c = client({ url: g.url, token: g.token, onFrames: (fs) => afterAck && fs.forEach((f) => idsAfterAck.add(f.id)) });
    await c.waitFor('connected');
    const ack = await c.subscribe([0x220, 0x316]);
    afterAck = true;
    expect(ack).toEqual({ ok: true });
    await until(() => idsAfterAck.size >= 2, 'subscribed frames');
    expect([...idsAfterAck].sort()).toEqual([0x220, 0x316]);
  });
});

describe('gateway handshake', () => {
  it('refuses a missing token, a wrong token and a wrong protocol with a clear message', async () => {
    const g = await gateway({ source: silentSource(), token: RIGHT });

    const bare = ioClient(g.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    stops.push(() => bare.close());
    const bareError = await new Promise<Error & { data?: unknown }>((resolve) => bare.once('connect_error', resolve));
    expect(bareError.message).toBe('gateway refused the connection: no token in the handshake auth ({token, protocol})');
    expect(bareError.data).toEqual({ code: 'no-token' });

    const wrong = client({ url: g.url, token: 'wrong-token-0123456789' });
    await wrong.waitFor('refused');
    expect(wrong.diagnostics().lastError).toBe('gateway refused the connection: wrong token');

    const future = client({ url: g.url, token: RIGHT, protocol: GATEWAY_PROTOCOL + 1 });
    await future.waitFor('refused');
    expect(future.diagnostics().lastError).toBe(
      `gateway refused the connection: it speaks gateway protocol ${GATEWAY_PROTOCOL}, the client sent protocol ${GATEWAY_PROTOCOL + 1}; update the older side`,
    );
    expect(g.stats().refusedConnections).toBe(3);
    expect(g.stats().clients).toBe(0);
  });

  it('a client refuses a gateway that speaks another protocol', async () => {
    const http = createServer();
    const server = new Server(http, { transports: ['websocket'] });
    stops.push(() => new Promise((r) => server.close(r)));
    server.on('connection', (s) =>
      s.emit('hello', { protocol: 7, gateway: { name: 'other', version: '9' }, buses: [], source: 'x', readOnly: false, heartbeatMs: 200, maxBatchFrames: 10 }),
    );
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const c = client({ url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, token: 't' });
    await c.waitFor('refused');
    expect(c.diagnostics().lastError).toMatch(/speaks protocol 7; this app needs gateway protocol 1$/);
  });
});

describe('sending through the gateway', () => {
  const frame: Omit<CanFrame, 't'> = { bus: 'can0', id: 0x3a0, extended: false, flags: 0, data: new Uint8Array([1, 2, 0xab]) };

  it('acknowledges a send, and it lands in the audit log and in the --record file', async () => {
    const record = join(tmp, 'record.log');
    const auditDir = join(tmp, 'audit');
    const g = await gateway({ source: silentSource(), record, sendAllowlist: [{ id: 0x3a0, extended: false }] });
    const c = client({ url: g.url, token: g.token, audit: { dir: auditDir } });
    await c.waitFor('connected');
    expect(await c.send(frame, { feature: 'climate' })).toEqual({ ok: true });
    const bad = await c.send({ ...frame, id: 0x900 }, { feature: 'seats' });
    expect(bad).toEqual({ ok: false, error: 'send: id: an 11-bit id must be at most 0x7FF' });
    const unknownBus = await c.send({ ...frame, bus: 'can9' }, { feature: 'seats' });
    expect(unknownBus).toEqual({ ok: false, error: 'send: unknown bus "can9"; this gateway has can0' });

    const audit = readFileSync(join(auditDir, 'can-send-audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ feature: 'climate', bus: 'can0', id: 0x3a0, idHex: '3A0', data: '0102AB', result: 'ok' });
    expect(audit[1]).toMatchObject({ feature: 'seats', id: 0x900, result: 'send: id: an 11-bit id must be at most 0x7FF' });
    expect(c.diagnostics()).toMatchObject({ sent: 1, sendErrors: 2 });

    await g.close();
    const lines = readFileSync(record, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\(\d+\.\d{6}\) can0 3A0#0102AB T$/);
  });

  it('a read-only token receives but may not send', async () => {
    const g = await gateway({ source: silentSource(), token: RW, readOnlyToken: RO });
    const c = client({ url: g.url, token: RO, audit: { dir: join(tmp, 'audit-ro') } });
    await c.waitFor('connected');
    expect(await c.send(frame, { feature: 'climate' })).toEqual({ ok: false, error: 'connected with a read-only token: sending is not allowed' });

    // The gateway enforces it too, whatever the client does.
    const raw = ioClient(g.url, { transports: ['websocket'], forceNew: true, auth: { token: RO, protocol: GATEWAY_PROTOCOL } });
    stops.push(() => raw.close());
    await new Promise((r) => raw.once('hello', r));
    const ack = await raw.emitWithAck('send', { bus: 'can0', id: 1, extended: false, flags: 0, data: '00' });
    expect(ack).toEqual({ ok: false, error: 'send refused: this client connected with the read-only token' });
    expect(g.stats()).toMatchObject({ sent: 0, sendRefused: 1 });
  });

  it('answers malformed control messages with a located error and keeps the connection', async () => {
    const g = await gateway({ source: silentSource(), token: RW, allowAnyId: true });
    const raw = ioClient(g.url, { transports: ['websocket'], forceNew: true, auth: { token: RW, protocol: GATEWAY_PROTOCOL } });
    stops.push(() => raw.close());
    await new Promise((r) => raw.once('hello', r));
    expect(await raw.emitWithAck('subscribe', { ids: ['x'] })).toEqual({ ok: false, error: 'subscribe: ids.0: Invalid input: expected number, received string' });
    expect(await raw.emitWithAck('subscribe', 42)).toMatchObject({ ok: false });
    expect(await raw.emitWithAck('send', { bus: 'can0', id: 1, extended: false, flags: 0, data: 'XYZ' })).toEqual({
      ok: false,
      error: 'send: data: data must be hex bytes, at most 64',
    });
    expect(await raw.emitWithAck('send', { bus: 'can0', id: 1, extended: false, flags: 0, data: '00'.repeat(9) })).toEqual({
      ok: false,
      error: 'send: data: a classic CAN frame carries at most 8 bytes',
    });
    raw.emit('send', null); // no acknowledgement callback: ignored, not a crash
    expect(await raw.emitWithAck('send', { bus: 'can0', id: 1, extended: false, flags: 0, data: '00' })).toEqual({ ok: true });
    expect(raw.connected).toBe(true);
  });

  it('survives random control messages (fuzz), always answering with a well-formed acknowledgement', async () => {
    const g = await gateway({ source: silentSource(), token: RW, allowAnyId: true });
    const raw = ioClient(g.url, { transports: ['websocket'], forceNew: true, auth: { token: RW, protocol: GATEWAY_PROTOCOL } });
    stops.push(() => raw.close());
    await new Promise((r) => raw.once('hello', r));
    const nearlyValid = fc.record(
      { bus: fc.oneof(fc.constant('can0'), fc.string()), id: fc.oneof(fc.integer(), fc.double()), extended: fc.anything(), flags: fc.integer(), data: fc.oneof(fc.uint8Array({ maxLength: 70 }).map((b) => Buffer.from(b).toString('hex')), fc.string()) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('send', 'subscribe'), fc.oneof(fc.anything(), nearlyValid), async (event, payload) => {
        const ack = await raw.emitWithAck(event, payload);
        expect(ack === null || typeof ack !== 'object' ? ack : Object.keys(ack).sort()).toSatisfy(
          (k: unknown) => JSON.stringify(k) === '["ok"]' || JSON.stringify(k) === '["error","ok"]',
        );
      }),
      { numRuns: 300 },
    );
    expect(raw.connected).toBe(true);
    expect(g.stats().clients).toBe(1);
  });

  it('rotates the audit log within its size cap', async () => {
    const g = await gateway({ source: silentSource(), sendAllowlist: [{ id: 0x3a0, extended: false }] });
    const dir = join(tmp, 'audit-rotate');
    const c = client({ url: g.url, token: g.token, audit: { dir, maxBytes: 1024, maxFiles: 2 } });
    await c.waitFor('connected');
    for (let i = 0; i < 30; i++) await c.send({ ...frame, data: new Uint8Array([i]) }, { feature: `f${i}` });
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    expect(read('can-send-audit.jsonl').length).toBeLessThanOrEqual(1024);
    expect(read('can-send-audit.jsonl.1').length).toBeLessThanOrEqual(1024);
    expect(read('can-send-audit.jsonl')).toContain('"feature":"f29"');
    expect(() => read('can-send-audit.jsonl.3')).toThrow();
  });
});

describe('liveness', () => {
  it('heartbeats flow when no frames do, so a quiet gateway is not stale', async () => {
    const g = await gateway({ source: silentSource() });
    const c = client({ url: g.url, token: g.token, staleMs: 1000 });
    const states: string[] = [];
    c.on('state', (s) => states.push(s));
    await c.waitFor('connected');
    let hello = 0;
    c.on('hello', () => hello++);
    await until(() => c.diagnostics().heartbeats >= 6, '6 heartbeats');
    expect(states).not.toContain('stale');
    expect(c.diagnostics()).toMatchObject({ frames: 0, dropped: 0, state: 'connected' });
    expect(hello).toBe(0);
    expect(g.stats().clients).toBe(1);
    expect(HEARTBEAT_MAX_INTERVAL_MS).toBeLessThanOrEqual(250);
  });

  it('an open but silent gateway turns stale, then the client drops the socket and reconnects', async () => {
    const http = createServer();
    const server = new Server(http, { transports: ['websocket'] });
    stops.push(() => new Promise((r) => server.close(r)));
    let connections = 0;
    server.on('connection', (s) => {
      connections++;
      s.emit('hello', { protocol: 1, gateway: { name: 'mute', version: '0' }, buses: [], source: 'x', readOnly: false, heartbeatMs: 200, maxBatchFrames: 10 });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const c = client({ url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, token: 't', staleMs: 200, forceReconnectMs: 500 });
    const states: string[] = [];
    c.on('state', (s) => states.push(s));
    await c.waitFor('connected');
    await c.waitFor('stale');
    await c.waitFor('disconnected');
    await c.waitFor('connected');
    expect(connections).toBe(2);
    expect(states).toEqual(['connected', 'stale', 'disconnected', 'connecting', 'connected']);
    expect(c.diagnostics().reconnects).toBe(1);
  });

  it('a simulated outage (setOffline) disconnects the client, which comes back when the gateway is online again', async () => {
    const log = hyundaiLog ? await loadCandumpLog(hyundaiLog) : { frames: [{ t: 0, bus: 'can0', id: 1, extended: false, flags: 0, data: new Uint8Array() }], errors: [], buses: ['can0'] };
    const g = await gateway({ source: replayFrames(log, { speed: 50, loop: true }) });
    const c = client({ url: g.url, token: g.token });
    await c.waitFor('connected');
    g.setOffline(true);
    await c.waitFor('disconnected');
    await until(() => c.diagnostics().connectErrors >= 2, 'refused retries while offline');
    expect(c.diagnostics().lastError).toBe('gateway is offline; retry later');
    expect(c.state).not.toBe('refused');
    g.setOffline(false);
    await c.waitFor('connected');
    const before = c.diagnostics().frames;
    await until(() => c.diagnostics().frames > before, 'frames after the outage');
    g.injectRawBatch(new Uint8Array([1, 2, 3]));
    await until(() => c.diagnostics().malformed === 1, 'the garbage batch counted');
    expect(c.state).toBe('connected');
  });

  it('announces a bus the source discovers while running before frames use it', async () => {
    let sink: FrameSink | undefined;
    const source: FrameSource = { ...silentSource([]), start: async (s) => void (sink = s) };
    const g = await gateway({ source });
    const got: CanFrame[] = [];
    const c = client({ url: g.url, token: g.token, onFrames: (fs) => got.push(...fs) });
    await c.waitFor('connected');
    expect(c.diagnostics().buses).toEqual([]);
    sink!.frames([{ t: 1, bus: 'vcan7', id: 0x42, extended: false, flags: 0, data: new Uint8Array([7]) }]);
    await until(() => got.length === 1, 'the frame on the new bus');
    expect(got[0]).toMatchObject({ bus: 'vcan7', id: 0x42 });
    expect(c.diagnostics()).toMatchObject({ buses: ['vcan7'], malformed: 0 });
  });

  it('counts garbage batches and keeps going', async () => {
    const http = createServer();
    const server = new Server(http, { transports: ['websocket'] });
    stops.push(() => new Promise((r) => server.close(r)));
    const good = encodeBatch([{ t: 1, bus: 'can0', id: 5, extended: false, flags: 0, data: new Uint8Array([9]) }], () => 0, 0);
    server.on('connection', (s) => {
      s.emit('hello', { protocol: 1, gateway: { name: 'test', version: '0' }, buses: [{ index: 0, name: 'can0' }], source: 'x', readOnly: false, heartbeatMs: 200, maxBatchFrames: 10 });
      s.emit('frames', Buffer.from('definitely not a batch'));
      s.emit('frames', 'a string');
      s.emit('frames', good);
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const got: CanFrame[] = [];
    const problems: string[] = [];
    const c = client({ url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, token: 't', onFrames: (f) => got.push(...f) });
    c.on('problem', (p) => problems.push(p));
    await until(() => got.length === 1, 'the valid batch');
    expect(c.diagnostics()).toMatchObject({ malformed: 2, frames: 1, state: 'connected' });
    expect(problems[0]).toMatch(/^malformed frame batch from the gateway: byte 0: not a frame batch/);
    expect(problems[1]).toBe('malformed frame batch from the gateway: batch is not binary data');
  });
});
