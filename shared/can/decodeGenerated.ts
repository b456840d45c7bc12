// Compiles one message into a specialised decode function: JavaScript source built from the model's numbers, compiled with `new Function`.
import type { DbcMessage, DbcSignal } from './dbcModel';
import type { DecodeOutput } from './decodeOutput';
import { canBeWide, F32, F64, HI, LO, MAX_SAFE, muxCases, muxErrorPrefix, muxTree, TWO32, U32, type Tree } from './decodePlan';
import { signalBytesNeeded, signalSegments, type BitSegment } from './signalBits';

/** Generated source per message; past it the closure decoder takes over (same results, no code size to blow up). */
export const MAX_GENERATED_SOURCE = 1 << 20;

export type DecodeFunction = (data: Uint8Array, out: DecodeOutput) => void;

/** Thrown while building source once the budget is spent, so an exponential mux layout stops early. */
export class SourceTooLarge extends Error {}

function lit(x: number): string {
  if (Object.is(x, -0)) return '(-0)';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '(-Infinity)';
  return x < 0 ? `(${String(x)})` : String(x);
}

/** Expression for raw bits [from, to) of the signal as an int32 (bits moved down by `from`). */
function bitsExpr(segments: BitSegment[], from: number, to: number): string {
  const terms: string[] = [];
  for (const seg of segments) {
    const lo = Math.max(seg.rawShift, from);
    const hi = Math.min(seg.rawShift + seg.width, to);
    if (lo >= hi) continue;
    const inByte = seg.shift + (lo - seg.rawShift);
    const width = hi - lo;
    const dest = lo - from;
    let term = `d[${seg.byte}]`;
    if (inByte > 0) term = `(${term} >> ${inByte})`;
    if (inByte + width < 8) term = `(${term} & ${(1 << width) - 1})`;
    if (dest > 0) term = `(${term} << ${dest})`;
    terms.push(term);
  }
  return terms.length === 0 ? '0' : terms.join(' | ');
}

/** Statements computing `r<i>` (raw, as a double) and, for wide signals, `h<i>`/`l<i>` words. */
function rawSource(signal: DbcSignal, i: number): string {
  const segments = signalSegments(signal);
  const len = signal.length;
  if (signal.valueType === 'float32') {
    return `U32[0] = ${bitsExpr(segments, 0, 32)}; const r${i} = F32[0];`;
  }
  if (signal.valueType === 'float64') {
    return `U32[${LO}] = ${bitsExpr(segments, 0, 32)}; U32[${HI}] = ${bitsExpr(segments, 32, 64)}; const r${i} = F64[0];`;
  }
  if (len < 32) {
    const e = bitsExpr(segments, 0, len);
    return signal.signed ? `const r${i} = ((${e}) << ${32 - len}) >> ${32 - len};` : `const r${i} = ${e};`;
  }
  if (len === 32) {
    const e = bitsExpr(segments, 0, 32);
    return signal.signed ? `const r${i} = (${e}) | 0;` : `const r${i} = (${e}) >>> 0;`;
  }
  const hiBits = len - 32;
  const hiExpr = bitsExpr(segments, 32, len);
  let hi: string;
  if (signal.signed) hi = hiBits === 32 ? `(${hiExpr}) | 0` : `((${hiExpr}) << ${32 - hiBits}) >> ${32 - hiBits}`;
  else hi = hiBits === 32 ? `(${hiExpr}) >>> 0` : hiExpr;
  return `const l${i} = (${bitsExpr(segments, 0, 32)}) >>> 0; const h${i} = ${hi}; const r${i} = h${i} * ${TWO32} + l${i};`;
}

const MAX_SWITCH_CASES = 256;

/** Sorted integers as [first, last] runs of consecutive values. */
function valueRanges(values: number[]): [number, number][] {
  const sorted = [...values].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const v of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else ranges.push([v, v]);
  }
  return ranges;
}

/** Statements storing signal i: raw, physical value (exact where scale and offset are integers), active index. */
function storeSource(signal: DbcSignal, i: number, raw: boolean): string {
  const parts = [rawSource(signal, i)];
  if (raw) parts.push(`R[${i}] = r${i};`);
  const identity = signal.scale === 1 && signal.offset === 0;
  const phys = identity ? `r${i}` : `r${i} * ${lit(signal.scale)} + ${lit(signal.offset)}`;
  if (canBeWide(signal)) {
    // Fast when the double result is provably exact; BigInt otherwise.
    const rawExpr = signal.length > 32 ? `BigInt(h${i}) * ${TWO32}n + BigInt(l${i})` : `BigInt(r${i})`;
    parts.push(
      `let p${i} = ${phys};`,
      `if (!(Math.abs(r${i}) <= ${MAX_SAFE} && Math.abs(r${i} * ${lit(signal.scale)}) < 9007199254740992 && Math.abs(p${i}) <= ${MAX_SAFE})) {`,
      `  const P = (${rawExpr}) * ${BigInt(signal.scale)}n + ${BigInt(signal.offset)}n;`,
      `  p${i} = Number(P);`,
      `  if (P > ${MAX_SAFE}n || P < -${MAX_SAFE}n) { w[${i}] = P; o.wideDirty = true; }`,
      `}`,
      `v[${i}] = p${i};`,
    );
  } else {
    parts.push(`v[${i}] = ${phys};`);
  }
  parts.push(`a[n++] = ${i};`);
  return parts.join(' ');
}

interface Build {
  message: DbcMessage;
  tree: Tree;
  raw: boolean;
  /** Characters of source still allowed. */
  budget: number;
}

function spend(build: Build, text: string): string {
  build.budget -= text.length;
  if (build.budget < 0) throw new SourceTooLarge();
  return text;
}

function signalSource(build: Build, i: number): string {
  const { message, tree } = build;
  const signal = message.signals[i];
  let body = storeSource(signal, i, build.raw);
  const kids = tree.children.get(i);
  if (kids && kids.length > 0) {
    const cases = muxCases(message, kids);
    const allValues = cases.flatMap((c) => c.values);
    const error = `if (o.error === null) o.error = ${JSON.stringify(muxErrorPrefix(allValues))} + r${i};`;
    const lines: string[] = [];
    const inRanges = (values: number[]) =>
      valueRanges(values)
        .map(([lo, hi]) => (lo === hi ? `r${i} === ${lit(lo)}` : `(r${i} >= ${lit(lo)} && r${i} <= ${lit(hi)})`))
        .join(' || ');
    const duplicated = cases.reduce((n, c) => n + c.members.length, 0);
    if (duplicated > 2 * kids.length + 16) {
      // Children shared by many different value groups: one range test per child instead of copying its code into every group.
      lines.push(`if (!(${inRanges(allValues)})) { ${error} } else {`);
      for (const k of kids) lines.push(`if (${inRanges(message.signals[k].multiplexerIds ?? [])}) ${signalSource(build, k)}`);
      lines.push('}');
    } else if (allValues.length <= MAX_SWITCH_CASES) {
      lines.push(`switch (r${i}) {`);
      for (const c of cases) {
        lines.push(`${c.values.map((v) => `case ${lit(v)}:`).join(' ')} {`);
        for (const k of c.members) lines.push(signalSource(build, k));
        lines.push('break; }');
      }
      lines.push(`default: ${error}`, '}');
    } else {
      // Wide SG_MUL_VAL_ ranges: test ranges rather than emit one case label per value.
      cases.forEach((c, n) => {
        lines.push(`${n === 0 ? '' : 'else '}if (${inRanges(c.values)}) {`);
        for (const k of c.members) lines.push(signalSource(build, k));
        lines.push('}');
      });
      lines.push(`else { ${error} }`);
    }
    body += `\n${lines.join('\n')}`;
  }
  return spend(build, `{ ${body} }`);
}

/**
 * The message's decoder as generated code for whole payloads; a shorter payload (a truncated frame, where each
 * signal must be checked for its bytes) goes to `short`. Throws SourceTooLarge past the budget, and whatever
 * `new Function` throws where code generation is refused; the caller then uses the closure decoder.
 */
export function generateDecoder(message: DbcMessage, raw: boolean, short: DecodeFunction, budget = MAX_GENERATED_SOURCE): DecodeFunction {
  const build: Build = { message, tree: muxTree(message), raw, budget };
  const fullNeed = Math.max(message.length, ...message.signals.map(signalBytesNeeded));
  const whole = build.tree.roots.map((i) => signalSource(build, i)).join('\n');
  const source = [
    '"use strict";',
    'return function decode(d, o) {',
    `if (d.length < ${fullNeed}) return short(d, o);`,
    'const v = o.values, a = o.active, w = o.wide, R = o.raw;',
    'let n = 0;',
    'if (o.wideDirty) { w.fill(null); o.wideDirty = false; }',
    'o.error = null;',
    'o.truncated = false;',
    whole,
    'o.count = n;',
    '};',
  ].join('\n');
  // The source is built from numbers of the model only (names never enter it), so it is safe to compile.
  const factory = new Function('U32', 'F32', 'F64', 'short', source) as (u32: Uint32Array, f32: Float32Array, f64: Float64Array, short: DecodeFunction) => DecodeFunction;
  return factory(U32, F32, F64, short);
}
