// The emitter against the DBC encoder: every cabin-ev status message encoded as dbcEncode does, saturation, unencodable values and VAL_ texts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../shared/can/dbcEncode';
import type { DbcMessage, DbcSignal } from '../shared/can/dbcModel';
import { parseDbc } from '../shared/can/dbcParser';
import { ASSETS_DIR } from './assets';
import { compileMessageEncoder } from './canEmitter';

const dbcFile = resolve(ASSETS_DIR, 'vehicles', 'cabin-ev', 'cabin-ev.dbc');
const { db } = parseDbc(readFileSync(dbcFile, 'utf8'), dbcFile);

const rawRange = (s: DbcSignal): [number, number] => {
  const span = 2 ** Math.min(s.length, 52);
  return s.signed ? [-span / 2, span / 2 - 1] : [0, span - 1];
};

/** Random physical values for the signals present with one (random) multiplexer page. */
function valuesArb(message: DbcMessage): fc.Arbitrary<Record<string, number>> {
  const selector = message.signals.find((s) => s.isMultiplexer);
  const pages = [...new Set(message.signals.flatMap((s) => s.multiplexerIds ?? []))];
  return fc.constantFrom(...(pages.length ? pages : [null])).chain((page) => {
    const present = message.signals.filter((s) => s.multiplexerIds === null || (page !== null && s.multiplexerIds.includes(page)));
    const record: Record<string, fc.Arbitrary<number>> = {};
    for (const s of present) {
      if (s === selector) continue;
      const [lo, hi] = rawRange(s);
      record[s.name] = fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 32 - 1) }).map((raw) => raw * s.scale + s.offset);
    }
    return fc.record(record).map((values) => (selector && page !== null ? { ...values, [selector.name]: page } : values));
  });
}

describe('compileMessageEncoder', () => {
  it('encodes every cabin-ev message exactly as the DBC encoder does', () => {
    for (const message of db.messages) {
      const counters = { saturated: 0, unencodable: 0 };
      const encoder = compileMessageEncoder(message, counters);
      fc.assert(
        fc.property(valuesArb(message), (values) => {
          expect(encoder.encode(values)).toEqual(encodeMessage(message, values));
        }),
        { numRuns: 60, seed: 4 },
      );
      expect(counters).toEqual({ saturated: 0, unencodable: 0 });
    }
  });

  it('saturates out-of-range values and counts what it cannot encode, never throwing', () => {
    const drive = db.messages.find((m) => m.name === 'VCU_Drive')!;
    const counters = { saturated: 0, unencodable: 0 };
    const encoder = compileMessageEncoder(drive, counters);
    const data = encoder.encode({ VehicleSpeed: 1e9, MotorTorque: -1e9, GearSelected: 'no such gear', AccelPedal: NaN, Nope: 1 });
    expect(data).toEqual(encodeMessage(drive, { VehicleSpeed: 655.35, MotorTorque: -3276.8 }));
    expect(counters).toEqual({ saturated: 2, unencodable: 3 });
  });

  it('takes VAL_ texts', () => {
    const drive = db.messages.find((m) => m.name === 'VCU_Drive')!;
    const gear = drive.signals.find((s) => s.name === 'GearSelected')!;
    const [raw, text] = [...gear.choices!][0];
    const encoder = compileMessageEncoder(drive, { saturated: 0, unencodable: 0 });
    expect(encoder.encode({ GearSelected: text })).toEqual(encodeMessage(drive, { GearSelected: raw }));
  });
});
