import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDbcFiles, dbcDir, loadCorpusDbc } from '../../bench/canCorpus';
import { projectRoot } from '../../test/fixtures/corpus';
import { compileDbc, type CompiledDbc, type CompiledMessage } from './dbcCompile';
import { DbcEncodeError, encodeMessage } from './dbcEncode';
import type { DbcDatabase, DbcMessage } from './dbcModel';
import { parseDbc } from './dbcParser';
import { decodeDbcBytes } from './dbcText';
import { outputToRecord, type DecodeOutput } from './decodeOutput';
import { signalBitPositions } from './signalBits';

const referenceDir = join(projectRoot, 'assets', 'vehicles', 'cabin-ev');
const referenceDbcs = existsSync(referenceDir) ? readdirSync(referenceDir).filter((f) => f.endsWith('.dbc')) : [];

/**
 * For every message: random payload → decode → encode(decoded values) → decode: same values (Object.is), and where
 * no signal overlaps another and none is a NaN float, the same bits under every active signal.
 */
function roundTrip(db: DbcDatabase, compiled: CompiledDbc, numRuns: number): void {
  const out = compiled.createOutput();
  fc.assert(
    // Every message of the file gets each random payload (cut to its length).
    fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
      for (const { message, decode } of compiled.messages) checkMessage(db, message, decode, bytes.slice(0, message.length), out);
    }),
    { numRuns },
  );
}

function checkMessage(db: DbcDatabase, message: DbcMessage, decode: CompiledMessage['decode'], data: Uint8Array, out: DecodeOutput): void {
  decode(data, out);
  if (out.error !== null) return; // undefined selector value: nothing to encode for its branch
  const values = outputToRecord(message, out);
  const active = Array.from(out.active.subarray(0, out.count), (i) => message.signals[i]);
  const encoded = encodeMessage(message, values);
  decode(encoded, out);
  const again = outputToRecord(message, out);
  expect(Object.keys(again).sort()).toEqual(Object.keys(values).sort());
  for (const key of Object.keys(values)) {
    if (!Object.is(again[key], values[key]) && again[key] !== values[key]) {
      throw new Error(`${db.file} ${message.name}.${key}: ${values[key]} → ${again[key]}`);
    }
  }
  const bits = active.map(signalBitPositions);
  const all = bits.flat();
  const overlapping = new Set(all).size !== all.length;
  const nanFloat = active.some((s) => s.valueType !== 'integer' && Number.isNaN(values[s.name]));
  if (!overlapping && !nanFloat) {
    for (const p of all) {
      if (((encoded[p >> 3] >> (p & 7)) & 1) !== ((data[p >> 3] >> (p & 7)) & 1)) {
        throw new Error(`${db.file} ${message.name}: bit ${p} differs after encode`);
      }
    }
  }
}

describe.skipIf(!dbcDir)('encode ∘ decode round-trips on every message of the 15 real DBC files', () => {
  it.each(corpusDbcFiles)('%s', (file) => {
    const { db } = loadCorpusDbc(file);
    roundTrip(db, compileDbc(db), 40);
  });
});

describe.skipIf(referenceDbcs.length === 0)('encode ∘ decode round-trips on the reference EV DBC', () => {
  it.each(referenceDbcs)('%s', (file) => {
    const { db, errors } = parseDbc(decodeDbcBytes(readFileSync(join(referenceDir, file))), file);
    expect(errors).toEqual([]);
    roundTrip(db, compileDbc(db), 40);
  });
});

describe('encodeMessage', () => {
  const { db } = parseDbc(
    `BO_ 1 M: 8 X
 SG_ Mode M : 0|4@1+ (1,0) [0|0] "" X
 SG_ Temp m1 : 8|8@1- (0.5,-10) [0|0] "C" X
 SG_ Gear m2 : 15|4@0+ (1,0) [0|0] "" X
 SG_ Big : 32|32@1+ (1000000,0) [0|0] "" X
VAL_ 1 Gear 0 "P" 1 "R" 2 "N" 3 "D" ;
`,
    'enc.dbc',
  );
  const message = db.messages[0];

  it('encodes physical values, VAL_ texts and exact big integers', () => {
    expect([...encodeMessage(message, { Mode: 1, Temp: 21.5 })]).toEqual([1, 63, 0, 0, 0, 0, 0, 0]);
    expect([...encodeMessage(message, { Mode: 2, Gear: 'D' })]).toEqual([2, 0x30, 0, 0, 0, 0, 0, 0]);
    expect([...encodeMessage(message, { Big: 4294967295000000n })].slice(4)).toEqual([255, 255, 255, 255]);
  });

  it('refuses what it cannot encode, naming message and signal', () => {
    expect(() => encodeMessage(message, { Nope: 1 })).toThrow(new DbcEncodeError('message M has no signal Nope'));
    expect(() => encodeMessage(message, { Mode: 1, Gear: 'D' })).toThrow(/M\.Gear is not present/);
    expect(() => encodeMessage(message, { Mode: 2, Gear: 'X' })).toThrow(/M\.Gear: "X" is not a value description/);
    expect(() => encodeMessage(message, { Mode: 16 })).toThrow(/M\.Mode: raw value 16 does not fit in 4 unsigned bits/);
    expect(() => encodeMessage(message, { Mode: 1, Temp: NaN })).toThrow(DbcEncodeError);
    expect(() => encodeMessage(message, { Big: 1n })).toThrow(/whole multiple/);
  });
});
