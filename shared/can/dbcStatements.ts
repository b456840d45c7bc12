// The DBC statements around the frames: NS_/BU_ blocks, value tables and descriptions, comments, attributes, value types, extended multiplexing.
import { report, type AttributeTarget, type Draft } from './dbcDraft';
import type { DbcAttributeDefinition } from './dbcModel';
import { isIdentStart, type Scanner } from './dbcScanner';

/** Values one SG_MUL_VAL_ line may list. */
const MAX_MUX_IDS = 65536;
/** Expanded SG_MUL_VAL_ values per file: real files list a few hundred; this keeps a hostile file from exhausting memory. */
const MAX_MUX_IDS_PER_FILE = 1 << 20;

const LONE_WORD = /^[A-Z][A-Z0-9_]*[ \t\r]*$/;

/** The NS_ block: every following line that is indented, blank, or a lone keyword (some tools do not indent it). */
export function skipIndentedBlock(s: Scanner): void {
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

/** Node names after `BU_:`: on the same line or on following indented lines (some tools write one per line). */
export function indentedIdents(s: Scanner): string[] {
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

/** `<value> "<text>" …;` of VAL_ and VAL_TABLE_. */
export function parseChoices(s: Scanner): Map<number, string> {
  const choices = new Map<number, string>();
  while (!s.tryChar(';')) {
    if (s.eof) s.fail('expected ";" to end the value descriptions');
    const value = s.number('a raw value');
    choices.set(value, s.string('the value description'));
  }
  return choices;
}

/** `VAL_ <id> <signal> <choices or a VAL_TABLE_ name>;` (VAL_ on environment variables is skipped). */
export function parseValueDescriptions(s: Scanner, draft: Draft, at: number): void {
  if (!s.atNumber()) {
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

/** What a CM_ or BA_ applies to: the network when no BU_/BO_/SG_/EV_ word follows. */
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

/** `CM_ [target] "<text>";` */
export function parseComment(s: Scanner, draft: Draft, at: number): void {
  const target = parseTarget(s);
  const text = s.string('the comment text');
  s.expect(';');
  draft.comments.push({ at, value: { target, text } });
}

/** `BA_DEF_ [BU_|BO_|SG_|EV_] "<name>" <INT|HEX|FLOAT min max | STRING | ENUM "a","b"…>;` */
export function parseAttributeDefinition(s: Scanner, draft: Draft): void {
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

/** `BA_DEF_DEF_ "<name>" <value>;` */
export function parseAttributeDefault(s: Scanner, draft: Draft, at: number): void {
  const name = s.string('the attribute name');
  const value = parseAttributeScalar(s);
  s.expect(';');
  const def = draft.db.attributeDefinitions.get(name);
  if (!def) {
    report(draft, draft.warnings, at, `default for undefined attribute "${name}"`);
    draft.db.attributeDefinitions.set(name, { name, objectType: '', valueType: typeof value === 'string' ? 'STRING' : 'FLOAT', enumValues: [], defaultValue: value });
    return;
  }
  def.defaultValue = value;
}

/** `BA_ "<name>" [target] <value>;` */
export function parseAttributeValue(s: Scanner, draft: Draft, at: number): void {
  const name = s.string('the attribute name');
  const target = parseTarget(s);
  const value = parseAttributeScalar(s);
  s.expect(';');
  draft.attributeValues.push({ at, value: { name, target, value } });
}

/** `SIG_VALTYPE_ <id> <signal> [:] <0|1|2>;` */
export function parseValueType(s: Scanner, draft: Draft, at: number): void {
  const key = s.uint('a message id');
  const signal = s.ident('a signal name');
  s.tryChar(':');
  const type = s.uint('a value type (0, 1 or 2)');
  s.expect(';');
  draft.valueTypes.push({ at, value: { key, signal, type } });
}

/** `SG_MUL_VAL_ <id> <signal> <selector> <from>-<to>, …;` */
export function parseExtendedMux(s: Scanner, draft: Draft, at: number): void {
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
