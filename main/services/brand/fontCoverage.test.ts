import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../test/fixtures/corpus';
import { glyphLookup } from './cmapCoverage';
import { FontFormatError, readFontTable } from './fontTables';

const fontsource = (pkg: string, file: string) => readFileSync(join(projectRoot, 'node_modules', '@fontsource', pkg, 'files', file));

/** A cmap with one format-4 subtable: A–C by delta, 充 through the glyph array, 电 mapped to glyph 0 (missing). */
function format4Cmap(): Buffer {
  // Segments: [0x41–0x43 delta], [0x5145–0x5145 glyph array], [0x7535 → glyph 0 via array], [0xFFFF end].
  const segCount = 4;
  const sub = Buffer.alloc(14 + segCount * 8 + 2 + 4);
  let o = 0;
  const u16 = (v: number) => {
    sub.writeUInt16BE(v & 0xffff, o);
    o += 2;
  };
  u16(4); // format
  u16(sub.length);
  u16(0); // language
  u16(segCount * 2);
  u16(4);
  u16(1);
  u16(0);
  for (const end of [0x43, 0x5145, 0x7535, 0xffff]) u16(end);
  u16(0); // reserved pad
  for (const start of [0x41, 0x5145, 0x7535, 0xffff]) u16(start);
  for (const delta of [-0x40, 0, 0, 1]) u16(delta);
  // idRangeOffset is relative to its own slot; the glyph array follows the four offsets.
  const rangeOffsetsAt = o;
  const glyphArrayAt = rangeOffsetsAt + segCount * 2;
  u16(0);
  u16(glyphArrayAt - (rangeOffsetsAt + 2));
  u16(glyphArrayAt + 2 - (rangeOffsetsAt + 4));
  u16(0);
  u16(7); // 充 → glyph 7
  u16(0); // 电 → glyph 0: no glyph
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(1, 2);
  header.writeUInt16BE(3, 4);
  header.writeUInt16BE(1, 6);
  header.writeUInt32BE(12, 8);
  return Buffer.concat([header, sub]);
}

function sfnt(tables: Record<string, Buffer>): Buffer {
  const tags = Object.keys(tables);
  const head = Buffer.alloc(12 + tags.length * 16);
  head.writeUInt32BE(0x00010000, 0);
  head.writeUInt16BE(tags.length, 4);
  let offset = head.length;
  tags.forEach((tag, i) => {
    head.write(tag, 12 + i * 16, 'latin1');
    head.writeUInt32BE(offset, 12 + i * 16 + 8);
    head.writeUInt32BE(tables[tag].length, 12 + i * 16 + 12);
    offset += tables[tag].length;
  });
  return Buffer.concat([head, ...tags.map((t) => tables[t])]);
}

function woff(tables: Record<string, Buffer>): Buffer {
  const tags = Object.keys(tables);
  const head = Buffer.alloc(44 + tags.length * 20);
  head.write('wOFF', 0, 'latin1');
  head.writeUInt16BE(tags.length, 12);
  let offset = head.length;
  const bodies: Buffer[] = [];
  tags.forEach((tag, i) => {
    const packed = deflateSync(tables[tag]);
    head.write(tag, 44 + i * 20, 'latin1');
    head.writeUInt32BE(offset, 44 + i * 20 + 4);
    head.writeUInt32BE(packed.length, 44 + i * 20 + 8);
    head.writeUInt32BE(tables[tag].length, 44 + i * 20 + 12);
    bodies.push(packed);
    offset += packed.length;
  });
  return Buffer.concat([head, ...bodies]);
}

describe('font coverage', () => {
  it('reads format 4 through deltas and the glyph array, in TrueType and WOFF containers', () => {
    for (const font of [sfnt({ head: Buffer.alloc(54), cmap: format4Cmap() }), woff({ cmap: format4Cmap(), head: Buffer.alloc(54) })]) {
      const has = glyphLookup(readFontTable(font, 'cmap')!);
      expect([..."ABC"].map((c) => has(c.codePointAt(0)!))).toEqual([true, true, true]);
      expect(has('D'.codePointAt(0)!)).toBe(false);
      expect(has('充'.codePointAt(0)!)).toBe(true);
      expect(has('电'.codePointAt(0)!)).toBe(false);
      expect(has(0x1f600)).toBe(false);
    }
  });

  it('reads real WOFF2 and WOFF fonts: Inter has Latin only, the Noto Sans SC subset has Chinese', () => {
    for (const file of ['inter-latin-400-normal.woff2', 'inter-latin-400-normal.woff']) {
      const has = glyphLookup(readFontTable(fontsource('inter', file), 'cmap')!);
      expect(has('A'.codePointAt(0)!)).toBe(true);
      expect(has('é'.codePointAt(0)!)).toBe(true);
      expect(has('充'.codePointAt(0)!)).toBe(false);
    }
    const noto = glyphLookup(readFontTable(fontsource('noto-sans-sc', 'noto-sans-sc-chinese-simplified-400-normal.woff2'), 'cmap')!);
    expect([...'充电中未在'].every((c) => noto(c.codePointAt(0)!))).toBe(true);
    // Tables after the first decompress at the right offsets too: head's magic number.
    const head = readFontTable(fontsource('inter', 'inter-latin-400-normal.woff2'), 'head')!;
    expect(Buffer.from(head).readUInt32BE(12)).toBe(0x5f0f3cf5);
  });

  it('refuses what is not a font, and truncated fonts, with a reason', () => {
    expect(() => readFontTable(Buffer.from('<svg></svg>'), 'cmap')).toThrow(/not a font file \(no TrueType, OpenType, WOFF or WOFF2 signature\)/);
    expect(() => readFontTable(Buffer.from('ab'), 'cmap')).toThrow(FontFormatError);
    const real = fontsource('inter', 'inter-latin-400-normal.woff2');
    expect(() => readFontTable(real.subarray(0, 200), 'cmap')).toThrow(/truncated font/);
    expect(() => readFontTable(sfnt({ cmap: format4Cmap() }).subarray(0, 30), 'cmap')).toThrow(/truncated font/);
    expect(readFontTable(sfnt({ head: Buffer.alloc(54) }), 'cmap')).toBeNull();
    expect(() => glyphLookup(Buffer.from([0, 0, 0, 0]))).toThrow(/no Unicode character map/);
  });
});
