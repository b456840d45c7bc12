// Tests of the binary frame-batch codec: round-trips, and garbage or oversized batches reported without throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameFlag, type CanFrame } from '../can/frame';
import { BATCH_HEADER_BYTES, BatchWriter, decodeBatch, encodeBatch } from './batch';
import { MAX_BATCH_BYTES, MAX_BATCH_FRAMES } from './protocol';

const BUSES = ['can0', 'can1', 'can2', 'can3', 'can4', 'can5'];
const busIndex = (b: string) => BUSES.indexOf(b);

const arbitraryFrame: fc.Arbitrary<CanFrame> = fc
  .record({
    t: fc.double({ noNaN: true, noDefaultInfinity: true }),
    bus: fc.constantFrom(...BUSES),
    extended: fc.boolean(),
    id: fc.integer({ min: 0, max: 0x1fffffff }),
    flags: fc.integer({ min: 0, max: 0x1f }),
    data: fc.uint8Array({ maxLength: 64 }),
  })
  .map((f) => ({ ...f, id: f.extended || f.flags & FrameFlag.ERROR ? f.id : f.id & 0x7ff }));

const plain = (frames: CanFrame[]) => frames.map((f) => ({ ...f, data: Array.from(f.data) }));

describe('frame batches', () => {
  it('round-trip any frames (encode → decode is identity, seq and sentAt kept)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryFrame, { maxLength: 200 }), fc.nat(), fc.double({ noNaN: true }), (frames, seq, sentAt) => {
        const r = decodeBatch(encodeBatch(frames, busIndex, seq, sentAt), BUSES);
        if (!r.ok) throw new Error(r.error);
        expect(r.seq).toBe(seq >>> 0);
        expect(Object.is(r.sentAt, sentAt)).toBe(true);
        expect(r.skipped).toEqual([]);
        expect(plain(r.frames)).toEqual(plain(frames));
      }),
      { numRuns: 300 },
    );
  });

  it('a reused writer produces independent batches', () => {
    const w = new BatchWriter(16);
    const f = (id: number): CanFrame => ({ t: id, bus: 'can1', id, extended: false, flags: 0, data: new Uint8Array(64).fill(id) });
    for (let i = 0; i < 100; i++) w.add(f(i), 1);
    const first = w.finish(0, 1);
    w.add(f(7), 1);
    const second = w.finish(100, 2);
    const a = decodeBatch(first, BUSES);
    const b = decodeBatch(second, BUSES);
    expect(a.ok && a.frames.length).toBe(100);
    expect(b.ok && b.seq).toBe(100);
    expect(b.ok && b.frames[0].data[63]).toBe(7);
    expect(a.ok && a.frames[99].data[0]).toBe(99);
  });

  it('accepts ArrayBuffer input (what browsers get)', () => {
    const bytes = encodeBatch([{ t: 1, bus: 'can0', id: 1, extended: false, flags: 0, data: new Uint8Array([1]) }], busIndex);
    const r = decodeBatch(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer, BUSES);
    expect(r.ok && r.frames.length).toBe(1);
  });

  it('rejects broken layouts with the byte offset', () => {
    const good = encodeBatch([{ t: 1, bus: 'can0', id: 0x123, extended: false, flags: 0, data: new Uint8Array(8) }], busIndex);
    const err = (b: Uint8Array) => {
      const r = decodeBatch(b, BUSES);
      return r.ok ? 'ok' : r.error;
    };
    expect(err(good)).toBe('ok');
    expect(err(good.subarray(0, 10))).toMatch(/shorter than its 20-byte header/);
    expect(err(good.subarray(0, good.length - 1))).toMatch(/^byte 20: frame 0 payload is truncated/);
    expect(err(new Uint8Array([...good, 0]))).toBe('byte 43: 1 bytes after the last of 1 frames');
    const magic = good.slice();
    magic[0] = 0;
    expect(err(magic)).toMatch(/^byte 0: not a frame batch/);
    const version = good.slice();
    version[2] = 9;
    expect(err(version)).toMatch(/^byte 2: batch version 9/);
    const tooMany = good.slice();
    new DataView(tooMany.buffer).setUint32(4, MAX_BATCH_FRAMES + 1, true);
    expect(err(tooMany)).toMatch(/^byte 4: batch announces 8193 frames, more than the limit/);
    const lying = good.slice();
    new DataView(lying.buffer).setUint32(4, 50, true);
    expect(err(lying)).toMatch(/^byte 4: batch announces 50 frames but holds only 43 bytes/);
    const longPayload = good.slice();
    longPayload[BATCH_HEADER_BYTES + 14] = 65;
    expect(err(longPayload)).toMatch(/^byte 34: frame 0 claims 65 payload bytes/);
    expect(err(new Uint8Array(MAX_BATCH_BYTES + 1))).toMatch(/exceeds the 1048576-byte limit/);
    expect(decodeBatch('nope' as unknown as Uint8Array, BUSES)).toEqual({ ok: false, error: 'batch is not binary data' });
  });

  it('skips frames with invalid content and keeps the rest', () => {
    const frames: CanFrame[] = [0, 1, 2].map((i) => ({ t: i, bus: 'can0', id: 0x100 + i, extended: false, flags: 0, data: new Uint8Array([i]) }));
    const bytes = encodeBatch(frames, busIndex);
    const frameAt = (k: number) => BATCH_HEADER_BYTES + k * 16;
    bytes[frameAt(0) + 12] = 42; // bus index
    bytes[frameAt(2) + 13] = 0x80; // unknown flag
    const r = decodeBatch(bytes, BUSES);
    if (!r.ok) throw new Error(r.error);
    expect(r.frames.map((f) => f.id)).toEqual([0x101]);
    expect(r.skipped).toEqual([
      "frame 0 (byte 20): bus index 42 is not in the gateway's bus list",
      'frame 2 (byte 52): unknown flag bits 0x80',
    ]);
    expect(r.count).toBe(3);
  });

  it('never throws on random or mutated bytes', () => {
    const seed = encodeBatch(
      [0, 1, 2, 3].map((i) => ({ t: i, bus: BUSES[i], id: i, extended: i % 2 === 1, flags: i, data: new Uint8Array(i * 5) })),
      busIndex,
    );
    const mutated = fc
      .array(fc.record({ at: fc.nat(seed.length - 1), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 })
      .map((edits) => {
        const b = seed.slice();
        for (const e of edits) b[e.at] = e.value;
        return b;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated, mutated.map((b) => b.subarray(0, b.length >> 1))), (b) => {
        const r = decodeBatch(b, BUSES);
        if (r.ok) expect(r.frames.length + r.skipped.length).toBe(r.count);
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});
