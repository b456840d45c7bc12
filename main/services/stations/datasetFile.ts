// The station dataset file: the store's columns as aligned binary sections behind a JSON header, gzipped; checked section by section on load.
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { CONNECTOR_FORMATS, CONNECTOR_STANDARDS, EVSE_STATUSES, POWER_TYPES, type TariffSummary } from '../../../shared/stations/model';
import { NONE } from '../../../shared/stations/columns';
import { columnConstructor, StringColumn, type ColumnType, type TypedColumn } from './columnBuffers';
import { COLUMN_SPECS, DICTIONARIES, NO_ENUM, STRING_SPECS, StationStore, type DictionaryName, type StoreData } from './stationStore';
import { writeBinaryAtomic } from './binaryFile';

const MAGIC = 'CSTN';
export const DATASET_VERSION = 1;
/** Refuse before inflating: a dataset of a million stations is ~40 MB compressed. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const MAX_ITEMS = 50_000_000;

export interface DatasetMeta {
  description: string;
  createdAt: number;
  /** Generator seed, for generated datasets. */
  seed?: number;
}

interface Section {
  name: string;
  type: ColumnType;
  offset: number;
  length: number;
  /** How the bytes were rearranged for compression (see packColumn). */
  packing: Packing;
}

/**
 * delta: each u32 minus the previous one (offsets become small numbers); xor: each f64's bits XOR the
 * previous one's (timestamps and nearby coordinates share their high bits); then the bytes are split into
 * planes (all first bytes, all second bytes…) so gzip sees long runs. All exactly reversible.
 */
type Packing = 'planes' | 'delta-planes' | 'xor-planes' | 'raw';

function packingOf(name: string, type: ColumnType): Packing {
  if (type === 'u8') return 'raw';
  if (type === 'f64') return 'xor-planes';
  if (type === 'u32' && (name.endsWith('.offsets') || name === 'evseStart' || name === 'connStart')) return 'delta-planes';
  return 'planes';
}

function packColumn(data: TypedColumn, packing: Packing): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (packing === 'raw') return bytes;
  let source = bytes;
  if (packing === 'delta-planes') {
    const words = new Uint32Array(data as Uint32Array);
    for (let i = words.length - 1; i > 0; i--) words[i] = (words[i] - words[i - 1]) >>> 0;
    source = new Uint8Array(words.buffer);
  } else if (packing === 'xor-planes') {
    const words = new Uint32Array(new Float64Array(data as Float64Array).buffer);
    for (let i = words.length - 1; i >= 2; i--) words[i] ^= words[i - 2];
    source = new Uint8Array(words.buffer);
  }
  const width = data.BYTES_PER_ELEMENT;
  const n = data.length;
  const planes = new Uint8Array(source.length);
  for (let b = 0; b < width; b++) for (let i = 0; i < n; i++) planes[b * n + i] = source[i * width + b];
  return planes;
}

function unpackColumn(bytes: Uint8Array, type: ColumnType, length: number, packing: Packing): TypedColumn {
  const Ctor = columnConstructor(type);
  // Copies, so the columns do not keep the whole inflated file alive.
  if (packing === 'raw') return bytes.slice(0, length);
  const width = Ctor.BYTES_PER_ELEMENT;
  // Whole words at a time (not byte by byte): this runs once per start-up, often before the JIT has warmed up.
  const words = new Uint32Array(Math.ceil((length * width) / 4));
  const plane = (b: number) => bytes.subarray(b * length, (b + 1) * length);
  if (width === 2) {
    const [p0, p1] = [plane(0), plane(1)];
    const out = new Uint16Array(words.buffer, 0, length);
    for (let i = 0; i < length; i++) out[i] = p0[i] | (p1[i] << 8);
  } else if (width === 4) {
    const [p0, p1, p2, p3] = [plane(0), plane(1), plane(2), plane(3)];
    for (let i = 0; i < length; i++) words[i] = p0[i] | (p1[i] << 8) | (p2[i] << 16) | (p3[i] << 24);
  } else {
    const [p0, p1, p2, p3, p4, p5, p6, p7] = [0, 1, 2, 3, 4, 5, 6, 7].map(plane);
    for (let i = 0; i < length; i++) {
      words[2 * i] = p0[i] | (p1[i] << 8) | (p2[i] << 16) | (p3[i] << 24);
      words[2 * i + 1] = p4[i] | (p5[i] << 8) | (p6[i] << 16) | (p7[i] << 24);
    }
  }
  if (packing === 'delta-planes') {
    for (let i = 1; i < length; i++) words[i] = (words[i] + words[i - 1]) >>> 0;
  } else if (packing === 'xor-planes') {
    for (let i = 2; i < words.length; i++) words[i] ^= words[i - 2];
  }
  return new Ctor(words.buffer, 0, length);
}

interface Header {
  meta: DatasetMeta;
  counts: StoreData['counts'];
  sections: Section[];
  dicts: Record<DictionaryName, string[]>;
  tariffs: TariffSummary[];
}

/** A dataset file that cannot be read: the message names the file and the part that is wrong. */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

const align8 = (n: number) => (n + 7) & ~7;

export function encodeDataset(store: StationStore, meta: DatasetMeta): Buffer {
  const arrays: Array<[string, ColumnType, TypedColumn]> = [];
  for (const [name, spec] of Object.entries(COLUMN_SPECS)) arrays.push([name, spec.type, store.data.columns[name]]);
  for (const name of Object.keys(STRING_SPECS)) {
    const column = store.data.strings[name];
    arrays.push([`${name}.offsets`, 'u32', column.offsets], [`${name}.bytes`, 'u8', column.bytes]);
  }
  const sections: Section[] = [];
  const packed: Uint8Array[] = [];
  let offset = 0;
  for (const [name, type, data] of arrays) {
    const packing = packingOf(name, type);
    sections.push({ name, type, offset, length: data.length, packing });
    packed.push(packColumn(data, packing));
    offset = align8(offset + data.byteLength);
  }
  const header: Header = { meta, counts: store.data.counts, sections, dicts: store.data.dicts, tariffs: store.data.tariffs };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align8(12 + headerBytes.length);
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(DATASET_VERSION, 4);
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, 12);
  packed.forEach((bytes, k) => out.set(bytes, start + sections[k].offset));
  return gzipSync(out, { level: 6 });
}

export async function saveDataset(path: string, store: StationStore, meta: DatasetMeta): Promise<number> {
  const bytes = encodeDataset(store, meta);
  await writeBinaryAtomic(path, bytes);
  return bytes.length;
}

export async function loadDataset(path: string): Promise<{ store: StationStore; meta: DatasetMeta }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DatasetError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return decodeDataset(bytes, path);
}

export function decodeDataset(file: Uint8Array, label: string): { store: StationStore; meta: DatasetMeta } {
  const fail = (where: string, message: string): never => {
    throw new DatasetError(`${label}: ${where}: ${message}`);
  };
  if (file.length > MAX_FILE_BYTES) fail('file', `${file.length} bytes is more than a dataset can be`);
  let raw: Buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw, { maxOutputLength: MAX_FILE_BYTES * 4 });
    } catch (error) {
      fail('gzip', (error as Error).message);
    }
  }
  if (raw.length < 12 || raw.toString('latin1', 0, 4) !== MAGIC) fail('byte 0', 'not a Cabin station dataset (no CSTN signature)');
  const version = raw.readUInt32LE(4);
  if (version !== DATASET_VERSION) fail('byte 4', `format version ${version}; this build reads version ${DATASET_VERSION}`);
  const headerLength = raw.readUInt32LE(8);
  if (12 + headerLength > raw.length) fail('byte 8', `header of ${headerLength} bytes runs past the end of the file`);
  let header: Header;
  try {
    header = JSON.parse(raw.toString('utf8', 12, 12 + headerLength)) as Header;
  } catch (error) {
    return fail('header', `invalid JSON (${(error as Error).message})`);
  }
  const start = align8(12 + headerLength);
  const counts = header.counts;
  for (const key of ['locations', 'evses', 'connectors'] as const) {
    const n = counts?.[key];
    if (!Number.isInteger(n) || n < 0 || n > MAX_ITEMS) fail(`header.counts.${key}`, `${JSON.stringify(n)} is not a count`);
  }
  const sections = new Map((Array.isArray(header.sections) ? header.sections : []).map((s) => [s.name, s]));
  const view = (name: string, type: ColumnType, length: number): TypedColumn => {
    const section = sections.get(name);
    if (!section) return fail(`section ${name}`, 'missing');
    if (section.type !== type) fail(`section ${name}`, `type ${section.type}, expected ${type}`);
    if (section.length !== length) fail(`section ${name}`, `${section.length} entries, expected ${length}`);
    const Ctor = columnConstructor(type);
    const begin = start + section.offset;
    if (!Number.isInteger(section.offset) || section.offset % 8 !== 0 || begin + length * Ctor.BYTES_PER_ELEMENT > raw.length) {
      fail(`section ${name}`, `offset ${section.offset} is misaligned or runs past the end of the file`);
    }
    if (section.packing !== packingOf(name, type)) fail(`section ${name}`, `packing ${JSON.stringify(section.packing)}, expected ${packingOf(name, type)}`);
    return unpackColumn(raw.subarray(begin, begin + length * Ctor.BYTES_PER_ELEMENT), type, length, section.packing);
  };
  const levelCount = { location: counts.locations, evse: counts.evses, connector: counts.connectors };
  const columns: Record<string, TypedColumn> = {};
  for (const [name, spec] of Object.entries(COLUMN_SPECS)) {
    columns[name] = view(name, spec.type, levelCount[spec.level] * (spec.per ?? 1) + (spec.offsets ? 1 : 0));
  }
  const strings: Record<string, StringColumn> = {};
  for (const [name, level] of Object.entries(STRING_SPECS)) {
    const offsets = view(`${name}.offsets`, 'u32', levelCount[level] + 1) as Uint32Array;
    const byteSection = sections.get(`${name}.bytes`);
    const bytes = view(`${name}.bytes`, 'u8', byteSection?.length ?? -1) as Uint8Array;
    checkOffsets(offsets, bytes.length, `section ${name}.offsets`, fail);
    strings[name] = new StringColumn(offsets, bytes);
  }
  const dicts = {} as Record<DictionaryName, string[]>;
  for (const name of DICTIONARIES) {
    const values = header.dicts?.[name];
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) fail(`header.dicts.${name}`, 'not a list of strings');
    dicts[name] = values;
  }
  const tariffs = Array.isArray(header.tariffs) ? header.tariffs : fail('header.tariffs', 'not a list');
  tariffs.forEach((t, k) => {
    if (typeof t?.currency !== 'string' || ![t.energy_per_kwh, t.time_per_hour, t.flat].every((n) => typeof n === 'number' && n >= 0)) {
      fail(`header.tariffs[${k}]`, 'not a tariff summary');
    }
  });
  checkOffsets(columns.evseStart as Uint32Array, counts.evses, 'section evseStart', fail);
  checkOffsets(columns.connStart as Uint32Array, counts.connectors, 'section connStart', fail);
  const codeLimits: Record<string, number> = {
    operator: dicts.operators.length,
    detail: dicts.details.length,
    hours: dicts.hoursTable.length,
    timeZone: dicts.timeZones.length,
    party: dicts.parties.length,
    postalCode: dicts.postalCodes.length,
    connTariff: tariffs.length,
  };
  for (const [name, limit] of Object.entries(codeLimits)) checkCodes(columns[name], limit, true, `section ${name}`, fail);
  checkCodes(columns.source, dicts.sources.length, false, 'section source', fail);
  checkCodes(columns.connId, dicts.connectorIds.length, false, 'section connId', fail);
  checkCodes(columns.connTariffIds, dicts.tariffIdLists.length, false, 'section connTariffIds', fail);
  checkEnum(columns.connStandard, CONNECTOR_STANDARDS.length, false, 'section connStandard', fail);
  checkEnum(columns.connPowerType, POWER_TYPES.length, false, 'section connPowerType', fail);
  checkEnum(columns.connFormat, CONNECTOR_FORMATS.length, true, 'section connFormat', fail);
  checkEnum(columns.evseStatus, EVSE_STATUSES.length, false, 'section evseStatus', fail);
  const { lat, lon } = columns;
  for (let i = 0; i < counts.locations; i++) {
    if (!(Math.abs(lat[i]) <= 90) || !(Math.abs(lon[i]) <= 180)) fail(`section lat/lon[${i}]`, `(${lat[i]}, ${lon[i]}) is not a position`);
  }
  for (const name of ['hoursTable', 'details', 'tariffIdLists'] as const) {
    for (let k = 0; k < dicts[name].length; k++) {
      try {
        JSON.parse(dicts[name][k]);
      } catch {
        fail(`header.dicts.${name}[${k}]`, 'invalid JSON');
      }
    }
  }
  return { store: new StationStore({ counts, columns, strings, dicts, tariffs }), meta: header.meta };
}

type Fail = (where: string, message: string) => never;

function checkOffsets(offsets: Uint32Array, end: number, where: string, fail: Fail): void {
  if (offsets[0] !== 0) fail(`${where}[0]`, `${offsets[0]}, expected 0`);
  for (let k = 1; k < offsets.length; k++) {
    if (offsets[k] < offsets[k - 1]) fail(`${where}[${k}]`, `${offsets[k]} goes backwards`);
  }
  if (offsets[offsets.length - 1] !== end) fail(`${where}[${offsets.length - 1}]`, `${offsets[offsets.length - 1]}, expected ${end}`);
}

function checkCodes(column: TypedColumn, limit: number, noneAllowed: boolean, where: string, fail: Fail): void {
  for (let k = 0; k < column.length; k++) {
    const code = column[k];
    if (code >= limit && !(noneAllowed && code === NONE)) fail(`${where}[${k}]`, `code ${code} is past the dictionary (${limit} entries)`);
  }
}

function checkEnum(column: TypedColumn, size: number, noneAllowed: boolean, where: string, fail: Fail): void {
  for (let k = 0; k < column.length; k++) {
    const value = column[k];
    if (value >= size && !(noneAllowed && value === NO_ENUM)) fail(`${where}[${k}]`, `value ${value} is not one of the ${size} known`);
  }
}
