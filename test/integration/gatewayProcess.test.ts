// `cabin gateway` as a real process: hung → stale, killed → disconnected, both recover; token sources and start-up refusals; one SocketCAN writer; a looping replay's time.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createGatewayClient, type GatewayClient } from '../../main/vehicle/gatewayClient';
import { decodeBatch } from '../../shared/gateway/batch';
import { GATEWAY_PROTOCOL, type GatewayAck } from '../../shared/gateway/protocol';
import { main } from '../../main/cli/main';
import { parseCandumpLine } from '../../shared/can/candump';
import { corpusPath, projectRoot } from '../fixtures/corpus';
import { until } from '../fixtures/until';

const log = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
const tmp = mkdtempSync(join(tmpdir(), 'cabin-gateway-proc-'));
const SECRET = 'secret-token-0123456789';
const tokenFile = join(tmp, 'token');
writeFileSync(tokenFile, `${SECRET}\n`, { mode: 0o600 });
const children = new Set<ChildProcess>();
const clients: GatewayClient[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const c of clients.splice(0)) await c.close();
  for (const child of children) await stop(child, 'SIGKILL');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void children.delete(child);
  if (signal === 'SIGKILL') child.kill('SIGCONT');
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
  children.delete(child);
}

/** Starts `cabin gateway` and resolves with its URL once it has said everything it says at start-up. */
function spawnGateway(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'cabin.mjs'), 'gateway', ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CABIN_GATEWAY_TOKEN: '', CABIN_GATEWAY_READ_ONLY_TOKEN: '', ...env },
  });
  children.add(child);
  return child;
}

/** Runs `cabin gateway` to its exit: for start-up refusals. */
async function cabinGatewayExit(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const child = spawnGateway(args, env);
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (stderr += s));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  children.delete(child);
  return { code, stderr };
}

/** A raw socket.io client connected to the gateway (resolves once the handshake passed). */
async function rawClient(url: string, token: string): Promise<Socket> {
  const s = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token, protocol: GATEWAY_PROTOCOL } });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject)));
  return s;
}

async function cabinGateway(args: string[], env?: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawnGateway(args, env);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      stderr += s;
      // "sends: …" is the last start-up line: the token lines and warnings are out by then.
      const m = /listening on (ws:\/\/\S+)/.exec(stderr);
      if (m && /gateway: sends: .*\n/.test(stderr)) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`cabin gateway exited with ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}


describe.skipIf(!log)('cabin gateway process', () => {
  it('stale within ~1 s when hung, disconnected when killed, recovers on restart', async () => {
    const first = await cabinGateway(['--source', 'replay', log!, '--loop', '--speed', '5', '--token', SECRET]);
    const port = new URL(first.url).port;
    const c = createGatewayClient({ url: first.url, token: SECRET, staleMs: 1000, forceReconnectMs: 60_000, reconnect: { initialMs: 50, maxMs: 250 } });
    clients.push(c);
    c.connect();
    await c.waitFor('connected', 10_000);
    await until(() => c.diagnostics().frames > 0, 'frames from the first gateway', 10_000);

    // Hung gateway: the socket stays open, only silence tells.
    first.child.kill('SIGSTOP');
    await c.waitFor('stale', 3000);
    expect(c.diagnostics().lastError).toMatch(/^no heartbeat or frame from the gateway for \d+ ms$/);
    first.child.kill('SIGCONT');
    await c.waitFor('connected', 3000);

    // Killed gateway: disconnected at once, then back when a gateway listens on the same port again.
    await stop(first.child, 'SIGKILL');
    await c.waitFor('disconnected', 2000);
    expect(c.link()).toMatchObject({ status: 'lost' });
    const framesBefore = c.diagnostics().frames;
    const second = await cabinGateway(['--source', 'replay', log!, '--loop', '--speed', '5', '--token', SECRET, '--port', port]);
    expect(second.url).toBe(first.url);
    await c.waitFor('connected', 5000);
    expect(c.diagnostics().reconnects).toBeGreaterThanOrEqual(1);
    await until(() => c.diagnostics().frames > framesBefore, 'frames after the restart', 10_000);
    expect(c.diagnostics()).toMatchObject({ dropped: 0, malformed: 0 });
  }, 30_000);

  it('records what passes through and stops cleanly on SIGINT', async () => {
    const record = join(tmp, 'rec.log');
    const g = await cabinGateway(['--source', 'replay', log!, '--speed', 'max', '--token-file', tokenFile, '--record', record, '--port', '0']);
    await until(() => g.stderr().includes('source ended after 6480 frames'), 'the end of the log', 10_000);
    expect(g.stderr()).toContain(`token: from --token-file ${tokenFile}`);
    expect(g.stderr()).not.toContain('warning');
    await stop(g.child, 'SIGINT');
    expect(g.child.exitCode).toBe(0);
    expect(g.stderr()).toMatch(/stopped: 6480 frames in/);
    const lines = readFileSync(record, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6480);
    expect(lines.every((l) => parseCandumpLine(l)?.ok)).toBe(true);
  });

  it('fails with one line for bad arguments', async () => {
    const run = async (args: string[]) => {
      let stderr = '';
      const sink = new Writable({ write: (chunk, _enc, done) => ((stderr += String(chunk)), done()) });
      const code = await main(['gateway', ...args], { stdout: sink, stderr: sink, stdin: process.stdin, cwd: tmp });
      return { code, stderr };
    };
    expect(await run(['--source', 'replay', 'missing.log'])).toEqual({
      code: 1,
      stderr: `cabin: cannot read candump log ${join(tmp, 'missing.log')}: no such file\n`,
    });
    expect(await run(['--source', 'carrier-pigeon'])).toEqual({ code: 2, stderr: 'cabin: unknown source "carrier-pigeon"; known: replay, socketcan, sim\n' });
    expect(await run(['--source', 'replay', log!, '--speed', 'fast'])).toEqual({
      code: 2,
      stderr: 'cabin: --speed must be a positive number or "max", got "fast"\n',
    });
    expect(await run(['--source', 'replay', log!, '--port', '99999'])).toEqual({
      code: 2,
      stderr: 'cabin: --port must be a whole number from 0 to 65535, got "99999"\n',
    });
    expect(await run(['--source', 'replay'])).toEqual({ code: 1, stderr: 'cabin: --source replay needs a candump log file: --source replay FILE\n' });
  });
});

describe('cabin gateway tokens', () => {
  const replayLog = join(tmp, 'tiny.log');
  writeFileSync(replayLog, '(1.000000) can0 100#01\n(1.010000) can0 101#02\n');

  it('refuses a token shorter than 16 bytes at start-up, with exit code 2 and one line', async () => {
    const shortFile = join(tmp, 'short-token');
    writeFileSync(shortFile, 'abc123\n', { mode: 0o600 });
    expect(await cabinGatewayExit(['--source', 'replay', replayLog, '--token-file', shortFile])).toEqual({
      code: 2,
      stderr: `cabin: the token from --token-file ${shortFile} is 6 bytes; gateway tokens must be at least 16 bytes (make one with: head -c 24 /dev/urandom | base64)\n`,
    });
    expect(await cabinGatewayExit(['--source', 'replay', replayLog], { CABIN_GATEWAY_TOKEN: 'too-short' })).toEqual({
      code: 2,
      stderr: 'cabin: the token from $CABIN_GATEWAY_TOKEN is 9 bytes; gateway tokens must be at least 16 bytes (make one with: head -c 24 /dev/urandom | base64)\n',
    });
    const ro = await cabinGatewayExit(['--source', 'replay', replayLog, '--token-file', tokenFile, '--read-only-token', 'ro']);
    expect(ro.code).toBe(2);
    expect(ro.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cabin: the token given by --read-only-token is 2 bytes; gateway tokens must be at least 16 bytes/)]);
  }, 60_000);

  it('still accepts a token given only in argv, with a warning that it shows in ps', async () => {
    const g = await cabinGateway(['--source', 'replay', replayLog, '--loop', '--token', SECRET]);
    expect(g.stderr()).toContain('gateway: token: as given by --token\n');
    expect(g.stderr()).toContain('gateway: warning: --token shows in ps and shell history; put the token in a file (--token-file FILE) or in $CABIN_GATEWAY_TOKEN\n');
    await rawClient(g.url, SECRET);
  }, 60_000);

  it('takes the token and the read-only token from the environment, quietly', async () => {
    const readOnly = 'read-only-token-0123456789';
    const g = await cabinGateway(['--source', 'replay', replayLog, '--loop'], { CABIN_GATEWAY_TOKEN: SECRET, CABIN_GATEWAY_READ_ONLY_TOKEN: readOnly });
    expect(g.stderr()).toContain('token: from $CABIN_GATEWAY_TOKEN');
    expect(g.stderr()).toContain('read-only token: from $CABIN_GATEWAY_READ_ONLY_TOKEN');
    expect(g.stderr()).not.toContain('warning');
    const s = await rawClient(g.url, readOnly);
    expect(await s.emitWithAck('send', { bus: 'can0', id: 0x100, extended: false, flags: 0, data: '00' })).toEqual({
      ok: false,
      error: 'send refused: this client connected with the read-only token',
    });
  }, 60_000);
});

describe('cabin gateway --source socketcan', () => {
  it('puts 400 sends through one long-lived writer process, and refuses ids off the allowlist', async () => {
    // Stand-ins for can-utils on PATH (no CAN interface exists here): candump prints one frame and
    // waits; canplayer notes each start, then copies the lines it is fed to a file.
    const bin = join(tmp, 'fake-can-utils');
    mkdirSync(bin, { recursive: true });
    const played = join(tmp, 'played.txt');
    const script = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    script('candump', `echo '(1.000000) can0 123#01'\nexec sleep 600`);
    script('canplayer', `echo "start $*" >> '${played}'\nexec cat >> '${played}'`);
    const g = await cabinGateway(
      ['--source', 'socketcan', 'can0', '--token-file', tokenFile, '--allow-ids', '0x3A0', '--send-rate', '5000', '--send-queue', '400'],
      { PATH: `${bin}:${process.env.PATH}` },
    );
    expect(g.stderr()).toContain('sends: 1 id from --allow-ids: 0x3A0');
    const s = await rawClient(g.url, SECRET);
    const acks = await Promise.all(
      Array.from({ length: 400 }, (_, i) => s.emitWithAck('send', { bus: 'can0', id: 0x3a0, extended: false, flags: 0, data: (i & 0xff).toString(16).padStart(2, '0') }) as Promise<GatewayAck>),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(400);
    expect(await s.emitWithAck('send', { bus: 'can0', id: 0x3a1, extended: false, flags: 0, data: '00' })).toEqual({
      ok: false,
      error: "send refused: id 0x3A1 is not on this gateway's send allowlist",
    });
    await until(() => readFileSync(played, 'utf8').split('\n').length > 401, 'every line at the writer');
    const lines = readFileSync(played, 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.startsWith('start'))).toEqual(['start -t can0=can0']);
    expect(lines.filter((l) => / can0 3A0#/.test(l))).toHaveLength(400);
    expect(lines[1]).toBe('(0.000000) can0 3A0#00');
  }, 60_000);
});

describe.skipIf(!log)('cabin gateway --source replay --loop', () => {
  it('keeps frame times rising across loops and announces each loop', async () => {
    // The first 300 frames of the drive log (about 1.4 s of it), looped at 4× speed.
    const short = join(tmp, 'short-drive.log');
    writeFileSync(short, `${readFileSync(log!, 'utf8').split('\n').slice(0, 300).join('\n')}\n`);
    const g = await cabinGateway(['--source', 'replay', short, '--loop', '--speed', '4', '--token-file', tokenFile, '--wait-for-client']);
    const s = await rawClient(g.url, SECRET);
    const times: number[] = [];
    const restarts: { reason: string; seq: number; at: number }[] = [];
    s.on('frames', (bytes: Uint8Array) => {
      const batch = decodeBatch(bytes, ['can0']);
      if (batch.ok) for (const f of batch.frames) times.push(f.t);
    });
    s.on('source-restarted', (e: { reason: string; seq: number }) => restarts.push({ reason: e.reason, seq: e.seq, at: times.length }));
    await until(() => restarts.length >= 2 && times.length >= 650, 'two loops and frames after them', 15_000);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    expect(restarts.slice(0, 2)).toEqual([
      { reason: 'loop', seq: 300, at: 300 },
      { reason: 'loop', seq: 600, at: 600 },
    ]);
    expect(g.stderr()).toContain('source restarted (loop)');
  }, 30_000);
});
