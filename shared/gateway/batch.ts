// Binary frame batches of gateway protocol 1: a reusable writer for the gateway and a validating, never-throwing reader for clients.
import { FrameFlag, MAX_FD_PAYLOAD, type CanFrame } from '../can/frame';
import { MAX_BATCH_BYTES, MAX_BATCH_FRAMES } from './protocol';

/*
 * Layout, little-endian (docs/gateway-protocol.md):
 *   header, 20 bytes: 'C' 'B' | version u8 = 1 | reserved u8 = 0 | count u32 | sentAt f64 (gateway epoch ms) | seq u32
 *   then count frames, 15 + len bytes each:
 *     t f64 (frame time, seconds) | id u32 (bits 0..28 id, bit 31 extended) | bus u8 | flags u8 (FrameFlag) | len u8 | payload
 * seq numbers frames per client connection: the first frame of this batch has `seq`, so a gap is a drop.
 */
export const BATCH_VERSION = 1;
export const BATCH_HEADER_BYTES = 20;
export const BATCH_FRAME_HEADER_BYTES = 15;
const MAGIC_C = 0x43;
const MAGIC_B = 0x42;
const EXTENDED_BIT = 0x80000000;
const KNOWN_FLAGS = FrameFlag.FD | FrameFlag.BRS | FrameFlag.ESI | FrameFlag.RTR | FrameFlag.ERROR;

/** Accumulates frames into one growing buffer; `finish` hands out a compact copy and starts over. */
export class BatchWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = BATCH_HEADER_BYTES;
  private n = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = new Uint8Array(Math.max(initialBytes, BATCH_HEADER_BYTES + BATCH_FRAME_HEADER_BYTES + MAX_FD_PAYLOAD));
    this.view = new DataView(this.buf.buffer);
  }

  get count(): number {
    return this.n;
  }

  get byteLength(): number {
    return this.pos;
  }

  add(frame: CanFrame, busIndex: number): void {
    const data = frame.data;
    const len = data.length > MAX_FD_PAYLOAD ? MAX_FD_PAYLOAD : data.length;
    const need = this.pos + BATCH_FRAME_HEADER_BYTES + len;
    if (need > this.buf.length) this.grow(need);
    const v = this.view;
    let p = this.pos;
    v.setFloat64(p, frame.t, true);
    v.setUint32(p + 8, ((frame.id & 0x1fffffff) | (frame.extended ? EXTENDED_BIT : 0)) >>> 0, true);
    const b = this.buf;
    b[p + 12] = busIndex;
    b[p + 13] = frame.flags & KNOWN_FLAGS;
    b[p + 14] = len;
    p += BATCH_FRAME_HEADER_BYTES;
    if (len <= 8) for (let i = 0; i < len; i++) b[p + i] = data[i];
    else b.set(len === data.length ? data : data.subarray(0, len), p);
    this.pos = p + len;
    this.n++;
  }

  /** The batch so far as its own bytes (safe to hand to an async sender), then empties the writer. */
  finish(seq: number, sentAt: number): Uint8Array {
    const b = this.buf;
    b[0] = MAGIC_C;
    b[1] = MAGIC_B;
    b[2] = BATCH_VERSION;
    b[3] = 0;
    this.view.setUint32(4, this.n, true);
    this.view.setFloat64(8, sentAt, true);
    this.view.setUint32(16, seq >>> 0, true);
    const out = b.slice(0, this.pos);
    this.reset();
    return out;
  }

  reset(): void {
    this.pos = BATCH_HEADER_BYTES;
    this.n = 0;
  }

  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
}

/** Encodes frames in one go; `busIndex` maps a frame's bus name to its index in the hello's bus list. */
export function encodeBatch(
  frames: readonly CanFrame[],
  busIndex: (bus: string) => number,
  seq = 0,
  sentAt = Date.now(),
): Uint8Array {
  const w = new BatchWriter(BATCH_HEADER_BYTES + frames.length * (BATCH_FRAME_HEADER_BYTES + 8));
  for (const f of frames) w.add(f, busIndex(f.bus));
  return w.finish(seq, sentAt);
}

export type BatchDecodeResult =
  | {
      ok: true;
      seq: number;
      sentAt: number;
      /** Frames in order; `data` views share the batch's memory. */
      frames: CanFrame[];
      /** Frames skipped because their content was invalid (layout intact), each with its index and reason. */
      skipped: string[];
      /** Frames the header announced (frames.length + skipped.length). */
      count: number;
    }
  | { ok: false; error: string };

/**
 * Validates and decodes one batch. Never throws: a batch whose layout is broken (bad magic or
 * version, too big, truncated, trailing bytes, payload over 64) is rejected whole with the
 * byte offset; a frame with valid layout but invalid content (unknown bus index, 11-bit id over
 * 0x7FF, unknown flag bits, non-finite time) is skipped and reported, and the rest is kept.
 */
export function decodeBatch(input: Uint8Array | ArrayBuffer, buses: readonly string[]): BatchDecodeResult {
  const bytes = input instanceof Uint8Array ? input : input instanceof ArrayBuffer ? new Uint8Array(input) : null;
  if (!bytes) return { ok: false, error: 'batch is not binary data' };
  const size = bytes.length;
  if (size > MAX_BATCH_BYTES) return { ok: false, error: `batch of ${size} bytes exceeds the ${MAX_BATCH_BYTES}-byte limit` };
  if (size < BATCH_HEADER_BYTES) return { ok: false, error: `batch of ${size} bytes is shorter than its ${BATCH_HEADER_BYTES}-byte header` };
  if (bytes[0] !== MAGIC_C || bytes[1] !== MAGIC_B) return { ok: false, error: 'byte 0: not a frame batch (magic "CB" missing)' };
  if (bytes[2] !== BATCH_VERSION) return { ok: false, error: `byte 2: batch version ${bytes[2]} is not supported (expected ${BATCH_VERSION})` };
  const v = new DataView(bytes.buffer, bytes.byteOffset, size);
  const count = v.getUint32(4, true);
  if (count > MAX_BATCH_FRAMES) return { ok: false, error: `byte 4: batch announces ${count} frames, more than the limit of ${MAX_BATCH_FRAMES}` };
  if (count * BATCH_FRAME_HEADER_BYTES > size - BATCH_HEADER_BYTES) {
    return { ok: false, error: `byte 4: batch announces ${count} frames but holds only ${size} bytes` };
  }
  const sentAt = v.getFloat64(8, true);
  const seq = v.getUint32(16, true);
  const frames: CanFrame[] = new Array(count);
  const skipped: string[] = [];
  let kept = 0;
  let p = BATCH_HEADER_BYTES;
  for (let k = 0; k < count; k++) {
    if (p + BATCH_FRAME_HEADER_BYTES > size) return { ok: false, error: `byte ${p}: frame ${k} is truncated (batch ends at ${size})` };
    const len = bytes[p + 14];
    if (len > MAX_FD_PAYLOAD) return { ok: false, error: `byte ${p + 14}: frame ${k} claims ${len} payload bytes, more than ${MAX_FD_PAYLOAD}` };
    const end = p + BATCH_FRAME_HEADER_BYTES + len;
    if (end > size) return { ok: false, error: `byte ${p}: frame ${k} payload is truncated (needs ${end}, batch ends at ${size})` };
    const t = v.getFloat64(p, true);
    const rawId = v.getUint32(p + 8, true);
    const busIdx = bytes[p + 12];
    const flags = bytes[p + 13];
    const extended = rawId >= EXTENDED_BIT;
    const id = rawId & 0x1fffffff;
    const bus = buses[busIdx];
    let problem: string | null = null;
    if (bus === undefined) problem = `bus index ${busIdx} is not in the gateway's bus list`;
    else if (!extended && id > 0x7ff && !(flags & FrameFlag.ERROR)) problem = `11-bit id 0x${id.toString(16).toUpperCase()} is above 0x7FF`;
    else if ((rawId & 0x60000000) !== 0) problem = `id word 0x${rawId.toString(16).toUpperCase()} has reserved bits set`;
    else if ((flags & ~KNOWN_FLAGS) !== 0) problem = `unknown flag bits 0x${flags.toString(16)}`;
    else if (!Number.isFinite(t)) problem = `time is not a finite number`;
    if (problem) skipped.push(`frame ${k} (byte ${p}): ${problem}`);
    else frames[kept++] = { t, bus: bus as string, id, extended, flags, data: bytes.subarray(p + BATCH_FRAME_HEADER_BYTES, end) };
    p = end;
  }
  if (p !== size) return { ok: false, error: `byte ${p}: ${size - p} bytes after the last of ${count} frames` };
  frames.length = kept;
  return { ok: true, seq, sentAt, frames, skipped, count };
}
