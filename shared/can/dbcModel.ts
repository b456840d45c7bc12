// The in-memory model of a parsed DBC file: what the parser produces and the compiler, encoder, mapping and simulator read.

/** A located problem in a DBC file; `line` and `column` are 1-based. */
export interface DbcDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** `file:line:column: message`, the one way diagnostics are printed. */
export function formatDiagnostic(d: DbcDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

export type ByteOrder = 'little_endian' | 'big_endian';

/** `integer` unless SIG_VALTYPE_ says 1 (float32) or 2 (float64). */
export type SignalValueType = 'integer' | 'float32' | 'float64';

/** Where a definition sits in the file, for located messages from later stages (mapping, encoder). */
export interface SourceLocation {
  line: number;
  column: number;
}

export interface DbcSignal {
  name: string;
  /** Start bit as written in the DBC: the LSB for Intel (@1), the MSB in sawtooth numbering for Motorola (@0). */
  start: number;
  /** Bit length, 1..64. */
  length: number;
  byteOrder: ByteOrder;
  signed: boolean;
  valueType: SignalValueType;
  scale: number;
  offset: number;
  /** DBC `[min|max]`; null when both are 0 (the DBC way of saying "unspecified"). Decoding never clamps. */
  minimum: number | null;
  maximum: number | null;
  unit: string;
  receivers: string[];
  /** VAL_ texts by raw value (a VAL_TABLE_ referenced by name is resolved into this). */
  choices: Map<number, string> | null;
  /** True for `M` and `mNM`: this signal selects which multiplexed signals are present. */
  isMultiplexer: boolean;
  /** Name of the selector this signal depends on, or null for a signal present in every frame. */
  multiplexerSignal: string | null;
  /** Selector raw values for which this signal is present (from `mN` or SG_MUL_VAL_ ranges); null when not multiplexed. */
  multiplexerIds: number[] | null;
  comment: string | null;
  /** Raw attributes (BA_ on SG_), by attribute name. */
  attributes: Map<string, number | string>;
  /**
   * True when scale and offset are both integers: the physical value is then an exact integer
   * (BigInt arithmetic where it could pass ±(2^53−1)).
   */
  exactInteger: boolean;
  location: SourceLocation;
}

export interface DbcMessage {
  /** 11- or 29-bit id, without the DBC 0x80000000 extended flag. */
  id: number;
  extended: boolean;
  name: string;
  /** Payload length in bytes as written in BO_ (0..64; CAN FD files write the byte length here). */
  length: number;
  /** CAN FD: VFrameFormat says *_FD, or the length is over 8 bytes. */
  fd: boolean;
  /** The VFrameFormat attribute text (message value or file default), if any. */
  frameFormat: string | null;
  senders: string[];
  /** Signals in file order. */
  signals: DbcSignal[];
  /** GenMsgCycleTime in ms (message value, else the BA_DEF_DEF_ default); null when absent or 0. */
  cycleTimeMs: number | null;
  comment: string | null;
  /** Raw attributes (BA_ on BO_), by attribute name. */
  attributes: Map<string, number | string>;
  /** True when any signal is a multiplexer selector. */
  multiplexed: boolean;
  location: SourceLocation;
}

export interface DbcAttributeDefinition {
  name: string;
  /** '' for network-level attributes, else BU_, BO_, SG_, EV_. */
  objectType: '' | 'BU_' | 'BO_' | 'SG_' | 'EV_' | 'REL';
  valueType: 'INT' | 'HEX' | 'FLOAT' | 'STRING' | 'ENUM';
  enumValues: string[];
  defaultValue: number | string | null;
}

export interface DbcNode {
  name: string;
  comment: string | null;
}

export interface DbcDatabase {
  /** The file name given to the parser, used in every diagnostic. */
  file: string;
  version: string;
  nodes: DbcNode[];
  messages: DbcMessage[];
  /** Lookup by `messageKey(id, extended)`. */
  messagesByKey: Map<number, DbcMessage>;
  valueTables: Map<string, Map<number, string>>;
  attributeDefinitions: Map<string, DbcAttributeDefinition>;
  /** Network-level BA_ values. */
  attributes: Map<string, number | string>;
  comment: string | null;
}

/** One number per (id, extended) pair: the DBC convention of setting bit 31 for extended ids. */
export function messageKey(id: number, extended: boolean): number {
  return extended ? id + 0x80000000 : id;
}

export interface DbcParseResult {
  db: DbcDatabase;
  warnings: DbcDiagnostic[];
  errors: DbcDiagnostic[];
}
