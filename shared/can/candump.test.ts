// Tests of candump -L line parsing and formatting: every frame kind, malformed lines with their column, and fuzzing.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../test/fixtures/corpus';
import { formatCandumpLine, parseCandumpLine } from './candump';
import { FrameFlag, type CanFrame } from './frame';

const ok = (line: string) => {
  const r = parseCandumpLine(line);
  if (!r || !r.ok) throw new Error(`expected ${line} to parse, got ${JSON.stringify(r)}`);
  return r;
};
const err = (line: string) => {
  const r = parseCandumpLine(line);
  if (!r || r.ok) throw new Error(`expected ${line} to fail, got ${JSON.stringify(r)}`);
  return r.error;
};
const bytes = (...b: number[]) => new Uint8Array(b);

describe('parseCandumpLine', () => {
  it('parses a classic 11-bit frame', () => {
    const { frame, direction } = ok('(1718000000.002900) can0 220#FFE37F0000FF0F00');
    expect(frame).toEqual({
      t: 1718000000.0029,
      bus: 'can0',
      id: 0x220,
      extended: false,
      flags: 0,
      data: bytes(0xff, 0xe3, 0x7f, 0, 0, 0xff, 0x0f, 0),
    });
    expect(direction).toBeUndefined();
  });

  it('parses 29-bit ids as extended', () => {
    const { frame } = ok('(1.000000) vcan1 18DAF110#0102');
    expect(frame.id).toBe(0x18daf110);
    expect(frame.extended).toBe(true);
    expect(frame.bus).toBe('vcan1');
    expect(frame.data).toEqual(bytes(1, 2));
  });

  it('parses an 8-digit id below 0x800 as extended still', () => {
    expect(ok('(1.0) can0 00000123#').frame).toMatchObject({ id: 0x123, extended: true, data: bytes() });
  });

  it('parses CAN FD with the flags nibble', () => {
    const payload = '00112233445566778899AABBCCDDEEFF';
    const plain = ok(`(2.5) can1 123##0${payload}`).frame;
    expect(plain.flags).toBe(FrameFlag.FD);
    expect(plain.data.length).toBe(16);
    expect(plain.data[15]).toBe(0xff);
    expect(ok(`(2.5) can1 123##1${payload}`).frame.flags).toBe(FrameFlag.FD | FrameFlag.BRS);
    expect(ok(`(2.5) can1 123##3${payload}`).frame.flags).toBe(FrameFlag.FD | FrameFlag.BRS | FrameFlag.ESI);
    // FDF bit (4) is implied by "##"
    expect(ok(`(2.5) can1 123##5${payload}`).frame.flags).toBe(FrameFlag.FD | FrameFlag.BRS);
    const full = ok(`(2.5) can1 1ABCDEF0##1${'AB'.repeat(64)}`).frame;
    expect(full.data.length).toBe(64);
    expect(full.extended).toBe(true);
  });

  it('parses RTR frames with and without a length digit', () => {
    expect(ok('(3.0) can0 123#R').frame).toMatchObject({ flags: FrameFlag.RTR, data: bytes() });
    expect(ok('(3.0) can0 123#R4').frame).toMatchObject({ flags: FrameFlag.RTR, data: bytes(0, 0, 0, 0) });
    expect(ok('(3.0) can0 12345678#R T')).toMatchObject({ direction: 'T', frame: { extended: true, flags: FrameFlag.RTR } });
  });

  it('parses error frames (CAN_ERR_FLAG in the 8-digit id)', () => {
    const { frame } = ok('(4.0) can0 20000004#0004000000000000');
    expect(frame).toMatchObject({ id: 4, extended: false, flags: FrameFlag.ERROR });
    expect(frame.data.length).toBe(8);
  });

  it('accepts truncated and empty payloads and the R/T direction', () => {
    expect(ok('(1.0) can0 4F1#00006000').frame.data.length).toBe(4);
    expect(ok('(1.0) can0 4F1#').frame.data.length).toBe(0);
    expect(ok('(1.0) can0 4F1#0102 R').direction).toBe('R');
    expect(ok('(1.0) can0 4F1#0102 T').direction).toBe('T');
  });

  it('is lenient about whitespace, CRLF, dot separators, lower case and len8_dlc', () => {
    expect(ok('  (1.0)  can0  4f1#0a.0b \r').frame).toMatchObject({ id: 0x4f1, data: bytes(10, 11) });
    expect(ok('(1.0) can0 4F1#1122334455667788_C').frame.data.length).toBe(8);
  });

  it('returns null for blank and comment lines', () => {
    expect(parseCandumpLine('')).toBeNull();
    expect(parseCandumpLine('   \r')).toBeNull();
    expect(parseCandumpLine('# recorded by cabin')).toBeNull();
  });

  it('reports what is wrong and at which column', () => {
    expect(err('1718000000.0 can0 220#00')).toBe('column 1: expected "(" opening the timestamp, found "1"');
    expect(err('(abc) can0 220#00')).toBe('column 2: expected a timestamp in seconds, found "a"');
    expect(err('(1.0 can0 220#00')).toMatch(/^column 5: expected "\)" closing the timestamp/);
    expect(err('(1.0) can0')).toBe('column 11: missing frame after the interface name');
    expect(err('(1.0) can0 2200#00')).toBe('column 12: CAN id must be 3 hex digits (11-bit) or 8 (29-bit), found 4');
    expect(err('(1.0) can0 800#00')).toBe('column 12: 11-bit id 0x800 is above 0x7FF');
    expect(err('(1.0) can0 C0000000#00')).toMatch(/^column 12: 29-bit id 0xC0000000 has bits above/);
    expect(err('(1.0) can0 220 00')).toBe('column 15: expected "#" after the CAN id, found " "');
    expect(err('(1.0) can0 xyz#00')).toBe('column 12: expected a hex CAN id, found "x"');
    expect(err('(1.0) can0 220#0G')).toBe('column 17: invalid hex digit "G" in payload');
    expect(err('(1.0) can0 220#123')).toBe('column 16: payload has an odd number of hex digits (3)');
    expect(err(`(1.0) can0 220##1${'00'.repeat(65)}`)).toBe('column 18: payload is 65 bytes, more than 64');
    expect(err(`(1.0) can0 220#${'00'.repeat(9)}`)).toBe('column 16: classic CAN payload is 9 bytes, more than 8 (CAN FD frames are written with "##")');
    expect(err(`(1.0) can0 20000004#${'00'.repeat(9)}`)).toMatch(/^column 21: classic CAN payload is 9 bytes/);
    expect(ok(`(1.0) can0 220#${'00'.repeat(8)}`).frame.data.length).toBe(8);
    expect(ok(`(1.0) can0 220##0${'00'.repeat(9)}`).frame.data.length).toBe(9);
    expect(err('(1.0) can0 220##Z00')).toBe('column 17: expected the CAN FD flags hex digit after "##", found "Z"');
    expect(err('(1.0) can0 220#R9')).toBe('column 17: expected an RTR length digit 0..8, found "9"');
    expect(err('(1.0) can0 220#00 X')).toMatch(/^column 19: unexpected text "X" after the frame/);
    expect(err('(1.0) can0 220#00 R extra')).toMatch(/^column 19: unexpected text "R extra"/);
  });

  it('parses every line of the corpus logs', () => {
    for (const name of ['hyundai_2015_ccan_drive.log', 'gm_hv_bms_discharge.log']) {
      const path = corpusPath('can', 'candump', name);
      if (!path) return;
      const lines = readFileSync(path, 'utf8').split('\n');
      let frames = 0;
      for (const line of lines) {
        const r = parseCandumpLine(line);
        if (r === null) continue;
        expect(r.ok, line).toBe(true);
        frames++;
        if (r.ok) expect(formatCandumpLine(r.frame)).toBe(line.trim());
      }
      expect(frames).toBeGreaterThan(3000);
    }
  });
});

describe('formatCandumpLine', () => {
  const frame = (f: Partial<CanFrame>): CanFrame => ({ t: 1, bus: 'can0', id: 0x123, extended: false, flags: 0, data: bytes(), ...f });

  it('writes each frame kind as candump -L does', () => {
    expect(formatCandumpLine(frame({ t: 1718000000.0029, id: 0x220, data: bytes(0xff, 0) }))).toBe(
      '(1718000000.002900) can0 220#FF00',
    );
    expect(formatCandumpLine(frame({ id: 0x1abc, extended: true }))).toBe('(1.000000) can0 00001ABC#');
    expect(formatCandumpLine(frame({ flags: FrameFlag.FD | FrameFlag.BRS, data: bytes(1) }))).toBe('(1.000000) can0 123##101');
    expect(formatCandumpLine(frame({ flags: FrameFlag.FD | FrameFlag.ESI, data: bytes(1) }))).toBe('(1.000000) can0 123##201');
    expect(formatCandumpLine(frame({ flags: FrameFlag.RTR }))).toBe('(1.000000) can0 123#R');
    expect(formatCandumpLine(frame({ flags: FrameFlag.RTR, data: new Uint8Array(3) }), 'T')).toBe('(1.000000) can0 123#R3 T');
    expect(formatCandumpLine(frame({ id: 4, flags: FrameFlag.ERROR, data: bytes(0, 4) }))).toBe('(1.000000) can0 20000004#0004');
  });
});

/** Frames in the normal form the parser produces (FD flags only with FD, classic and RTR data ≤ 8 bytes, error frames not extended). */
const arbitraryCanFrame = (buses = ['can0', 'can1', 'vcan2']) =>
  fc
    .record({
      micros: fc.integer({ min: 0, max: 2_000_000_000_000_000 }),
      bus: fc.constantFrom(...buses),
      kind: fc.constantFrom('classic', 'fd', 'rtr', 'error'),
      extended: fc.boolean(),
      id: fc.integer({ min: 0, max: 0x1fffffff }),
      brs: fc.boolean(),
      esi: fc.boolean(),
      data: fc.uint8Array({ maxLength: 64 }),
    })
    .map(({ micros, bus, kind, extended, id, brs, esi, data }): CanFrame => {
      const t = micros / 1e6;
      const ext = kind === 'error' ? false : extended;
      const fid = kind === 'error' || ext ? id : id & 0x7ff;
      if (kind === 'fd') {
        return { t, bus, id: fid, extended: ext, flags: FrameFlag.FD | (brs ? FrameFlag.BRS : 0) | (esi ? FrameFlag.ESI : 0), data };
      }
      if (kind === 'rtr') return { t, bus, id: fid, extended: ext, flags: FrameFlag.RTR, data: new Uint8Array(data.length % 9) };
      return { t, bus, id: fid, extended: ext, flags: kind === 'error' ? FrameFlag.ERROR : 0, data: data.subarray(0, 8) };
    });

describe('candump properties', () => {
  it('parse(format(frame)) round-trips', () => {
    fc.assert(
      fc.property(arbitraryCanFrame(), fc.constantFrom(undefined, 'R' as const, 'T' as const), (frame, direction) => {
        const r = parseCandumpLine(formatCandumpLine(frame, direction));
        expect(r).toEqual(direction ? { ok: true, frame, direction } : { ok: true, frame });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random or mutated lines', () => {
    const base = '(1718000000.002900) can0 220#FFE37F0000FF0F00 R';
    const mutated = fc
      .array(fc.record({ at: fc.nat(base.length + 2), ch: fc.string({ maxLength: 2 }), del: fc.nat(3) }), { maxLength: 6 })
      .map((edits) => edits.reduce((s, e) => s.slice(0, e.at) + e.ch + s.slice(e.at + e.del), base));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 80 }), mutated), (line) => {
        const r = parseCandumpLine(line);
        if (r && !r.ok) expect(r.error).toMatch(/^column \d+: /);
        if (r && r.ok) expect(r.frame.data.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 5000 },
    );
  });
});
