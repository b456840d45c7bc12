// Turns the simulated vehicle's VSS values into its status frames: each mapped DBC message at its cycle time, through a per-message precompiled encoder.
import { toRaw } from '../shared/can/dbcEncode';
import type { DbcMessage, DbcSignal } from '../shared/can/dbcModel';
import { FrameFlag, type CanFrame } from '../shared/can/frame';
import { signalSegments, type BitSegment } from '../shared/can/signalBits';
import type { VssValue } from '../shared/vehicle/vssValue';
import type { VehicleMapping } from '../shared/vehicle/mapping';
import { createVssToStatus, type VssToStatus } from '../shared/vehicle/statusEncoder';

/** Cycle of a mapped message whose DBC has no GenMsgCycleTime: 10 Hz, a common body-ECU rate. */
export const DEFAULT_CYCLE_MS = 100;

export interface EncodeCounters {
  /** Values that did not fit their signal's bits and were sent at the nearest end of the range. */
  saturated: number;
  /** Values the signal cannot carry at all (unknown VAL_ text, NaN in an integer signal): sent as raw 0. */
  unencodable: number;
}

/** One message's encoder, built once: physical values (or VAL_ texts) by signal name → a fresh payload. */
export interface MessageEncoder {
  readonly message: DbcMessage;
  /** Signals not named stay raw 0. Never throws: out-of-range values saturate and are counted. */
  encode(values: Record<string, number | string>): Uint8Array;
}

interface SignalEncoder {
  signal: DbcSignal;
  segments: BitSegment[];
  /** Number arithmetic is exact for integer signals up to 52 bits; wider ones and floats go through the BigInt encoder. */
  fast: boolean;
  minRaw: number;
  maxRaw: number;
  byText: Map<string, number> | null;
}

export function compileMessageEncoder(message: DbcMessage, counters: EncodeCounters): MessageEncoder {
  const byName = new Map<string, SignalEncoder>();
  for (const signal of message.signals) {
    const fast = signal.valueType === 'integer' && signal.length <= 52 && signal.scale !== 0;
    const span = 2 ** signal.length;
    byName.set(signal.name, {
      signal,
      segments: signalSegments(signal).filter((s) => s.byte < message.length),
      fast,
      minRaw: signal.signed ? -span / 2 : 0,
      maxRaw: signal.signed ? span / 2 - 1 : span - 1,
      byText: signal.choices ? new Map([...signal.choices].map(([raw, text]) => [text, raw])) : null,
    });
  }

  const writeNumber = (data: Uint8Array, enc: SignalEncoder, raw: number) => {
    let u = raw < 0 ? raw + 2 ** enc.signal.length : raw;
    if (enc.segments.length === 1 && enc.segments[0].rawShift === 0) {
      const s = enc.segments[0];
      data[s.byte] |= (u & ((1 << s.width) - 1)) << s.shift;
      return;
    }
    // Segments come least significant first, so peeling the low bits off walks them in order.
    let consumed = 0;
    for (const s of enc.segments) {
      if (s.rawShift !== consumed) u = Math.floor(u / 2 ** (s.rawShift - consumed));
      const mod = 2 ** s.width;
      data[s.byte] |= (u % mod) << s.shift;
      u = Math.floor(u / mod);
      consumed = s.rawShift + s.width;
    }
  };

  const writeBig = (data: Uint8Array, enc: SignalEncoder, raw: bigint) => {
    const bits = BigInt.asUintN(enc.signal.length, raw);
    for (const s of enc.segments) {
      data[s.byte] |= Number((bits >> BigInt(s.rawShift)) & BigInt((1 << s.width) - 1)) << s.shift;
    }
  };

  return {
    message,
    encode(values) {
      const data = new Uint8Array(message.length);
      for (const name in values) {
        const enc = byName.get(name);
        if (!enc) {
          counters.unencodable++;
          continue;
        }
        const value = values[name];
        if (enc.fast) {
          let raw: number;
          if (typeof value === 'string') {
            const fromText = enc.byText?.get(value);
            if (fromText === undefined) {
              counters.unencodable++;
              continue;
            }
            raw = fromText;
          } else {
            if (!Number.isFinite(value)) {
              counters.unencodable++;
              continue;
            }
            raw = Math.round((value - enc.signal.offset) / enc.signal.scale);
          }
          if (raw < enc.minRaw || raw > enc.maxRaw) {
            counters.saturated++;
            raw = raw < enc.minRaw ? enc.minRaw : enc.maxRaw;
          }
          writeNumber(data, enc, raw);
          continue;
        }
        try {
          writeBig(data, enc, toRaw(message, enc.signal, value));
        } catch {
          counters.unencodable++;
        }
      }
      return data;
    },
  };
}

/** Where the emitter reads VSS values; `version` changes whenever any value may have changed. */
export interface VssSnapshot {
  readonly version: number;
  get(path: string): VssValue | undefined;
}

export interface ScheduledMessage {
  readonly message: DbcMessage;
  readonly cycleMs: number;
  /** Bus time (ms) of the next frame. */
  nextDueMs: number;
}

export interface CanEmitter {
  readonly bus: string;
  readonly schedule: readonly ScheduledMessage[];
  readonly status: VssToStatus;
  readonly counters: EncodeCounters & { frames: number };
  /**
   * Appends, in time order, every frame due before `limitMs` of bus time (at it too when
   * `inclusive`), carrying the values `snapshot` holds. A message whose payload would be the same
   * as last time (same snapshot version) reuses its encoded bytes.
   */
  emitDue(limitMs: number, inclusive: boolean, snapshot: VssSnapshot, out: CanFrame[]): void;
}

export interface CanEmitterOptions {
  mapping: VehicleMapping;
  bus: string;
  defaultCycleMs?: number;
  /** Bus time of the first frame of every message. */
  startMs?: number;
}

interface Slot extends ScheduledMessage {
  encoder: MessageEncoder;
  flags: number;
  version: number;
  payloads: Uint8Array[];
}

export function createCanEmitter(options: CanEmitterOptions): CanEmitter {
  const status = createVssToStatus(options.mapping);
  const counters = { frames: 0, saturated: 0, unencodable: 0 };
  const defaultCycle = options.defaultCycleMs ?? DEFAULT_CYCLE_MS;
  const slots: Slot[] = status.messages.map((message) => ({
    message,
    cycleMs: message.cycleTimeMs ?? defaultCycle,
    nextDueMs: options.startMs ?? 0,
    encoder: compileMessageEncoder(message, counters),
    flags: message.fd ? FrameFlag.FD | FrameFlag.BRS : 0,
    version: -1,
    payloads: [],
  }));
  const bus = options.bus;

  const payloadsOf = (slot: Slot, snapshot: VssSnapshot): Uint8Array[] => {
    if (slot.version !== snapshot.version) {
      slot.version = snapshot.version;
      // The sink may keep frames, so a payload is never written again once handed out: re-encode into fresh arrays.
      slot.payloads = status.framesFor(slot.message, (path) => snapshot.get(path)).map((f) => slot.encoder.encode(f.signals));
    }
    return slot.payloads;
  };

  return {
    bus,
    schedule: slots,
    status,
    counters,
    emitDue(limitMs, inclusive, snapshot, out) {
      const first = out.length;
      let several = 0;
      for (const slot of slots) {
        let n = 0;
        while (inclusive ? slot.nextDueMs <= limitMs : slot.nextDueMs < limitMs) {
          const t = slot.nextDueMs / 1000;
          for (const data of payloadsOf(slot, snapshot)) {
            out.push({ t, bus, id: slot.message.id, extended: slot.message.extended, flags: slot.flags, data });
          }
          slot.nextDueMs += slot.cycleMs;
          n++;
        }
        if (n > 0) several++;
      }
      counters.frames += out.length - first;
      // Usually each message is due at most once per call and in one time; sort only when several messages interleave.
      if (several > 1) sortByTime(out, first);
    },
  };
}

/** Stable in-place sort of out[from..] by t (Array.prototype.sort is stable). */
function sortByTime(out: CanFrame[], from: number): void {
  const tail = out.splice(from).sort((a, b) => a.t - b.t);
  for (const f of tail) out.push(f);
}
