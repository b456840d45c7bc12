// `cabin gateway` as a real process (and its argument errors): a hung gateway turns the client stale within ~1 s, a killed one disconnected, and both recover.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createGatewayClient, type GatewayClient } from '../../main/vehicle/gatewayClient';
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

afterEach(async () => {
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

/** Starts `cabin gateway` and resolves with its URL once it says it is listening. */
async function cabinGateway(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'cabin.mjs'), 'gateway', ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      stderr += s;
      const m = /listening on (ws:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]);
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
