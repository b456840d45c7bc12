// What the DBC statement parsers collect: the database under construction, diagnostics, and the statements resolved at the end.
import type { DbcDatabase, DbcDiagnostic, DbcMessage, DbcSignal, SourceLocation } from './dbcModel';
import type { Scanner } from './dbcScanner';

/** A statement that refers back to messages or signals, kept with the text offset where it starts. */
export interface Pending<T> {
  at: number;
  value: T;
}

export type AttributeTarget =
  | { kind: 'network' }
  | { kind: 'node'; name: string }
  | { kind: 'message'; key: number }
  | { kind: 'signal'; key: number; signal: string }
  | { kind: 'envvar'; name: string };

export interface Draft {
  db: DbcDatabase;
  scanner: Scanner;
  warnings: DbcDiagnostic[];
  errors: DbcDiagnostic[];
  /** Statements that parsed; zero means "not a DBC file". */
  statements: number;
  /** SG_MUL_VAL_ values expanded so far. */
  muxIds: number;
  /** Raw `mN` / `M` markers of the signals that have one, resolved once SG_MUL_VAL_ is known. */
  muxMarks: Map<DbcSignal, { selectorFlag: boolean; muxId: number | null }>;
  /** Each message's signals by name, so repeats and references are found without scanning the list. */
  signalsByName: Map<DbcMessage, Map<string, DbcSignal>>;
  valueDescriptions: Pending<{ key: number; signal: string; choices: Map<number, string> | string }>[];
  valueTypes: Pending<{ key: number; signal: string; type: number }>[];
  extendedMux: Pending<{ key: number; signal: string; selector: string; ids: number[] }>[];
  attributeValues: Pending<{ name: string; target: AttributeTarget; value: number | string }>[];
  comments: Pending<{ target: AttributeTarget; text: string }>[];
}

export function createDraft(fileName: string, scanner: Scanner): Draft {
  return {
    db: {
      file: fileName,
      version: '',
      nodes: [],
      messages: [],
      messagesByKey: new Map(),
      valueTables: new Map(),
      attributeDefinitions: new Map(),
      attributes: new Map(),
      comment: null,
    },
    scanner,
    warnings: [],
    errors: [],
    statements: 0,
    muxIds: 0,
    muxMarks: new Map(),
    signalsByName: new Map(),
    valueDescriptions: [],
    valueTypes: [],
    extendedMux: [],
    attributeValues: [],
    comments: [],
  };
}

/** Records a diagnostic at a location or a text offset. */
export function report(draft: Draft, list: DbcDiagnostic[], at: SourceLocation | number, message: string): void {
  const where = typeof at === 'number' ? draft.scanner.locate(at) : at;
  list.push({ file: draft.db.file, line: where.line, column: where.column, message });
}
