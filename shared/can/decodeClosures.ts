// Compiles one message into a decoder composed of prebuilt closures: no code generation (strict CSP) and no source size to outgrow.
import type { DbcMessage, DbcSignal } from './dbcModel';
import type { DecodeOutput } from './decodeOutput';
import { canBeWide, F32, F64, HI, LO, MAX_SAFE, muxCases, muxErrorPrefix, muxTree, TWO32, U32, type Tree } from './decodePlan';
import type { DecodeFunction } from './decodeGenerated';
import { signalBytesNeeded, signalSegments, type BitSegment } from './signalBits';

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

/** The message's decoder built from closures; one node per signal however many value groups share it. */
export function closureDecoder(message: DbcMessage, raw: boolean): DecodeFunction {
  const tree = muxTree(message);
  const storeRaw = raw;
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
  return (d, o) => {
    if (o.wideDirty) {
      o.wide.fill(null);
      o.wideDirty = false;
    }
    o.error = null;
    o.count = 0;
    o.truncated = d.length < message.length;
    runAll(roots, d, o);
  };
}
