// What both decoder compilers share: the multiplexer tree of a message, its value groups, and the limits past which a message is not compiled.
import type { DbcMessage, DbcSignal } from './dbcModel';

/** Selector levels a signal may sit below (a selector of a selector of …); real files use 1 to 3. */
export const MAX_MUX_DEPTH = 32;
/** Signals per message: `DecodeOutput.active` holds signal indexes in 16 bits. */
export const MAX_SIGNALS_PER_MESSAGE = 65535;

export const TWO32 = 4294967296;
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// Scratch for reinterpreting assembled bits as IEEE floats.
const scratch = new ArrayBuffer(8);
export const U32 = new Uint32Array(scratch);
export const F32 = new Float32Array(scratch);
export const F64 = new Float64Array(scratch);
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Index of the low and high 32-bit word of F64 in U32. */
export const LO = LITTLE_ENDIAN_HOST ? 0 : 1;
export const HI = 1 - LO;

/** Which signal selects which: roots are present in every frame, children only for some selector values. */
export interface Tree {
  roots: number[];
  children: ReadonlyMap<number, number[]>;
}

/** Signals in the order cantools walks them (stable by start bit); it decides which undefined selector is reported. */
function decodeOrder(message: DbcMessage): number[] {
  const signals = message.signals;
  const order = Array.from(signals.keys());
  return order.sort((a, b) => signals[a].start - signals[b].start || a - b);
}

const isMultiplexed = (message: DbcMessage): boolean => message.signals.some((s) => s.multiplexerSignal !== null);

/** The children of a message without selectors (read only). */
const NO_CHILDREN: ReadonlyMap<number, number[]> = new Map();

export function muxTree(message: DbcMessage): Tree {
  if (!isMultiplexed(message)) return { roots: decodeOrder(message), children: NO_CHILDREN };
  const children = new Map<number, number[]>();
  const byName = new Map(message.signals.map((s, i) => [s.name, i]));
  const roots: number[] = [];
  for (const i of decodeOrder(message)) {
    const signal = message.signals[i];
    const parent = signal.multiplexerSignal === null ? undefined : byName.get(signal.multiplexerSignal);
    if (parent === undefined || signal.multiplexerIds === null) {
      roots.push(i);
    } else {
      const list = children.get(parent) ?? [];
      list.push(i);
      children.set(parent, list);
    }
  }
  return { roots, children };
}

/**
 * Why the message cannot be compiled (a limit named, at the signal that passes it), or null.
 * Iterative, so a hostile chain thousands deep is measured without deep recursion.
 */
export function exceededLimit(message: DbcMessage): { signal: DbcSignal | null; reason: string } | null {
  const signals = message.signals;
  if (signals.length > MAX_SIGNALS_PER_MESSAGE) {
    return { signal: null, reason: `message ${message.name} has ${signals.length} signals; Cabin decodes at most ${MAX_SIGNALS_PER_MESSAGE} per message` };
  }
  if (!isMultiplexed(message)) return null;
  const index = new Map(signals.map((s, i) => [s.name, i]));
  const parentOf = (i: number): number => {
    const s = signals[i];
    if (s.multiplexerSignal === null || s.multiplexerIds === null) return -1;
    return index.get(s.multiplexerSignal) ?? -1;
  };
  const depth = new Int32Array(signals.length).fill(-1);
  const path: number[] = [];
  for (let i = 0; i < signals.length; i++) {
    let cursor = i;
    while (cursor >= 0 && depth[cursor] < 0 && path.length <= signals.length) {
      path.push(cursor);
      cursor = parentOf(cursor);
    }
    // A selector loop (only in a hand-built model; the parser breaks them) counts as deeper than any limit.
    let d = cursor < 0 ? -1 : path.length > signals.length ? signals.length : depth[cursor];
    while (path.length > 0) depth[path.pop()!] = ++d;
  }
  for (let i = 0; i < signals.length; i++) {
    if (depth[i] > MAX_MUX_DEPTH) {
      return {
        signal: signals[i],
        reason: `signal ${signals[i].name} of message ${message.name} sits ${depth[i]} multiplexer levels deep; Cabin decodes at most ${MAX_MUX_DEPTH} (multiplexer depth limit)`,
      };
    }
  }
  return null;
}

/** Groups a selector's children by value: [values, children present for those values][]. */
export function muxCases(message: DbcMessage, kids: number[]): { values: number[]; members: number[] }[] {
  const byValue = new Map<number, number[]>();
  for (const k of kids) {
    for (const v of message.signals[k].multiplexerIds ?? []) {
      const list = byValue.get(v) ?? [];
      if (!list.includes(k)) list.push(k);
      byValue.set(v, list);
    }
  }
  const cases = new Map<string, { values: number[]; members: number[] }>();
  for (const v of [...byValue.keys()].sort((a, b) => a - b)) {
    const members = byValue.get(v)!.sort((a, b) => kids.indexOf(a) - kids.indexOf(b));
    const key = members.join(',');
    const entry = cases.get(key);
    if (entry) entry.values.push(v);
    else cases.set(key, { values: [v], members });
  }
  return [...cases.values()];
}

/** cantools' wording, e.g. "expected multiplexer id 0, 1 or 2, but got 7" (without the value). */
export function muxErrorPrefix(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const list = sorted.length === 1 ? `${sorted[0]}` : `${sorted.slice(0, -1).join(', ')} or ${sorted[sorted.length - 1]}`;
  return `expected multiplexer id ${list}, but got `;
}

/** True when the physical value can pass ±(2^53−1) and must then be computed exactly with BigInt. */
export function canBeWide(signal: DbcSignal): boolean {
  if (!signal.exactInteger || signal.valueType !== 'integer') return false;
  const maxRaw = 2 ** signal.length;
  return maxRaw * Math.abs(signal.scale) + Math.abs(signal.offset) > MAX_SAFE;
}
