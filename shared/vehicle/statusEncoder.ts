// The vehicle side of a mapping, for the simulator: VSS sensor values → status-message signal values, inverting each dbc2vss rule.
import type { DbcMessage, DbcSignal } from '../can/dbcModel';
import type { VssValue } from './vssValue';
import type { Dbc2VssRule, VehicleMapping } from './mapping';

/** One status frame's physical signal values (VAL_ texts allowed), ready for encodeMessage. */
export interface StatusFrame {
  message: DbcMessage;
  signals: Record<string, number | string>;
}

export interface VssToStatus {
  /** Messages that carry mapped VSS values, in DBC file order: what a simulated vehicle emits. */
  readonly messages: readonly DbcMessage[];
  /** Paths whose transform cannot be inverted (non-affine math): the simulator cannot produce them. */
  readonly unsupported: readonly string[];
  /**
   * The frames of `message` carrying the values `get` returns: one per multiplexer page that holds
   * a mapped signal (the selector set accordingly), else one. Unknown values are sent as the
   * signal's SNA/invalid VAL_ code when it has one, else left at raw 0. Never throws.
   */
  framesFor(message: DbcMessage, get: (path: string) => VssValue | undefined): StatusFrame[];
}

const SNA = /^(sna|invalid|not[_ ]?available|unavailable|error)$/i;

interface Inverse {
  rule: Dbc2VssRule;
  invert: (v: VssValue) => number | string | undefined;
  sna: number | undefined;
}

export function createVssToStatus(mapping: VehicleMapping): VssToStatus {
  const unsupported: string[] = [];
  const byMessage = new Map<DbcMessage, Map<DbcSignal, Inverse>>();
  for (const rule of mapping.dbc2vss) {
    const invert = inverseOf(rule);
    if (!invert) {
      unsupported.push(rule.path);
      continue;
    }
    let signals = byMessage.get(rule.message);
    if (!signals) byMessage.set(rule.message, (signals = new Map()));
    // Several paths may read one signal (e.g. selected and current gear): the first in the file drives it.
    if (!signals.has(rule.signal)) signals.set(rule.signal, { rule, invert, sna: snaOf(rule.signal) });
  }
  const order = new Map([...byMessage.keys()].map((m) => [m, m.location.line]));
  const messages = [...byMessage.keys()].sort((a, b) => order.get(a)! - order.get(b)!);

  return {
    messages,
    unsupported,
    framesFor(message, get) {
      const signals = byMessage.get(message);
      if (!signals) return [];
      const pages = new Map<number | null, Record<string, number | string>>();
      const common: Record<string, number | string> = {};
      for (const [signal, inv] of signals) {
        const v = get(inv.rule.path);
        const x = v === undefined ? undefined : inv.invert(v);
        const value = x ?? inv.sna;
        if (value === undefined) continue;
        const page = signal.multiplexerIds?.[0] ?? null;
        if (page === null) {
          common[signal.name] = value;
          continue;
        }
        let rec = pages.get(page);
        if (!rec) {
          rec = {};
          // A page is selected by its (top-level) selector signal.
          if (signal.multiplexerSignal) rec[signal.multiplexerSignal] = page;
          pages.set(page, rec);
        }
        rec[signal.name] = value;
      }
      if (pages.size === 0) return [{ message, signals: common }];
      return [...pages.values()].map((rec) => ({ message, signals: { ...common, ...rec } }));
    },
  };
}

function snaOf(s: DbcSignal): number | undefined {
  if (!s.choices) return undefined;
  for (const [raw, text] of s.choices) if (SNA.test(text)) return raw * s.scale + s.offset;
  return undefined;
}

function clampTo(s: DbcSignal, x: number): number {
  if (s.minimum !== null && x < s.minimum) return s.minimum;
  if (s.maximum !== null && x > s.maximum) return s.maximum;
  return x;
}

function inverseOf(rule: Dbc2VssRule): ((v: VssValue) => number | string | undefined) | null {
  const { signal, transform } = rule;
  switch (transform.kind) {
    case 'identity': {
      if (rule.choices) {
        const byText = new Map([...rule.choices].map(([x, text]) => [text, x]));
        return (v) => (typeof v === 'string' ? byText.get(v) : undefined);
      }
      return (v) => (typeof v === 'boolean' ? Number(v) : typeof v === 'number' ? clampTo(signal, v) : undefined);
    }
    case 'mapping': {
      const back = new Map<VssValue, number>();
      for (const [from, to] of transform.table) if (to !== null && !back.has(to)) back.set(to, from as number);
      return (v) => back.get(v);
    }
    case 'math': {
      const f = transform.fn;
      const b = f(0);
      const a = f(1) - b;
      const affine =
        Number.isFinite(a) &&
        Number.isFinite(b) &&
        a !== 0 &&
        [2, -3, 7.5, 1000, -12345.5].every((x) => Math.abs(f(x) - (a * x + b)) <= 1e-9 * Math.max(1, Math.abs(f(x))));
      if (!affine) return null;
      return (v) => (typeof v === 'number' ? clampTo(signal, (v - b) / a) : typeof v === 'boolean' ? clampTo(signal, (Number(v) - b) / a) : undefined);
    }
  }
}
