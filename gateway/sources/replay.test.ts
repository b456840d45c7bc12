// Tests of the replay source: located errors for bad lines, order, looping with rising timestamps, pacing by the log's clock.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CanFrame } from '../../shared/can/frame';
import type { FrameSink } from '../source';
import { until } from '../../test/fixtures/until';
import { createReplaySource, loadCandumpLog, replayFrames } from './replay';

const dir = mkdtempSync(join(tmpdir(), 'cabin-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function collect() {
  const frames: CanFrame[] = [];
  const errors: string[] = [];
  /** Frames received before each restart, so the restart's place in the stream is known. */
  const restarts: { reason: string; at: number }[] = [];
  let resolveEnd!: () => void;
  const ended = new Promise<void>((r) => (resolveEnd = r));
  const sink: FrameSink = {
    frames: (fs) => frames.push(...fs),
    error: (e) => errors.push(e),
    end: () => resolveEnd(),
    restarted: (reason) => restarts.push({ reason, at: frames.length }),
  };
  return { frames, errors, restarts, ended, sink };
}

const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('replay source', () => {
  it('reports malformed lines with file:line:col and replays the rest in order', async () => {
    const file = write(
      'mixed.log',
      ['(10.000000) can0 100#01', 'garbage', '', '(10.001000) can1 200#0G', '(10.002000) can1 18FF0001##1AABB'].join('\n'),
    );
    const source = await createReplaySource({ file, speed: Infinity });
    expect(source.buses()).toEqual(['can0', 'can1']);
    const c = collect();
    await source.start(c.sink);
    await c.ended;
    expect(c.frames.map((f) => f.id)).toEqual([0x100, 0x18ff0001]);
    expect(c.errors).toEqual([
      `${file}:2:1: expected "(" opening the timestamp, found "g"`,
      `${file}:4:23: invalid hex digit "G" in payload`,
    ]);
  });

  it('refuses a file with no frame and a missing file, in one line', async () => {
    await expect(createReplaySource({ file: write('empty.log', '# nothing\n') })).rejects.toThrow(/holds no valid frame$/);
    await expect(createReplaySource({ file: join(dir, 'nope.log') })).rejects.toThrow(`cannot read candump log ${join(dir, 'nope.log')}: no such file`);
  });

  it('loops with timestamps that keep rising', async () => {
    const log = await loadCandumpLog(write('loop.log', '(1.0) can0 001#\n(1.5) can0 002#\n(2.0) can0 003#\n'));
    const source = replayFrames(log, { speed: Infinity, loop: true, chunk: 2 });
    const c = collect();
    await source.start(c.sink);
    await until(() => c.frames.length >= 9, '3 passes');
    await source.stop();
    const ts = c.frames.slice(0, 9).map((f) => f.t);
    expect(ts).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(c.restarts.slice(0, 2).map((r) => r.at)).toEqual([3, 6]);
    expect(log.frames[0].t).toBe(1);
  });

  it('streams a file in a loop: rising timestamps, a restart before each pass, bad lines reported once', async () => {
    const file = write('loop-file.log', '(1.0) can0 001#\nbroken\n(1.5) can1 002#\n(2.0) can0 003#\n');
    const source = await createReplaySource({ file, speed: Infinity, loop: true, chunk: 2 });
    const c = collect();
    await source.start(c.sink);
    await until(() => c.frames.length >= 9, '3 passes');
    await source.stop();
    expect(c.frames.slice(0, 9).map((f) => f.t)).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(c.restarts.slice(0, 2)).toEqual([
      { reason: 'loop', at: 3 },
      { reason: 'loop', at: 6 },
    ]);
    expect(c.errors).toEqual([`${file}:2:1: expected "(" opening the timestamp, found "b"`]);
  });

  it('reports the first 100 malformed lines and counts the rest in one line', async () => {
    const file = write('noisy.log', `(1.0) can0 001#\n${'junk\n'.repeat(150)}(2.0) can0 002#\n`);
    const source = await createReplaySource({ file, speed: Infinity });
    const c = collect();
    await source.start(c.sink);
    await c.ended;
    expect(c.frames.map((f) => f.id)).toEqual([1, 2]);
    expect(c.errors).toHaveLength(101);
    expect(c.errors[100]).toBe(`${file}: 50 more malformed lines not shown`);
  });

  it('paces frames by the log clock scaled by speed', async () => {
    // 0.4 s of log at speed 4 is about 100 ms: the last frame must not come before the first has been out for a while.
    const log = await loadCandumpLog(write('paced.log', '(0.0) can0 001#\n(0.2) can0 002#\n(0.4) can0 003#\n'));
    const source = replayFrames(log, { speed: 4 });
    const c = collect();
    const seen: number[] = [];
    const sink: FrameSink = { ...c.sink, frames: (fs) => fs.forEach(() => seen.push(performance.now())) };
    const started = performance.now();
    await source.start(sink);
    await c.ended;
    expect(seen).toHaveLength(3);
    // Lower bounds only (timers never fire early); no upper bound, the machine may be busy.
    expect(seen[2] - started).toBeGreaterThanOrEqual(95);
    expect(seen[1] - started).toBeGreaterThanOrEqual(45);
  });

  it('rejects a non-positive speed', () => {
    expect(() => replayFrames({ frames: [], errors: [], buses: [] }, { speed: 0 })).toThrow('replay speed must be a positive number, got 0');
  });
});
