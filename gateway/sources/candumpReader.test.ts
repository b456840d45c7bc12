// Tests of the block reader: lines split across blocks, located errors, over-long lines skipped, rewinding for another pass.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CanFrame } from '../../shared/can/frame';
import { MAX_LINE_CHARS, openCandumpReader } from './candumpReader';

const dir = mkdtempSync(join(tmpdir(), 'cabin-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string, blockBytes: number) {
  const errors: string[] = [];
  const reader = await openCandumpReader(file, { onError: (e) => errors.push(e), blockBytes });
  const frames: CanFrame[] = [];
  let blocks = 0;
  for (let b = await reader.next(); b !== null; b = await reader.next()) {
    frames.push(...b);
    blocks++;
  }
  return { frames, errors, blocks, reader };
}

describe('candump block reader', () => {
  it('gives the same frames and errors whatever the block size', async () => {
    const file = join(dir, 'mixed.log');
    writeFileSync(file, '(1.000000) can0 100#01\r\n# comment\n(1.1) can1 200#0G\n\n(1.2) can0 18FF0001##1AABB\n(1.3) can0 7FF#R');
    for (const size of [3, 7, 64, 65536]) {
      const { frames, errors } = await readAll(file, size);
      expect(frames.map((f) => [f.t, f.bus, f.id])).toEqual([
        [1, 'can0', 0x100],
        [1.2, 'can0', 0x18ff0001],
        [1.3, 'can0', 0x7ff],
      ]);
      expect(errors).toEqual([`${file}:3:17: invalid hex digit "G" in payload`]);
    }
  });

  it('skips a line too long to be candump, reporting it once with its line number', async () => {
    const file = join(dir, 'long.log');
    writeFileSync(file, `(1.0) can0 001#\n${'x'.repeat(MAX_LINE_CHARS * 3)}\n(2.0) can0 002#\n`);
    const { frames, errors } = await readAll(file, 1024);
    expect(frames.map((f) => f.id)).toEqual([1, 2]);
    expect(errors).toEqual([`${file}:2:1: line longer than ${MAX_LINE_CHARS} characters; not a candump line (skipped)`]);
  });

  it('rewinds for another pass with line numbers from 1 again', async () => {
    const file = join(dir, 'again.log');
    writeFileSync(file, 'bad\n(1.0) can0 001#\n');
    const errors: string[] = [];
    const reader = await openCandumpReader(file, { onError: (e) => errors.push(e), blockBytes: 4 });
    const pass = async () => {
      const ids: number[] = [];
      for (let b = await reader.next(); b !== null; b = await reader.next()) ids.push(...b.map((f) => f.id));
      return ids;
    };
    expect(await pass()).toEqual([1]);
    reader.rewind();
    expect(await pass()).toEqual([1]);
    await reader.close();
    expect(await reader.next()).toBeNull();
    expect(errors).toEqual([`${file}:1:1: expected "(" opening the timestamp, found "b"`, `${file}:1:1: expected "(" opening the timestamp, found "b"`]);
  });

  it('refuses a missing file or a directory in one line', async () => {
    await expect(openCandumpReader(join(dir, 'nope.log'), { onError: () => {} })).rejects.toThrow(`cannot read candump log ${join(dir, 'nope.log')}: no such file`);
    await expect(openCandumpReader(dir, { onError: () => {} })).rejects.toThrow(`cannot read candump log ${dir}: not a regular file`);
  });
});
