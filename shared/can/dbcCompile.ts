// Compiles each DBC message into a specialised decode function (generated source, or closures where `new Function` is not allowed).
import { messageKey, type DbcDatabase, type DbcMessage, type DbcSignal } from './dbcModel';
import { createDecodeOutput, type DecodeOutput } from './decodeOutput';
import { signalBytesNeeded, signalSegments, type BitSegment } from './signalBits';

export interface CompiledMessage {
  message: DbcMessage;
  /** Decodes one payload (any length 0..64) into `out`, overwriting what it held. */
  decode(data: Uint8Array, out: DecodeOutput): void;
}

export interface CompiledDbc {
  db: DbcDatabase;
  messages: CompiledMessage[];
  /** Most signals in any one message: the size `createOutput` allocates. */
  maxSignals: number;
  lookup(id: number, extended: boolean): CompiledMessage | undefined;
  createOutput(): DecodeOutput;
}

export interface CompileOptions {
  /** Also store raw values in `out.raw` (needed for VAL_ texts). */
  raw?: boolean;
  /**
   * 'generated' (default) builds one function per message from a template of the model with `new Function`;
   * 'closures' composes prebuilt closures and works where code generation is forbidden (strict CSP);
   * it is also chosen automatically when `new Function` is refused.
   */
  mode?: 'generated' | 'closures';
}

const TWO32 = 4294967296;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// Scratch for reinterpreting assembled bits as IEEE floats.
const scratch = new ArrayBuffer(8);
const U32 = new Uint32Array(scratch);
const F32 = new Float32Array(scratch);
const F64 = new Float64Array(scratch);
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN_HOST ? 0 : 1;
const HI = 1 - LO;

let codeGenerationAllowed: boolean | null = null;

/** False where a Content-Security-Policy forbids `new Function` (then the closure compiler is used). */
function canGenerateCode(): boolean {
  if (codeGenerationAllowed === null) {
    try {
      codeGenerationAllowed = new Function('return 1')() === 1;
    } catch {
      codeGenerationAllowed = false;
    }
  }
  return codeGenerationAllowed;
}

export function compileDbc(db: DbcDatabase, options: CompileOptions = {}): CompiledDbc {
  const generated = options.mode !== 'closures' && canGenerateCode();
  const messages = db.messages.map((message) =>
    generated ? compileGenerated(message, options) : compileClosures(message, options),
  );
  const maxSignals = db.messages.reduce((max, m) => Math.max(max, m.signals.length), 0);
  // Dense table for 11-bit ids (the common case), a map for the rest.
  const standard: (CompiledMessage | undefined)[] = new Array(2048).fill(undefined);
  const other = new Map<number, CompiledMessage>();
  for (const compiled of messages) {
    const { id, extended } = compiled.message;
    if (!extended && id < 2048) standard[id] = compiled;
    else other.set(messageKey(id, extended), compiled);
  }
  return {
    db,
    messages,
    maxSignals,
    lookup: (id, extended) => (!extended && id < 2048 ? standard[id] : other.get(messageKey(id, extended))),
    createOutput: () => createDecodeOutput(maxSignals),
  };
}

/** Signals in the order cantools walks them (stable by start bit); it decides which undefined selector is reported. */
function decodeOrder(message: DbcMessage): number[] {
  return message.signals
    .map((signal, index) => ({ signal, index }))
    .sort((a, b) => a.signal.start - b.signal.start || a.index - b.index)
    .map((e) => e.index);
}

interface Tree {
  roots: number[];
  children: Map<number, number[]>;
}

function muxTree(message: DbcMessage): Tree {
  const byName = new Map(message.signals.map((s, i) => [s.name, i]));
  const roots: number[] = [];
  const children = new Map<number, number[]>();
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

/** Groups a selector's children by value: [values, children present for those values][]. */
function muxCases(message: DbcMessage, kids: number[]): { values: number[]; members: number[] }[] {
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
function canBeWide(signal: DbcSignal): boolean {
  if (!signal.exactInteger || signal.valueType !== 'integer') return false;
  const maxRaw = 2 ** signal.length;
  return maxRaw * Math.abs(signal.scale) + Math.abs(signal.offset) > MAX_SAFE;
}

// ---------------------------------------------------------------------------------------------
// Generated code

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
function storeSource(signal: DbcSignal, i: number, options: CompileOptions): string {
  const parts = [rawSource(signal, i)];
  if (options.raw) parts.push(`R[${i}] = r${i};`);
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

function signalSource(message: DbcMessage, tree: Tree, i: number, guarded: boolean, options: CompileOptions): string {
  const signal = message.signals[i];
  let body = storeSource(signal, i, options);
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
      for (const k of kids) lines.push(`if (${inRanges(message.signals[k].multiplexerIds ?? [])}) ${signalSource(message, tree, k, guarded, options)}`);
      lines.push('}');
    } else if (allValues.length <= MAX_SWITCH_CASES) {
      lines.push(`switch (r${i}) {`);
      for (const c of cases) {
        lines.push(`${c.values.map((v) => `case ${lit(v)}:`).join(' ')} {`);
        for (const k of c.members) lines.push(signalSource(message, tree, k, guarded, options));
        lines.push('break; }');
      }
      lines.push(`default: ${error}`, '}');
    } else {
      // Wide SG_MUL_VAL_ ranges: test ranges rather than emit one case label per value.
      cases.forEach((c, n) => {
        lines.push(`${n === 0 ? '' : 'else '}if (${inRanges(c.values)}) {`);
        for (const k of c.members) lines.push(signalSource(message, tree, k, guarded, options));
        lines.push('}');
      });
      lines.push(`else { ${error} }`);
    }
    body += `\n${lines.join('\n')}`;
  }
  const block = `{ ${body} }`;
  return guarded ? `if (len >= ${signalBytesNeeded(signal)}) ${block}` : block;
}

function compileGenerated(message: DbcMessage, options: CompileOptions): CompiledMessage {
  const tree = muxTree(message);
  const fullNeed = Math.max(message.length, ...message.signals.map(signalBytesNeeded));
  const fast = tree.roots.map((i) => signalSource(message, tree, i, false, options)).join('\n');
  const guarded = tree.roots.map((i) => signalSource(message, tree, i, true, options)).join('\n');
  const source = [
    '"use strict";',
    'return function decode(d, o) {',
    'const v = o.values, a = o.active, w = o.wide, R = o.raw, len = d.length;',
    'let n = 0;',
    'if (o.wideDirty) { w.fill(null); o.wideDirty = false; }',
    'o.error = null;',
    `o.truncated = len < ${message.length};`,
    `if (len >= ${fullNeed}) {`,
    fast,
    '} else {',
    guarded,
    '}',
    'o.count = n;',
    '};',
  ].join('\n');
  // The source is built from numbers of the model only (names never enter it), so it is safe to compile.
  const factory = new Function('U32', 'F32', 'F64', source) as (
    u32: Uint32Array,
    f32: Float32Array,
    f64: Float64Array,
  ) => CompiledMessage['decode'];
  return { message, decode: factory(U32, F32, F64) };
}

// ---------------------------------------------------------------------------------------------
// Closures

type Extract = (d: Uint8Array) => number;

interface ClosureNode {
  index: number;
  need: number;
  /** Raw value as a double; for > 32-bit integers also sets hiLo. */
  raw: Extract;
  scale: number;
  offset: number;
  identity: boolean;
  wide: boolean;
  wideRaw: ((d: Uint8Array) => bigint) | null;
  cases: Map<number, ClosureNode[]> | null;
  errorPrefix: string;
}

function wordExtractor(segments: BitSegment[], from: number, to: number): Extract {
  const parts: { byte: number; inByte: number; mask: number; dest: number }[] = [];
  for (const seg of segments) {
    const lo = Math.max(seg.rawShift, from);
    const hi = Math.min(seg.rawShift + seg.width, to);
    if (lo >= hi) continue;
    parts.push({ byte: seg.byte, inByte: seg.shift + (lo - seg.rawShift), mask: (1 << (hi - lo)) - 1, dest: lo - from });
  }
  // Specialised for the common shapes: constants captured in locals, no loop.
  if (parts.length === 0) return () => 0;
  const [b0, s0, m0, t0] = [parts[0].byte, parts[0].inByte, parts[0].mask, parts[0].dest];
  if (parts.length === 1) return (d) => ((d[b0] >> s0) & m0) << t0;
  const [b1, s1, m1, t1] = [parts[1].byte, parts[1].inByte, parts[1].mask, parts[1].dest];
  if (parts.length === 2) return (d) => (((d[b0] >> s0) & m0) << t0) | (((d[b1] >> s1) & m1) << t1);
  const [b2, s2, m2, t2] = [parts[2].byte, parts[2].inByte, parts[2].mask, parts[2].dest];
  if (parts.length === 3) {
    return (d) => (((d[b0] >> s0) & m0) << t0) | (((d[b1] >> s1) & m1) << t1) | (((d[b2] >> s2) & m2) << t2);
  }
  return (d) => {
    let x = 0;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k];
      x |= ((d[p.byte] >> p.inByte) & p.mask) << p.dest;
    }
    return x;
  };
}

function rawExtractor(signal: DbcSignal): { raw: Extract; wideRaw: ((d: Uint8Array) => bigint) | null } {
  const segments = signalSegments(signal);
  const len = signal.length;
  const lo = wordExtractor(segments, 0, Math.min(32, len));
  if (signal.valueType === 'float32') {
    return {
      raw: (d) => {
        U32[0] = lo(d);
        return F32[0];
      },
      wideRaw: null,
    };
  }
  const hiWord = wordExtractor(segments, 32, 64);
  if (signal.valueType === 'float64') {
    return {
      raw: (d) => {
        U32[LO] = lo(d);
        U32[HI] = hiWord(d);
        return F64[0];
      },
      wideRaw: null,
    };
  }
  if (len <= 32) {
    const sh = 32 - len;
    if (signal.signed) return { raw: (d) => (lo(d) << sh) >> sh, wideRaw: null };
    // Below 32 bits the assembled word is already non-negative.
    return { raw: len < 32 ? lo : (d) => lo(d) >>> 0, wideRaw: null };
  }
  const hiBits = len - 32;
  const sh = 32 - hiBits;
  const hiOf = signal.signed ? (d: Uint8Array) => (hiWord(d) << sh) >> sh : (d: Uint8Array) => (hiWord(d) << sh) >>> sh;
  return {
    raw: (d) => hiOf(d) * TWO32 + (lo(d) >>> 0),
    wideRaw: (d) => BigInt(hiOf(d)) * 4294967296n + BigInt(lo(d) >>> 0),
  };
}

/** One node per signal, shared by every value group it belongs to (memo), so nothing is built twice. */
function closureNode(message: DbcMessage, tree: Tree, i: number, memo = new Map<number, ClosureNode>()): ClosureNode {
  const known = memo.get(i);
  if (known) return known;
  const signal = message.signals[i];
  const { raw, wideRaw } = rawExtractor(signal);
  const kids = tree.children.get(i);
  let cases: Map<number, ClosureNode[]> | null = null;
  let errorPrefix = '';
  if (kids && kids.length > 0) {
    cases = new Map();
    const groups = muxCases(message, kids);
    for (const g of groups) {
      const nodes = g.members.map((k) => closureNode(message, tree, k, memo));
      for (const v of g.values) cases.set(v, nodes);
    }
    errorPrefix = muxErrorPrefix(groups.flatMap((g) => g.values));
  }
  const node: ClosureNode = {
    index: i,
    need: signalBytesNeeded(signal),
    raw,
    scale: signal.scale,
    offset: signal.offset,
    identity: signal.scale === 1 && signal.offset === 0,
    wide: canBeWide(signal),
    wideRaw,
    cases,
    errorPrefix,
  };
  memo.set(i, node);
  return node;
}

type Step = (d: Uint8Array, o: DecodeOutput) => void;

function compileClosures(message: DbcMessage, options: CompileOptions): CompiledMessage {
  const tree = muxTree(message);
  const storeRaw = options.raw === true;
  const steps = new Map<ClosureNode, Step>();
  const stepsOf = (nodes: ClosureNode[]): Step[] =>
    nodes.map((node) => {
      let step = steps.get(node);
      if (!step) steps.set(node, (step = stepOf(node)));
      return step;
    });
  const runAll = (steps: Step[], d: Uint8Array, o: DecodeOutput): void => {
    for (let k = 0; k < steps.length; k++) steps[k](d, o);
  };

  function stepOf(node: ClosureNode): Step {
    const { index: i, need, raw, scale, offset } = node;
    // The plain cases (no selector, no BigInt, no raw copy) get a closure with nothing to test.
    if (!node.cases && !node.wide && !storeRaw) {
      if (node.identity) {
        return (d, o) => {
          if (d.length < need) return;
          o.values[i] = raw(d);
          o.active[o.count++] = i;
        };
      }
      return (d, o) => {
        if (d.length < need) return;
        o.values[i] = raw(d) * scale + offset;
        o.active[o.count++] = i;
      };
    }
    const cases = new Map<number, Step[]>();
    for (const [value, nodes] of node.cases ?? []) cases.set(value, stepsOf(nodes));
    const bigScale = BigInt(node.wide ? scale : 0);
    const bigOffset = BigInt(node.wide ? offset : 0);
    return (d, o) => {
      if (d.length < need) return;
      const r = raw(d);
      if (storeRaw) o.raw[i] = r;
      let p = node.identity ? r : r * scale + offset;
      if (node.wide && !(Math.abs(r) <= MAX_SAFE && Math.abs(r * scale) < 2 ** 53 && Math.abs(p) <= MAX_SAFE)) {
        const P = (node.wideRaw ? node.wideRaw(d) : BigInt(r)) * bigScale + bigOffset;
        p = Number(P);
        if (P > BigInt(MAX_SAFE) || P < -BigInt(MAX_SAFE)) {
          o.wide[i] = P;
          o.wideDirty = true;
        }
      }
      o.values[i] = p;
      o.active[o.count++] = i;
      if (node.cases) {
        const next = cases.get(r);
        if (next) runAll(next, d, o);
        else if (o.error === null) o.error = node.errorPrefix + r;
      }
    };
  }

  const roots = stepsOf(tree.roots.map((i) => closureNode(message, tree, i)));
  return {
    message,
    decode(d, o) {
      if (o.wideDirty) {
        o.wide.fill(null);
        o.wideDirty = false;
      }
      o.error = null;
      o.count = 0;
      o.truncated = d.length < message.length;
      runAll(roots, d, o);
    },
  };
}
