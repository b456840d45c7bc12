// The reused structure a compiled decoder writes one frame's signals into, and how to read values back out of it.
import type { DbcMessage } from './dbcModel';

/**
 * Filled by `CompiledMessage.decode`; reuse one per consumer so the hot path allocates nothing.
 * Signal indexes are positions in `message.signals` (file order).
 */
export interface DecodeOutput {
  /** Physical value (raw × scale + offset, IEEE double) by signal index; only indexes in `active` are meaningful. */
  values: Float64Array;
  /** Raw value by signal index, only written when compiled with `{ raw: true }` (e.g. for VAL_ texts). */
  raw: Float64Array;
  /**
   * Exact value of integer-scaled signals whose physical value lies beyond ±(2^53−1), else null;
   * `values` then holds the nearest double. Cleared at the start of the next decode.
   */
  wide: (bigint | null)[];
  /** True when some `wide` entry is set (so the next decode knows to clear them). */
  wideDirty: boolean;
  /** Indexes of the signals present in this frame, `count` of them, in decode order. */
  active: Uint16Array;
  count: number;
  /** The payload was shorter than the message: only signals whose bits are all present are active. */
  truncated: boolean;
  /** A multiplexer value the DBC does not define (cantools wording); signals below it are not active. */
  error: string | null;
}

export function createDecodeOutput(maxSignals: number): DecodeOutput {
  const size = Math.max(1, maxSignals);
  return {
    values: new Float64Array(size),
    raw: new Float64Array(size),
    wide: new Array<bigint | null>(size).fill(null),
    wideDirty: false,
    active: new Uint16Array(size),
    count: 0,
    truncated: false,
    error: null,
  };
}

/** Exact value of signal `index` in the last decode: a bigint only beyond ±(2^53−1). */
export function outputValue(out: DecodeOutput, index: number): number | bigint {
  return out.wide[index] ?? out.values[index];
}

/** The last decode as a plain object keyed by signal name (convenient, allocates; not for the hot path). */
export function outputToRecord(message: DbcMessage, out: DecodeOutput): Record<string, number | bigint> {
  const record: Record<string, number | bigint> = {};
  for (let k = 0; k < out.count; k++) {
    const i = out.active[k];
    record[message.signals[i].name] = outputValue(out, i);
  }
  return record;
}
