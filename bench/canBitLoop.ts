// The benchmarks' second yardstick: a DBC decoder that walks every signal bit by bit (same semantics as the compiled one); slower than the byte-wise baseline.
import type { DbcDatabase, DbcMessage, DbcSignal } from '../shared/can/dbcModel';
import { messageKey } from '../shared/can/dbcModel';
import { createDecodeOutput, type DecodeOutput } from '../shared/can/decodeOutput';
import { physicalValue, type BaselineDecoder, type BaselineMessage } from './canBaseline';


const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u32x2 = new Uint32Array(f64.buffer);

/** Walks the signal from its MSB to its LSB one bit at a time (numbers up to 53 bits, BigInt beyond). */
function rawValue(signal: DbcSignal, data: Uint8Array): number | bigint {
  const little = signal.byteOrder === 'little_endian';
  const wide = signal.length > 53;
  let raw = 0;
  let big = 0n;
  let pos = little ? signal.start + signal.length - 1 : signal.start;
  for (let k = 0; k < signal.length; k++) {
    const bit = (data[pos >> 3] >> (pos & 7)) & 1;
    if (wide) big = (big << 1n) | BigInt(bit);
    else raw = raw * 2 + bit;
    if (little) pos--;
    else pos = pos % 8 === 0 ? pos + 15 : pos - 1;
  }
  if (signal.valueType === 'float32') {
    u32[0] = raw;
    return f32[0];
  }
  if (signal.valueType === 'float64') {
    u32x2[0] = Number(big & 0xffffffffn);
    u32x2[1] = Number(big >> 32n);
    return f64[0];
  }
  if (wide) {
    if (signal.signed && big >= 1n << BigInt(signal.length - 1)) big -= 1n << BigInt(signal.length);
    return big;
  }
  if (signal.signed && raw >= 2 ** (signal.length - 1)) raw -= 2 ** signal.length;
  return raw;
}

function bytesNeeded(signal: DbcSignal): number {
  let max = 0;
  let pos = signal.start;
  for (let k = 0; k < signal.length; k++) {
    max = Math.max(max, pos);
    if (signal.byteOrder === 'little_endian') pos++;
    else pos = pos % 8 === 0 ? pos + 15 : pos - 1;
  }
  return (max >> 3) + 1;
}

export function createBitLoopDecoder(db: DbcDatabase): BaselineDecoder {
  const byKey = new Map<number, BaselineMessage>();
  let maxSignals = 0;
  for (const message of db.messages) {
    maxSignals = Math.max(maxSignals, message.signals.length);
    const plan = planOf(message);
    byKey.set(messageKey(message.id, message.extended), { message, decode: (data, out) => decodeMessage(plan, data, out) });
  }
  return { lookup: (id, extended) => byKey.get(messageKey(id, extended)), createOutput: () => createDecodeOutput(maxSignals) };
}

interface Plan {
  message: DbcMessage;
  need: number[];
  selectorIndex: number[];
  /** Selector values defined by its children, by selector index. */
  definedIds: Map<number, number[]>;
  /** Per-frame memo of raw values (undefined = not yet decoded). */
  raws: (number | bigint | null | undefined)[];
}

function planOf(message: DbcMessage): Plan {
  const index = new Map(message.signals.map((s, i) => [s.name, i]));
  const selectorIndex = message.signals.map((s) => (s.multiplexerSignal === null || s.multiplexerIds === null ? -1 : index.get(s.multiplexerSignal)!));
  const definedIds = new Map<number, number[]>();
  message.signals.forEach((s, i) => {
    if (selectorIndex[i] < 0) return;
    const ids = definedIds.get(selectorIndex[i]) ?? [];
    for (const id of s.multiplexerIds!) if (!ids.includes(id)) ids.push(id);
    definedIds.set(selectorIndex[i], ids.sort((a, b) => a - b));
  });
  return { message, need: message.signals.map(bytesNeeded), selectorIndex, definedIds, raws: new Array(message.signals.length) };
}

/** Raw value of signal i, or null when it is absent (selector chain or truncation); memoised per frame. */
function rawOf(plan: Plan, i: number, data: Uint8Array, out: DecodeOutput): number | bigint | null {
  let value = plan.raws[i];
  if (value !== undefined) return value;
  value = isPresent(plan, i, data, out) && data.length >= plan.need[i] ? rawValue(plan.message.signals[i], data) : null;
  plan.raws[i] = value;
  return value;
}

function isPresent(plan: Plan, i: number, data: Uint8Array, out: DecodeOutput): boolean {
  const selector = plan.selectorIndex[i];
  if (selector < 0) return true;
  const selectorRaw = rawOf(plan, selector, data, out);
  if (selectorRaw === null) return false;
  const ids = plan.definedIds.get(selector)!;
  if (!ids.includes(Number(selectorRaw))) {
    if (out.error === null) {
      out.error = `expected multiplexer id ${ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}`}, but got ${selectorRaw}`;
    }
    return false;
  }
  return plan.message.signals[i].multiplexerIds!.includes(Number(selectorRaw));
}

/** Decodes signal by signal: selectors first (recursively), then each signal whose selector chain matches. */
function decodeMessage(plan: Plan, data: Uint8Array, out: DecodeOutput): void {
  const message = plan.message;
  out.count = 0;
  out.error = null;
  out.truncated = data.length < message.length;
  if (out.wideDirty) {
    out.wide.fill(null);
    out.wideDirty = false;
  }
  plan.raws.fill(undefined);
  message.signals.forEach((signal, index) => {
    const raw = rawOf(plan, index, data, out);
    if (raw === null) return;
    out.values[index] = physicalValue(signal, raw, out, index);
    out.active[out.count++] = index;
  });
}
