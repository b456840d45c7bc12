// Runs a loaded mapping: decoded DBC signals → throttled VSS updates with staleness, and VSS actuator targets → DBC signal values to encode.
import { messageKey, type DbcMessage, type DbcSignal } from '../can/dbcModel';
import type { DecodeOutput } from '../can/decodeOutput';
import { checkVssValue, INTEGER_RANGES, isIntegerType, type VssValue } from './vssValue';
import type { Dbc2VssRule, VehicleMapping, Vss2DbcRule } from './mapping';
import type { Result } from '../result';

/** One VSS value for the store; `t` is the receive time in ms of the frame it came from. */
export interface VssUpdate {
  path: string;
  value: VssValue;
  t: number;
  /** How long after `t` the value counts as stale (the store keeps it beside the value). */
  staleAfterMs: number;
}

/** Physical values of one decoded frame by signal name; absent = not in this frame (mux, truncation). */
export type DecodedSignals = { readonly [signal: string]: number | bigint | undefined };

export interface DbcToVssCounters {
  /** Values with no entry in a mapping table (e.g. an undocumented gear code). */
  unmapped: number;
  /** Transform results that were NaN/±Infinity, or integers outside the VSS datatype. */
  invalid: number;
}

export interface DbcToVss {
  /** Message keys (`messageKey(id, extended)`) the mapping reads: what the gateway client subscribes to. */
  readonly messageKeys: readonly number[];
  /**
   * Feeds one decoded frame; pushes the resulting updates to `out` and returns how many.
   * Hot path: no allocation besides the pushed updates.
   */
  onMessage(key: number, values: DecodedSignals, tMs: number, out: VssUpdate[]): number;
  /**
   * Same as onMessage, reading straight from the compiled decoder's reused output (the hot path:
   * no per-frame objects). `key` is `messageKey(id, extended)` of the decoded message.
   */
  onDecoded(key: number, decoded: DecodeOutput, tMs: number, out: VssUpdate[]): number;
  /** Paths that went stale since the last call (no frame for their timeout); each is reported once per outage. */
  takeNewlyStale(nowMs: number): string[];
  isStale(path: string, nowMs: number): boolean;
  /**
   * Forgets every signal's throttle and change detection: the source started again (a new gateway
   * connection, a replay's loop), so the next value of every signal goes out at once.
   */
  reset(): void;
  /** The staleness timeout of a mapped path, in ms. */
  staleAfterMs(path: string): number | undefined;
  /** Mapped path → "MESSAGE.SIGNAL" it comes from (for the signal inspector). */
  sourceOf(path: string): string | undefined;
  readonly counters: DbcToVssCounters;
}

interface RuleState {
  rule: Dbc2VssRule;
  convert: (x: number) => VssValue | null | undefined;
  lastSeen: number;
  lastEmitAt: number;
  lastValue: VssValue | undefined;
  /** on_change still re-emits an unchanged value this often, so it never looks stale downstream. */
  refreshMs: number;
  /** True between a timeout and the next frame: recovery must emit even an unchanged value. */
  stale: boolean;
  seen: boolean;
}

const UNMAPPED = undefined;

export function createDbcToVss(mapping: VehicleMapping): DbcToVss {
  const counters: DbcToVssCounters = { unmapped: 0, invalid: 0 };
  const byKey = new Map<number, RuleState[]>();
  const byPath = new Map<string, RuleState>();
  for (const rule of mapping.dbc2vss) {
    const state: RuleState = {
      rule,
      convert: converter(rule, counters),
      lastSeen: -Infinity,
      lastEmitAt: -Infinity,
      lastValue: undefined,
      refreshMs: rule.staleAfterMs / 2,
      stale: false,
      seen: false,
    };
    const key = messageKey(rule.message.id, rule.message.extended);
    const list = byKey.get(key);
    if (list) list.push(state);
    else byKey.set(key, [state]);
    byPath.set(rule.path, state);
  }
  const states = [...byPath.values()];
  // Per message: rule states by signal index, for reading the decoder's indexed output directly.
  interface MessageRules {
    bySignal: (RuleState[] | undefined)[];
    /** Rules and their signal indexes, for frames where every signal is present (no mux, not truncated). */
    states: RuleState[];
    indexes: number[];
    multiplexed: boolean;
  }
  const byKeyIndex = new Map<number, MessageRules>();
  // 11-bit ids (nearly all traffic) get a dense table: no hashing per frame.
  const standard: (MessageRules | undefined)[] = new Array(2048).fill(undefined);
  for (const [key, list] of byKey) {
    const message = list[0].rule.message;
    const rules: MessageRules = {
      bySignal: new Array(message.signals.length).fill(undefined),
      states: list,
      indexes: list.map((st) => message.signals.indexOf(st.rule.signal)),
      multiplexed: message.multiplexed,
    };
    list.forEach((st, i) => (rules.bySignal[rules.indexes[i]] ??= []).push(st));
    byKeyIndex.set(key, rules);
    if (key < 2048) standard[key] = rules;
  }

  /** One signal value of one frame through throttle, transform and change detection; true if emitted. */
  const step = (s: RuleState, raw: number | bigint, tMs: number, out: VssUpdate[]): boolean => {
    s.lastSeen = tMs;
    s.seen = true;
    if (s.stale) {
      s.stale = false;
      s.lastValue = undefined;
      s.lastEmitAt = -Infinity;
    }
    if (s.rule.intervalMs > 0 && tMs - s.lastEmitAt < s.rule.intervalMs) return false;
    const value = s.convert(typeof raw === 'bigint' ? Number(raw) : raw);
    if (value === undefined || value === null) return false;
    // An unchanged value is still re-sent every half timeout: the store judges freshness by the
    // time of the last update, so pure on_change would make a steady gear look stale.
    if (s.rule.onChange && value === s.lastValue && tMs - s.lastEmitAt < s.refreshMs) return false;
    s.lastValue = value;
    s.lastEmitAt = tMs;
    out.push({ path: s.rule.path, value, t: tMs, staleAfterMs: s.rule.staleAfterMs });
    return true;
  };

  return {
    messageKeys: [...byKey.keys()],
    counters,
    onMessage(key, values, tMs, out) {
      const list = byKey.get(key);
      if (list === undefined) return 0;
      let n = 0;
      for (let i = 0; i < list.length; i++) {
        const raw = values[list[i].rule.signal.name];
        if (raw !== undefined && step(list[i], raw, tMs, out)) n++;
      }
      return n;
    },
    onDecoded(key, decoded, tMs, out) {
      const m = key < 2048 ? standard[key] : byKeyIndex.get(key);
      if (m === undefined) return 0;
      let n = 0;
      if (!m.multiplexed && !decoded.truncated) {
        const { states: list, indexes } = m;
        for (let r = 0; r < list.length; r++) {
          const index = indexes[r];
          const raw = decoded.wideDirty ? (decoded.wide[index] ?? decoded.values[index]) : decoded.values[index];
          if (step(list[r], raw, tMs, out)) n++;
        }
        return n;
      }
      for (let k = 0; k < decoded.count; k++) {
        const index = decoded.active[k];
        const rules = m.bySignal[index];
        if (rules === undefined) continue;
        const raw = decoded.wide[index] ?? decoded.values[index];
        for (let r = 0; r < rules.length; r++) if (step(rules[r], raw, tMs, out)) n++;
      }
      return n;
    },
    takeNewlyStale(nowMs) {
      const gone: string[] = [];
      for (const s of states) {
        if (s.seen && !s.stale && nowMs - s.lastSeen > s.rule.staleAfterMs) {
          s.stale = true;
          gone.push(s.rule.path);
        }
      }
      return gone;
    },
    isStale(path, nowMs) {
      const s = byPath.get(path);
      return !s || !s.seen || nowMs - s.lastSeen > s.rule.staleAfterMs;
    },
    reset() {
      for (const s of states) {
        s.lastSeen = -Infinity;
        s.lastEmitAt = -Infinity;
        s.lastValue = undefined;
        s.stale = false;
        s.seen = false;
      }
    },
    staleAfterMs: (path) => byPath.get(path)?.rule.staleAfterMs,
    sourceOf(path) {
      const s = byPath.get(path);
      return s && `${s.rule.message.name}.${s.rule.signal.name}`;
    },
  };
}

/** Builds the per-rule value conversion once, so the frame loop only calls a closure. */
function converter(rule: Dbc2VssRule, counters: DbcToVssCounters): (x: number) => VssValue | null | undefined {
  const { vss, transform } = rule;
  const finish = (y: number): VssValue | undefined => {
    if (vss.datatype === 'boolean') return y !== 0;
    if (!Number.isFinite(y)) {
      counters.invalid++;
      return UNMAPPED;
    }
    if (isIntegerType(vss.datatype)) {
      const r = Math.round(y);
      const [lo, hi] = INTEGER_RANGES[vss.datatype];
      if (r < lo || r > hi) {
        counters.invalid++;
        return UNMAPPED;
      }
      return r;
    }
    return y;
  };
  switch (transform.kind) {
    case 'mapping': {
      const table = transform.table;
      return (x) => {
        const v = table.get(x);
        if (v === undefined) counters.unmapped++;
        return v;
      };
    }
    case 'math': {
      const fn = transform.fn;
      return (x) => finish(fn(x));
    }
    case 'identity': {
      if (vss.datatype === 'string') {
        const choices = rule.choices!;
        return (x) => {
          const v = choices.get(x);
          if (v === undefined) counters.unmapped++;
          return v;
        };
      }
      return finish;
    }
  }
}

/** What the write path hands the encoder: one message with a physical value for every signal. */
export interface DbcWrite {
  message: DbcMessage;
  signals: Record<string, number>;
}

export type VssToDbcResult = Result<DbcWrite>;

export interface VssToDbc {
  /** VSS actuator paths this vehicle can write. */
  readonly writablePaths: readonly string[];
  /** One actuator target → the command message to send; refused with a reason, never thrown. */
  encode(path: string, value: unknown): VssToDbcResult;
  /** Several targets at once, merged per command message. Fails as a whole if any target is refused. */
  encodeMany(targets: Record<string, unknown>): Result<DbcWrite[]>;
  /**
   * Like encodeMany, but each message carries only the signals the targets set; `idleSignals` fills
   * the rest when it is sent. The write path merges queued requests this way.
   */
  resolveTargets(targets: Record<string, unknown>): Result<DbcWrite[]>;
  /** The values of a command message's fields that no request touches ("no request" codes, start values). */
  idleSignals(message: DbcMessage): Readonly<Record<string, number>>;
}

export interface VssToDbcOptions {
  /**
   * Message names allowed on the write path. Defaults to the mapping's `writable` list; the
   * vehicle definition may narrow it. A rule whose message is not listed is refused at run time.
   */
  writable?: Iterable<string>;
}

/** Names of VAL_ texts that mean "leave this field alone" in a command message. */
const NO_REQUEST = /^(no[_ ]?req(uest)?|no[_ ]?change|not[_ ]?requested|none|idle)$/i;

export function createVssToDbc(mapping: VehicleMapping, options: VssToDbcOptions = {}): VssToDbc {
  const writable = new Set(options.writable ?? mapping.writable);
  const defaults = new Map<DbcMessage, Record<string, number>>();
  const defaultsFor = (message: DbcMessage): Record<string, number> => {
    let d = defaults.get(message);
    if (!d) {
      d = {};
      for (const s of message.signals) d[s.name] = idleValue(s);
      defaults.set(message, d);
    }
    return d;
  };

  const physicalFor = (rule: Vss2DbcRule, value: unknown): Result<number> => {
    if (!writable.has(rule.message.name)) {
      return { ok: false, error: `${rule.path}: message ${rule.message.name} is not on the writable allowlist` };
    }
    const problem = checkVssValue(rule.vss, value);
    if (problem) return { ok: false, error: problem };
    const v = value as VssValue;
    let x: number | undefined;
    switch (rule.transform.kind) {
      case 'mapping': {
        const m = rule.transform.table.get(v);
        if (typeof m !== 'number') return { ok: false, error: `${rule.path}: no DBC value is mapped for ${JSON.stringify(v)}` };
        x = m;
        break;
      }
      case 'math':
        x = rule.transform.fn(typeof v === 'boolean' ? Number(v) : (v as number));
        break;
      case 'identity':
        if (typeof v === 'string') {
          x = rule.choiceValues?.get(v);
          if (x === undefined) return { ok: false, error: `${rule.path}: DBC signal ${rule.signal.name} has no VAL_ text "${v}"` };
        } else x = typeof v === 'boolean' ? Number(v) : v;
        break;
    }
    if (!Number.isFinite(x)) return { ok: false, error: `${rule.path}: transform gave ${x} for ${JSON.stringify(v)}` };
    const s = rule.signal;
    if ((s.minimum !== null && x < s.minimum - 1e-9) || (s.maximum !== null && x > s.maximum + 1e-9)) {
      return {
        ok: false,
        error: `${rule.path}: ${JSON.stringify(v)} gives ${x}, outside [${s.minimum}|${s.maximum}] of ${rule.message.name}.${s.name}`,
      };
    }
    return { ok: true, value: x };
  };

  const resolveTargets: VssToDbc['resolveTargets'] = (targets) => {
    const merged = new Map<DbcMessage, Record<string, number>>();
    for (const [path, value] of Object.entries(targets)) {
      const rule = mapping.vss2dbc.get(path);
      if (!rule) return { ok: false, error: `${path} is not writable on this vehicle (no vss2dbc mapping)` };
      const r = physicalFor(rule, value);
      if (!r.ok) return r;
      let signals = merged.get(rule.message);
      if (!signals) merged.set(rule.message, (signals = {}));
      signals[rule.signal.name] = r.value;
    }
    return { ok: true, value: [...merged].map(([message, signals]) => ({ message, signals })) };
  };

  const encodeMany: VssToDbc['encodeMany'] = (targets) => {
    const resolved = resolveTargets(targets);
    if (!resolved.ok) return resolved;
    return { ok: true, value: resolved.value.map(({ message, signals }) => ({ message, signals: { ...defaultsFor(message), ...signals } })) };
  };

  return {
    writablePaths: [...mapping.vss2dbc.keys()].filter((p) => writable.has(mapping.vss2dbc.get(p)!.message.name)),
    encode(path, value) {
      const r = encodeMany({ [path]: value });
      return r.ok ? { ok: true, value: r.value[0] } : r;
    },
    encodeMany,
    resolveTargets,
    idleSignals: defaultsFor,
  };
}

/**
 * The value a command field carries when this request does not touch it: the DBC's
 * GenSigStartValue, else a "no request" VAL_ code, else raw 0.
 */
export function idleValue(s: DbcSignal): number {
  const start = s.attributes.get('GenSigStartValue');
  if (typeof start === 'number') return start * s.scale + s.offset;
  if (s.choices) {
    for (const [raw, text] of s.choices) if (NO_REQUEST.test(text)) return raw * s.scale + s.offset;
  }
  return s.offset;
}
