// Where each bit of a signal lives in the payload, for Intel (@1) and Motorola (@0) byte order.
import type { DbcSignal } from './dbcModel';

/**
 * Absolute payload bit position (byte * 8 + bit-in-byte, bit 0 = LSB of the byte) of each raw bit,
 * index 0 being the raw value's least significant bit.
 */
export function signalBitPositions(signal: Pick<DbcSignal, 'start' | 'length' | 'byteOrder'>): number[] {
  const positions = new Array<number>(signal.length);
  if (signal.byteOrder === 'little_endian') {
    for (let i = 0; i < signal.length; i++) positions[i] = signal.start + i;
    return positions;
  }
  // Motorola: the start bit is the MSB; walk towards the LSB, wrapping to bit 7 of the next byte.
  let pos = signal.start;
  for (let k = signal.length - 1; k >= 0; k--) {
    positions[k] = pos;
    pos = (pos & 7) === 0 ? pos + 15 : pos - 1;
  }
  return positions;
}

/** A run of raw bits inside one payload byte: raw |= ((data[byte] >> shift) & (2^width - 1)) << rawShift. */
export interface BitSegment {
  byte: number;
  shift: number;
  width: number;
  rawShift: number;
}

/** The signal as per-byte runs, least significant run first. */
export function signalSegments(signal: Pick<DbcSignal, 'start' | 'length' | 'byteOrder'>): BitSegment[] {
  const positions = signalBitPositions(signal);
  const segments: BitSegment[] = [];
  let current: BitSegment | null = null;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    const byte = p >> 3;
    const bit = p & 7;
    if (current && current.byte === byte && current.shift + current.width === bit) {
      current.width++;
    } else {
      current = { byte, shift: bit, width: 1, rawShift: i };
      segments.push(current);
    }
  }
  return segments;
}

/**
 * Number of payload bytes that must be present for every bit of the signal: through the byte of its last bit
 * (Intel: start + length − 1; Motorola: the LSB, counting bits from the MSB of byte 0). Closed form, as
 * the parser asks it of every signal.
 */
export function signalBytesNeeded(signal: Pick<DbcSignal, 'start' | 'length' | 'byteOrder'>): number {
  const { start, length } = signal;
  if (signal.byteOrder === 'little_endian') return ((start + length - 1) >> 3) + 1;
  const msb = (start >> 3) * 8 + (7 - (start & 7));
  return ((msb + length - 1) >> 3) + 1;
}
