// Finds one table (e.g. cmap) inside a font file: plain TrueType/OpenType, WOFF (zlib) or WOFF2 (Brotli).
import { brotliDecompressSync, inflateSync } from 'node:zlib';

export class FontFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FontFormatError';
  }
}

const tag = (bytes: Uint8Array, at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);

/** WOFF2's table directory names common tables by index (WOFF2 spec, 5.1 "Known table tags"). */
const WOFF2_KNOWN_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT',
  'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH',
  'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar',
  'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill',
];

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function need(bytes: Uint8Array, end: number, what: string): void {
  if (end > bytes.length) throw new FontFormatError(`truncated font: ${what} runs past the end of the file`);
}

function sfntTable(bytes: Uint8Array, wanted: string): Uint8Array | null {
  need(bytes, 12, 'the table directory');
  const dv = view(bytes);
  const count = dv.getUint16(4);
  need(bytes, 12 + count * 16, 'the table directory');
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (tag(bytes, at) !== wanted) continue;
    const offset = dv.getUint32(at + 8);
    const length = dv.getUint32(at + 12);
    need(bytes, offset + length, `table ${wanted}`);
    return bytes.subarray(offset, offset + length);
  }
  return null;
}

function woffTable(bytes: Uint8Array, wanted: string): Uint8Array | null {
  need(bytes, 44, 'the WOFF header');
  const dv = view(bytes);
  const count = dv.getUint16(12);
  need(bytes, 44 + count * 20, 'the table directory');
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    if (tag(bytes, at) !== wanted) continue;
    const offset = dv.getUint32(at + 4);
    const compLength = dv.getUint32(at + 8);
    const origLength = dv.getUint32(at + 12);
    need(bytes, offset + compLength, `table ${wanted}`);
    const stored = bytes.subarray(offset, offset + compLength);
    return compLength < origLength ? new Uint8Array(inflateSync(stored, { maxOutputLength: origLength })) : stored;
  }
  return null;
}

/** WOFF2's UIntBase128: 1–5 bytes, 7 bits each, no leading zeros. */
function readBase128(bytes: Uint8Array, pos: { at: number }): number {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    need(bytes, pos.at + 1, 'the table directory');
    const byte = bytes[pos.at++];
    if (i === 0 && byte === 0x80) throw new FontFormatError('malformed WOFF2 table directory (leading zero)');
    if (value & 0xfe000000) throw new FontFormatError('malformed WOFF2 table directory (overflow)');
    value = (value << 7) | (byte & 0x7f);
    if ((byte & 0x80) === 0) return value >>> 0;
  }
  throw new FontFormatError('malformed WOFF2 table directory (number too long)');
}

function woff2Table(bytes: Uint8Array, wanted: string): Uint8Array | null {
  need(bytes, 48, 'the WOFF2 header');
  const dv = view(bytes);
  if (tag(bytes, 4) === 'ttcf') throw new FontFormatError('font collections (TTC) are not supported; ship one face per file');
  const count = dv.getUint16(12);
  const totalCompressed = dv.getUint32(20);
  const pos = { at: 48 };
  let offset = 0;
  let found: { offset: number; length: number } | null = null;
  for (let i = 0; i < count; i++) {
    need(bytes, pos.at + 1, 'the table directory');
    const flags = bytes[pos.at++];
    let name: string;
    if ((flags & 0x3f) === 0x3f) {
      need(bytes, pos.at + 4, 'the table directory');
      name = tag(bytes, pos.at);
      pos.at += 4;
    } else name = WOFF2_KNOWN_TAGS[flags & 0x3f];
    const origLength = readBase128(bytes, pos);
    const version = flags >> 6;
    // glyf and loca are transformed unless version 3; every other table only when version is not 0.
    const transformed = name === 'glyf' || name === 'loca' ? version !== 3 : version !== 0;
    const length = transformed ? readBase128(bytes, pos) : origLength;
    if (name === wanted) found = { offset, length };
    offset += length;
  }
  if (!found) return null;
  need(bytes, pos.at + totalCompressed, 'the compressed tables');
  // Tables sit back to back in one Brotli stream; the directory says how long it decompresses to.
  const stream = brotliDecompressSync(bytes.subarray(pos.at, pos.at + totalCompressed), { maxOutputLength: Math.max(offset, 1) });
  if (stream.length < found.offset + found.length) throw new FontFormatError(`truncated font: table ${wanted} runs past the end of the data`);
  return new Uint8Array(stream.buffer, stream.byteOffset + found.offset, found.length);
}

/** The named table's bytes, or null when the font has none; FontFormatError when it is not a font. */
export function readFontTable(bytes: Uint8Array, wanted: string): Uint8Array | null {
  if (bytes.length < 4) throw new FontFormatError('not a font file (too short)');
  const signature = tag(bytes, 0);
  if (signature === 'wOF2') return woff2Table(bytes, wanted);
  if (signature === 'wOFF') return woffTable(bytes, wanted);
  if (signature === 'OTTO' || signature === 'true' || (bytes[0] === 0 && bytes[1] === 1 && bytes[2] === 0 && bytes[3] === 0)) {
    return sfntTable(bytes, wanted);
  }
  throw new FontFormatError('not a font file (no TrueType, OpenType, WOFF or WOFF2 signature)');
}
