// DBC text → DbcDatabase, with every problem located as file:line:column; tolerant of the sections real files carry.
import {
  messageKey,
  type DbcAttributeDefinition,
  type DbcDatabase,
  type DbcDiagnostic,
  type DbcMessage,
  type DbcParseResult,
  type DbcSignal,
  type SourceLocation,
} from './dbcModel';
import { signalBitPositions, signalBytesNeeded } from './signalBits';

/** Statements real files carry that Cabin has no use for; skipped up to their `;`. */
const SKIPPED_STATEMENTS = new Set([
  'BO_TX_BU_',
  'EV_',
  'ENVVAR_DATA_',
  'SGTYPE_',
  'SGTYPE_VAL_',
  'BA_DEF_SGTYPE_',
  'BA_SGTYPE_',
  'SIG_TYPE_REF_',
  'SIG_GROUP_',
  'SIGTYPE_VALTYPE_',
  'BA_DEF_REL_',
  'BA_REL_',
  'BA_DEF_DEF_REL_',
  'BU_SG_REL_',
  'BU_EV_REL_',
  'BU_BO_REL_',
  'CAT_DEF_',
  'CAT_',
  'FILTER',
  'NS_DESC_',
  'EV_DATA_',
]);

const MAX_PAYLOAD = 64;
const MAX_MUX_IDS = 65536;
/** Expanded SG_MUL_VAL_ values per file: real files list a few hundred; this keeps a hostile file from exhausting memory. */
const MAX_MUX_IDS_PER_FILE = 1 << 20;

class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;

// Sticky regexes do the character scanning: they run natively, which keeps even the first (cold) parse of a big file fast.
const SPACE = /(?:[ \t\r\n\v\f]+|\/\/[^\n]*)*/y;
const LINE_SPACE = /[ \t\r\v\f]*/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const UINT = /[0-9]+/y;
const NUMBER = /[-+]?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)/y;
const STATEMENT_END = /[";]/g;
const STRING_STOP = /["\\]/g;

/** A cursor over the text; line and column are computed only when a location is asked for. */
class Scanner {
  pos = 0;
  private readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  get eof(): boolean {
    return this.pos >= this.text.length;
  }
  /** 1-based line and column of `pos`. */
  locate(pos: number): SourceLocation {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: pos - starts[lo] + 1 };
  }
  here(): SourceLocation {
    return this.locate(this.pos);
  }
  get column(): number {
    return this.here().column;
  }
  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }
  fail(message: string, at: SourceLocation = this.here()): never {
    throw new ParseError(message, at.line, at.column);
  }
  private match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m === null || m[0].length === 0) return null;
    this.pos = re.lastIndex;
    return m[0];
  }
  /** Skips blanks, newlines and `//` comments. */
  skipSpace(): void {
    this.match(SPACE);
  }
  /** Skips blanks on the current line only; true when more tokens follow on this line. */
  skipLineSpace(): boolean {
    this.match(LINE_SPACE);
    return this.pos < this.text.length && this.text.charCodeAt(this.pos) !== 10;
  }
  /** True when nothing but blanks lies between the start of the line and `pos`. */
  atLineStart(): boolean {
    return this.here().column === 1;
  }
  skipLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl === -1 ? this.text.length : nl;
  }
  /** Skips to just past the next `;` outside strings. */
  skipStatement(): void {
    for (;;) {
      STATEMENT_END.lastIndex = this.pos;
      const m = STATEMENT_END.exec(this.text);
      if (m === null) {
        this.pos = this.text.length;
        return;
      }
      this.pos = m.index;
      if (m[0] === ';') {
        this.pos++;
        return;
      }
      this.string();
    }
  }
  describeNext(): string {
    if (this.eof) return 'end of file';
    const c = this.text[this.pos];
    if (c === '\n' || c === '\r') return 'end of line';
    const word = /^[A-Za-z0-9_.+-]+/.exec(this.text.slice(this.pos, this.pos + 40));
    return `"${word ? word[0] : c}"`;
  }
  ident(what = 'a name'): string {
    this.skipSpace();
    const word = this.match(IDENT);
    if (word === null) this.fail(`expected ${what}, found ${this.describeNext()}`);
    return word;
  }
  tryChar(ch: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] === ch) {
      this.pos++;
      return true;
    }
    return false;
  }
  expect(ch: string): void {
    if (!this.tryChar(ch)) this.fail(`expected "${ch}", found ${this.describeNext()}`);
  }
  /** A decimal or floating-point number with optional sign and exponent (also `0x` hex integers). */
  number(what = 'a number'): number {
    this.skipSpace();
    const start = this.pos;
    const token = this.match(NUMBER);
    if (token === null || token === '+' || token === '-') {
      this.pos = start;
      this.fail(`expected ${what}, found ${this.describeNext()}`);
    }
    const hex = /^([-+]?)0[xX]/.exec(token);
    const v = hex ? (hex[1] === '-' ? -1 : 1) * parseInt(token.slice(hex[0].length), 16) : Number(token);
    if (!Number.isFinite(v)) this.fail(`${what} is out of range`, this.locate(start));
    return v;
  }
  /** An unsigned decimal integer without sign (bit positions, lengths, mux ranges). */
  uint(what: string): number {
    this.skipSpace();
    const token = this.match(UINT);
    if (token === null) this.fail(`expected ${what}, found ${this.describeNext()}`);
    return Number(token);
  }
  /** A quoted string; `\"` and `\\` are escapes; may span lines. */
  string(what = 'a quoted string'): string {
    this.skipSpace();
    const t = this.text;
    const start = this.pos;
    if (t.charCodeAt(this.pos) !== 34) this.fail(`expected ${what}, found ${this.describeNext()}`);
    let out = '';
    let chunkStart = this.pos + 1;
    STRING_STOP.lastIndex = chunkStart;
    for (;;) {
      const m = STRING_STOP.exec(t);
      if (m === null) {
        this.pos = t.length;
        this.fail('unterminated string', this.locate(start));
      }
      if (m[0] === '"') {
        out += t.slice(chunkStart, m.index);
        this.pos = m.index + 1;
        return out;
      }
      const next = t.charCodeAt(m.index + 1);
      if (next === 34 || next === 92) {
        out += t.slice(chunkStart, m.index);
        chunkStart = m.index + 1;
        STRING_STOP.lastIndex = m.index + 2;
      } else {
        STRING_STOP.lastIndex = m.index + 1;
      }
    }
  }
  atString(): boolean {
    this.skipSpace();
    return this.peek() === 34;
  }
  atNumber(): boolean {
    this.skipSpace();
    const c = this.peek();
    return isDigit(c) || c === 45 || c === 43 || c === 46;
  }
}

interface Pending<T> {
  at: SourceLocation;
  value: T;
}

interface Draft {
  db: DbcDatabase;
  warnings: DbcDiagnostic[];
  errors: DbcDiagnostic[];
  /** Statements that parsed; zero means "not a DBC file". */
  statements: number;
  /** SG_MUL_VAL_ values expanded so far. */
  muxIds: number;
  /** Raw `mN` / `M` markers per signal, resolved once SG_MUL_VAL_ is known. */
  muxMarks: Map<DbcSignal, { selectorFlag: boolean; muxId: number | null }>;
  valueDescriptions: Pending<{ key: number; signal: string; choices: Map<number, string> | string }>[];
  valueTypes: Pending<{ key: number; signal: string; type: number }>[];
  extendedMux: Pending<{ key: number; signal: string; selector: string; ids: number[] }>[];
  attributeValues: Pending<{ name: string; target: AttributeTarget; value: number | string }>[];
  comments: Pending<{ target: AttributeTarget; text: string }>[];
}

type AttributeTarget =
  | { kind: 'network' }
  | { kind: 'node'; name: string }
  | { kind: 'message'; key: number }
  | { kind: 'signal'; key: number; signal: string }
  | { kind: 'envvar'; name: string };

/**
 * Parses DBC text. Never throws for bad input: problems come back as located errors and
 * warnings, and everything that did parse is in `db`.
 */
export function parseDbc(text: string, fileName: string): DbcParseResult {
  const db: DbcDatabase = {
    file: fileName,
    version: '',
    nodes: [],
    messages: [],
    messagesByKey: new Map(),
    valueTables: new Map(),
    attributeDefinitions: new Map(),
    attributes: new Map(),
    comment: null,
  };
  const draft: Draft = {
    db,
    warnings: [],
    errors: [],
    statements: 0,
    muxIds: 0,
    muxMarks: new Map(),
    valueDescriptions: [],
    valueTypes: [],
    extendedMux: [],
    attributeValues: [],
    comments: [],
  };
  const s = new Scanner(text);
  const diag = (list: DbcDiagnostic[], at: SourceLocation, message: string) =>
    list.push({ file: fileName, line: at.line, column: at.column, message });

  // null: no BO_ yet or another statement came between; 'broken': the BO_ line failed, so its SG_ lines are skipped quietly.
  let current: DbcMessage | null | 'broken' = null;
  for (;;) {
    s.skipSpace();
    if (s.eof) break;
    const at = s.here();
    if (!isIdentStart(s.peek())) {
      diag(draft.errors, at, `unexpected ${s.describeNext()} where a DBC keyword should start`);
      s.skipLine();
      continue;
    }
    const keyword = s.ident();
    try {
      if (keyword === 'SG_') {
        if (current === 'broken') {
          s.skipLine();
          continue;
        }
        if (current === null) throw new ParseError('SG_ outside a message: it must follow a BO_ line', at.line, at.column);
        parseSignal(s, draft, current, at);
        draft.statements++;
        continue;
      }
      current = null;
      switch (keyword) {
        case 'VERSION':
          db.version = s.string('the version string');
          break;
        case 'NS_':
          s.expect(':');
          skipIndentedBlock(s);
          break;
        case 'BS_':
          s.expect(':');
          s.skipLine();
          break;
        case 'BU_':
          s.expect(':');
          for (const name of indentedIdents(s)) db.nodes.push({ name, comment: null });
          break;
        case 'BO_':
          current = 'broken';
          current = parseMessage(s, draft, at);
          break;
        case 'VAL_TABLE_': {
          const name = s.ident('a value table name');
          db.valueTables.set(name, parseChoices(s));
          break;
        }
        case 'VAL_':
          parseValueDescriptions(s, draft, at);
          break;
        case 'CM_':
          parseComment(s, draft, at);
          break;
        case 'BA_DEF_':
          parseAttributeDefinition(s, draft);
          break;
        case 'BA_DEF_DEF_':
          parseAttributeDefault(s, draft, at);
          break;
        case 'BA_':
          parseAttributeValue(s, draft, at);
          break;
        case 'SIG_VALTYPE_': {
          const key = s.uint('a message id');
          const signal = s.ident('a signal name');
          s.tryChar(':');
          const type = s.uint('a value type (0, 1 or 2)');
          s.expect(';');
          draft.valueTypes.push({ at, value: { key, signal, type } });
          break;
        }
        case 'SG_MUL_VAL_':
          parseExtendedMux(s, draft, at);
          break;
        default:
          if (SKIPPED_STATEMENTS.has(keyword)) {
            s.skipStatement();
          } else {
            s.fail(`unknown statement "${keyword}"`, at);
          }
      }
      draft.statements++;
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      draft.errors.push({ file: fileName, line: error.line, column: error.column, message: error.message });
      // Resume at the next line: DBC statements start at the beginning of a line.
      s.skipLine();
    }
  }

  if (draft.statements === 0) {
    draft.errors.unshift({ file: fileName, line: 1, column: 1, message: 'no DBC statement found: this is not a DBC file' });
  }
  resolve(draft, diag);
  return { db, warnings: draft.warnings, errors: draft.errors };
}

/** The NS_ block: every following line that is indented, blank, or a lone keyword (some tools do not indent it). */
function skipIndentedBlock(s: Scanner): void {
  s.skipLine();
  for (;;) {
    const save = s.pos;
    s.skipSpace();
    if (s.eof) return;
    const lineEnd = s.text.indexOf('\n', s.pos);
    if (s.atLineStart() && !LONE_WORD.test(s.text.slice(s.pos, lineEnd === -1 ? undefined : lineEnd))) {
      s.pos = save;
      return;
    }
    s.skipLine();
  }
}

const LONE_WORD = /^[A-Z][A-Z0-9_]*[ \t\r]*$/;

/** Node names after `BU_:`: on the same line or on following indented lines (some tools write one per line). */
function indentedIdents(s: Scanner): string[] {
  const names: string[] = [];
  for (;;) {
    const save = s.pos;
    s.skipSpace();
    if (s.tryChar(',')) continue;
    if (s.eof || s.atLineStart() || !isIdentStart(s.peek())) {
      s.pos = save;
      return names;
    }
    names.push(s.ident());
  }
}

/** Names on the rest of the current line, separated by blanks or commas. */
function lineIdents(s: Scanner): string[] {
  const names: string[] = [];
  while (s.skipLineSpace()) {
    if (s.peek() === 44) {
      s.pos++;
      continue;
    }
    if (!isIdentStart(s.peek())) s.fail(`expected a node name, found ${s.describeNext()}`);
    names.push(s.ident());
  }
  return names;
}

function parseMessage(s: Scanner, draft: Draft, at: SourceLocation): DbcMessage {
  const idAt = s.here();
  s.skipSpace();
  const rawId = s.uint('a message id');
  const name = s.ident('a message name');
  s.expect(':');
  const length = s.uint('the message length in bytes');
  let senders: string[] = [];
  if (s.skipLineSpace()) senders = lineIdents(s).filter((n) => n !== 'Vector__XXX');
  if (rawId > 0xffffffff) s.fail(`message id ${rawId} is out of range`, idAt);
  const extended = rawId >= 0x80000000;
  const id = extended ? rawId - 0x80000000 : rawId;
  if (extended && id > 0x1fffffff) s.fail(`extended message id ${rawId} is out of range`, idAt);
  if (length > MAX_PAYLOAD) s.fail(`message ${name} is ${length} bytes long; CAN FD allows at most 64`, at);
  const message: DbcMessage = {
    id,
    extended,
    name,
    length,
    fd: length > 8,
    frameFormat: null,
    senders,
    signals: [],
    cycleTimeMs: null,
    comment: null,
    attributes: new Map(),
    multiplexed: false,
    location: at,
  };
  if (!extended && id > 0x7ff) {
    draft.warnings.push({ ...loc(draft, idAt), message: `message ${name}: standard id 0x${id.toString(16)} is wider than 11 bits` });
  }
  const key = messageKey(id, extended);
  if (draft.db.messagesByKey.has(key)) {
    draft.warnings.push({ ...loc(draft, idAt), message: `message ${name}: id ${rawId} is already used by ${draft.db.messagesByKey.get(key)!.name}; this definition is ignored` });
    // Still collect its signals so they are checked, but keep it out of the lookup.
    return message;
  }
  draft.db.messages.push(message);
  draft.db.messagesByKey.set(key, message);
  return message;
}

function loc(draft: Draft, at: SourceLocation) {
  return { file: draft.db.file, line: at.line, column: at.column };
}

const MUX_MARK = /^(?:(M)|m(\d+)(M?))$/;

// Each regex below is written so that there is one way to match (no adjacent optional blanks, no
// digits that could be split two ways): a long malformed line then fails in linear time.
const NUM = '[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?';
/** One whole well-formed SG_ line; anything unusual falls back to the token parser, which locates errors. */
const SIGNAL_LINE = new RegExp(
  `[ \\t]+([A-Za-z_][A-Za-z0-9_]*)[ \\t]*(?:(M|m[0-9]+M?)[ \\t]*)?:[ \\t]*([0-9]+)\\|([0-9]+)@([01])([-+])[ \\t]*` +
    `\\([ \\t]*(${NUM})[ \\t]*,[ \\t]*(${NUM})[ \\t]*\\)[ \\t]*\\[[ \\t]*(${NUM})[ \\t]*\\|[ \\t]*(${NUM})[ \\t]*\\][ \\t]*"([^"\\\\\\n]*)"([^\\n]*)`,
  'yd',
);
// Separators are required between names, so there is exactly one way to match (no backtracking blow-up).
const RECEIVERS = /^[ \t\r]*(?:[A-Za-z_][A-Za-z0-9_]*(?:(?:[ \t]*,[ \t]*|[ \t]+)[A-Za-z_][A-Za-z0-9_]*)*)?[ \t\r,]*$/;

interface SignalFields {
  name: string;
  selectorFlag: boolean;
  muxId: number | null;
  startPos: number;
  start: number;
  length: number;
  order: number;
  sign: number;
  scale: number;
  offset: number;
  minimum: number;
  maximum: number;
  unit: string;
  receivers: string[];
}

function fastSignal(s: Scanner): SignalFields | null {
  SIGNAL_LINE.lastIndex = s.pos;
  const m = SIGNAL_LINE.exec(s.text);
  if (m === null || !RECEIVERS.test(m[12])) return null;
  const fields: SignalFields = {
    name: m[1],
    selectorFlag: m[2] !== undefined && m[2].endsWith('M'),
    muxId: m[2] !== undefined && m[2] !== 'M' ? parseInt(m[2].slice(1), 10) : null,
    startPos: m.indices![3]![0],
    start: Number(m[3]),
    length: Number(m[4]),
    order: m[5].charCodeAt(0),
    sign: m[6].charCodeAt(0),
    scale: Number(m[7]),
    offset: Number(m[8]),
    minimum: Number(m[9]),
    maximum: Number(m[10]),
    unit: m[11],
    receivers: m[12].split(/[ \t\r,]+/).filter((n) => n !== '' && n !== 'Vector__XXX'),
  };
  if (![fields.scale, fields.offset, fields.minimum, fields.maximum].every(Number.isFinite)) return null;
  s.pos = SIGNAL_LINE.lastIndex;
  return fields;
}

function slowSignal(s: Scanner): SignalFields {
  const name = s.ident('a signal name');
  let selectorFlag = false;
  let muxId: number | null = null;
  s.skipSpace();
  if (s.peek() !== 58) {
    const markAt = s.here();
    const mark = s.ident('a multiplexer mark or ":"');
    const m = MUX_MARK.exec(mark);
    if (!m) s.fail(`"${mark}" is not a multiplexer mark (M, mN or mNM)`, markAt);
    if (m[1]) selectorFlag = true;
    else {
      muxId = Number(m[2]);
      selectorFlag = m[3] === 'M';
    }
  }
  s.expect(':');
  s.skipSpace();
  const startPos = s.pos;
  const start = s.uint('the start bit');
  s.expect('|');
  const length = s.uint('the bit length');
  s.expect('@');
  s.skipSpace();
  const orderAt = s.here();
  const order = s.peek();
  if (order !== 48 && order !== 49) s.fail(`expected byte order 0 (Motorola) or 1 (Intel), found ${s.describeNext()}`, orderAt);
  s.pos++;
  const sign = s.peek();
  if (sign !== 43 && sign !== 45) s.fail(`expected "+" (unsigned) or "-" (signed), found ${s.describeNext()}`);
  s.pos++;
  s.expect('(');
  const scale = s.number('the scale');
  s.expect(',');
  const offset = s.number('the offset');
  s.expect(')');
  s.expect('[');
  const minimum = s.number('the minimum');
  s.expect('|');
  const maximum = s.number('the maximum');
  s.expect(']');
  const unit = s.string('the unit');
  const receivers = s.skipLineSpace() ? lineIdents(s).filter((n) => n !== 'Vector__XXX') : [];
  return { name, selectorFlag, muxId, startPos, start, length, order, sign, scale, offset, minimum, maximum, unit, receivers };
}

function parseSignal(s: Scanner, draft: Draft, message: DbcMessage, at: SourceLocation): void {
  const { name, selectorFlag, muxId, startPos, start, length, order, sign, scale, offset, minimum, maximum, unit, receivers } =
    fastSignal(s) ?? slowSignal(s);
  const startAt = s.locate(startPos);
  if (length < 1 || length > 64) s.fail(`signal ${name}: bit length ${length} is outside 1..64`, startAt);
  const byteOrder = order === 49 ? 'little_endian' : 'big_endian';
  const needed = signalBytesNeeded({ start, length, byteOrder });
  if (start >= MAX_PAYLOAD * 8 || needed > MAX_PAYLOAD) {
    s.fail(`signal ${name}: bits ${start}..${start + length - 1} do not fit in a 64-byte payload`, startAt);
  }
  const signal: DbcSignal = {
    name,
    start,
    length,
    byteOrder,
    signed: sign === 45,
    valueType: 'integer',
    scale,
    offset,
    minimum: minimum === 0 && maximum === 0 ? null : minimum,
    maximum: minimum === 0 && maximum === 0 ? null : maximum,
    unit,
    receivers,
    choices: null,
    isMultiplexer: selectorFlag,
    multiplexerSignal: null,
    multiplexerIds: muxId === null ? null : [muxId],
    comment: null,
    attributes: new Map(),
    exactInteger: Number.isInteger(scale) && Number.isInteger(offset),
    location: at,
  };
  if (message.signals.some((other) => other.name === name)) {
    s.fail(`signal ${name} is defined twice in message ${message.name}`, at);
  }
  if (needed > message.length) {
    draft.warnings.push({ ...loc(draft, startAt), message: `signal ${name} reaches byte ${needed - 1}, beyond the ${message.length}-byte message ${message.name}` });
  }
  draft.muxMarks.set(signal, { selectorFlag, muxId });
  message.signals.push(signal);
}

/** A whole well-formed `value "text"` list up to its `;` (fast path; the token parser handles the rest). */
const CHOICE_LIST = new RegExp(`(?:\\s*${NUM}\\s+"[^"\\\\]*")*\\s*;`, 'y');
const CHOICE_ITEM = new RegExp(`(${NUM})\\s+"([^"\\\\]*)"`, 'g');

function parseChoices(s: Scanner): Map<number, string> {
  const choices = new Map<number, string>();
  CHOICE_LIST.lastIndex = s.pos;
  const list = CHOICE_LIST.exec(s.text);
  if (list !== null) {
    let ok = true;
    for (const m of list[0].matchAll(CHOICE_ITEM)) {
      const value = Number(m[1]);
      if (!Number.isFinite(value)) ok = false;
      choices.set(value, m[2]);
    }
    if (ok) {
      s.pos = CHOICE_LIST.lastIndex;
      return choices;
    }
    choices.clear();
  }
  while (!s.tryChar(';')) {
    if (s.eof) s.fail('expected ";" to end the value descriptions');
    const value = s.number('a raw value');
    choices.set(value, s.string('the value description'));
  }
  return choices;
}

function parseValueDescriptions(s: Scanner, draft: Draft, at: SourceLocation): void {
  s.skipSpace();
  if (!s.atNumber()) {
    // VAL_ on an environment variable: not used by Cabin.
    s.skipStatement();
    return;
  }
  const key = s.uint('a message id');
  const signal = s.ident('a signal name');
  s.skipSpace();
  if (isIdentStart(s.peek())) {
    const table = s.ident();
    s.expect(';');
    draft.valueDescriptions.push({ at, value: { key, signal, choices: table } });
    return;
  }
  draft.valueDescriptions.push({ at, value: { key, signal, choices: parseChoices(s) } });
}

function parseTarget(s: Scanner): AttributeTarget {
  s.skipSpace();
  if (!isIdentStart(s.peek())) return { kind: 'network' };
  const save = s.pos;
  const word = s.ident();
  switch (word) {
    case 'BU_':
      return { kind: 'node', name: s.ident('a node name') };
    case 'BO_':
      return { kind: 'message', key: s.uint('a message id') };
    case 'SG_': {
      const key = s.uint('a message id');
      return { kind: 'signal', key, signal: s.ident('a signal name') };
    }
    case 'EV_':
      return { kind: 'envvar', name: s.ident('an environment variable name') };
    default:
      s.pos = save;
      return { kind: 'network' };
  }
}

function parseComment(s: Scanner, draft: Draft, at: SourceLocation): void {
  const target = parseTarget(s);
  const text = s.string('the comment text');
  s.expect(';');
  draft.comments.push({ at, value: { target, text } });
}

function parseAttributeDefinition(s: Scanner, draft: Draft): void {
  s.skipSpace();
  let objectType: DbcAttributeDefinition['objectType'] = '';
  if (isIdentStart(s.peek())) {
    const word = s.ident();
    if (word !== 'BU_' && word !== 'BO_' && word !== 'SG_' && word !== 'EV_') {
      s.fail(`expected BU_, BO_, SG_, EV_ or the attribute name, found "${word}"`);
    }
    objectType = word;
  }
  const name = s.string('the attribute name');
  const typeAt = s.here();
  const valueType = s.ident('the attribute type');
  const def: DbcAttributeDefinition = { name, objectType, valueType: 'STRING', enumValues: [], defaultValue: null };
  switch (valueType) {
    case 'INT':
    case 'HEX':
    case 'FLOAT':
      def.valueType = valueType;
      s.skipStatement();
      break;
    case 'STRING':
      s.expect(';');
      break;
    case 'ENUM':
      def.valueType = 'ENUM';
      while (!s.tryChar(';')) {
        if (def.enumValues.length > 0) s.tryChar(',');
        def.enumValues.push(s.string('an enum value'));
      }
      break;
    default:
      s.fail(`unknown attribute type "${valueType}"`, typeAt);
  }
  const previous = draft.db.attributeDefinitions.get(name);
  if (previous) def.defaultValue = previous.defaultValue;
  draft.db.attributeDefinitions.set(name, def);
}

function parseAttributeScalar(s: Scanner): number | string {
  return s.atString() ? s.string() : s.number('the attribute value');
}

function parseAttributeDefault(s: Scanner, draft: Draft, at: SourceLocation): void {
  const name = s.string('the attribute name');
  const value = parseAttributeScalar(s);
  s.expect(';');
  const def = draft.db.attributeDefinitions.get(name);
  if (!def) {
    draft.warnings.push({ ...loc(draft, at), message: `default for undefined attribute "${name}"` });
    draft.db.attributeDefinitions.set(name, { name, objectType: '', valueType: typeof value === 'string' ? 'STRING' : 'FLOAT', enumValues: [], defaultValue: value });
    return;
  }
  def.defaultValue = value;
}

/** A whole well-formed BA_ statement (fast path; the token parser handles the rest and locates errors). */
const ATTRIBUTE_LINE = new RegExp(
  `\\s*"([^"\\\\]*)"\\s*(?:(?:(BO_)\\s+([0-9]+)|(SG_)\\s+([0-9]+)\\s+([A-Za-z_][A-Za-z0-9_]*)|(BU_|EV_)\\s+([A-Za-z_][A-Za-z0-9_]*))\\s*)?(?:"([^"\\\\]*)"|(${NUM}))\\s*;`,
  'y',
);

function fastAttributeValue(s: Scanner, draft: Draft, at: SourceLocation): boolean {
  ATTRIBUTE_LINE.lastIndex = s.pos;
  const m = ATTRIBUTE_LINE.exec(s.text);
  if (m === null) return false;
  let value: number | string;
  if (m[9] !== undefined) value = m[9];
  else {
    value = Number(m[10]);
    if (!Number.isFinite(value)) return false;
  }
  const target: AttributeTarget = m[2]
    ? { kind: 'message', key: Number(m[3]) }
    : m[4]
      ? { kind: 'signal', key: Number(m[5]), signal: m[6] }
      : m[7] === 'BU_'
        ? { kind: 'node', name: m[8] }
        : m[7] === 'EV_'
          ? { kind: 'envvar', name: m[8] }
          : { kind: 'network' };
  s.pos = ATTRIBUTE_LINE.lastIndex;
  draft.attributeValues.push({ at, value: { name: m[1], target, value } });
  return true;
}

function parseAttributeValue(s: Scanner, draft: Draft, at: SourceLocation): void {
  if (fastAttributeValue(s, draft, at)) return;
  const name = s.string('the attribute name');
  const target = parseTarget(s);
  const value = parseAttributeScalar(s);
  s.expect(';');
  draft.attributeValues.push({ at, value: { name, target, value } });
}

function parseExtendedMux(s: Scanner, draft: Draft, at: SourceLocation): void {
  const key = s.uint('a message id');
  const signal = s.ident('a signal name');
  const selector = s.ident('the multiplexer signal name');
  const ids: number[] = [];
  do {
    const rangeAt = s.here();
    const from = s.uint('a multiplexer value');
    s.expect('-');
    const to = s.uint('a multiplexer value');
    if (to < from) s.fail(`multiplexer range ${from}-${to} is empty`, rangeAt);
    if (ids.length + (to - from + 1) > MAX_MUX_IDS) s.fail(`multiplexer ranges list more than ${MAX_MUX_IDS} values`, rangeAt);
    if (draft.muxIds + ids.length + (to - from + 1) > MAX_MUX_IDS_PER_FILE) {
      s.fail(`SG_MUL_VAL_ ranges of this file list more than ${MAX_MUX_IDS_PER_FILE} values in all`, rangeAt);
    }
    for (let v = from; v <= to; v++) ids.push(v);
  } while (s.tryChar(','));
  s.expect(';');
  draft.muxIds += ids.length;
  draft.extendedMux.push({ at, value: { key, signal, selector, ids } });
}

type Diag = (list: DbcDiagnostic[], at: SourceLocation, message: string) => void;

/** Applies the statements that refer back to messages and signals, then checks multiplexing and overlaps. */
function resolve(draft: Draft, diag: Diag): void {
  const { db, warnings, errors } = draft;
  const findSignal = (at: SourceLocation, key: number, name: string, what: string): DbcSignal | null => {
    const message = db.messagesByKey.get(key);
    if (!message) {
      diag(warnings, at, `${what} refers to unknown message id ${key}`);
      return null;
    }
    const signal = message.signals.find((sg) => sg.name === name);
    if (!signal) diag(warnings, at, `${what} refers to unknown signal ${name} in message ${message.name}`);
    return signal ?? null;
  };

  for (const { at, value } of draft.valueDescriptions) {
    const signal = findSignal(at, value.key, value.signal, 'VAL_');
    if (!signal) continue;
    if (typeof value.choices === 'string') {
      const table = db.valueTables.get(value.choices);
      if (!table) diag(warnings, at, `VAL_ refers to unknown value table ${value.choices}`);
      else signal.choices = new Map(table);
    } else {
      signal.choices = value.choices;
    }
  }

  for (const { at, value } of draft.valueTypes) {
    const signal = findSignal(at, value.key, value.signal, 'SIG_VALTYPE_');
    if (!signal) continue;
    if (value.type === 0) continue;
    const [type, bits] = value.type === 1 ? (['float32', 32] as const) : value.type === 2 ? (['float64', 64] as const) : [null, 0];
    if (!type) {
      diag(errors, at, `SIG_VALTYPE_ ${value.type} for ${value.signal} is not 0, 1 (float32) or 2 (float64)`);
    } else if (signal.length !== bits) {
      diag(errors, at, `signal ${signal.name} is ${signal.length} bits long but SIG_VALTYPE_ ${value.type} needs ${bits}`);
    } else {
      signal.valueType = type;
      signal.exactInteger = false;
    }
  }

  for (const { at, value } of draft.comments) {
    const { target, text } = value;
    if (target.kind === 'network') db.comment = text;
    else if (target.kind === 'node') {
      const node = db.nodes.find((n) => n.name === target.name);
      if (node) node.comment = text;
    } else if (target.kind === 'message') {
      const message = db.messagesByKey.get(target.key);
      if (message) message.comment = text;
      else diag(warnings, at, `CM_ refers to unknown message id ${target.key}`);
    } else if (target.kind === 'signal') {
      const signal = findSignal(at, target.key, target.signal, 'CM_');
      if (signal) signal.comment = text;
    }
  }

  for (const { at, value } of draft.attributeValues) {
    const { target, name } = value;
    let attrValue = value.value;
    const def = db.attributeDefinitions.get(name);
    if (def?.valueType === 'ENUM' && typeof attrValue === 'number' && def.enumValues[attrValue] !== undefined) {
      attrValue = def.enumValues[attrValue];
    }
    if (target.kind === 'network') db.attributes.set(name, attrValue);
    else if (target.kind === 'message') {
      const message = db.messagesByKey.get(target.key);
      if (message) message.attributes.set(name, attrValue);
      else diag(warnings, at, `BA_ "${name}" refers to unknown message id ${target.key}`);
    } else if (target.kind === 'signal') {
      const signal = findSignal(at, target.key, target.signal, `BA_ "${name}"`);
      if (signal) signal.attributes.set(name, attrValue);
    }
  }

  const defaultOf = (name: string): number | string | null => db.attributeDefinitions.get(name)?.defaultValue ?? null;
  const cycleDefault = defaultOf('GenMsgCycleTime');
  const formatDefault = defaultOf('VFrameFormat');
  for (const message of db.messages) {
    const cycle = message.attributes.get('GenMsgCycleTime') ?? cycleDefault;
    const cycleMs = typeof cycle === 'number' ? cycle : typeof cycle === 'string' ? Number(cycle) : NaN;
    message.cycleTimeMs = Number.isFinite(cycleMs) && cycleMs > 0 ? cycleMs : null;
    const format = message.attributes.get('VFrameFormat') ?? formatDefault;
    message.frameFormat = format === null ? null : String(format);
    if (typeof format === 'string' && /_FD$/.test(format)) message.fd = true;
  }

  const extendedBySignal = new Map<DbcSignal, { at: SourceLocation; selector: string; ids: number[] }>();
  for (const { at, value } of draft.extendedMux) {
    const signal = findSignal(at, value.key, value.signal, 'SG_MUL_VAL_');
    if (signal) extendedBySignal.set(signal, { at, selector: value.selector, ids: value.ids });
  }

  for (const message of db.messages) resolveMultiplexing(message, draft, extendedBySignal, diag);
  for (const message of db.messages) checkOverlaps(message, draft);
}

function resolveMultiplexing(
  message: DbcMessage,
  draft: Draft,
  extendedBySignal: Map<DbcSignal, { at: SourceLocation; selector: string; ids: number[] }>,
  diag: Diag,
): void {
  const plainSelectors = message.signals.filter((sg) => sg.isMultiplexer && draft.muxMarks.get(sg)?.muxId === null);
  const byName = new Map(message.signals.map((sg) => [sg.name, sg]));
  for (const signal of message.signals) {
    const extended = extendedBySignal.get(signal);
    if (extended) {
      const selector = byName.get(extended.selector);
      if (!selector) {
        diag(draft.errors, extended.at, `SG_MUL_VAL_: ${extended.selector} is not a signal of message ${message.name}`);
        signal.multiplexerIds = null;
        continue;
      }
      if (!selector.isMultiplexer) {
        diag(draft.warnings, extended.at, `SG_MUL_VAL_: ${extended.selector} is used as a multiplexer but is not marked M`);
        selector.isMultiplexer = true;
      }
      signal.multiplexerSignal = selector.name;
      signal.multiplexerIds = extended.ids;
      continue;
    }
    const mark = draft.muxMarks.get(signal);
    if (mark?.muxId === null || mark === undefined) continue;
    if (plainSelectors.length === 1 && plainSelectors[0] !== signal) {
      signal.multiplexerSignal = plainSelectors[0].name;
    } else {
      diag(
        draft.errors,
        signal.location,
        plainSelectors.length === 0
          ? `signal ${signal.name} is multiplexed (m${mark.muxId}) but message ${message.name} has no M selector`
          : `signal ${signal.name} is multiplexed (m${mark.muxId}) but message ${message.name} has several selectors and no SG_MUL_VAL_ says which`,
      );
      signal.multiplexerIds = null;
    }
  }
  // A selector chain must end at an unconditional signal.
  for (const signal of message.signals) {
    const seen = new Set<DbcSignal>();
    let cursor: DbcSignal | undefined = signal;
    while (cursor && cursor.multiplexerSignal !== null) {
      if (seen.has(cursor)) {
        diag(draft.errors, signal.location, `signal ${signal.name}: multiplexer chain loops back on itself`);
        for (const sg of seen) {
          sg.multiplexerSignal = null;
          sg.multiplexerIds = null;
        }
        break;
      }
      seen.add(cursor);
      cursor = byName.get(cursor.multiplexerSignal);
    }
  }
  message.multiplexed = message.signals.some((sg) => sg.isMultiplexer);
}

/** Signals whose bits overlap while both can be present in one frame: a warning (real files have them). */
function checkOverlaps(message: DbcMessage, draft: Draft): void {
  const owners = new Map<number, DbcSignal[]>();
  const byName = new Map(message.signals.map((sg) => [sg.name, sg]));
  // Each pair is judged once, however many bits it shares.
  const judged = new Set<string>();
  for (const signal of message.signals) {
    for (const p of signalBitPositions(signal)) {
      const list = owners.get(p);
      if (!list) {
        owners.set(p, [signal]);
        continue;
      }
      for (const other of list) {
        const pair = `${other.name}\u0000${signal.name}`;
        if (judged.has(pair)) continue;
        judged.add(pair);
        if (exclusive(other, signal, byName)) continue;
        draft.warnings.push({
          ...loc(draft, signal.location),
          message: `signals ${other.name} and ${signal.name} overlap in message ${message.name}`,
        });
      }
      list.push(signal);
    }
  }
}

/** True when two signals can never be present in the same frame (their chains need different values of one selector). */
function exclusive(a: DbcSignal, b: DbcSignal, byName: Map<string, DbcSignal>): boolean {
  const chainA = selectorChain(a, byName);
  for (const [selector, idsB] of selectorChain(b, byName)) {
    const idsA = chainA.get(selector);
    if (!idsA) continue;
    const setA = new Set(idsA);
    if (!idsB.some((id) => setA.has(id))) return true;
  }
  return false;
}

function selectorChain(signal: DbcSignal, byName: Map<string, DbcSignal>): Map<string, number[]> {
  const chain = new Map<string, number[]>();
  let cursor: DbcSignal | undefined = signal;
  while (cursor && cursor.multiplexerSignal !== null && !chain.has(cursor.multiplexerSignal)) {
    chain.set(cursor.multiplexerSignal, cursor.multiplexerIds ?? []);
    cursor = byName.get(cursor.multiplexerSignal);
  }
  return chain;
}
