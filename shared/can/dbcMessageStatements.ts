// The DBC statements that define frames: `BO_` (a message) and the `SG_` lines (its signals) that follow it.
import { report, type Draft } from './dbcDraft';
import { messageKey, type DbcMessage, type DbcSignal, type SourceLocation } from './dbcModel';
import { isIdentStart, type Scanner } from './dbcScanner';
import { signalBytesNeeded } from './signalBits';

/** CAN FD carries at most 64 payload bytes; classic CAN files stay within 8. */
export const MAX_PAYLOAD = 64;

const COMMA = 44;
const COLON = 58;
const MUX_MARK = /^(?:(M)|m(\d+)(M?))$/;

/** Names on the rest of the current line, separated by blanks or commas (senders, receivers); `Vector__XXX` means none. */
function lineIdents(s: Scanner): string[] {
  const names: string[] = [];
  while (s.skipLineSpace()) {
    if (s.peek() === COMMA) {
      s.pos++;
      continue;
    }
    if (!isIdentStart(s.peek())) s.fail(`expected a node name, found ${s.describeNext()}`);
    const name = s.ident();
    if (name !== 'Vector__XXX') names.push(name);
  }
  return names;
}

/** `BO_ <id> <name>: <length> <sender>`; `at` is where the statement starts. */
export function parseMessage(s: Scanner, draft: Draft, at: number): DbcMessage {
  const idAt = s.pos;
  const rawId = s.uint('a message id');
  const name = s.ident('a message name');
  s.expect(':');
  const length = s.uint('the message length in bytes');
  const senders = s.skipLineSpace() ? lineIdents(s) : [];
  if (rawId > 0xffffffff) s.fail(`message id ${rawId} is out of range`, s.locate(idAt));
  const extended = rawId >= 0x80000000;
  const id = extended ? rawId - 0x80000000 : rawId;
  if (extended && id > 0x1fffffff) s.fail(`extended message id ${rawId} is out of range`, s.locate(idAt));
  const location = s.locate(at);
  if (length > MAX_PAYLOAD) s.fail(`message ${name} is ${length} bytes long; CAN FD allows at most 64`, location);
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
    location,
  };
  if (!extended && id > 0x7ff) {
    report(draft, draft.warnings, idAt, `message ${name}: standard id 0x${id.toString(16)} is wider than 11 bits`);
  }
  const key = messageKey(id, extended);
  const taken = draft.db.messagesByKey.get(key);
  if (taken) {
    report(draft, draft.warnings, idAt, `message ${name}: id ${rawId} is already used by ${taken.name}; this definition is ignored`);
    // Still collect its signals so they are checked, but keep it out of the lookup.
    return message;
  }
  draft.db.messages.push(message);
  draft.db.messagesByKey.set(key, message);
  return message;
}

/** The optional multiplexer mark between a signal's name and its colon: `M`, `mN` or `mNM`. */
function parseMuxMark(s: Scanner): { selectorFlag: boolean; muxId: number | null } {
  s.skipSpace();
  if (s.peek() === COLON) return { selectorFlag: false, muxId: null };
  const markAt = s.here();
  const mark = s.ident('a multiplexer mark or ":"');
  const m = MUX_MARK.exec(mark);
  if (!m) s.fail(`"${mark}" is not a multiplexer mark (M, mN or mNM)`, markAt);
  if (m[1]) return { selectorFlag: true, muxId: null };
  return { selectorFlag: m[3] === 'M', muxId: Number(m[2]) };
}

/** ` SG_ <name> [mark] : <start>|<length>@<order><sign> (<scale>,<offset>) [<min>|<max>] "<unit>" <receivers>` */
export function parseSignal(s: Scanner, draft: Draft, message: DbcMessage, at: SourceLocation): void {
  const name = s.ident('a signal name');
  const { selectorFlag, muxId } = parseMuxMark(s);
  s.expect(':');
  s.skipSpace();
  const startPos = s.pos;
  const start = s.uint('the start bit');
  s.expect('|');
  const length = s.uint('the bit length');
  s.expect('@');
  s.skipSpace();
  const order = s.peek();
  if (order !== 48 && order !== 49) s.fail(`expected byte order 0 (Motorola) or 1 (Intel), found ${s.describeNext()}`);
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
  const receivers = s.skipLineSpace() ? lineIdents(s) : [];

  if (length < 1 || length > 64) s.fail(`signal ${name}: bit length ${length} is outside 1..64`, s.locate(startPos));
  const byteOrder = order === 49 ? 'little_endian' : 'big_endian';
  const needed = signalBytesNeeded({ start, length, byteOrder });
  if (start >= MAX_PAYLOAD * 8 || needed > MAX_PAYLOAD) {
    s.fail(`signal ${name}: bits ${start}..${start + length - 1} do not fit in a 64-byte payload`, s.locate(startPos));
  }
  const unspecified = minimum === 0 && maximum === 0;
  const signal: DbcSignal = {
    name,
    start,
    length,
    byteOrder,
    signed: sign === 45,
    valueType: 'integer',
    scale,
    offset,
    minimum: unspecified ? null : minimum,
    maximum: unspecified ? null : maximum,
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
  let byName = draft.signalsByName.get(message);
  if (!byName) draft.signalsByName.set(message, (byName = new Map()));
  if (byName.has(name)) s.fail(`signal ${name} is defined twice in message ${message.name}`, at);
  if (needed > message.length) {
    report(draft, draft.warnings, startPos, `signal ${name} reaches byte ${needed - 1}, beyond the ${message.length}-byte message ${message.name}`);
  }
  if (selectorFlag || muxId !== null) draft.muxMarks.set(signal, { selectorFlag, muxId });
  byName.set(name, signal);
  message.signals.push(signal);
}
