import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { corpusDbcFiles, dbcDir, hexToBytes, loadCorpusDbc, readVectorFile, vectorDir, vectorFiles } from '../../bench/canCorpus';
import { compileDbc, MAX_GENERATED_SOURCE, MAX_MUX_DEPTH, type CompileOptions } from './dbcCompile';
import { formatDiagnostic } from './dbcModel';
import { parseDbc } from './dbcParser';
import { outputToRecord, outputValue } from './decodeOutput';

interface Vector {
  id: number;
  extended: boolean;
  name: string;
  data_hex: string;
  expected: Record<string, number | string>;
  labels?: Record<string, string>;
  truncated?: boolean;
  mux_error?: string;
}

/** The vectors' JSON convention: exact ints beyond ±(2^53−1) and non-finite floats as strings. */
function asVectorValue(v: number | bigint): number | string {
  if (typeof v === 'bigint') return v.toString();
  return Number.isFinite(v) ? v : String(v);
}

const modes: CompileOptions['mode'][] = ['generated', 'closures'];

describe.skipIf(!vectorDir || !dbcDir)('compiled decoders reproduce every cantools decode vector', () => {
  it('has the 8 vector files', () => {
    expect(vectorFiles.length).toBe(8);
  });

  for (const mode of modes) {
    it.each(vectorFiles)(`${mode}: %s`, (file) => {
      const vectors = readVectorFile<{ dbc: string; frames: Vector[] }>(file);
      const compiled = compileDbc(loadCorpusDbc(vectors.dbc).db, { mode, raw: true });
      const out = compiled.createOutput();
      const problems: string[] = [];
      let truncated = 0;
      let muxErrors = 0;
      for (const frame of vectors.frames) {
        const where = `${frame.name} ${frame.data_hex}`;
        const message = compiled.lookup(frame.id, frame.extended);
        if (!message || message.message.name !== frame.name) {
          problems.push(`${where}: message not found`);
          continue;
        }
        message.decode(hexToBytes(frame.data_hex), out);
        const got = outputToRecord(message.message, out);
        const gotKeys = Object.keys(got).sort();
        const wantKeys = Object.keys(frame.expected).sort();
        if (gotKeys.join() !== wantKeys.join()) problems.push(`${where}: signals ${gotKeys} != ${wantKeys}`);
        for (const key of wantKeys) {
          if (!(key in got)) continue;
          const value = asVectorValue(got[key]);
          if (!Object.is(value, frame.expected[key])) problems.push(`${where}: ${key} = ${String(value)}, want ${frame.expected[key]}`);
        }
        // VAL_ texts (what --choices prints) for the raw values; cantools reads files as cp1252, so its
        // non-ASCII texts of these UTF-8 files are mojibake: for those only presence is compared.
        for (let k = 0; k < out.count; k++) {
          const signal = message.message.signals[out.active[k]];
          const label = signal.choices?.get(out.raw[out.active[k]]);
          const want = frame.labels?.[signal.name];
          const same = want !== undefined && /[^\x20-\x7e]/.test(want) ? label !== undefined : label === want;
          if (!same) problems.push(`${where}: ${signal.name} label ${label} != ${want}`);
        }
        if (out.truncated !== (frame.truncated === true)) problems.push(`${where}: truncated = ${out.truncated}`);
        if ((out.error ?? undefined) !== frame.mux_error) problems.push(`${where}: error ${out.error} != ${frame.mux_error}`);
        if (out.truncated) truncated++;
        if (out.error) muxErrors++;
      }
      expect(problems.slice(0, 20)).toEqual([]);
      expect(truncated).toBeGreaterThan(0);
      if (file.startsWith('cantools_multiplex_2')) expect(muxErrors).toBeGreaterThan(0);
    });
  }
});

const DBC = `VERSION ""
BO_ 100 Mixed: 8 X
 SG_ Wide : 0|64@1+ (1,0) [0|0] "" X
BO_ 101 WideSigned: 8 X
 SG_ W : 7|64@0- (3,-5) [0|0] "" X
BO_ 102 Floats: 8 X
 SG_ F32 : 7|32@0- (1,0) [0|0] "" X
 SG_ Half : 32|32@1- (0.5,1) [0|0] "" X
BO_ 103 Mux: 8 X
 SG_ Sel M : 0|8@1+ (1,0) [0|0] "" X
 SG_ A m1 : 8|8@1+ (1,0) [0|0] "" X
 SG_ B m2 : 8|16@1+ (1,0) [0|0] "" X
 SG_ Tail : 56|8@1+ (1,0) [0|0] "" X
BO_ 104 Bits: 2 X
 SG_ One : 0|1@1- (1,0) [0|0] "" X
 SG_ Mid : 5|7@0+ (1,0) [0|0] "" X
SIG_VALTYPE_ 102 F32 : 1;
SIG_VALTYPE_ 102 Half : 1;
`;

describe('compiled decoder semantics', () => {
  const { db, errors } = parseDbc(DBC, 'unit.dbc');
  for (const mode of modes) {
    const compiled = compileDbc(db, { mode, raw: true });
    const out = compiled.createOutput();
    const decode = (id: number, bytes: number[]) => {
      const message = compiled.lookup(id, false)!;
      message.decode(new Uint8Array(bytes), out);
      return outputToRecord(message.message, out);
    };

    it(`${mode}: parses cleanly`, () => expect(errors).toEqual([]));

    it(`${mode}: 64-bit integers are exact BigInts beyond 2^53, numbers below`, () => {
      expect(decode(100, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])).toEqual({ Wide: 18446744073709551615n });
      expect(decode(100, [1, 0, 0, 0, 0, 0, 0x20, 0])).toEqual({ Wide: 9007199254740993n });
      expect(decode(100, [5, 0, 0, 0, 0, 0, 0, 0])).toEqual({ Wide: 5 });
      // A BigInt from a previous frame must not leak into the next one.
      expect(outputValue(out, 0)).toBe(5);
      // Motorola signed 64-bit, scale 3, offset -5: raw -1 → -8; raw 2^62 → 3·2^62 − 5.
      expect(decode(101, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])).toEqual({ W: -8 });
      expect(decode(101, [0x40, 0, 0, 0, 0, 0, 0, 0])).toEqual({ W: 3n * 2n ** 62n - 5n });
    });

    it(`${mode}: IEEE floats in both byte orders, NaN and infinities`, () => {
      expect(decode(102, [0x3f, 0xc0, 0, 0, 0, 0, 0x80, 0x7f])).toEqual({ F32: 1.5, Half: Infinity });
      const r = decode(102, [0x7f, 0xc0, 0, 0, 0, 0, 0x80, 0xff]);
      expect(r.F32).toBeNaN();
      expect(r.Half).toBe(-Infinity);
    });

    it(`${mode}: multiplexing, undefined selector values and truncation`, () => {
      expect(decode(103, [1, 7, 9, 0, 0, 0, 0, 42])).toEqual({ Sel: 1, A: 7, Tail: 42 });
      expect(out.error).toBeNull();
      expect(decode(103, [2, 7, 9, 0, 0, 0, 0, 42])).toEqual({ Sel: 2, B: 0x907, Tail: 42 });
      expect(decode(103, [3, 7, 9, 0, 0, 0, 0, 42])).toEqual({ Sel: 3, Tail: 42 });
      expect(out.error).toBe('expected multiplexer id 1 or 2, but got 3');
      expect(decode(103, [2, 7])).toEqual({ Sel: 2 });
      expect(out.truncated).toBe(true);
      expect(out.error).toBeNull();
      expect(decode(103, [])).toEqual({});
      expect(decode(103, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])).toEqual({ Sel: 1, A: 2, Tail: 8 });
      expect(out.truncated).toBe(false);
    });

    it(`${mode}: 1-bit signed and Motorola fields inside one byte, raw values kept`, () => {
      expect(decode(104, [0x01, 0xff])).toEqual({ One: -1, Mid: 3 });
      expect(Object.is(decode(104, [0, 0]).One, 0)).toBe(true);
      expect(out.raw[0]).toBe(0);
    });
  }
});

describe('multiplexers with wide SG_MUL_VAL_ ranges', () => {
  const { db, errors } = parseDbc(
    `BO_ 1 M: 8 X
 SG_ Sel M : 0|16@1+ (1,0) [0|0] "" X
 SG_ Low m0 : 16|8@1+ (1,0) [0|0] "" X
 SG_ High m0 : 24|8@1+ (1,0) [0|0] "" X
 SG_ Odd m0 : 32|8@1+ (1,0) [0|0] "" X
SG_MUL_VAL_ 1 Low Sel 0-999;
SG_MUL_VAL_ 1 High Sel 1000-60000;
SG_MUL_VAL_ 1 Odd Sel 7-7, 65000-65000;
`,
    'ranges.dbc',
  );
  for (const mode of modes) {
    it(`${mode}: picks the branch by range and reports values outside every range`, () => {
      expect(errors).toEqual([]);
      const compiled = compileDbc(db, { mode });
      const out = compiled.createOutput();
      const decode = (sel: number) => {
        compiled.messages[0].decode(new Uint8Array([sel & 0xff, sel >> 8, 1, 2, 3, 0, 0, 0]), out);
        return outputToRecord(compiled.messages[0].message, out);
      };
      expect(decode(5)).toEqual({ Sel: 5, Low: 1 });
      expect(decode(7)).toEqual({ Sel: 7, Low: 1, Odd: 3 });
      expect(decode(1000)).toEqual({ Sel: 1000, High: 2 });
      expect(decode(65000)).toEqual({ Sel: 65000, Odd: 3 });
      expect(decode(64000)).toEqual({ Sel: 64000 });
      expect(out.error).toMatch(/^expected multiplexer id 0, 1, 2, .* or 65000, but got 64000$/);
    });
  }
});

describe('a selector whose value groups share children', () => {
  // X and Z are present for every value 0..99, Y<i> only for value i: 100 groups that all contain X and Z.
  let text = 'BO_ 1 M: 8 X\n SG_ Sel M : 0|8@1+ (1,0) [0|0] "" X\n SG_ X m0 : 8|8@1+ (1,0) [0|0] "" X\n SG_ Z m0 : 24|8@1+ (1,0) [0|0] "" X\n';
  for (let i = 0; i < 100; i++) text += ` SG_ Y${i} m${i} : 16|8@1+ (1,0) [0|0] "" X\n`;
  text += 'SG_MUL_VAL_ 1 X Sel 0-99;\nSG_MUL_VAL_ 1 Z Sel 0-99;\n';
  const { db, errors } = parseDbc(text, 'shared.dbc');
  for (const mode of modes) {
    it(`${mode}: decodes each value's children once`, () => {
      expect(errors).toEqual([]);
      const compiled = compileDbc(db, { mode });
      const out = compiled.createOutput();
      const decode = (sel: number) => {
        compiled.messages[0].decode(new Uint8Array([sel, 1, 2, 3, 0, 0, 0, 0]), out);
        return outputToRecord(compiled.messages[0].message, out);
      };
      expect(decode(42)).toEqual({ Sel: 42, X: 1, Y42: 2, Z: 3 });
      expect(out.error).toBeNull();
      expect(decode(100)).toEqual({ Sel: 100 });
      expect(out.error).toMatch(/^expected multiplexer id 0, 1, .* or 99, but got 100$/);
    });
  }
});

describe.skipIf(!dbcDir)('the frame path never throws (fuzz)', () => {
  const compiledFiles = corpusDbcFiles.map((file) => compileDbc(loadCorpusDbc(file).db));
  it('random payloads of 0..64 bytes on every message of every corpus file', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: compiledFiles.length - 1 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 64 }),
        (fileIndex, messageIndex, data) => {
          const compiled = compiledFiles[fileIndex];
          const message = compiled.messages[messageIndex % compiled.messages.length];
          const out = compiled.createOutput();
          message.decode(data, out);
          expect(out.count).toBeLessThanOrEqual(message.message.signals.length);
          for (let k = 0; k < out.count; k++) {
            const v = outputValue(out, out.active[k]);
            expect(typeof v === 'bigint' || typeof v === 'number').toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** A chain of selectors `depth` levels deep: S0 (M) → S1 → … each present when its selector is 0. */
function muxChain(depth: number): string {
  let text = 'VERSION ""\nBO_ 100 Deep: 64 X\n SG_ S0 M : 0|1@1+ (1,0) [0|0] "" X\n';
  for (let i = 1; i <= depth; i++) text += ` SG_ S${i} m0M : ${i % 512}|1@1+ (1,0) [0|0] "" X\n`;
  text += 'BO_ 101 Plain: 8 X\n SG_ P : 0|8@1+ (1,0) [0|0] "" X\n';
  for (let i = 1; i <= depth; i++) text += `SG_MUL_VAL_ 100 S${i} S${i - 1} 0-0;\n`;
  return text;
}

describe('compile limits', () => {
  it(`compiles a multiplexer chain ${MAX_MUX_DEPTH} levels deep, in both modes`, () => {
    const { db, errors } = parseDbc(muxChain(MAX_MUX_DEPTH), 'deep.dbc');
    expect(errors).toEqual([]);
    for (const mode of modes) {
      const compiled = compileDbc(db, { mode });
      expect(compiled.errors).toEqual([]);
      const out = compiled.createOutput();
      compiled.lookup(100, false)!.decode(new Uint8Array(64), out);
      expect(out.count).toBe(MAX_MUX_DEPTH + 1);
    }
  });

  it('refuses a deeper chain (800 levels) with the limit named at the signal that passes it, and compiles the rest', () => {
    const text = muxChain(800);
    const { db, errors } = parseDbc(text, 'deep.dbc');
    expect(errors).toEqual([]);
    for (const mode of modes) {
      const compiled = compileDbc(db, { mode });
      const at = text.split('\n').findIndex((l) => l.startsWith(` SG_ S${MAX_MUX_DEPTH + 1} `)) + 1;
      expect(compiled.errors.map(formatDiagnostic)).toEqual([
        `deep.dbc:${at}:2: signal S${MAX_MUX_DEPTH + 1} of message Deep sits ${MAX_MUX_DEPTH + 1} multiplexer levels deep; Cabin decodes at most ${MAX_MUX_DEPTH} (multiplexer depth limit); its frames are not decoded`,
      ]);
      expect(compiled.refused.map((m) => m.name)).toEqual(['Deep']);
      expect(compiled.lookup(100, false)).toBeUndefined();
      const out = compiled.createOutput();
      compiled.lookup(101, false)!.decode(new Uint8Array([7, 0, 0, 0, 0, 0, 0, 0]), out);
      expect(outputToRecord(compiled.lookup(101, false)!.message, out)).toEqual({ P: 7 });
    }
  });

  it('falls back to the closure decoder, with a warning, when the generated source would pass its budget', () => {
    // Each level's selector is present for values 2 and 3 of the one above, beside a leaf for 1 and 2: the generated
    // code copies the rest of the chain into two value groups per level (2^24 copies), the closures share it.
    let text = 'BO_ 1 Wide: 64 X\n SG_ L0 M : 0|8@1+ (1,0) [0|0] "" X\n';
    const depth = 24;
    for (let k = 1; k <= depth; k++) text += ` SG_ L${k} m2M : ${8 * k}|8@1+ (1,0) [0|0] "" X\n SG_ A${k} m1 : ${8 * k}|8@1+ (1,0) [0|0] "" X\n`;
    for (let k = 1; k <= depth; k++) text += `SG_MUL_VAL_ 1 L${k} L${k - 1} 2-3;\nSG_MUL_VAL_ 1 A${k} L${k - 1} 1-2;\n`;
    const { db, errors } = parseDbc(text, 'wide.dbc');
    expect(errors).toEqual([]);
    const compiled = compileDbc(db);
    expect(compiled.errors).toEqual([]);
    expect(compiled.warnings.map(formatDiagnostic)).toEqual([
      `wide.dbc:1:1: message Wide: its generated decoder would pass ${MAX_GENERATED_SOURCE} characters of source; it is decoded by the closure decoder (same values, slower)`,
    ]);
    const closures = compileDbc(db, { mode: 'closures' });
    const a = compiled.createOutput();
    const b = closures.createOutput();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }).map((d) => d.map((x) => 1 + (x % 3))), (data) => {
        compiled.messages[0].decode(data, a);
        closures.messages[0].decode(data, b);
        expect(outputToRecord(db.messages[0], a)).toEqual(outputToRecord(db.messages[0], b));
      }),
      { numRuns: 200 },
    );
  });
});
