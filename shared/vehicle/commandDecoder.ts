// The vehicle side of the write path, for the simulator: a received command frame → the VSS actuator targets it requests.
import { messageKey, type DbcSignal } from '../can/dbcModel';
import type { DecodeOutput } from '../can/decodeOutput';
import { INTEGER_RANGES, isIntegerType, type VssValue } from './vssValue';
import type { Vss2DbcRule, VehicleMapping } from './mapping';
import { idleValue } from './mappingRuntime';

export interface VssTarget {
  path: string;
  target: VssValue;
}

export interface CommandDecoder {
  /** Keys (`messageKey`) of the command messages that carry mapped actuator targets. */
  readonly messageKeys: readonly number[];
  /**
   * The targets one decoded command frame requests. Fields at their "no request" value are
   * skipped; values that map to no VSS value are reported in `rejected` rather than thrown.
   */
  onDecoded(key: number, decoded: DecodeOutput): { targets: VssTarget[]; rejected: string[] };
}

interface Field {
  rule: Vss2DbcRule;
  index: number;
  idle: number;
  toVss: (x: number) => VssValue | undefined;
}

export function createCommandDecoder(mapping: VehicleMapping): CommandDecoder {
  const byKey = new Map<number, Field[]>();
  for (const rule of mapping.vss2dbc.values()) {
    const toVss = inverseOf(rule);
    if (!toVss) continue;
    const key = messageKey(rule.message.id, rule.message.extended);
    const fields = byKey.get(key) ?? [];
    fields.push({ rule, index: rule.message.signals.indexOf(rule.signal), idle: idleValue(rule.signal), toVss });
    byKey.set(key, fields);
  }
  return {
    messageKeys: [...byKey.keys()],
    onDecoded(key, decoded) {
      const targets: VssTarget[] = [];
      const rejected: string[] = [];
      const fields = byKey.get(key);
      if (!fields) return { targets, rejected };
      const active = new Set(decoded.active.subarray(0, decoded.count));
      for (const f of fields) {
        if (!active.has(f.index)) continue;
        const x = decoded.values[f.index];
        if (nearlyEqual(x, f.idle, f.rule.signal)) continue;
        const target = f.toVss(x);
        if (target === undefined) rejected.push(`${f.rule.message.name}.${f.rule.signal.name}=${x} has no ${f.rule.path} value`);
        else targets.push({ path: f.rule.path, target });
      }
      return { targets, rejected };
    },
  };
}

const nearlyEqual = (a: number, b: number, s: DbcSignal): boolean => Math.abs(a - b) <= Math.abs(s.scale) / 2;

function inverseOf(rule: Vss2DbcRule): ((x: number) => VssValue | undefined) | null {
  const { vss, transform, signal } = rule;
  const finish = (y: number): VssValue | undefined => {
    if (vss.datatype === 'boolean') return y !== 0;
    if (!Number.isFinite(y)) return undefined;
    if (isIntegerType(vss.datatype)) {
      const r = Math.round(y);
      const [lo, hi] = INTEGER_RANGES[vss.datatype];
      return r < lo || r > hi ? undefined : r;
    }
    return vss.datatype === 'string' ? undefined : y;
  };
  switch (transform.kind) {
    case 'identity': {
      if (vss.datatype === 'string') {
        const byValue = new Map([...(rule.choiceValues ?? [])].map(([text, x]) => [x, text]));
        return (x) => byValue.get(x);
      }
      return finish;
    }
    case 'mapping': {
      const back = new Map<number, VssValue>();
      for (const [from, to] of transform.table) if (typeof to === 'number' && !back.has(to)) back.set(to, from);
      return (x) => back.get(x) ?? back.get(Math.round((x - signal.offset) / signal.scale) * signal.scale + signal.offset);
    }
    case 'math': {
      const f = transform.fn;
      const b = f(0);
      const a = f(1) - b;
      if (!Number.isFinite(a) || !Number.isFinite(b) || a === 0) return null;
      if (![2, -3, 7.5, 1000].every((x) => Math.abs(f(x) - (a * x + b)) <= 1e-9 * Math.max(1, Math.abs(f(x))))) return null;
      return (x) => finish((x - b) / a);
    }
  }
}
