// Reads and parses the DBC file a `cabin can` command names; an unreadable file is a one-line CliFailure.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DbcParseResult } from '../../../shared/can/dbcModel';
import { parseDbc } from '../../../shared/can/dbcParser';
import { decodeDbcBytes } from '../../../shared/can/dbcText';
import { CliFailure } from '../command';

/** Parses `file` (resolved against `cwd`); diagnostics name the path as the user wrote it. */
export async function loadDbcFile(file: string, cwd: string): Promise<DbcParseResult> {
  return parseDbc(decodeDbcBytes(await readInput(file, cwd, 'DBC file')), file);
}

export async function readInput(file: string, cwd: string, what: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, file));
  } catch (error) {
    throw readFailure(error, file, what);
  }
}

/** The one-line failure for a file that cannot be read: "cannot read log x.log: no such file". */
export function readFailure(error: unknown, file: string, what: string): CliFailure {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
  return new CliFailure(`cannot read ${what} ${file}: ${reason}`);
}
