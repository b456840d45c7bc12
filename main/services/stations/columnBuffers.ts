// Growable typed arrays, UTF-8 string columns and dictionaries: the building blocks of the columnar station store.

export type ColumnType = 'f64' | 'f32' | 'u32' | 'u16' | 'u8';
export type TypedColumn = Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array;

const CONSTRUCTORS = {
  f64: Float64Array,
  f32: Float32Array,
  u32: Uint32Array,
  u16: Uint16Array,
  u8: Uint8Array,
} as const;

export function columnConstructor(type: ColumnType) {
  return CONSTRUCTORS[type];
}

/** A typed array that grows by doubling while a store is built. */
export class GrowableColumn {
  private data: TypedColumn;
  length = 0;

  constructor(readonly type: ColumnType, capacity = 1024) {
    this.data = new CONSTRUCTORS[type](capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length++] = value;
  }

  /** Adds `value` to the element at `index` (for bit masks built as connectors arrive). */
  or(index: number, bits: number): void {
    this.data[index] = (this.data[index] | bits) >>> 0;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** Exact-length copy; the builder's spare capacity is not kept. */
  finish(): TypedColumn {
    return this.data.slice(0, this.length);
  }

  private grow(capacity: number): void {
    const next = new CONSTRUCTORS[this.type](Math.max(16, capacity));
    next.set(this.data);
    this.data = next;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Strings stored as one UTF-8 byte array with offsets: entry i is bytes[offsets[i]…offsets[i+1]). */
export class StringColumn {
  constructor(
    readonly offsets: Uint32Array,
    readonly bytes: Uint8Array,
  ) {}

  get length(): number {
    return this.offsets.length - 1;
  }

  get(i: number): string {
    const start = this.offsets[i];
    const end = this.offsets[i + 1];
    // Ids and uids are short ASCII: building them in JS beats a call into the native decoder.
    if (end - start <= 48) {
      let text = '';
      for (let k = start; k < end; k++) {
        const byte = this.bytes[k];
        if (byte >= 0x80) return decoder.decode(this.bytes.subarray(start, end));
        text += String.fromCharCode(byte);
      }
      return text;
    }
    return decoder.decode(this.bytes.subarray(start, end));
  }
}

export class StringColumnBuilder {
  private bytes = new Uint8Array(4096);
  private used = 0;
  private readonly offsets = new GrowableColumn('u32');

  constructor() {
    this.offsets.push(0);
  }

  push(value: string): void {
    // encodeInto writes at most 3 bytes per UTF-16 unit.
    const room = value.length * 3;
    if (this.used + room > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.used + room));
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
    const { written } = encoder.encodeInto(value, this.bytes.subarray(this.used));
    this.used += written;
    this.offsets.push(this.used);
  }

  finish(): StringColumn {
    return new StringColumn(this.offsets.finish() as Uint32Array, this.bytes.slice(0, this.used));
  }
}

/** Distinct values get consecutive codes; columns store the code. */
export class DictionaryBuilder {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
}
