// The write path's encoder: physical signal values → payload bytes, the inverse of the compiled decoder.
import type { DbcMessage, DbcSignal } from './dbcModel';
import { signalSegments } from './signalBits';

/** A physical value, a bigint for exact wide integers, or a VAL_ text (or a decimal integer string). */
export type SignalInput = number | bigint | string;

/** A value that cannot be encoded; the message names the message and signal. */
export class DbcEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DbcEncodeError';
  }
}

const scratch = new ArrayBuffer(8);
const U32 = new Uint32Array(scratch);
const F32 = new Float32Array(scratch);
const F64 = new Float64Array(scratch);
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Encodes the signals active for the given selector values; signals not given are raw 0.
 * Raw = round((physical − offset) / scale) (exact BigInt division for integer-scaled bigint input).
 * Throws DbcEncodeError for unknown or inactive signal names, unknown VAL_ texts,
 * non-finite values for integer signals and raw values that do not fit the signal's bits.
 */
export function encodeMessage(message: DbcMessage, values: Record<string, SignalInput>): Uint8Array {
  const data = new Uint8Array(message.length);
  const byName = new Map(message.signals.map((s) => [s.name, s]));
  for (const name of Object.keys(values)) {
    if (!byName.has(name)) throw new DbcEncodeError(`message ${message.name} has no signal ${name}`);
  }
  const rawOf = new Map<DbcSignal, bigint>();
  const active = new Set<DbcSignal>();
  const isActive = (signal: DbcSignal, depth = 0): boolean => {
    if (signal.multiplexerSignal === null || signal.multiplexerIds === null) return true;
    const selector = byName.get(signal.multiplexerSignal);
    if (!selector || depth > message.signals.length || !isActive(selector, depth + 1)) return false;
    const raw = rawFor(message, selector, values, rawOf);
    return signal.multiplexerIds.some((id) => BigInt(id) === raw);
  };
  for (const signal of message.signals) if (isActive(signal)) active.add(signal);
  for (const name of Object.keys(values)) {
    const signal = byName.get(name)!;
    if (!active.has(signal)) {
      throw new DbcEncodeError(`${message.name}.${name} is not present for the multiplexer values given`);
    }
  }
  for (const signal of message.signals) {
    if (!active.has(signal)) continue;
    const raw = rawFor(message, signal, values, rawOf);
    const bits = BigInt.asUintN(signal.length, raw);
    for (const seg of signalSegments(signal)) {
      if (seg.byte >= data.length) {
        throw new DbcEncodeError(`${message.name}.${signal.name} does not fit in the ${message.length}-byte message`);
      }
      const mask = (1 << seg.width) - 1;
      const chunk = Number((bits >> BigInt(seg.rawShift)) & BigInt(mask));
      data[seg.byte] = (data[seg.byte] & ~(mask << seg.shift)) | (chunk << seg.shift);
    }
  }
  return data;
}

function rawFor(message: DbcMessage, signal: DbcSignal, values: Record<string, SignalInput>, cache: Map<DbcSignal, bigint>): bigint {
  let raw = cache.get(signal);
  if (raw === undefined) {
    raw = toRaw(message, signal, values[signal.name]);
    cache.set(signal, raw);
  }
  return raw;
}

/** The raw bits of one value as a (signed) bigint; range-checked against the signal's width. */
export function toRaw(message: DbcMessage, signal: DbcSignal, input: SignalInput | undefined): bigint {
  const where = `${message.name}.${signal.name}`;
  if (input === undefined) return 0n;
  if (typeof input === 'string') {
    if (signal.choices) {
      for (const [raw, text] of signal.choices) if (text === input) return checkRange(where, signal, BigInt(raw));
    }
    if (/^-?\d+$/.test(input.trim())) input = BigInt(input.trim());
    else if (input === 'NaN' || input === 'Infinity' || input === '-Infinity') input = Number(input);
    else throw new DbcEncodeError(`${where}: "${input}" is not a value description of this signal`);
  }
  if (signal.valueType !== 'integer') {
    const phys = Number(input);
    const raw = signal.scale === 1 && signal.offset === 0 ? phys : (phys - signal.offset) / signal.scale;
    if (signal.valueType === 'float32') {
      F32[0] = raw;
      return BigInt(U32[0]);
    }
    F64[0] = raw;
    const lo = U32[LITTLE_ENDIAN_HOST ? 0 : 1];
    const hi = U32[LITTLE_ENDIAN_HOST ? 1 : 0];
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
  if (typeof input === 'bigint') {
    if (signal.exactInteger) {
      const diff = input - BigInt(signal.offset);
      const scale = BigInt(signal.scale);
      if (scale === 0n || diff % scale !== 0n) {
        throw new DbcEncodeError(`${where}: ${input} is not offset + a whole multiple of the scale ${signal.scale}`);
      }
      return checkRange(where, signal, diff / scale);
    }
    input = Number(input);
  }
  if (!Number.isFinite(input)) throw new DbcEncodeError(`${where}: ${input} cannot be encoded in an integer signal`);
  if (signal.scale === 0) throw new DbcEncodeError(`${where}: the DBC scale is 0, so no value can be encoded`);
  if (signal.exactInteger && Number.isInteger(input) && !Number.isSafeInteger(input)) {
    return toRaw(message, signal, BigInt(input));
  }
  const raw = Math.round((input - signal.offset) / signal.scale);
  return checkRange(where, signal, BigInt(raw));
}

function checkRange(where: string, signal: DbcSignal, raw: bigint): bigint {
  const len = BigInt(signal.length);
  const min = signal.signed ? -(1n << (len - 1n)) : 0n;
  const max = signal.signed ? (1n << (len - 1n)) - 1n : (1n << len) - 1n;
  if (raw < min || raw > max) {
    throw new DbcEncodeError(`${where}: raw value ${raw} does not fit in ${signal.length} ${signal.signed ? 'signed' : 'unsigned'} bits`);
  }
  return raw;
}
