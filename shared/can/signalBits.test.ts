import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signalBitPositions, signalBytesNeeded, signalSegments } from './signalBits';

describe('signal bit layout', () => {
  const layout = fc.record({
    start: fc.integer({ min: 0, max: 511 }),
    length: fc.integer({ min: 1, max: 64 }),
    byteOrder: fc.constantFrom('little_endian' as const, 'big_endian' as const),
  });

  it('needs the bytes up to the one holding its highest bit position', () => {
    fc.assert(
      fc.property(layout, (signal) => {
        expect(signalBytesNeeded(signal)).toBe((Math.max(...signalBitPositions(signal)) >> 3) + 1);
      }),
      { numRuns: 5000 },
    );
  });

  it('walks Motorola signals from the MSB down, wrapping to bit 7 of the next byte', () => {
    // cantools' example: a 12-bit Motorola signal starting at bit 7 spans byte 0 and the high nibble of byte 1.
    const signal = { start: 7, length: 12, byteOrder: 'big_endian' as const };
    expect(signalBitPositions(signal)).toEqual([12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]);
    expect(signalBytesNeeded(signal)).toBe(2);
    expect(signalSegments(signal)).toEqual([
      { byte: 1, shift: 4, width: 4, rawShift: 0 },
      { byte: 0, shift: 0, width: 8, rawShift: 4 },
    ]);
  });
});
