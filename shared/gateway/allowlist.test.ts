// Tests of the send allowlist: ids from a mapping's written messages, --allow-ids parsing with located errors, id formatting.
import { describe, expect, it } from 'vitest';
import type { VehicleMapping, Vss2DbcRule } from '../vehicle/mapping';
import { allowKey, formatCanId, parseAllowIds, sendAllowlistFromMapping } from './allowlist';

const rule = (path: string, name: string, id: number, extended = false) =>
  [path, { path, message: { name, id, extended } } as unknown as Vss2DbcRule] as const;

describe('sendAllowlistFromMapping', () => {
  it('lists each written message once, only when it is on the writable list, in id order', () => {
    const mapping: Pick<VehicleMapping, 'vss2dbc' | 'writable'> = {
      vss2dbc: new Map([
        rule('Vehicle.Cabin.Seat.Position', 'HU_SeatCmd', 0x501),
        rule('Vehicle.Cabin.Seat.Height', 'HU_SeatCmd', 0x501),
        rule('Vehicle.Cabin.HVAC.Temp', 'HU_ClimateCmd', 0x500),
        rule('Vehicle.Diag', 'HU_Diag', 0x18daf110, true),
        rule('Vehicle.Drive', 'VCU_Drive', 0x100),
      ]),
      writable: new Set(['HU_SeatCmd', 'HU_ClimateCmd', 'HU_Diag']),
    };
    expect(sendAllowlistFromMapping(mapping)).toEqual([
      { id: 0x500, extended: false },
      { id: 0x501, extended: false },
      { id: 0x18daf110, extended: true },
    ]);
    expect(sendAllowlistFromMapping({ vss2dbc: new Map(), writable: new Set(['HU_SeatCmd']) })).toEqual([]);
  });
});

describe('parseAllowIds', () => {
  it('reads hex and decimal ids; over 0x7FF or 8 hex digits is a 29-bit id; duplicates collapse', () => {
    expect(parseAllowIds('0x3A0, 0x3a0,928,0x18DAF110,0x00000123')).toEqual([
      { id: 0x3a0, extended: false },
      { id: 0x18daf110, extended: true },
      { id: 0x123, extended: true },
    ]);
  });

  it('names the bad item', () => {
    expect(() => parseAllowIds('0x3A0,,0x3A1')).toThrow('--allow-ids item 2 is empty; give ids like 0x3A0,0x3A1');
    expect(() => parseAllowIds('0x3A0,seat')).toThrow('--allow-ids item 2: "seat" is not a CAN id (hex like 0x3A0, or 8 hex digits for a 29-bit id)');
    expect(() => parseAllowIds('0x20000000')).toThrow('--allow-ids item 1: 0x20000000 is over 0x1FFFFFFF, the largest 29-bit id');
    expect(() => parseAllowIds('-1')).toThrow('is not a CAN id');
  });
});

describe('formatCanId and allowKey', () => {
  it('tells 11-bit from 29-bit ids', () => {
    expect(formatCanId(0x3a0, false)).toBe('0x3A0');
    expect(formatCanId(0x12, false)).toBe('0x012');
    expect(formatCanId(0x123, true)).toBe('0x00000123 (29-bit)');
    expect(allowKey(0x123, true)).not.toBe(allowKey(0x123, false));
  });
});
