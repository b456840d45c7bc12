// The CAN corpus (real DBC files, decode vectors, candump logs) read in place from ../shared, for the CAN benches and tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../test/fixtures/corpus';
import type { DbcParseResult } from '../shared/can/dbcModel';
import { parseDbc } from '../shared/can/dbcParser';
import { decodeDbcBytes } from '../shared/can/dbcText';

export const dbcDir = corpusPath('dbc');
export const vectorDir = corpusPath('can', 'vectors');

export const corpusDbcFiles: string[] = dbcDir ? readdirSync(dbcDir).filter((f) => f.endsWith('.dbc')).sort() : [];

const cache = new Map<string, DbcParseResult>();

export function loadCorpusDbc(file: string): DbcParseResult {
  let result = cache.get(file);
  if (!result) {
    result = parseDbc(decodeDbcBytes(readFileSync(join(dbcDir!, file))), file);
    cache.set(file, result);
  }
  return result;
}

export function readVectorFile<T>(file: string): T {
  return JSON.parse(readFileSync(join(vectorDir!, file), 'utf8')) as T;
}

export const vectorFiles: string[] = vectorDir
  ? readdirSync(vectorDir).filter((f) => f.endsWith('.json') && !f.endsWith('.defs.json')).sort()
  : [];

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
