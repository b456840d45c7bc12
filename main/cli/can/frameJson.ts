// Writes one decoded frame as the `cabin can decode` JSON line straight into output bytes; keys and names are encoded once per DBC, not per frame.
import type { CompiledDbc, CompiledMessage } from '../../../shared/can/dbcCompile';
import type { DecodeOutput } from '../../../shared/can/decodeOutput';
import type { ByteSink } from './byteSink';
import { timestampSpan } from './timestampText';

interface MessageBytes {
  /** `,"id":…,"extended":…,"name":"…","signals":{` */
  head: Uint8Array;
  /** `"signal":` and `,"signal":` by signal index. */
  keys: Uint8Array[];
  commaKeys: Uint8Array[];
  /** JSON string of the VAL_ text by raw value, by signal index (only with --choices). */
  choices: (Map<number, Uint8Array> | null)[];
  /** Bytes a line of this message can take, bus and error text aside. */
  maxLine: number;
  /** Recent non-integer values' text by signal index, made on first use. */
  texts: (ValueTexts | null)[];
}

/**
 * A signal's recently printed non-integer values and their text, by a hash of the value: printing a double
 * (shortest round trip) is the costliest step per value, and a signal's values repeat.
 */
interface ValueTexts {
  values: Float64Array;
  texts: string[];
}

const VALUE_TEXTS = 256;

function valueText(cache: ValueTexts, v: number): string {
  const slot = ((v * 1000003) | 0) & (VALUE_TEXTS - 1);
  if (cache.values[slot] === v && cache.texts[slot] !== '') return cache.texts[slot];
  const text = jsonValue(v);
  cache.values[slot] = v;
  cache.texts[slot] = text;
  return text;
}

/** Longest JSON text of one value: `-1.2345678901234567e-308`, or an exact integer beyond 2^53 in quotes. */
const MAX_VALUE = 26;
/** `{"t":` + a timestamp + `}` + `,"truncated":true` + `}\n`, generously. */
const LINE_FRAME = 80;

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const T_OPEN = utf8('{"t":');
const TRUNCATED = utf8(',"truncated":true');
const ERROR_KEY = utf8(',"error":');

/** JSON for one value: finite numbers as numbers, NaN/±Infinity and exact big integers as strings. */
export function jsonValue(value: number | bigint): string {
  if (typeof value === 'bigint') return `"${value}"`;
  if (value === Infinity) return '"Infinity"';
  if (value === -Infinity) return '"-Infinity"';
  if (value !== value) return '"NaN"';
  // The same shortest round-trip text as String(value), without V8's number-to-string cache: strings kept there
  // live long enough to be promoted, and a long decode then grows the old generation.
  return JSON.stringify(value);
}

export class FrameJson {
  private readonly texts = new Map<CompiledMessage, MessageBytes>();
  private readonly buses = new Map<string, Uint8Array>();
  private lastBus = '';
  private lastBusBytes: Uint8Array = utf8(',"bus":""');

  constructor(
    compiled: CompiledDbc,
    private readonly sink: ByteSink,
    private readonly withChoices: boolean,
  ) {
    for (const c of compiled.messages) {
      const m = c.message;
      const keys = m.signals.map((s) => utf8(`${JSON.stringify(s.name)}:`));
      const choices = m.signals.map((s) =>
        withChoices && s.choices ? new Map([...s.choices].map(([raw, text]) => [raw, utf8(JSON.stringify(text))])) : null,
      );
      const head = utf8(`,"id":${m.id},"extended":${m.extended},"name":${JSON.stringify(m.name)},"signals":{`);
      let maxLine = LINE_FRAME + head.length;
      keys.forEach((key, i) => {
        let widest = MAX_VALUE;
        for (const label of choices[i]?.values() ?? []) widest = Math.max(widest, label.length);
        maxLine += key.length + 1 + widest;
      });
      this.texts.set(c, { head, keys, commaKeys: keys.map((k) => Uint8Array.of(44, ...k)), choices, maxLine, texts: keys.map(() => null) });
    }
  }

  /**
   * Writes `{"t":…,"bus":"can0","id":…,"extended":…,"name":"…","signals":{…}}` plus `"truncated":true`
   * and `"error":"…"` when they apply; the timestamp is text[timeStart, timeEnd). With choices, a VAL_ text
   * replaces the number. Returns the bytes needed instead of writing when the sink has less room.
   */
  write(text: string, timeStart: number, timeEnd: number, bus: string, message: CompiledMessage, out: DecodeOutput): number {
    const m = this.texts.get(message)!;
    if (bus !== this.lastBus) {
      let bytes = this.buses.get(bus);
      if (bytes === undefined) this.buses.set(bus, (bytes = utf8(`,"bus":${JSON.stringify(bus)}`)));
      this.lastBus = bus;
      this.lastBusBytes = bytes;
    }
    const error = out.error === null ? null : utf8(JSON.stringify(out.error));
    const need = m.maxLine + this.lastBusBytes.length + (error === null ? 0 : error.length + ERROR_KEY.length);
    const sink = this.sink;
    if (sink.needsFlush(need)) return need;

    sink.bytes(T_OPEN);
    const span = timestampSpan(text, timeStart, timeEnd);
    if (span >= 0) {
      const from = (span / 256) | 0;
      sink.ascii(text, from, from + (span & 255));
    } else {
      sink.ascii(jsonValue(Number(text.slice(timeStart, timeEnd))));
    }
    sink.bytes(this.lastBusBytes);
    sink.bytes(m.head);
    const { active, values, wide, raw } = out;
    for (let k = 0; k < out.count; k++) {
      const i = active[k];
      sink.bytes(k === 0 ? m.keys[i] : m.commaKeys[i]);
      if (this.withChoices) {
        const label = m.choices[i]?.get(raw[i]);
        if (label !== undefined) {
          sink.bytes(label);
          continue;
        }
      }
      const w = wide[i];
      if (w !== null) {
        sink.ascii(jsonValue(w));
        continue;
      }
      const v = values[i];
      if ((v | 0) === v) sink.int(v);
      else sink.ascii(valueText(m.texts[i] ?? (m.texts[i] = { values: new Float64Array(VALUE_TEXTS), texts: new Array<string>(VALUE_TEXTS).fill('') }), v));
    }
    sink.byte(125);
    if (out.truncated) sink.bytes(TRUNCATED);
    if (error !== null) {
      sink.bytes(ERROR_KEY);
      sink.bytes(error);
    }
    sink.byte(125);
    sink.byte(10);
    return 0;
  }
}
