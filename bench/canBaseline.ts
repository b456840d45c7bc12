// The benchmarks' yardstick: a straightforward byte-wise DBC decoder, as one writes it by hand (a loop over each message's signals; same semantics as the compiled one).
import type { DbcDatabase, DbcMessage, DbcSignal } from '../shared/can/dbcModel';
import { messageKey } from '../shared/can/dbcModel';
import { createDecodeOutput, type DecodeOutput } from '../shared/can/decodeOutput';

export interface BaselineMessage {
  message: DbcMessage;
  decode(data: Uint8Array, out: DecodeOutput): void;
}

export interface BaselineDecoder {
  lookup(id: number, extended: boolean): BaselineMessage | undefined;
  createOutput(): DecodeOutput;
}

/** What is worked out once per signal: which bytes it spans, in what order, and how to finish the value. */
interface SignalPlan {
  signal: DbcSignal;
  first: number;
  last: number;
  little: boolean;
  /** Bits below the signal's LSB in the joined word. */
  shift: number;
  need: number;
  /** Index of its selector, or -1. */
  selector: number;
  ids: Set<number> | null;
  /** An integer signal whose bytes fit 32 bits: read with 32-bit arithmetic, masked with `mask`, signed below `half`. */
  simple: boolean;
  mask: number;
  half: number;
  full: number;
}

interface MessagePlan {
  message: DbcMessage;
  signals: SignalPlan[];
  /** Signals present in every frame; the others hang below their selector. */
  roots: number[];
  /** By selector index: the children present for each selector value. */
  children: (Map<number, number[]> | null)[];
  /** By selector index: the "expected multiplexer id …" text for an undefined value. */
  expected: string[];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u32x2 = new Uint32Array(f64.buffer);

function planSignal(signal: DbcSignal, index: Map<string, number>): SignalPlan {
  const little = signal.byteOrder === 'little_endian';
  let first = signal.start >> 3;
  let last: number;
  let shift: number;
  if (little) {
    last = (signal.start + signal.length - 1) >> 3;
    shift = signal.start & 7;
  } else {
    // Motorola: the start bit is the MSB; count bits from the MSB of byte 0 to find the LSB.
    const lsb = first * 8 + (7 - (signal.start & 7)) + signal.length - 1;
    last = lsb >> 3;
    shift = 7 - (lsb & 7);
    first = signal.start >> 3;
  }
  const selector = signal.multiplexerSignal === null || signal.multiplexerIds === null ? -1 : (index.get(signal.multiplexerSignal) ?? -1);
  const simple = signal.valueType === 'integer' && last - first < 4;
  const bits = signal.length;
  return {
    signal,
    first,
    last,
    little,
    shift,
    need: last + 1,
    selector,
    ids: selector < 0 ? null : new Set(signal.multiplexerIds),
    simple,
    mask: bits >= 32 ? -1 : (1 << bits) - 1,
    half: 2 ** (bits - 1),
    full: 2 ** bits,
  };
}

/** The signal's raw value: its bytes joined in its byte order, shifted and masked; BigInt past 48 bits of bytes. */
function readRaw(p: SignalPlan, data: Uint8Array): number | bigint {
  if (p.simple) {
    // Up to 4 bytes of an unsigned or signed integer: 32-bit arithmetic.
    let word = 0;
    if (p.little) for (let b = p.last; b >= p.first; b--) word = word * 256 + data[b];
    else for (let b = p.first; b <= p.last; b++) word = word * 256 + data[b];
    const raw = p.signal.length === 32 ? (word >>> p.shift) >>> 0 : (word >>> p.shift) & p.mask;
    return p.signal.signed && raw >= p.half ? raw - p.full : raw;
  }
  const { signal, first, last, little, shift } = p;
  const bits = signal.length;
  let raw: number | bigint;
  if (last - first < 4) {
    let word = 0;
    if (little) for (let b = last; b >= first; b--) word = word * 256 + data[b];
    else for (let b = first; b <= last; b++) word = word * 256 + data[b];
    raw = bits === 32 ? (word >>> shift) >>> 0 : (word >>> shift) & ((1 << bits) - 1);
  } else if (last - first < 6 && bits <= 48) {
    let word = 0;
    if (little) for (let b = last; b >= first; b--) word = word * 256 + data[b];
    else for (let b = first; b <= last; b++) word = word * 256 + data[b];
    raw = Math.floor(word / 2 ** shift) % 2 ** bits;
  } else {
    let word = 0n;
    if (little) for (let b = last; b >= first; b--) word = (word << 8n) | BigInt(data[b]);
    else for (let b = first; b <= last; b++) word = (word << 8n) | BigInt(data[b]);
    raw = (word >> BigInt(shift)) & ((1n << BigInt(bits)) - 1n);
    if (bits <= 53 && signal.valueType === 'integer') raw = Number(raw);
  }
  if (signal.valueType === 'float32') {
    u32[0] = Number(raw);
    return f32[0];
  }
  if (signal.valueType === 'float64') {
    const big = BigInt(raw);
    u32x2[0] = Number(big & 0xffffffffn);
    u32x2[1] = Number(big >> 32n);
    return f64[0];
  }
  if (signal.signed) {
    if (typeof raw === 'bigint') return raw >= 1n << BigInt(bits - 1) ? raw - (1n << BigInt(bits)) : raw;
    return raw >= 2 ** (bits - 1) ? raw - 2 ** bits : raw;
  }
  return raw;
}

/**
 * raw × scale + offset, as cantools does: exact in BigInt for 64-bit integers (kept in `out.wide` when beyond
 * a double's exact range). Both baselines scale this way, so they differ only in how they read the raw bits.
 */
export function physicalValue(signal: DbcSignal, raw: number | bigint, out: DecodeOutput, index: number): number {
  if (typeof raw !== 'bigint') return signal.scale === 1 && signal.offset === 0 ? raw : raw * signal.scale + signal.offset;
  if (!signal.exactInteger) return Number(raw) * signal.scale + signal.offset;
  const exact = raw * BigInt(signal.scale) + BigInt(signal.offset);
  if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < -BigInt(Number.MAX_SAFE_INTEGER)) {
    out.wide[index] = exact;
    out.wideDirty = true;
  }
  return Number(exact);
}

/** Decodes signal i and, when it is a selector, the children its value selects (as cantools walks a message). */
function visit(plan: MessagePlan, i: number, data: Uint8Array, out: DecodeOutput): void {
  const p = plan.signals[i];
  if (data.length < p.need) return;
  const signal = p.signal;
  const raw = readRaw(p, data);
  out.values[i] = physicalValue(signal, raw, out, i);
  out.active[out.count++] = i;
  const children = plan.children[i];
  if (children === null) return;
  const selected = children.get(Number(raw));
  if (selected === undefined) {
    if (out.error === null) out.error = `${plan.expected[i]}${raw}`;
    return;
  }
  for (let k = 0; k < selected.length; k++) visit(plan, selected[k], data, out);
}

function decodeMessage(plan: MessagePlan, data: Uint8Array, out: DecodeOutput): void {
  out.count = 0;
  out.error = null;
  out.truncated = data.length < plan.message.length;
  if (out.wideDirty) {
    out.wide.fill(null);
    out.wideDirty = false;
  }
  for (let k = 0; k < plan.roots.length; k++) visit(plan, plan.roots[k], data, out);
}

export function createBaselineDecoder(db: DbcDatabase): BaselineDecoder {
  const byKey = new Map<number, BaselineMessage>();
  let maxSignals = 0;
  for (const message of db.messages) {
    maxSignals = Math.max(maxSignals, message.signals.length);
    const index = new Map(message.signals.map((s, i) => [s.name, i]));
    const signals = message.signals.map((s) => planSignal(s, index));
    const roots: number[] = [];
    const children: (Map<number, number[]> | null)[] = signals.map(() => null);
    signals.forEach((p, i) => {
      if (p.selector < 0) {
        roots.push(i);
        return;
      }
      const byValue = (children[p.selector] ??= new Map());
      for (const id of p.ids!) byValue.set(id, [...(byValue.get(id) ?? []), i]);
    });
    const expected = children.map((byValue) => {
      const ids = [...(byValue?.keys() ?? [])].sort((a, b) => a - b);
      return `expected multiplexer id ${ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`}, but got `;
    });
    const plan: MessagePlan = { message, signals, roots, children, expected };
    byKey.set(messageKey(message.id, message.extended), { message, decode: (data, out) => decodeMessage(plan, data, out) });
  }
  return { lookup: (id, extended) => byKey.get(messageKey(id, extended)), createOutput: () => createDecodeOutput(maxSignals) };
}
