// Reads station feed files (OCPI Locations, Open Charge Map POIs and reference data) with cheap checks first, and imports them into one set of Locations.
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { importOcpiLocations } from '../../../shared/stations/ocpiFeed';
import { importOcmPois, readOcmReference, type OcmReference } from '../../../shared/stations/ocmImport';
import { locationKey, type Location } from '../../../shared/stations/model';
import type { ImportReport } from '../../../shared/stations/importReport';
import { isObject } from '../../../shared/stations/feedValues';
import { parseLocatedJson } from '../../../shared/brand/locatedJson';

/** Larger files are refused before reading: a real Locations dump is a few MB. */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;

export type FeedFormat = 'ocpi' | 'ocm';

export interface FileOutcome {
  file: string;
  /** Set when the file could not be used at all: located (file:line:col) where possible. */
  error?: string;
  /** File-level fixes (a UTF-8 BOM removed…). */
  notes: string[];
  report?: ImportReport;
  /** An Open Charge Map reference-data file, used to resolve the POIs. */
  reference?: true;
}

export interface ImportFilesResult {
  locations: Location[];
  files: FileOutcome[];
  /** Locations of an earlier file replaced by the same location in a later one. */
  replaced: number;
}

export type ReadOutcome = { ok: true; value: unknown; notes: string[] } | { ok: false; error: string };

/** Reads and parses one JSON file, refusing non-JSON and oversized input before the expensive parse. */
export async function readJsonFile(path: string, maxBytes = MAX_FEED_BYTES): Promise<ReadOutcome> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    return { ok: false, error: `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  if (size > maxBytes) return { ok: false, error: `${path}: ${size} bytes is more than the ${maxBytes}-byte limit for a feed file` };
  const head = Buffer.alloc(Math.min(size, 64));
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  let k = bom ? 3 : 0;
  while (k < head.length && (head[k] === 0x20 || head[k] === 0x0a || head[k] === 0x0d || head[k] === 0x09)) k++;
  if (k >= head.length) return { ok: false, error: `${path}:1:1: empty file, no JSON` };
  if (head[k] !== 0x7b && head[k] !== 0x5b) {
    return { ok: false, error: `${path}:1:${k + 1}: not JSON (starts with byte 0x${head[k].toString(16).padStart(2, '0')}, expected { or [)` };
  }
  let text = await readFile(path, 'utf8');
  const notes: string[] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    notes.push('UTF-8 byte order mark removed');
  }
  try {
    return { ok: true, value: JSON.parse(text), notes };
  } catch (error) {
    // V8 does not always say where; the slower located parser runs only on input already known to be bad.
    const located = parseLocatedJson(text, { maxDepth: 10_000 });
    const where = located.ok ? '1:1' : `${located.error.line}:${located.error.col}`;
    const reason = located.ok ? (error as Error).message.split('\n')[0] : located.error.message;
    return { ok: false, error: `${path}:${where}: invalid JSON (${reason})` };
  }
}

const isOcmReference = (value: unknown) => isObject(value) && Array.isArray(value.ConnectionTypes) && Array.isArray(value.Operators);

/** Feed name of a file: its base name without extension (the identity of records with no party). */
export const sourceName = (file: string) => basename(file, extname(file));

export interface ImportFilesOptions {
  format: FeedFormat;
  now: number;
  /** Open Charge Map reference data read beforehand (files of it among `files` are used too). */
  reference?: OcmReference;
  onProgress?: (file: string, done: number, total: number) => void;
}

/**
 * Imports files in order; a later file's copy of a location replaces an earlier one's. A file that cannot
 * be read is reported and skipped; the others still import.
 */
export async function importFiles(files: string[], options: ImportFilesOptions): Promise<ImportFilesResult> {
  const byKey = new Map<string, Location>();
  const outcomes: FileOutcome[] = [];
  let replaced = 0;
  const parsed: Array<{ file: string; value: unknown; notes: string[] }> = [];
  let reference = options.reference;
  for (const file of files) {
    const read = await readJsonFile(file);
    if (!read.ok) {
      outcomes.push({ file, error: read.error, notes: [] });
      continue;
    }
    if (options.format === 'ocm' && isOcmReference(read.value)) {
      reference = readOcmReference(read.value);
      outcomes.push({ file, notes: read.notes, reference: true });
      continue;
    }
    parsed.push({ file, value: read.value, notes: read.notes });
  }
  for (const { file, value, notes } of parsed) {
    const source = sourceName(file);
    const onProgress = options.onProgress && ((done: number, total: number) => options.onProgress!(file, done, total));
    const result =
      options.format === 'ocpi'
        ? importOcpiLocations(value, { source, now: options.now, onProgress, progressEvery: 5000 })
        : importOcmPois(value, { source, now: options.now, reference: reference ?? readOcmReference(null) });
    if (options.format === 'ocm' && !reference) {
      notes.push('no Open Charge Map reference data given: operator and country names are not resolved');
    }
    for (const location of result.locations) {
      const key = locationKey(location);
      if (byKey.has(key)) replaced += 1;
      byKey.set(key, location);
    }
    outcomes.push({ file, notes, report: result.report });
  }
  outcomes.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
  return { locations: [...byKey.values()], files: outcomes, replaced };
}
