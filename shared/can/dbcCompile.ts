// Compiles each DBC message into a specialised decode function (generated source, or closures where `new Function` is not allowed), within stated limits.
import { messageKey, type DbcDatabase, type DbcDiagnostic, type DbcMessage } from './dbcModel';
import { closureDecoder } from './decodeClosures';
import { generateDecoder, MAX_GENERATED_SOURCE, SourceTooLarge, type DecodeFunction } from './decodeGenerated';
import { createDecodeOutput, type DecodeOutput } from './decodeOutput';
import { exceededLimit } from './decodePlan';

export { muxErrorPrefix, MAX_MUX_DEPTH, MAX_SIGNALS_PER_MESSAGE } from './decodePlan';
export { MAX_GENERATED_SOURCE } from './decodeGenerated';

export interface CompiledMessage {
  message: DbcMessage;
  /** Decodes one payload (any length 0..64) into `out`, overwriting what it held. */
  decode(data: Uint8Array, out: DecodeOutput): void;
}

export interface CompiledDbc {
  db: DbcDatabase;
  /** The messages that compiled, in file order (a message past a limit is left out and named in `errors`). */
  messages: CompiledMessage[];
  /** Most signals in any one message: the size `createOutput` allocates. */
  maxSignals: number;
  lookup(id: number, extended: boolean): CompiledMessage | undefined;
  createOutput(): DecodeOutput;
  /** Why messages were not compiled: each passes a limit, located at the signal (or message) that passes it. */
  errors: DbcDiagnostic[];
  /** The messages `errors` speaks of; `lookup` does not find them. */
  refused: DbcMessage[];
  /** Messages decoded by the slower closure decoder because their generated source would be too large. */
  warnings: DbcDiagnostic[];
}

export interface CompileOptions {
  /** Also store raw values in `out.raw` (needed for VAL_ texts). */
  raw?: boolean;
  /**
   * 'generated' (default) builds one function per message from a template of the model with `new Function`;
   * 'closures' composes prebuilt closures and works where code generation is forbidden (strict CSP);
   * it is also chosen automatically when `new Function` is refused.
   */
  mode?: 'generated' | 'closures';
}

let codeGenerationAllowed: boolean | null = null;

/** False where a Content-Security-Policy forbids `new Function` (then the closure compiler is used). */
function canGenerateCode(): boolean {
  if (codeGenerationAllowed === null) {
    try {
      codeGenerationAllowed = new Function('return 1')() === 1;
    } catch {
      codeGenerationAllowed = false;
    }
  }
  return codeGenerationAllowed;
}

export function compileDbc(db: DbcDatabase, options: CompileOptions = {}): CompiledDbc {
  const generated = options.mode !== 'closures' && canGenerateCode();
  const raw = options.raw === true;
  const errors: DbcDiagnostic[] = [];
  const warnings: DbcDiagnostic[] = [];
  const messages: CompiledMessage[] = [];
  const refused: DbcMessage[] = [];
  for (const message of db.messages) {
    const limit = exceededLimit(message);
    if (limit) {
      const at = limit.signal?.location ?? message.location;
      errors.push({ file: db.file, line: at.line, column: at.column, message: `${limit.reason}; its frames are not decoded` });
      refused.push(message);
      continue;
    }
    messages.push(generated ? compileGenerated(message, raw, db.file, warnings) : { message, decode: closureDecoder(message, raw) });
  }
  const maxSignals = messages.reduce((max, c) => Math.max(max, c.message.signals.length), 0);
  // Dense table for 11-bit ids (the common case), a map for the rest.
  const standard: (CompiledMessage | undefined)[] = new Array(2048).fill(undefined);
  const other = new Map<number, CompiledMessage>();
  for (const compiled of messages) {
    const { id, extended } = compiled.message;
    if (!extended && id < 2048) standard[id] = compiled;
    else other.set(messageKey(id, extended), compiled);
  }
  return {
    db,
    messages,
    maxSignals,
    lookup: (id, extended) => (!extended && id < 2048 ? standard[id] : other.get(messageKey(id, extended))),
    createOutput: () => createDecodeOutput(maxSignals),
    errors,
    refused,
    warnings,
  };
}

/** Generated code, or closures when the source would pass MAX_GENERATED_SOURCE or the engine refuses it. */
function compileGenerated(message: DbcMessage, raw: boolean, file: string, warnings: DbcDiagnostic[]): CompiledMessage {
  // Truncated frames are rare: their decoder (closures, which check each signal's bytes) is built on the first one.
  let shortDecode: DecodeFunction | null = null;
  const short: DecodeFunction = (data, out) => (shortDecode ??= closureDecoder(message, raw))(data, out);
  try {
    return { message, decode: generateDecoder(message, raw, short) };
  } catch (error) {
    if (error instanceof SourceTooLarge) {
      const at = message.location;
      warnings.push({
        file,
        line: at.line,
        column: at.column,
        message: `message ${message.name}: its generated decoder would pass ${MAX_GENERATED_SOURCE} characters of source; it is decoded by the closure decoder (same values, slower)`,
      });
    }
    return { message, decode: closureDecoder(message, raw) };
  }
}
