// Tests of the SocketCAN source with stand-in commands for candump/canplayer (no CAN interface exists on these machines).
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FrameFlag, type CanFrame } from '../../shared/can/frame';
import type { FrameSink } from '../source';
import { canplayerLine, createSocketCanSource } from './socketcan';
import { until } from '../../test/fixtures/until';

const dir = mkdtempSync(join(tmpdir(), 'cabin-socketcan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = process.execPath;
// Prints candump -L lines (one split across writes, one malformed), then stays alive like candump does.
const fakeCandump = `
process.stdout.write('(1.000000) can0 123#0102\\n(1.0010');
setTimeout(() => process.stdout.write('00) can0 18DAF110##1AABB\\nnot a frame\\n(1.002000) can0 7FF#R\\n'), 20);
setInterval(() => {}, 1000);
`;

function collect() {
  const frames: CanFrame[] = [];
  const errors: string[] = [];
  const sink: FrameSink = { frames: (fs) => frames.push(...fs), error: (e) => errors.push(e), end: () => errors.push('end') };
  return { frames, errors, sink };
}


describe('socketcan source', () => {
  it('parses candump output into frames and reports bad lines', async () => {
    const source = createSocketCanSource({ interfaces: ['can0'], candump: [node, '-e', fakeCandump] });
    const c = collect();
    await source.start(c.sink);
    await until(() => c.frames.length === 3);
    await source.stop();
    expect(c.frames.map((f) => [f.id, f.extended, f.flags])).toEqual([
      [0x123, false, 0],
      [0x18daf110, true, FrameFlag.FD | FrameFlag.BRS],
      [0x7ff, false, FrameFlag.RTR],
    ]);
    expect(c.errors).toEqual([`${node} output line 3: column 1: expected "(" opening the timestamp, found "n"`]);
  });

  it('says how to get can-utils when candump is missing, and reports an exit', async () => {
    const missing = createSocketCanSource({ interfaces: ['can0'], candump: ['cabin-no-such-candump', '-L', 'can0'] });
    const a = collect();
    await missing.start(a.sink);
    expect(a.errors[0]).toBe('cabin-no-such-candump not found: install can-utils (apt-get install can-utils) to read SocketCAN interfaces');
    await missing.stop();

    const dying = createSocketCanSource({ interfaces: ['can0'], candump: [node, '-e', 'console.error("read: Network is down"); process.exit(1)'] });
    const b = collect();
    await dying.start(b.sink);
    await until(() => b.errors.includes('end'));
    expect(b.errors[0]).toBe(`${node} exited (code 1): read: Network is down`);
  });

  it('writes every frame through one long-lived canplayer per interface, in candump syntax', async () => {
    const out = join(dir, 'played.txt');
    // Stand-in canplayer: notes each start with its arguments, then copies its stdin to the file.
    const fake = join(dir, 'fake-canplayer.sh');
    writeFileSync(fake, `#!/bin/sh\necho "start $*" >> '${out}'\nexec cat >> '${out}'\n`);
    chmodSync(fake, 0o755);
    const source = createSocketCanSource({ interfaces: ['can0', 'can1'], canplayer: [fake, '-t'] });
    await source.send!({ t: 0, bus: 'can1', id: 0x3a0, extended: false, flags: 0, data: new Uint8Array([1, 0xab]) });
    await source.send!({ t: 0, bus: 'can0', id: 0x1234567, extended: true, flags: FrameFlag.FD | FrameFlag.BRS, data: new Uint8Array([0xff]) });
    await Promise.all(Array.from({ length: 400 }, (_, i) => source.send!({ t: 0, bus: 'can0', id: 0x100, extended: false, flags: 0, data: new Uint8Array([i & 0xff]) })));
    expect(source.writerSpawns()).toEqual({ can0: 1, can1: 1 });
    await until(() => readFileSync(out, 'utf8').split('\n').length >= 404, 'all 402 lines reach the stand-in');
    await source.stop();
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    // One writer per interface; the two stand-ins are separate processes, so which notes its start first is up to the scheduler.
    expect(lines.filter((l) => l.startsWith('start')).sort()).toEqual(['start -t can0=can0', 'start -t can1=can1']);
    expect(lines).toContain('(0.000000) can1 3A0#01AB');
    expect(lines).toContain('(0.000000) can0 01234567##1FF');
    expect(lines.filter((l) => / can0 100#/.test(l))).toHaveLength(400);
    expect(lines.filter((l) => / can0 100#/.test(l)).slice(0, 3)).toEqual(['(0.000000) can0 100#00', '(0.000000) can0 100#01', '(0.000000) can0 100#02']);
    await expect(source.send!({ t: 0, bus: 'can7', id: 1, extended: false, flags: 0, data: new Uint8Array() })).rejects.toThrow(
      'unknown interface "can7"; this source has can0, can1',
    );
  });

  it('reports a writer that dies, refuses for a moment, then starts a new one', async () => {
    const failing = createSocketCanSource({
      interfaces: ['can0'],
      canplayer: [node, '-e', 'process.stdin.once("data", () => { console.error("write: No buffer space available"); process.exit(1) })', '--'],
    });
    const frame = { t: 0, bus: 'can0', id: 1, extended: false, flags: 0, data: new Uint8Array() };
    // The first line may be taken before the child dies; the death is what the next sends report.
    await failing.send!(frame).catch(() => {});
    await until(() => failing.writerSpawns().can0 === 1, 'the writer started');
    let error = '';
    await until(() => {
      void failing.send!(frame).catch((e: Error) => (error = e.message));
      return /exited \(code 1\): write: No buffer space available; restarting it in/.test(error);
    }, 'the exit reported');
    expect(failing.writerSpawns().can0).toBe(1);
    await failing.stop();

    const missing = createSocketCanSource({ interfaces: ['can0'], canplayer: ['cabin-no-such-canplayer'] });
    await expect(missing.send!(frame)).rejects.toThrow('cabin-no-such-canplayer not found: install can-utils (apt-get install can-utils) to write to SocketCAN interfaces');
    await missing.stop();
  });

  it('validates interface names and formats cansend arguments', () => {
    expect(() => createSocketCanSource({ interfaces: ['can0; rm -rf'] })).toThrow('"can0; rm -rf" is not a valid network interface name');
    expect(() => createSocketCanSource({ interfaces: [] })).toThrow('socketcan source needs at least one interface name');
    expect(canplayerLine({ t: 5, bus: 'can0', id: 0x12, extended: false, flags: FrameFlag.RTR, data: new Uint8Array(2) })).toBe('(0.000000) can0 012#R2');
  });
});
