// Prints one decoded frame as the `cabin can decode` JSON line; keys and names are escaped once per DBC, not per frame.
import type { CompiledDbc, CompiledMessage } from '../../../shared/can/dbcCompile';
import type { DecodeOutput } from '../../../shared/can/decodeOutput';

interface MessageText {
  /** `,"name":"…","signals":{` */
  head: string;
  /** `"signal":` by signal index. */
  keys: string[];
  /** JSON string of the VAL_ text by raw value, by signal index (only with --choices). */
  choices: (Map<number, string> | null)[];
}

/** JSON for one value: finite numbers as numbers, NaN/±Infinity and exact big integers as strings. */
export function jsonValue(value: number | bigint): string {
  if (typeof value === 'bigint') return `"${value}"`;
  if (value === Infinity) return '"Infinity"';
  if (value === -Infinity) return '"-Infinity"';
  if (value !== value) return '"NaN"';
  return `${value}`;
}

export class FrameJson {
  private readonly texts = new Map<CompiledMessage, MessageText>();
  private readonly buses = new Map<string, string>();

  constructor(
    compiled: CompiledDbc,
    private readonly withChoices: boolean,
  ) {
    for (const c of compiled.messages) {
      const m = c.message;
      this.texts.set(c, {
        head: `,"id":${m.id},"extended":${m.extended},"name":${JSON.stringify(m.name)},"signals":{`,
        keys: m.signals.map((s) => `${JSON.stringify(s.name)}:`),
        choices: m.signals.map((s) =>
          withChoices && s.choices ? new Map([...s.choices].map(([raw, text]) => [raw, JSON.stringify(text)])) : null,
        ),
      });
    }
  }

  /**
   * `{"t":…,"bus":"can0","id":…,"extended":…,"name":"…","signals":{…}}` plus `"truncated":true`
   * and `"error":"…"` when they apply. With choices, a VAL_ text replaces the number.
   */
  line(t: number, bus: string, message: CompiledMessage, out: DecodeOutput): string {
    const text = this.texts.get(message)!;
    let busJson = this.buses.get(bus);
    if (busJson === undefined) {
      busJson = JSON.stringify(bus);
      this.buses.set(bus, busJson);
    }
    let s = `{"t":${jsonValue(t)},"bus":${busJson}${text.head}`;
    const { active, values, wide, raw } = out;
    for (let k = 0; k < out.count; k++) {
      const i = active[k];
      if (k > 0) s += ',';
      const choices = this.withChoices ? text.choices[i] : null;
      const label = choices ? choices.get(raw[i]) : undefined;
      if (label !== undefined) s += text.keys[i] + label;
      else {
        const w = wide[i];
        s += text.keys[i] + (w === null ? jsonValue(values[i]) : jsonValue(w));
      }
    }
    s += '}';
    if (out.truncated) s += ',"truncated":true';
    if (out.error !== null) s += `,"error":${JSON.stringify(out.error)}`;
    return `${s}}\n`;
  }
}
