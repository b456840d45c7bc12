// A stored document's bytes ⇄ its data: {"schemaVersion", "data"} JSON, optionally sealed, migrated forward, zod-checked.
import type { z } from 'zod';
import { isSealed, openSealed, sealedSize } from './encryption';

/** Upgrades: `migrations[n]` turns data of schema n into data of schema n + 1. */
export type Migrations = Readonly<Record<number, (data: unknown) => unknown>>;

export interface DocumentFormat<T> {
  /** Document name, e.g. "settings" or "profiles/3f2a"; bound into the encryption. */
  name: string;
  schema: z.ZodType<T>;
  /** The version this build writes; files with a higher one are from a newer Cabin and are never rewritten. */
  schemaVersion: number;
  migrations?: Migrations;
  encrypted?: boolean;
}

export type Decoded<T> =
  | { ok: true; data: T; version: number }
  | { ok: false; problem: 'corrupt'; message: string }
  | { ok: false; problem: 'newerSchema'; message: string; found: number; supported: number }
  | { ok: false; problem: 'wrongKey'; message: string }
  /** The key could not be had at all (key store locked, folder unreadable): the file is fine, leave it be. */
  | { ok: false; problem: 'keyUnavailable'; message: string };

/** Throws at definition time for a format no build could read consistently (a programming error, not bad data). */
export function checkFormat(format: DocumentFormat<unknown>): void {
  const { schemaVersion, migrations = {}, name } = format;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new Error(`${name}: schemaVersion must be an integer ≥ 1`);
  for (let v = 1; v < schemaVersion; v += 1) {
    if (typeof migrations[v] !== 'function') throw new Error(`${name}: no migration from schema ${v} to ${v + 1}`);
  }
}

/** The plain document text; an encrypted document seals exactly these bytes (see sealedSize). */
export function encodeDocument<T>(format: DocumentFormat<T>, data: T): Buffer {
  return Buffer.from(`${JSON.stringify({ schemaVersion: format.schemaVersion, data }, null, 2)}\n`, 'utf8');
}

/** Bytes on disk for a document whose plain text is `plainBytes` long, so a size limit is checked before writing. */
export function storedSize(format: DocumentFormat<unknown>, plainBytes: number): number {
  return format.encrypted ? sealedSize(plainBytes) : plainBytes;
}

/** Never throws: every way a file can be wrong comes back as a problem with a one-line, located message. */
export async function decodeDocument<T>(
  format: DocumentFormat<T>,
  bytes: Buffer,
  file: string,
  key: () => Promise<Uint8Array>,
): Promise<Decoded<T>> {
  const corrupt = (message: string): Decoded<T> => ({ ok: false, problem: 'corrupt', message: `${file}: ${message}` });
  let text = bytes.toString('utf8');
  let json = parseJson(text);
  if (!json.ok) return corrupt(json.message);
  if (isSealed(json.value)) {
    let secret: Uint8Array;
    try {
      secret = await key();
    } catch (error) {
      return { ok: false, problem: 'keyUnavailable', message: `${file}: ${(error as Error).message}` };
    }
    const opened = openSealed(secret, format.name, json.value);
    if (!opened.ok) {
      return opened.problem === 'wrongKey'
        ? { ok: false, problem: 'wrongKey', message: `${file}: ${opened.message}` }
        : corrupt(opened.message);
    }
    text = opened.plaintext.toString('utf8');
    json = parseJson(text);
    if (!json.ok) return corrupt(`(decrypted) ${json.message}`);
  }
  const doc = json.value as { schemaVersion?: unknown; data?: unknown } | null;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !('data' in doc)) {
    return corrupt('expected {"schemaVersion": <number>, "data": {…}}');
  }
  const found = doc.schemaVersion;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 1) {
    return corrupt(`schemaVersion: expected an integer ≥ 1, found ${JSON.stringify(found) ?? 'nothing'}`);
  }
  const supported = format.schemaVersion;
  if (found > supported) {
    return {
      ok: false,
      problem: 'newerSchema',
      found,
      supported,
      message: `${file}: written by a newer Cabin, schema ${found}; this build reads up to ${supported}`,
    };
  }
  let data = doc.data;
  for (let v = found; v < supported; v += 1) {
    try {
      data = format.migrations![v](data);
    } catch (error) {
      return corrupt(`migration from schema ${v} to ${v + 1} failed: ${(error as Error).message}`);
    }
  }
  const checked = format.schema.safeParse(data);
  if (!checked.success) return corrupt(describeZodIssues(checked.error));
  return { ok: true, data: checked.data, version: found };
}

/** `data.seat.position[2]: Too big…`: a JSON path per issue, so a support engineer can find it in the file. */
export function describeZodIssues(error: z.ZodError, root = 'data'): string {
  return error.issues
    .map((issue) => `${root}${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`)
    .join('; ');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    if (!position) return { ok: false, message: `not valid JSON (${message})` };
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return { ok: false, message: `not valid JSON at line ${line} column ${column} (${message})` };
  }
}
