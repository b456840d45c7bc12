// Loads and validates a vehicle's DBC↔VSS mapping file (KUKSA dbc2vss/vss2dbc style) against a parsed DBC, with located errors.
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { z } from 'zod';
import type { DbcDatabase, DbcDiagnostic, DbcMessage, DbcSignal } from '../can/dbcModel';
import { vssSignal, type VssSignal } from './catalog';
import { checkVssValue, isIntegerType, INTEGER_RANGES, type VssValue } from './vssValue';
import { compileExpression, ExpressionError, parseExpression, usesX } from './expression';

export type MappingDiagnostic = DbcDiagnostic;

/** A compiled transform, DBC → VSS or VSS → DBC. */
export type Transform =
  | { kind: 'identity' }
  | { kind: 'math'; source: string; fn: (x: number) => number }
  /**
   * Value table. Keys are normalised at load: for dbc2vss a DBC physical value (VAL_ texts are
   * turned into the physical value of their raw value); for vss2dbc the VSS value.
   * A target of null means "known, but no value" (e.g. a signal's SNA code): nothing is emitted.
   */
  | { kind: 'mapping'; table: Map<VssValue, VssValue | null> };

export interface Dbc2VssRule {
  path: string;
  vss: VssSignal;
  message: DbcMessage;
  signal: DbcSignal;
  /** Minimum time between two updates of this path; 0 = every frame. */
  intervalMs: number;
  /** Emit only when the value differs from the last one emitted. */
  onChange: boolean;
  /** No frame carrying the signal for this long makes the path stale. */
  staleAfterMs: number;
  transform: Transform;
  /** For string paths with no mapping: VAL_ text by physical value. */
  choices: Map<number, string> | null;
}

export interface Vss2DbcRule {
  path: string;
  vss: VssSignal;
  message: DbcMessage;
  signal: DbcSignal;
  transform: Transform;
  /** VAL_ physical value by text, to accept texts as mapping targets and identity string writes. */
  choiceValues: Map<string, number> | null;
}

export interface VehicleMapping {
  file: string;
  vehicle: string | null;
  dbc2vss: Dbc2VssRule[];
  vss2dbc: Map<string, Vss2DbcRule>;
  /** Names of the messages the write path may send (the writable-message allowlist). */
  writable: Set<string>;
}

export interface MappingLoadResult {
  mapping: VehicleMapping;
  errors: MappingDiagnostic[];
  warnings: MappingDiagnostic[];
}

/** Without GenMsgCycleTime a signal is stale after this long (issue 3: default 1 s). */
export const DEFAULT_STALE_MS = 1000;
/** Cyclic messages are stale after this many missed cycles... */
export const STALE_CYCLES = 3;
/** ...but never sooner than this, so gateway batching and scheduler jitter do not flap fast signals. */
export const MIN_STALE_MS = 500;

export function staleTimeoutFor(message: DbcMessage): number {
  return message.cycleTimeMs ? Math.max(STALE_CYCLES * message.cycleTimeMs, MIN_STALE_MS) : DEFAULT_STALE_MS;
}

const scalar = z.union([z.number(), z.string(), z.boolean()]);
const transformSchema = z
  .object({
    mapping: z
      .array(z.object({ from: scalar, to: z.union([scalar, z.null()]) }).strict())
      .min(1)
      .optional(),
    math: z.string().min(1).optional(),
  })
  .strict();
const dbc2vssSchema = z
  .object({
    signal: z.string().min(1),
    interval_ms: z.number().int().min(0).optional(),
    on_change: z.boolean().optional(),
    stale_after_ms: z.number().int().positive().optional(),
    transform: transformSchema.optional(),
  })
  .strict();
const vss2dbcSchema = z.object({ signal: z.string().min(1), transform: transformSchema.optional() }).strict();
const entrySchema = z.object({ dbc2vss: dbc2vssSchema.optional(), vss2dbc: vss2dbcSchema.optional() }).strict();
const fileSchema = z
  .object({
    version: z.literal(1),
    vehicle: z.string().optional(),
    description: z.string().optional(),
    writable: z.array(z.string()).optional(),
    signals: z.record(z.string(), z.unknown()),
  })
  .strict();

type TransformSpec = z.infer<typeof transformSchema>;
type Path = (string | number)[];

/**
 * Parses and validates `text` (the mapping file `fileName`) against `db`. Never throws on user
 * input: every problem is a `file:line:col` diagnostic, and each bad entry is dropped while the
 * valid rest is kept, so one typo does not blank the whole dashboard.
 */
export function loadMapping(text: string, fileName: string, db: DbcDatabase): MappingLoadResult {
  const lineCounter = new LineCounter();
  const errors: MappingDiagnostic[] = [];
  const warnings: MappingDiagnostic[] = [];
  const mapping: VehicleMapping = { file: fileName, vehicle: null, dbc2vss: [], vss2dbc: new Map(), writable: new Set() };

  const at = (offset: number | undefined, message: string, list = errors): void => {
    const pos = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
    list.push({ file: fileName, line: pos.line, column: pos.col, message });
  };

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    at(0, `cannot read YAML: ${(e as Error).message}`);
    return { mapping, errors, warnings };
  }
  for (const e of doc.errors) at(e.pos[0], yamlMessage(e.message));
  for (const w of doc.warnings) at(w.pos[0], yamlMessage(w.message), warnings);
  if (doc.errors.length > 0) return { mapping, errors, warnings };

  const nodeAt = (path: Path): YamlNode | undefined => {
    let node: unknown = doc.contents;
    for (const key of path) {
      if (!node || typeof node !== 'object' || !('get' in node)) return undefined;
      const next = (node as { get(k: unknown, keepScalar: boolean): unknown }).get(key, true);
      if (next === undefined) return node as YamlNode;
      node = next;
    }
    return node as YamlNode;
  };
  const keyAt = (path: Path, key: string): YamlNode | undefined => {
    const parent = nodeAt(path);
    if (!isMap(parent)) return parent;
    const pair = parent.items.find((p: Pair) => isScalar(p.key) && p.key.value === key);
    return (pair?.key as YamlNode | undefined) ?? parent;
  };
  const offsetOf = (node: YamlNode | undefined): number | undefined => node?.range?.[0];
  const reportZod = (base: Path, issues: z.core.$ZodIssue[]): void => {
    for (const issue of issues) {
      const path = [...base, ...(issue.path as Path)];
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) at(offsetOf(keyAt(path, k)), `unknown key "${k}" in ${where(path)}`);
      } else {
        at(offsetOf(nodeAt(path)), `${where(path)}: ${issue.message}`);
      }
    }
  };

  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // An alias bomb or a circular alias: refuse the file rather than expand it.
    at(0, `cannot read YAML: ${(e as Error).message}`);
    return { mapping, errors, warnings };
  }
  const top = fileSchema.safeParse(root);
  if (!top.success) {
    reportZod([], top.error.issues);
    // Keep going with whatever signal entries there are: the valid rest still loads.
    if (!root || typeof root !== 'object' || typeof (root as { signals?: unknown }).signals !== 'object') {
      return { mapping, errors, warnings };
    }
  }
  const file = (top.success ? top.data : root) as z.infer<typeof fileSchema>;
  mapping.vehicle = typeof file.vehicle === 'string' ? file.vehicle : null;

  const messagesByName = new Map(db.messages.map((m) => [m.name, m]));
  if (Array.isArray(file.writable)) {
    file.writable.forEach((name, i) => {
      if (typeof name !== 'string') return;
      if (messagesByName.has(name)) mapping.writable.add(name);
      else at(offsetOf(nodeAt(['writable', i])), `unknown DBC message "${name}" in writable list`);
    });
  }

  const signalIndex = new Map<string, { message: DbcMessage; signal: DbcSignal }[]>();
  for (const message of db.messages) {
    for (const signal of message.signals) {
      const list = signalIndex.get(signal.name);
      if (list) list.push({ message, signal });
      else signalIndex.set(signal.name, [{ message, signal }]);
    }
  }
  const resolveSignal = (ref: string, path: Path): { message: DbcMessage; signal: DbcSignal } | null => {
    const node = offsetOf(nodeAt(path));
    const dot = ref.indexOf('.');
    if (dot >= 0) {
      const message = messagesByName.get(ref.slice(0, dot));
      const signal = message?.signals.find((s) => s.name === ref.slice(dot + 1));
      if (!message) at(node, `unknown DBC message "${ref.slice(0, dot)}" in signal "${ref}" (${db.file})`);
      else if (!signal) at(node, `unknown DBC signal "${ref.slice(dot + 1)}" in message ${message.name} (${db.file})`);
      return message && signal ? { message, signal } : null;
    }
    const found = signalIndex.get(ref);
    if (!found) {
      at(node, `unknown DBC signal "${ref}" (not in ${db.file})`);
      return null;
    }
    if (found.length > 1) {
      at(node, `DBC signal "${ref}" is ambiguous: it is in ${found.map((f) => f.message.name).join(', ')}; write MESSAGE.${ref}`);
      return null;
    }
    return found[0];
  };

  const entries = file.signals && typeof file.signals === 'object' ? Object.entries(file.signals) : [];
  for (const [path, rawEntry] of entries) {
    const base: Path = ['signals', path];
    const vss = vssSignal(path);
    if (!vss) {
      at(offsetOf(keyAt(['signals'], path)), `unknown VSS path "${path}" (not in Cabin's VSS catalog)`);
      continue;
    }
    const parsed = entrySchema.safeParse(rawEntry);
    if (!parsed.success) {
      reportZod(base, parsed.error.issues);
      continue;
    }
    const entry = parsed.data;
    if (!entry.dbc2vss && !entry.vss2dbc) {
      at(offsetOf(keyAt(['signals'], path)), `${path} needs dbc2vss, vss2dbc or both`);
      continue;
    }
    const ctx = { at, warn: (o: number | undefined, m: string) => at(o, m, warnings), nodeAt, offsetOf, keyAt };

    if (entry.dbc2vss) {
      const spec = entry.dbc2vss;
      const sp: Path = [...base, 'dbc2vss'];
      const resolved = resolveSignal(spec.signal, [...sp, 'signal']);
      if (resolved) {
        const rule = buildDbc2Vss(path, vss, resolved.message, resolved.signal, spec, sp, ctx);
        if (rule) mapping.dbc2vss.push(rule);
      }
    }
    if (entry.vss2dbc) {
      const spec = entry.vss2dbc;
      const sp: Path = [...base, 'vss2dbc'];
      if (vss.kind !== 'actuator') {
        at(offsetOf(keyAt(base, 'vss2dbc')), `${path} is a VSS ${vss.kind}: only actuators can be written (vss2dbc)`);
        continue;
      }
      const resolved = resolveSignal(spec.signal, [...sp, 'signal']);
      if (!resolved) continue;
      if (!mapping.writable.has(resolved.message.name)) {
        at(
          offsetOf(nodeAt([...sp, 'signal'])),
          `vss2dbc signal ${resolved.signal.name} is in message ${resolved.message.name}, which is not in the writable list`,
        );
        continue;
      }
      const rule = buildVss2Dbc(path, vss, resolved.message, resolved.signal, spec.transform, sp, ctx);
      if (rule) mapping.vss2dbc.set(path, rule);
    }
  }
  return { mapping, errors, warnings };
}

interface Ctx {
  at(offset: number | undefined, message: string): void;
  warn(offset: number | undefined, message: string): void;
  nodeAt(path: Path): YamlNode | undefined;
  offsetOf(node: YamlNode | undefined): number | undefined;
  keyAt(path: Path, key: string): YamlNode | undefined;
}

const physical = (s: DbcSignal, raw: number): number => raw * s.scale + s.offset;

function buildDbc2Vss(
  path: string,
  vss: VssSignal,
  message: DbcMessage,
  signal: DbcSignal,
  spec: z.infer<typeof dbc2vssSchema>,
  sp: Path,
  ctx: Ctx,
): Dbc2VssRule | null {
  const transform = compileTransform(spec.transform, [...sp, 'transform'], ctx, 'dbc2vss', vss, signal);
  if (!transform) return null;
  const sigNode = ctx.offsetOf(ctx.nodeAt([...sp, 'signal']));
  const desc = `${message.name}.${signal.name}`;
  let choices: Map<number, string> | null = null;

  if (transform.kind === 'identity') {
    if (vss.datatype === 'string') {
      if (!signal.choices) {
        ctx.at(sigNode, `type mismatch: ${path} is a VSS string but ${desc} is numeric with no VAL_ texts; add a transform mapping`);
        return null;
      }
      choices = new Map();
      let bad = false;
      for (const [raw, text] of signal.choices) {
        if (vss.allowed && !vss.allowed.includes(text)) {
          ctx.at(
            sigNode,
            `unmapped enum value: VAL_ ${raw} "${text}" of ${desc} is not an allowed value of ${path} (allowed: ${vss.allowed.join(', ')}); add a transform mapping`,
          );
          bad = true;
        }
        choices.set(physical(signal, raw), text);
      }
      if (bad) return null;
    } else if (vss.datatype === 'boolean' && signal.length !== 1) {
      ctx.at(sigNode, `type mismatch: ${path} is a VSS boolean but ${desc} is ${signal.length} bits wide; add a transform mapping`);
      return null;
    }
  }
  if (transform.kind === 'mapping') {
    // Each VAL_ value of the source must be covered: an unmapped code would silently vanish at run time.
    if (signal.choices) {
      for (const [raw, text] of signal.choices) {
        if (!transform.table.has(physical(signal, raw))) {
          ctx.at(
            ctx.offsetOf(ctx.nodeAt([...sp, 'transform', 'mapping'])),
            `unmapped enum value: VAL_ ${raw} "${text}" of ${desc} has no entry in the mapping (map it, or map it to null to ignore it)`,
          );
          return null;
        }
      }
    }
  }
  if (transform.kind === 'math' && (vss.datatype === 'string')) {
    ctx.at(ctx.offsetOf(ctx.nodeAt([...sp, 'transform', 'math'])), `type mismatch: ${path} is a VSS string; a math transform gives a number`);
    return null;
  }
  if (transform.kind !== 'mapping' && isIntegerType(vss.datatype)) {
    const range = INTEGER_RANGES[vss.datatype];
    if (signal.valueType !== 'integer' || !Number.isInteger(signal.scale) || !Number.isInteger(signal.offset)) {
      if (transform.kind === 'identity') {
        ctx.warn(sigNode, `${path} is ${vss.datatype} but ${desc} has fractional values; they will be rounded`);
      }
    }
    if (transform.kind === 'identity' && signal.minimum !== null && signal.maximum !== null) {
      if (signal.minimum < range[0] || signal.maximum > range[1]) {
        ctx.warn(sigNode, `${desc} range [${signal.minimum}|${signal.maximum}] exceeds ${vss.datatype} range of ${path}; values outside are dropped`);
      }
    }
  }
  const staleAfterMs = spec.stale_after_ms ?? staleTimeoutFor(message);
  if (spec.interval_ms !== undefined && spec.interval_ms >= staleAfterMs / 2) {
    ctx.warn(
      ctx.offsetOf(ctx.nodeAt([...sp, 'interval_ms'])),
      `interval_ms ${spec.interval_ms} is not below half the staleness timeout (${staleAfterMs} ms): ${path} will flicker stale`,
    );
  }
  return {
    path,
    vss,
    message,
    signal,
    intervalMs: spec.interval_ms ?? 0,
    onChange: spec.on_change ?? false,
    staleAfterMs,
    transform,
    choices,
  };
}

function buildVss2Dbc(
  path: string,
  vss: VssSignal,
  message: DbcMessage,
  signal: DbcSignal,
  spec: TransformSpec | undefined,
  sp: Path,
  ctx: Ctx,
): Vss2DbcRule | null {
  const transform = compileTransform(spec, [...sp, 'transform'], ctx, 'vss2dbc', vss, signal);
  if (!transform) return null;
  const choiceValues = signal.choices ? new Map([...signal.choices].map(([raw, t]) => [t, physical(signal, raw)])) : null;
  const sigNode = ctx.offsetOf(ctx.nodeAt([...sp, 'signal']));
  const desc = `${message.name}.${signal.name}`;
  if (transform.kind === 'identity' && vss.datatype === 'string') {
    if (!choiceValues) {
      ctx.at(sigNode, `type mismatch: ${path} is a VSS string but ${desc} has no VAL_ texts; add a transform mapping`);
      return null;
    }
    const missing = (vss.allowed ?? []).filter((v) => !choiceValues.has(v));
    if (missing.length > 0) {
      ctx.warn(sigNode, `${desc} has no VAL_ text for ${missing.join(', ')} of ${path}; writing those is refused`);
    }
  }
  if (transform.kind === 'math' && vss.datatype === 'string') {
    ctx.at(ctx.offsetOf(ctx.nodeAt([...sp, 'transform', 'math'])), `type mismatch: ${path} is a VSS string; a math transform needs a number`);
    return null;
  }
  if (transform.kind === 'mapping' && vss.allowed) {
    const missing = vss.allowed.filter((v) => !transform.table.has(v));
    if (missing.length > 0) {
      ctx.warn(ctx.offsetOf(ctx.nodeAt([...sp, 'transform', 'mapping'])), `no mapping for ${missing.join(', ')} of ${path}; writing those is refused`);
    }
  }
  return { path, vss, message, signal, transform, choiceValues };
}

function compileTransform(
  spec: TransformSpec | undefined,
  tp: Path,
  ctx: Ctx,
  direction: 'dbc2vss' | 'vss2dbc',
  vss: VssSignal,
  signal: DbcSignal,
): Transform | null {
  if (!spec) return { kind: 'identity' };
  const hasMap = spec.mapping !== undefined;
  const hasMath = spec.math !== undefined;
  if (hasMap === hasMath) {
    ctx.at(ctx.offsetOf(ctx.nodeAt(tp)), `transform needs exactly one of "mapping" or "math"`);
    return null;
  }
  if (hasMath) {
    const source = spec.math!;
    try {
      const expr = parseExpression(source);
      if (!usesX(expr)) ctx.warn(ctx.offsetOf(ctx.nodeAt([...tp, 'math'])), `math transform "${source}" does not use x: it is a constant`);
      return { kind: 'math', source, fn: compileExpression(expr) };
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      const node = ctx.nodeAt([...tp, 'math']);
      ctx.at(expressionOffset(node, e.offset, ctx), `syntax error in math transform: ${e.message}`);
      return null;
    }
  }
  const choiceValues = signal.choices ? new Map([...signal.choices].map(([raw, t]) => [t, physical(signal, raw)])) : null;
  const table = new Map<VssValue, VssValue | null>();
  let ok = true;
  spec.mapping!.forEach((pair, i) => {
    const fromNode = ctx.offsetOf(ctx.nodeAt([...tp, 'mapping', i, 'from']));
    const toNode = ctx.offsetOf(ctx.nodeAt([...tp, 'mapping', i, 'to']));
    // The DBC side of a pair is a physical number or a VAL_ text of the signal.
    const dbcSide = (value: VssValue | null, offset: number | undefined): number | null => {
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && choiceValues?.has(value)) return choiceValues.get(value)!;
      if (typeof value === 'boolean') return value ? 1 : 0;
      ctx.at(
        offset,
        typeof value === 'string'
          ? `unmapped enum value: "${value}" is not a VAL_ text of DBC signal ${signal.name}${choiceValues ? ` (texts: ${[...choiceValues.keys()].join(', ')})` : ' (it has none)'}`
          : `the DBC side of a mapping must be a number or a VAL_ text`,
      );
      return null;
    };
    const vssSide = (value: VssValue | null, offset: number | undefined, nullable: boolean): boolean => {
      if (value === null) {
        if (nullable) return true;
        ctx.at(offset, `null is only allowed as a dbc2vss target (meaning: ignore this value)`);
        return false;
      }
      const problem = checkVssValue(vss, value);
      if (problem) {
        const enumProblem = typeof value === 'string' && vss.allowed;
        ctx.at(offset, `${enumProblem ? 'unmapped enum value' : 'type mismatch'}: ${problem}`);
        return false;
      }
      return true;
    };
    if (direction === 'dbc2vss') {
      const key = dbcSide(pair.from, fromNode);
      const good = vssSide(pair.to, toNode, true);
      if (key === null || !good) ok = false;
      else table.set(key, pair.to);
    } else {
      const good = vssSide(pair.from, fromNode, false);
      const value = pair.to === null ? null : dbcSide(pair.to, toNode);
      if (pair.to === null) ctx.at(toNode, `a vss2dbc mapping target cannot be null`);
      if (!good || value === null) ok = false;
      else table.set(pair.from, value);
    }
  });
  return ok ? { kind: 'mapping', table } : null;
}

/** Maps an offset inside the expression text to an offset in the file (exact for plain and quoted-without-escapes scalars). */
function expressionOffset(node: YamlNode | undefined, exprOffset: number, ctx: Ctx): number | undefined {
  const start = ctx.offsetOf(node);
  if (start === undefined || !isScalar(node)) return start;
  if (node.type === 'PLAIN') return start + exprOffset;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return start + 1 + exprOffset;
  return start;
}

function where(path: Path): string {
  if (path.length === 0) return 'the mapping file';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('')
    .replace(/^signals\./, 'signals › ');
}

function yamlMessage(message: string): string {
  const cut = message.indexOf(' at line ');
  return `YAML: ${(cut >= 0 ? message.slice(0, cut) : message.split('\n')[0]).trim()}`;
}
