// DBC text → DbcDatabase: reads statement by statement, each problem located as file:line:column; tolerant of the sections real files carry.
import { createDraft } from './dbcDraft';
import { parseMessage, parseSignal } from './dbcMessageStatements';
import type { DbcMessage, DbcParseResult } from './dbcModel';
import { resolve } from './dbcResolve';
import { isIdentStart, ParseError, Scanner } from './dbcScanner';
import {
  indentedIdents,
  parseAttributeDefault,
  parseAttributeDefinition,
  parseAttributeValue,
  parseChoices,
  parseComment,
  parseExtendedMux,
  parseValueDescriptions,
  parseValueType,
  skipIndentedBlock,
} from './dbcStatements';

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

/**
 * Parses DBC text. Never throws for bad input: problems come back as located errors and
 * warnings, and everything that did parse is in `db`.
 */
export function parseDbc(text: string, fileName: string): DbcParseResult {
  const s = new Scanner(text);
  const draft = createDraft(fileName, s);
  const db = draft.db;

  // null: no BO_ yet or another statement came between; 'broken': the BO_ line failed, so its SG_ lines are skipped quietly.
  let current: DbcMessage | null | 'broken' = null;
  for (;;) {
    s.skipSpace();
    if (s.eof) break;
    const at = s.pos;
    if (!isIdentStart(s.peek())) {
      draft.errors.push({ file: fileName, ...s.locate(at), message: `unexpected ${s.describeNext()} where a DBC keyword should start` });
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
        const where = s.locate(at);
        if (current === null) throw new ParseError('SG_ outside a message: it must follow a BO_ line', where.line, where.column);
        parseSignal(s, draft, current, where);
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
        case 'SIG_VALTYPE_':
          parseValueType(s, draft, at);
          break;
        case 'SG_MUL_VAL_':
          parseExtendedMux(s, draft, at);
          break;
        default:
          if (SKIPPED_STATEMENTS.has(keyword)) s.skipStatement();
          else s.fail(`unknown statement "${keyword}"`, s.locate(at));
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
  resolve(draft);
  return { db, warnings: draft.warnings, errors: draft.errors };
}
